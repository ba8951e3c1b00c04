"""A per-user cache of parsed content stores, so an unchanged content folder is not parsed again.

Entries are pickles in the per-user cache folder (written only by this user's app, like every
other file there), named by the content digest, the folder's path and a fingerprint of the code
that parses content: any edit to the parser or the model makes old entries miss. A damaged or
unreadable entry is ignored and replaced; failing to write one is never an error.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import sys
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)
_CODE = ("model.py", "factsheet_file.py", "store.py", "markup.py", "errors.py")
KEEP = 4  # entries kept per cache folder (a few packs or folders at most)


@cache
def _code_fingerprint() -> str:
    """Changes whenever the parsing code does. A frozen app (PyInstaller) has no source files:
    there the executable's size and time stand for the code, as a rebuild changes them."""
    here = Path(__file__).parent
    h = hashlib.sha256()
    try:
        for name in _CODE:
            h.update((here / name).read_bytes())
    except OSError:
        exe = Path(sys.executable)
        try:
            stat = exe.stat()
            h.update(f"frozen:{exe}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        except OSError:
            h.update(f"frozen:{exe}".encode())
    return h.hexdigest()[:16]


def entry_path(folder: Path, root: Path, digest: str) -> Path:
    where = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:12]
    return Path(folder) / "content" / f"{digest[:32]}-{where}-{_code_fingerprint()}.pickle"


def read(folder: Path, root: Path, digest: str):
    """The cached ContentStore for this folder and digest, or None."""
    path = entry_path(folder, root, digest)
    try:
        with open(path, "rb") as fh:
            store = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged entry is only a cache miss
        log.info("ignoring unreadable content cache %s (%s)", path, exc)
        return None
    if getattr(store, "digest", None) != digest:
        return None
    return store


def write(folder: Path, store) -> None:
    """Keep `store` for next time; any failure is logged and ignored."""
    from reader.atomic_write import write_bytes_atomically  # only on a cache miss

    path = entry_path(folder, store.root, store.digest)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Removes its temporary file if the write fails (a full disk must not fill up further).
        write_bytes_atomically(path, pickle.dumps(store, protocol=pickle.HIGHEST_PROTOCOL),
                               durable=False)
        _prune(path.parent)
    except Exception as exc:
        log.info("could not write the content cache %s (%s)", path, exc)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
