"""Non-blocking exclusive locks on open files, the same on every OS.

The operating system drops such a lock when the process ends, however it ends, so a killed
process never leaves a stale lock behind.
"""

from __future__ import annotations

import os

if os.name == "nt":
    import msvcrt

    def try_lock(fd: int) -> None:
        """Lock the file open as `fd`; OSError at once if another process holds the lock."""
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def try_lock(fd: int) -> None:
        """Lock the file open as `fd`; OSError at once if another process holds the lock."""
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
