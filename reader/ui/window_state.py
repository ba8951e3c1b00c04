"""The window comes back as it was left: size and place, panels, the split between the lists and
the page, and the page that was open (Settings.window_geometry, window_state, splitter_state,
last_page)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer

from reader.ui.navigation import HOME

log = logging.getLogger(__name__)


def _decode(text: str) -> QByteArray | None:
    if not text:
        return None
    try:
        data = QByteArray.fromBase64(text.encode("ascii"))
    except UnicodeEncodeError:
        return None
    return data if not data.isEmpty() else None


def _encode(data: QByteArray) -> str:
    return bytes(data.toBase64()).decode("ascii")


def restore_layout(window) -> None:
    """Size, panels and splitter from the settings; anything unreadable is ignored."""
    s = window.settings
    if (geometry := _decode(s.window_geometry)) is not None:
        window.restoreGeometry(geometry)
    if (state := _decode(s.window_state)) is not None:
        window.restoreState(state)
    if (split := _decode(s.splitter_state)) is not None:
        window.splitter.restoreState(split)


def restore_last_page(window) -> None:
    """Open the page that was open last, unless the reader has already gone somewhere
    (`--open SLUG`, a click) or that factsheet is no longer in the content."""
    slug = window.settings.last_page
    if not slug or slug == HOME or window.store.get(slug) is None:
        return
    if window.current_page() == HOME and not window.history.can_go_back():
        window.open_factsheet(slug)


def save_window_state(window) -> None:
    s = window.settings
    s.window_geometry = _encode(window.saveGeometry())
    s.window_state = _encode(window.saveState())
    s.splitter_state = _encode(window.splitter.saveState())
    page = window.current_page()
    s.last_page = page if page and page != HOME else ""
    try:
        s.save()
    except OSError as exc:
        log.warning("could not save the window's state: %s", exc)


class _SaveOnClose(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if obj is self.window and event.type() == QEvent.Type.Close:
            save_window_state(self.window)
        return False


def install(window) -> None:
    restore_layout(window)
    window._window_state_saver = _SaveOnClose(window)
    window.installEventFilter(window._window_state_saver)
    QTimer.singleShot(0, window, lambda: restore_last_page(window))
