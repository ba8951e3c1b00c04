"""Write a file so that a crash, a full disk or a bad path never leaves half of it behind."""

from __future__ import annotations

import os
from pathlib import Path


def write_text_atomically(path: Path, text: str, newline: str = "\n") -> None:
    """Write UTF-8 `text` to `path` through a temporary file beside it, then rename it into place.

    `newline` is what each "\\n" in `text` becomes ("\\r\\n" for RIS files). Raises OSError; the
    target is then as it was and no temporary file is left.
    """
    data = text.replace("\n", newline).encode("utf-8") if newline != "\n" else text.encode("utf-8")
    write_bytes_atomically(path, data)


def write_bytes_atomically(path: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to `path` through a temporary file beside it, then rename it into place.

    Raises OSError (a full disk, say); the target is then as it was and the temporary file is
    gone, so a failed write never leaves a file that fills the disk further. Without `durable`
    (caches, which can be rebuilt) the data is not forced to disk before the rename.
    """
    import tempfile  # only when writing: it is slow to import and start-up never writes

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
