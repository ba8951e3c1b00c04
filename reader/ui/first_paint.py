"""--quit-after-load: end the app right after its first paint (smoke tests, benchmarks).

Both the reading window (reader/ui/app.py) and the kiosk (reader/ui/kiosk/launch.py) use it,
so it lives apart from both: neither imports the other.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


class ExitAfterFirstPaint(QObject):
    """Ends the event loop right after the watched widget's first paint (--quit-after-load).

    The contract smoke tests rely on: exit code 0 and the log line "home page painted" once the
    page has painted; exit code 1 and "did not paint" if it has not within PAINT_TIMEOUT_MS.
    Under the offscreen platform a window never reports itself exposed, and in Qt 6 quit() closes
    windows first; exit() after the first paint works on every platform.
    """

    PAINT_TIMEOUT_MS = 60_000

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self._app = app
        self._done = False
        QTimer.singleShot(self.PAINT_TIMEOUT_MS, self, self._give_up)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            log.info("home page painted; exiting (--quit-after-load)")
            QTimer.singleShot(0, lambda: self._app.exit(0))
        return False

    def _give_up(self) -> None:
        if not self._done:
            self._done = True
            log.error("the home page did not paint within %d s", self.PAINT_TIMEOUT_MS // 1000)
            self._app.exit(1)
