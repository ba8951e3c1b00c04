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


PREFERRED_SIZE = (1200, 780)  # the first window on a screen with room for it
SCREEN_SHARE = 0.92  # of the screen's free area, on a smaller screen
PORTRAIT_SHAPE = 1.6  # height to width, at most, of the first window on a portrait screen


def first_size(available_width: int, available_height: int) -> tuple[int, int]:
    """The first window's size for a screen whose free area (less task bars and docks) is
    given: the preferred size where it fits, else most of the screen."""
    width, height = PREFERRED_SIZE
    width = min(width, int(available_width * SCREEN_SHARE))
    if available_height > available_width:
        # A portrait screen (a rotated monitor, a tall reception display): use its height,
        # which is what it is turned for, up to a page-like shape.
        return width, min(int(available_height * SCREEN_SHARE), int(width * PORTRAIT_SHAPE))
    return width, min(height, int(available_height * SCREEN_SHARE))


def _available(window):
    from PySide6.QtGui import QGuiApplication

    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def size_for_screen(window) -> None:
    """Size the window from the screen it is on, and centre it there."""
    area = _available(window)
    if area is None:
        return
    width, height = first_size(area.width(), area.height())
    window.resize(width, height)
    frame = window.frameGeometry()
    frame.moveCenter(area.center())
    window.move(frame.topLeft())


def fits_a_screen(window) -> bool:
    """True when the window (less its frame, which a window manager may let overhang by a
    pixel or two) lies within the free area of one of the screens."""
    from PySide6.QtGui import QGuiApplication

    inside = window.geometry()
    return any(screen.availableGeometry().contains(inside)
               for screen in QGuiApplication.screens())


def keep_on_screen(window) -> None:
    """Once the window is shown (frame and screen known): if it does not fit, size it for the
    screen it is on; then, if the window manager's frame still reaches past the free area
    (the first size is set before the frame's height is known), move it in and take off what
    overhangs."""
    if window.isMaximized() or window.isFullScreen():
        return
    if not fits_a_screen(window):
        log.info("window does not fit this screen; sizing it for the screen")
        size_for_screen(window)
    area, frame = _available(window), window.frameGeometry()
    if area is None or area.contains(frame):
        return
    extra_w = max(0, frame.width() - area.width())
    extra_h = max(0, frame.height() - area.height())
    if extra_w or extra_h:
        window.resize(window.width() - extra_w, window.height() - extra_h)
        frame = window.frameGeometry()
    x = min(max(frame.left(), area.left()), area.right() - frame.width() + 1)
    y = min(max(frame.top(), area.top()), area.bottom() - frame.height() + 1)
    window.move(x, y)


def restore_layout(window) -> None:
    """Size, panels and splitter from the settings; anything unreadable is ignored. A saved
    size and place that no longer fits the screen (a laptop undocked from a big monitor) gives
    way to one made for the screen there is."""
    s = window.settings
    size_for_screen(window)
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
    narrow = getattr(window, "narrow_layout", None)
    if narrow is not None:
        with narrow.readers_choice():  # docks hidden only for a narrow window come back next time
            s.window_state = _encode(window.saveState())
    else:
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


class _FirstPlacement(QObject):
    """Keeps the window on screen once the window manager has framed and placed it: the first
    move after it is shown is when the frame's size is known. Then it stops watching, so a
    window the reader drags partly off the screen is left where they put it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if obj is self.window and event.type() == QEvent.Type.Move and obj.isVisible():
            obj.removeEventFilter(self)
            QTimer.singleShot(0, obj, lambda: keep_on_screen(obj))
        return False


def install(window) -> None:
    restore_layout(window)
    window._window_state_saver = _SaveOnClose(window)
    window.installEventFilter(window._window_state_saver)
    QTimer.singleShot(0, window, lambda: restore_last_page(window))
    QTimer.singleShot(0, window, lambda: keep_on_screen(window))  # after show, no WM or a quick one
    window._first_placement = _FirstPlacement(window)
    window.installEventFilter(window._first_placement)
