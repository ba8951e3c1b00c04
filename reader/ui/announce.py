"""Announcements a screen reader speaks without the focus moving: what a live region is on a web
page. Polite ones wait until the screen reader has finished speaking; assertive ones interrupt.

Qt (6.8 and later) hands a QAccessibleAnnouncementEvent to the platform's accessibility bridge:
AT-SPI's Announcement signal on Linux (Orca speaks it), a UIA notification on Windows, an
NSAccessibility announcement on macOS. With no assistive technology running, Qt's accessibility
is inactive and nothing is sent.

`recent` keeps the last announcements made, whether or not anything listens: tests and the
journey probe read it to check what a screen reader would be told.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

# How long typing must pause before a search's result count is spoken (GOV.UK's accessible
# autocomplete waits 1.4 s too): one announcement per pause, not one per keystroke.
SETTLE_MS = 1400
PROGRESS_EVERY_S = 10.0  # a long step's percentage, at most this often (Orca's own default)
KEPT = 50


@dataclass(frozen=True)
class Announcement:
    text: str
    assertive: bool = False


recent: deque[Announcement] = deque(maxlen=KEPT)


def announce(source: QObject, text: str, *, assertive: bool = False) -> None:
    """Tell a screen reader `text` on behalf of `source` (a widget that is showing)."""
    text = " ".join(text.split())
    if not text:
        return
    recent.append(Announcement(text, assertive))
    if not QAccessible.isActive():
        return  # no assistive technology: building the event would only cost time
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


class SettledAnnouncer(QObject):
    """Politely announces the last text it was given once `source` has been quiet for
    `delay_ms`; nothing when `source` is no longer showing (the status it spoke for has gone)."""

    def __init__(self, source, delay_ms: int = SETTLE_MS) -> None:
        super().__init__(source)
        self._source = source
        self._text = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._speak)

    def say(self, text: str) -> None:
        self._text = text
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()

    def pending(self) -> bool:
        return self._timer.isActive()

    def _speak(self) -> None:
        if self._source.isVisible():
            announce(self._source, self._text)


def settled(source) -> SettledAnnouncer:
    """The SettledAnnouncer speaking for `source`, made on first use (a child of `source`)."""
    found = source.findChild(SettledAnnouncer, "", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else SettledAnnouncer(source)


class ProgressAnnouncer:
    """Speaks a long job's progress: each step as it begins, and a step's percentage at most
    every `every_s` seconds, so a screen reader is neither silent nor flooded."""

    def __init__(self, source: QObject, every_s: float = PROGRESS_EVERY_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._source = source
        self._every = every_s
        self._clock = clock
        self._step = ""
        self._last = 0.0

    def progress(self, step: str, done: int, total: int) -> None:
        now = self._clock()
        if step != self._step:
            self._step = step
            self._last = now
            announce(self._source, step)
        elif total > 0 and now - self._last >= self._every:
            self._last = now
            announce(self._source, f"{step}, {min(100, done * 100 // total)}%")
