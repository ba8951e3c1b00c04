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
from reader.file_lock import try_lock, unlock
from reader.json_text import parse_json
from reader.search.documents import index_document
from reader.search.filters import SearchFilters, SearchResult
from reader.search.query import run_search
from reader.search.schema import SCHEMA_VERSION, build_schema

log = logging.getLogger(__name__)

META_FILE = "meta.json"
IN_USE_PREFIX = ".in-use-"  # one locked marker file per process that has an index open
Progress = Callable[[int, int], None]


class BuildCancelled(Exception):
    """The caller asked the build to stop; nothing was switched."""


class IndexError_(Exception):
    """The index folder cannot be used (not writable, disk full, ...)."""


class SearchIndex:
    """An open index; `search()` is safe to call from one thread at a time.

    An index opened by `open_or_build` can repair itself: a damaged segment can pass the checks
    made on open (the document count is still right) and fail only when read, so a search that
    fails while reading rebuilds the index once and is repeated; damage then costs one slow
    search instead of every search failing. It also marks its folder as in use, so that another
    instance tidying the cache does not delete it from under this one.
    """

    def __init__(self, ix, folder: Path) -> None:
        self._ix = ix
        self.folder = folder
        self._searcher = None
        self._lock = threading.Lock()
        self._rebuild: Callable[[Path], Path] | None = None
        self._claim: _Claim | None = None

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
            try:
                return self._run(text, limit, filters, as_you_type)
            except Exception as exc:  # damage reads as zlib.error, "Block tag error", EOFError...
                if self._rebuild is None:
                    raise
                log.warning("search index at %s failed while reading (%r); rebuilding it",
                            self.folder, exc)
                rebuild, self._rebuild = self._rebuild, None  # one rebuild at most
                self._close_whoosh()
                self._release_claim()  # nothing of ours may stay open in the damaged folder
                folder = rebuild(self.folder)
                self._ix, self.folder = _open_whoosh(folder), folder
                self._claim = _Claim.take(folder)
                return self._run(text, limit, filters, as_you_type)

    def _run(self, text, limit, filters, as_you_type) -> SearchResult:
        return run_search(self.searcher(), text, limit=limit, filters=filters or SearchFilters(),
                          as_you_type=as_you_type)

    def _release_claim(self) -> None:
        if self._claim is not None:
            self._claim.release()
            self._claim = None

    def _close_whoosh(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._ix.close()

    def close(self) -> None:
        with self._lock:
            self._close_whoosh()
            self._release_claim()


class _Claim:
    """A locked marker file in an index folder: "this process has the index open". The
    operating system drops the lock when the process ends, however it ends."""

    def __init__(self, fd: int, path: Path) -> None:
        self.fd, self.path = fd, path

    @classmethod
    def take(cls, folder: Path) -> _Claim | None:
        path = Path(folder) / f"{IN_USE_PREFIX}{uuid.uuid4().hex}"
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return None  # a read-only folder (a prebuilt index) is never tidied away anyway
        try:
            try_lock(fd)
        except OSError:
            os.close(fd)
            return None
        return cls(fd, path)

    def release(self) -> None:
        try:
            unlock(self.fd)
        except OSError:
            pass
        os.close(self.fd)
        self.path.unlink(missing_ok=True)


def in_use(folder: Path) -> bool:
    """True while another open index holds a claim on `folder`; stale markers left by processes
    that ended are removed on the way."""
    busy = False
    for marker in Path(folder).glob(f"{IN_USE_PREFIX}*"):
        try:
            fd = os.open(marker, os.O_RDWR)
        except OSError:
            continue
        try:
            try_lock(fd)
        except OSError:
            busy = True
        else:
            unlock(fd)
            marker.unlink(missing_ok=True)
        finally:
            os.close(fd)
    return busy


def index_folder(root: Path, digest: str) -> Path:
    """Where the index for content with this digest lives."""
    return Path(root) / f"v{SCHEMA_VERSION}-{digest[:32]}"


def open_or_build(root: Path, store: ContentStore, progress: Progress | None = None,
                  cancel: threading.Event | None = None,
                  prebuilt: Path | None = None) -> SearchIndex:
    """The index for `store`: the prebuilt one under `prebuilt` if it matches, else the one in
    `root`, built first if there is no good one. Raises IndexError_ if none can be had."""
    root = Path(root)

    def rebuild(damaged: Path) -> Path:
        if damaged.parent == root:
            _set_aside(damaged)  # a prebuilt index is read-only: only a cache index is removed
        return build(root, store)

    index = open_prebuilt(prebuilt, store) if prebuilt is not None else None
    if index is None:
        folder = index_folder(root, store.digest)
        index = try_open(folder, store)
        if index is None:
            build(root, store, progress=progress, cancel=cancel)
            index = try_open(folder, store)
        if index is None:
            raise IndexError_(f"the search index at {folder} could not be opened after building it")
        index._claim = _Claim.take(folder)
    index._rebuild = rebuild
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


def _open_whoosh(folder: Path, readonly: bool = False):
    from whoosh import index as whoosh_index

    return whoosh_index.open_dir(str(folder), readonly=readonly)


def _open_matching(folder: Path, store: ContentStore, readonly: bool) -> SearchIndex:
    meta = parse_json((folder / META_FILE).read_bytes())
    if not isinstance(meta, dict):
        raise ValueError("meta.json is not a JSON object")
    ix = _open_whoosh(folder, readonly)
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
    """Delete indexes for older content or schemas, except those another instance has open (two
    content folders can share one cache: each instance's index is stale to the other)."""
    for entry in root.iterdir():
        if entry == keep or entry.name.startswith(".build-"):
            continue
        if entry.is_dir() and (entry.name.startswith("v") or entry.name.startswith(".broken-")):
            if entry.name.startswith("v") and in_use(entry):
                continue
            shutil.rmtree(entry, ignore_errors=True)
