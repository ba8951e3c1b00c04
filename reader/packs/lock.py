"""One install at a time: an exclusive lock on a file in the packs folder.

The operating system drops the lock when the process ends, however it ends, so a killed install
never leaves a stale lock behind. The lock file itself is never deleted (deleting it would let two
processes each lock a different file).
"""

from __future__ import annotations

import os
from pathlib import Path

from reader.file_lock import try_lock as _lock
from reader.file_lock import unlock as _unlock
from reader.packs.errors import PackError

BUSY = "another content pack install is in progress; try again when it has finished"


class InstallLock:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    def __enter__(self) -> InstallLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise PackError(str(self.path.parent), BUSY) from None
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None

