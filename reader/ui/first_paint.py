"""The first paint: run what waits for it (the features built after it), and end the app
there for --quit-after-load (smoke tests, benchmarks).

Both the reading window (reader/ui/app.py) and the kiosk (reader/ui/kiosk/launch.py) use it,
so it lives apart from both: neither imports the other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


class AfterFirstPaint(QObject):
    """Calls `callback` once, on the turn of the event loop after `widget` first paints."""

    def __init__(self, widget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


class ExitAfterFirstPaint(QObject):
    """Ends the event loop once the watched widget has painted and everything a person can
    reach is ready (--quit-after-load).

    The contract smoke tests and benchmarks rely on: the log line "home page painted" the
    moment the page first paints; then, once `when_ready` calls back (the features built after
    the first paint), exit code 0; exit code 1 and "did not paint" if the page has not painted
    within PAINT_TIMEOUT_MS. Under the offscreen platform a window never reports itself exposed,
    and in Qt 6 quit() closes windows first; exit() works on every platform.
    """

    PAINT_TIMEOUT_MS = 60_000

    def __init__(self, app: QApplication,
                 when_ready: Callable[[Callable[[], None]], None] | None = None) -> None:
        super().__init__()
        self._app = app
        self._when_ready = when_ready
        self._done = False
        QTimer.singleShot(self.PAINT_TIMEOUT_MS, self, self._give_up)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            log.info("home page painted")
            if self._when_ready is None:
                QTimer.singleShot(0, self._exit)
            else:
                QTimer.singleShot(0, lambda: self._when_ready(self._exit))
        return False

    def _exit(self) -> None:
        log.info("ready; exiting (--quit-after-load)")
        self._app.exit(0)

    def _give_up(self) -> None:
        if not self._done:
            self._done = True
            log.error("the home page did not paint within %d s", self.PAINT_TIMEOUT_MS // 1000)
            self._app.exit(1)
