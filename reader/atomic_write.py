"""Write a file so that a crash, a full disk or a bad path never leaves half of it behind."""

from __future__ import annotations

import os
from pathlib import Path


def write_text_atomically(path: Path, text: str, newline: str = "\n") -> None:
    """Write UTF-8 `text` to `path` through a temporary file beside it, then rename it into place.

    `newline` is what each "\\n" in `text` becomes ("\\r\\n" for RIS files). Raises OSError; the
    target is then as it was and no temporary file is left.
    """
    import tempfile  # only when writing: it is slow to import and start-up never writes

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
