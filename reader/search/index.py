"""Build, open and replace the on-disk search index.

The index lives in the per-user cache, in a folder named for the schema version and the content
digest. A build writes into a private temporary folder and, once complete (a `meta.json` written
last), renames it into place: a crash mid-build leaves the previous index untouched, and two
instances building at once cannot corrupt each other (the loser of the rename discards its copy).
An index that cannot be opened, or whose meta does not match, is moved aside and rebuilt.

An installed app also ships a prebuilt index (same folder naming) in its read-only install folder,
so the first start needs no build. It is used when its digest matches the content and is only ever
read: if it is missing, stale or damaged, the cache is used as above.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from reader.content.store import ContentStore
from reader.search.documents import index_document
from reader.search.filters import SearchFilters, SearchResult
from reader.search.query import run_search
from reader.search.schema import SCHEMA_VERSION, build_schema

log = logging.getLogger(__name__)

META_FILE = "meta.json"
Progress = Callable[[int, int], None]


class BuildCancelled(Exception):
    """The caller asked the build to stop; nothing was switched."""


class IndexError_(Exception):
    """The index folder cannot be used (not writable, disk full, ...)."""


class SearchIndex:
    """An open index; `search()` is safe to call from one thread at a time."""

    def __init__(self, ix, folder: Path) -> None:
        self._ix = ix
        self.folder = folder
        self._searcher = None
        self._lock = threading.Lock()

    @property
    def doc_count(self) -> int:
        return self._ix.doc_count()

    def searcher(self):
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        return self._searcher

    def search(self, text: str, limit: int = 10, filters: SearchFilters | None = None,
               as_you_type: bool = True) -> SearchResult:
        """Ranked hits for what a person typed; never raises for odd input.

        With `as_you_type`, a last word not followed by a space also matches as a prefix.
        """
        with self._lock:
            return run_search(self.searcher(), text, limit=limit,
                              filters=filters or SearchFilters(), as_you_type=as_you_type)

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._ix.close()


def index_folder(root: Path, digest: str) -> Path:
    """Where the index for content with this digest lives."""
    return Path(root) / f"v{SCHEMA_VERSION}-{digest[:32]}"


def open_or_build(root: Path, store: ContentStore, progress: Progress | None = None,
                  cancel: threading.Event | None = None,
                  prebuilt: Path | None = None) -> SearchIndex:
    """The index for `store`: the prebuilt one under `prebuilt` if it matches, else the one in
    `root`, built first if there is no good one."""
    if prebuilt is not None:
        index = open_prebuilt(prebuilt, store)
        if index is not None:
            return index
    folder = index_folder(root, store.digest)
    index = try_open(folder, store)
    if index is not None:
        return index
    build(root, store, progress=progress, cancel=cancel)
    index = try_open(folder, store)
    if index is None:
        raise IndexError_(f"the search index at {folder} could not be opened after building it")
    return index


def try_open(folder: Path, store: ContentStore) -> SearchIndex | None:
    """Open the index at `folder` if it is complete and matches `store`; set it aside if broken."""
    if not folder.exists():
        return None
    try:
        return _open_matching(folder, store, readonly=False)
    except Exception as exc:  # any failure to read means the index is unusable: rebuild it
        log.warning("search index at %s is unreadable (%s); rebuilding it", folder, exc)
        _set_aside(folder)
        return None


def open_prebuilt(root: Path, store: ContentStore) -> SearchIndex | None:
    """The index shipped under the read-only folder `root` for exactly this content, or None.

    Nothing is ever written there: an index that is missing, for other content or damaged is
    left as it is, and the caller falls back to the cache.
    """
    folder = index_folder(root, store.digest)
    if not folder.is_dir():
        return None
    try:
        index = _open_matching(folder, store, readonly=True)
    except Exception as exc:
        log.warning("prebuilt search index at %s is unusable (%s); using the cache", folder, exc)
        return None
    log.info("using the prebuilt search index at %s", folder)
    return index


def _open_matching(folder: Path, store: ContentStore, readonly: bool) -> SearchIndex:
    from whoosh import index as whoosh_index

    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    ix = whoosh_index.open_dir(str(folder), readonly=readonly)
    count = ix.doc_count()
    if meta.get("digest") != store.digest or meta.get("schema") != SCHEMA_VERSION or \
            count != meta.get("documents") or count != len(store):
        ix.close()
        raise ValueError(f"index meta does not match the content ({count} documents)")
    return SearchIndex(ix, folder)


def build(root: Path, store: ContentStore, progress: Progress | None = None,
          cancel: threading.Event | None = None) -> Path:
    """Write a fresh index for `store` and switch it into place; returns its folder."""
    from whoosh import index as whoosh_index

    root = Path(root)
    final = index_folder(root, store.digest)
    temp = root / f".build-{uuid.uuid4().hex}"
    try:
        temp.mkdir(parents=True)
        ix = whoosh_index.create_in(str(temp), build_schema())
        writer = ix.writer(limitmb=128)
        try:
            total = len(store)
            for n, sheet in enumerate(store, 1):
                if cancel is not None and cancel.is_set():
                    raise BuildCancelled()
                writer.add_document(**index_document(sheet))
                if progress is not None:
                    progress(n, total)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(optimize=True)
        ix.close()
        meta = {"schema": SCHEMA_VERSION, "digest": store.digest, "documents": len(store)}
        (temp / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
        _switch(temp, final)
    except OSError as exc:
        raise IndexError_(f"cannot write the search index in {root}: {exc.strerror or exc}") from exc
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
    _remove_stale(root, keep=final)
    return final


def _switch(temp: Path, final: Path) -> None:
    if final.exists():
        # Another process finished the same build first; its index is as good as ours.
        return
    try:
        os.rename(temp, final)
    except OSError:
        if not final.exists():
            raise


def _set_aside(folder: Path) -> None:
    broken = folder.with_name(f".broken-{folder.name}-{uuid.uuid4().hex[:8]}")
    try:
        os.rename(folder, broken)
        shutil.rmtree(broken, ignore_errors=True)
    except OSError as exc:
        log.warning("could not remove broken index %s: %s", folder, exc)


def _remove_stale(root: Path, keep: Path) -> None:
    """Delete indexes for older content or schemas (another instance may still read one: skip
    anything that cannot be removed)."""
    for entry in root.iterdir():
        if entry == keep or entry.name.startswith(".build-"):
            continue
        if entry.is_dir() and (entry.name.startswith("v") or entry.name.startswith(".broken-")):
            shutil.rmtree(entry, ignore_errors=True)
