"""One application-wide event filter that keeps the kiosk locked and notices people using it.

It refuses right-click menus, drag and drop and every key combination with Ctrl, Alt or Meta (so
Ctrl+Q, Ctrl+W, Alt+F4 and any shortcut a widget brings with it do nothing), except the staff exit
combination. It reports activity (any touch, click or key) for the idle reset, a long press in the
top-right corner (staff exit) and a horizontal swipe (back).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QKeyCombination, QObject, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from reader.ui.kiosk.metrics import Metrics

LONG_PRESS_MS = 3000

_ACTIVITY = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel, QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
    QEvent.Type.TabletPress, QEvent.Type.Gesture,
}
_REFUSED = {
    QEvent.Type.ContextMenu, QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop,
    QEvent.Type.WhatsThis, QEvent.Type.QueryWhatsThis,
}
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


class Lockdown(QObject):
    """Install on the QApplication with `app.installEventFilter(lockdown)`."""

    activity = Signal()
    staff_exit_requested = Signal()
    swiped = Signal(int)  # +1: finger moved right (back), -1: moved left

    def __init__(self, window: QWidget, metrics: Metrics, exit_keys: str,
                 swipe_allowed: Callable[[QObject], bool] = lambda obj: True) -> None:
        super().__init__(window)
        self._window = window
        self._metrics = metrics
        self._exit = QKeySequence(exit_keys)[0] if exit_keys else None
        self._swipe_allowed = swipe_allowed
        self._press_at: QPointF | None = None
        self.long_press = QTimer(self)
        self.long_press.setSingleShot(True)
        self.long_press.setInterval(LONG_PRESS_MS)
        self.long_press.timeout.connect(self.staff_exit_requested)
        self._swipe_from: QObject | None = None
        self.refused = 0  # events refused so far (for the log and the tests)

    def corner(self) -> QRect:
        """The top-right square, in global coordinates, where a long press asks for the PIN."""
        size = self._metrics.corner
        top_left = self._window.mapToGlobal(self._window.rect().topRight())
        return QRect(top_left.x() - size + 1, top_left.y(), size, size)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in _ACTIVITY:
            self.activity.emit()
        if kind in _REFUSED:
            event.ignore()
            self.refused += 1
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.KeyRelease):
            return self._filter_key(event)
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._on_press(obj, event.globalPosition())
        elif kind == QEvent.Type.MouseMove and self._press_at is not None:
            if (event.globalPosition() - self._press_at).manhattanLength() > self._metrics.px(40):
                self.long_press.stop()
        elif kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            self._on_release(event.globalPosition())
        return False

    def _filter_key(self, event) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not modifiers & _COMMAND_MODIFIERS and event.key() not in (Qt.Key.Key_Close,
                                                                      Qt.Key.Key_Menu):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # take the key from the shortcut system: no shortcut fires
        elif event.type() == QEvent.Type.KeyPress:
            combination = QKeyCombination(modifiers, Qt.Key(event.key()))
            if self._exit is not None and combination == self._exit:
                self.staff_exit_requested.emit()
            else:
                self.refused += 1
        return True

    def _on_press(self, obj, pos: QPointF) -> None:
        if self._press_at == pos:
            return  # the same press, passed on to a parent widget
        self._press_at = pos
        self._swipe_from = obj
        if self.corner().contains(pos.toPoint()):
            self.long_press.start()

    def _on_release(self, pos: QPointF) -> None:
        self.long_press.stop()
        start, self._press_at = self._press_at, None
        if start is None or not self._swipe_allowed(self._swipe_from):
            return
        dx, dy = pos.x() - start.x(), pos.y() - start.y()
        if abs(dx) >= self._metrics.swipe and abs(dy) <= abs(dx) / 2:
            self.swiped.emit(1 if dx > 0 else -1)
