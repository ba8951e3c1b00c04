"""Start the GUI: load the content, show the window, open the search index in the background."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from reader.content.store import ContentStore, load_content
from reader.paths import AppPaths
from reader.settings import FILE_NAME as SETTINGS_FILE
from reader.settings import Settings
from reader.ui.main_window import MainWindow
from reader.ui.search_service import SearchService

log = logging.getLogger(__name__)


class _ExitAfterFirstPaint(QObject):
    """Ends the event loop right after the watched widget's first paint (--quit-after-load).

    Under the offscreen platform a window never reports itself exposed, and in Qt 6 quit() closes
    windows first; exit() after the first paint works on every platform.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self._app = app
        self._done = False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, lambda: self._app.exit(0))
        return False


def content_notice(store: ContentStore) -> str | None:
    if not store.problems:
        return None
    for problem in store.problems:
        log.warning("content problem: %s", problem)
    if not len(store):
        return f"No factsheets could be loaded from {store.root}."
    return (f"{len(store.problems)} problem(s) were found in the content; factsheets that "
            "could not be read are left out (details in the log).")


def create_window(store: ContentStore, paths: AppPaths,
                  settings: Settings | None = None) -> MainWindow:
    if settings is None:
        settings = Settings.load(paths.config / SETTINGS_FILE)
    search = SearchService(paths.index_root, store)
    window = MainWindow(store, search, notice=content_notice(store), paths=paths,
                        settings=settings)
    search.setParent(window)
    return window


def run_app(content_dir: Path | None = None, quit_after_load: bool = False,
            open_slug: str | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Factsheet Reader")
    app.setOrganizationName("FactsheetReader")
    paths = AppPaths.default()
    store = load_content(content_dir or paths.bundled_content)
    window = create_window(store, paths)
    if open_slug:
        window.open_factsheet(open_slug)
    window.show()
    window.search_field.setFocus()
    if quit_after_load:
        watcher = _ExitAfterFirstPaint(app)
        window.page.viewport().installEventFilter(watcher)
    else:
        # The index is opened (or built) only once the window is on screen.
        QTimer.singleShot(0, window.search_service.start)
    code = app.exec()
    window.search_service.shutdown()
    return code
