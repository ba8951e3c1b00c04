"""Writes that survive a crash or power cut: fsync the file, replace atomically, fsync the folder."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from reader.packs.errors import PackError


def fsync_dir(folder: Path) -> None:
    """Make a rename or new entry in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open folders; NTFS journals the rename itself
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_file(path: Path, data: bytes) -> None:
    """Put `data` at `path` so that a reader sees either the old file or the new one, whole."""
    path = Path(path)
    # os.urandom, not uuid: importing uuid loads `platform`, a few ms on the start path.
    temp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    try:
        with open(temp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def io_error(path: Path, exc: OSError) -> PackError:
    """A clear message for a failed read or write under `path`."""
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        return PackError(str(path), "cannot write here: the disk is full; nothing was changed")
    if exc.errno == errno.EROFS:
        return PackError(str(path), "cannot write here: the folder is read-only; nothing was "
                                    "changed")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return PackError(str(path), "cannot write here: permission denied; nothing was changed")
    return PackError(str(path), f"disk error ({exc.strerror or exc}); nothing was changed")
