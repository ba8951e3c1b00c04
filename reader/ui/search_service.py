"""Runs the search index on a worker thread so typing never waits for Whoosh."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.content.store import ContentStore
from reader.search.filters import SearchResult
from reader.ui.module_sources import forget_module_sources

log = logging.getLogger(__name__)


class _Worker(QObject):
    ready = Signal(int)  # documents in the index
    failed = Signal(str)
    progress = Signal(int, int)
    results = Signal(int, object)  # generation, SearchResult

    def __init__(self, index_root: Path, store: ContentStore, service: SearchService,
                 prebuilt_root: Path | None = None) -> None:
        super().__init__()
        self._root = index_root
        self._prebuilt = prebuilt_root
        self._store = store
        self._service = service
        self._index = None
        self.cancel = threading.Event()

    @Slot()
    def open_index(self) -> None:
        try:
            from reader.search.index import open_or_build

            self._index = open_or_build(self._root, self._store, progress=self.progress.emit,
                                        cancel=self.cancel, prebuilt=self._prebuilt)
        except Exception as exc:
            log.exception("search index could not be prepared")
            self.failed.emit(str(exc))
            return
        finally:
            forget_module_sources()
        if self._service.waiting_query is None:  # a query typed already warms up by itself
            self._warm_up()
        self.ready.emit(self._index.doc_count)

    def _warm_up(self) -> None:
        """Whoosh imports its searching modules on the first query: do that now, so the first
        keystroke does not wait for it (a misspelling also loads the corrector). A failure here
        is only logged; the real queries report their own."""
        try:
            self._index.search("nueropathy", limit=1)
        except Exception:
            log.exception("search warm-up failed")
        forget_module_sources()

    @Slot(int, str, object, int)
    def search(self, generation: int, text: str, filters, limit: int) -> None:
        if generation < self._service.latest_generation or self._index is None:
            return  # a newer query is already waiting: drop this one
        try:
            result = self._index.search(text, limit=limit, filters=filters)
        except Exception:
            log.exception("search failed for %r", text)
            result = SearchResult(text)
        if generation == self._service.latest_generation:
            self.results.emit(generation, result)

    @Slot()
    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None


class SearchService(QObject):
    """Opens (or builds) the index in the background, then answers queries, newest only."""

    ready = Signal(int)
    failed = Signal(str)
    progress = Signal(int, int)
    results = Signal(object)  # SearchResult for the newest query
    _request = Signal(int, str, object, int)
    _start = Signal()
    _close = Signal()

    def __init__(self, index_root: Path, store: ContentStore, parent=None,
                 prebuilt_root: Path | None = None) -> None:
        super().__init__(parent)
        self.store = store  # what it searches
        self.latest_generation = 0
        self.is_ready = False
        self._pending: tuple[str, object, int] | None = None
        self._thread = QThread(self)
        self._thread.setObjectName("search")
        self._worker = _Worker(index_root, store, self, prebuilt_root)
        self._worker.moveToThread(self._thread)
        self._start.connect(self._worker.open_index)
        self._request.connect(self._worker.search)
        self._close.connect(self._worker.close)
        self._worker.ready.connect(self._on_ready)
        self._worker.failed.connect(self.failed)
        self._worker.progress.connect(self.progress)
        self._worker.results.connect(self._on_results)

    def start(self) -> None:
        """Start the worker thread and open (or build) the index there."""
        if not self._thread.isRunning():
            from reader.malloc_arenas import share_one_arena

            share_one_arena()  # the search thread allocates from the main heap
            self._thread.start()
        self._start.emit()

    def search(self, text: str, filters=None, limit: int = 30) -> None:
        """Ask for results for `text`; earlier unanswered queries are dropped."""
        self.latest_generation += 1
        if not self.is_ready:
            self._pending = (text, filters, limit)
            return
        self._request.emit(self.latest_generation, text, filters, limit)

    @property
    def waiting_query(self) -> str | None:
        """The query asked for before the index was ready, if any (read by the worker too)."""
        return self._pending[0] if self._pending is not None else None

    def _on_ready(self, count: int) -> None:
        self.is_ready = True
        self.ready.emit(count)
        if self._pending is not None:
            text, filters, limit = self._pending
            self._pending = None
            self.search(text, filters, limit)

    def _on_results(self, generation: int, result) -> None:
        if generation == self.latest_generation:
            self.results.emit(result)

    def shutdown(self) -> None:
        """Cancel any build, close the index and stop the thread (safe to call twice)."""
        if not self._thread.isRunning():
            return
        self._worker.cancel.set()
        self._close.emit()
        self._thread.quit()
        self._thread.wait()
