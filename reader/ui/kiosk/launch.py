"""Start the reader as a kiosk (from run_app): the window, the search index, a guard against
opening anything outside the app, and recovery instead of crash dialogs."""

from __future__ import annotations

import logging
import sys
import threading
import time

from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from reader.content.store import ContentStore
from reader.kiosk.config import STAFF_EXIT_STATUS, KioskConfig
from reader.paths import AppPaths
from reader.ui.kiosk.window import KioskWindow
from reader.ui.module_sources import forget_module_sources
from reader.ui.search_service import SearchService

log = logging.getLogger(__name__)
BLOCKED_SCHEMES = ("http", "https", "mailto", "file", "ftp", "tel")
CRASH_LIMIT = 10  # uncaught errors within CRASH_WINDOW seconds before giving up (and restarting)
CRASH_WINDOW = 60.0
CRASH_EXIT_STATUS = 70


def create_kiosk_window(store: ContentStore, paths: AppPaths, config: KioskConfig,
                        **kwargs) -> KioskWindow:
    search = SearchService(paths.index_root, store, prebuilt_root=paths.prebuilt_index)
    window = KioskWindow(store, search, config, **kwargs)
    search.setParent(window)
    return window


class _RefuseUrls(QObject):
    """Takes every URL Qt would hand to the system browser or mail program, and drops it."""

    @Slot(QUrl)
    def refuse(self, url: QUrl) -> None:
        log.info("kiosk: not opening %s", url.toString())


class _Recovery:
    """In place of a crash dialog: log the error and start the kiosk afresh for the next person.
    Too many errors in a short time end the app with CRASH_EXIT_STATUS, for the supervisor
    (systemd, Shell Launcher) to restart it clean."""

    def __init__(self, app: QApplication, window: KioskWindow) -> None:
        self._app = app
        self._window = window
        self._times: list[float] = []
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value,
                                                        args.exc_traceback)

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            self._app.exit(1)
            return
        log.critical("kiosk: uncaught error; starting afresh", exc_info=(exc_type, exc, tb))
        now = time.monotonic()
        self._times = [t for t in self._times if now - t < CRASH_WINDOW] + [now]
        if len(self._times) >= CRASH_LIMIT:
            log.critical("kiosk: %d errors in %d s; exiting for a clean restart",
                         len(self._times), CRASH_WINDOW)
            self._app.exit(CRASH_EXIT_STATUS)
            return
        QTimer.singleShot(0, self._window, self._window.reset_session)  # on the GUI thread


def run_kiosk(app: QApplication, store: ContentStore, paths: AppPaths, config: KioskConfig,
              quit_after_load: bool = False, open_slug: str | None = None) -> int:
    """Run the kiosk until staff exit it; the exit status is STAFF_EXIT_STATUS then."""
    from reader.ui.first_paint import AfterFirstPaint, ExitAfterFirstPaint

    log.info("starting in kiosk mode (config: %s)", config.source or "none; defaults")
    for problem in config.problems:
        log.warning("kiosk config: %s", problem)
    for problem in store.problems:
        log.warning("content problem: %s", problem)
    if config.pin_hash is None:
        log.warning("kiosk: no staff PIN is set, so staff cannot exit from the screen")
    refuse = _RefuseUrls()
    for scheme in BLOCKED_SCHEMES:
        QDesktopServices.setUrlHandler(scheme, refuse, "refuse")
    app.setQuitOnLastWindowClosed(False)  # only a staff exit ends the kiosk

    window = create_kiosk_window(store, paths, config)
    window.staff_exited.connect(lambda: app.exit(STAFF_EXIT_STATUS))
    if open_slug:
        window.open_factsheet(open_slug)
    window.show()
    QTimer.singleShot(0, forget_module_sources)  # start-up's imports are done
    recovery = _Recovery(app, window)
    recovery.install()
    first_screen = window.stack.currentWidget()
    # The on-screen keyboard is not on screen at first: build it right after the first paint.
    AfterFirstPaint(first_screen, lambda: window.keyboard)
    if quit_after_load:
        watcher = ExitAfterFirstPaint(app)
        first_screen.installEventFilter(watcher)
    else:
        QTimer.singleShot(0, window.search_service.start)
    try:
        code = app.exec()
    finally:
        recovery.uninstall()
        window.search_service.shutdown()
        for scheme in BLOCKED_SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)
    return code
