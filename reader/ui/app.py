"""Start the GUI: load the content, show the window, open the search index in the background."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reader.content.store import ContentStore
from reader.log_file import start_logging
from reader.paths import AppPaths
from reader.settings import FILE_NAME as SETTINGS_FILE
from reader.settings import Settings
from reader.ui.app_icon import set_app_identity
from reader.ui.crash_dialog import CrashReporter
from reader.ui.first_paint import AfterFirstPaint, ExitAfterFirstPaint
from reader.ui.main_window import MainWindow
from reader.ui.module_sources import forget_module_sources
from reader.ui.search_service import SearchService

log = logging.getLogger(__name__)


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
                  settings: Settings | None = None, notice: str | None = None,
                  build_after_first_paint: bool = False) -> MainWindow:
    """The main window for `store`; `notice` (e.g. why a content pack was not used) is shown
    on the home page before any notice about problems in the content itself. With
    `build_after_first_paint`, `window.features.start()` builds what is not on screen at first
    (run_app does that after the first paint)."""
    if settings is None:
        settings = Settings.load(paths.config / SETTINGS_FILE)
    search = SearchService(paths.index_root, store, prebuilt_root=paths.prebuilt_index)
    notices = [n for n in (notice, content_notice(store)) if n]
    window = MainWindow(store, search, notice=" ".join(notices) or None, paths=paths,
                        settings=settings, build_after_first_paint=build_after_first_paint)
    search.setParent(window)
    return window


def run_app(content_dir: Path | None = None, quit_after_load: bool = False,
            open_slug: str | None = None, kiosk: bool = False) -> int:
    paths = AppPaths.default()
    log_file = start_logging(paths.log_file)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Factsheet Reader")
    app.setOrganizationName("FactsheetReader")
    set_app_identity(app, paths.resources)
    crash_reporter = CrashReporter(log_file, app, interactive=not quit_after_load)
    crash_reporter.install()
    from reader.packs.active import content_to_show

    shown = content_to_show(paths, content_dir)  # the active content pack unless --content
    store = shown.store
    # A smoke test (--quit-after-load) must fail when a person would see no factsheet.
    failure = store.missing_content() or (
        f"no factsheet called {open_slug!r} in {store.root}"
        if open_slug and store.get(open_slug) is None else None)
    if failure:
        log.error("%s", failure)
    from reader.kiosk.config import read_kiosk_config

    kiosk_config = read_kiosk_config(paths.site_config_dirs)
    if kiosk or kiosk_config.enabled:  # the system config's `enabled` cannot be overruled here
        from reader.ui.kiosk.launch import run_kiosk

        code = run_kiosk(app, store, paths, kiosk_config, quit_after_load, open_slug)
        crash_reporter.uninstall()
        return _smoke_result(code, failure if quit_after_load else None)
    window = create_window(store, paths, notice=shown.notice, build_after_first_paint=True)
    if open_slug:
        window.open_factsheet(open_slug)
    window.show()
    window.search_field.setFocus()
    window.features.when_ready(forget_module_sources)  # start-up's imports are done then
    if quit_after_load:
        watcher = ExitAfterFirstPaint(app, when_ready=window.features.when_ready)
        window.page.viewport().installEventFilter(watcher)
        AfterFirstPaint(window.page.viewport(), window.features.start)
    else:
        AfterFirstPaint(window.page.viewport(), lambda: _after_first_paint(window))
    code = app.exec()
    window.search_service.shutdown()
    crash_reporter.uninstall()
    return _smoke_result(code, failure if quit_after_load else None)


FEATURES_WAIT_MS = 400  # at most, for the search index to open before the features are built


def _after_first_paint(window: MainWindow) -> None:
    """The search index first: a query typed at once waits for it, so the features not yet on
    screen are built once it is open and any such query answered (or after FEATURES_WAIT_MS,
    if that takes longer, say to build the index): Python runs one thread at a time, and
    building them meanwhile would delay the first results. A shortcut or menu reached for
    before then builds them at once."""
    log.info("home page painted")
    service = window.search_service
    build = window.features.start

    def on_ready(_count: int) -> None:
        if service.waiting_query is None:
            build()
        else:  # answered next; build once it is on screen
            service.results.connect(lambda _result: QTimer.singleShot(0, build))

    service.ready.connect(on_ready)
    service.failed.connect(build)
    QTimer.singleShot(FEATURES_WAIT_MS, build)
    service.start()


def _smoke_result(code: int, failure: str | None) -> int:
    """The exit code: a smoke run that painted no factsheet content fails, saying why."""
    if failure and code == 0:
        print(f"factsheet-reader: {failure}", file=sys.stderr)
        return 1
    return code
