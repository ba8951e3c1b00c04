"""Features built right after the window's first paint, so a person sees the window sooner.

Only what is on screen at the first paint is built before it (reader/ui/main_window.py). The
rest (hidden panels, dialogs, most menu actions and their modules) is a list of steps that run
one per turn of the event loop once the window has painted, so the window stays responsive
while they run. Nobody may notice the wait: the moment a person reaches for something that
might not be built yet (a key with Ctrl, Alt or Meta, a function key, a click, a menu, a
context menu, a drop) every step still waiting runs at once, before Qt looks for the shortcut
or opens the menu, so the key or click does what it always does.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu

log = logging.getLogger(__name__)

# Events that may reach for a feature: they make every remaining step run first.
_REACHING = {QEvent.Type.ShortcutOverride, QEvent.Type.MouseButtonPress,
             QEvent.Type.MouseButtonDblClick, QEvent.Type.ContextMenu, QEvent.Type.DragEnter,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class DeferredFeatures(QObject):
    """Runs steps (a name and a callable each) after the first paint, or all at once when
    needed. `reserve(name)` marks, in every menu, where the actions a step adds at the end of a
    menu belong, so the menus read the same whether a feature was built before the first paint
    or after it."""

    finished = Signal()

    def __init__(self, window, menus: list[QMenu]) -> None:
        super().__init__(window)
        self._window = window
        self._menus = menus
        self._steps: list[tuple[str, Callable[[], None]]] = []
        self._anchors: dict[str, list[QAction]] = {}
        self._started = False
        self._running = False
        self._listening = False

    def add(self, name: str, step: Callable[[], None]) -> None:
        """Run `step` after the first paint; its menu actions go where `reserve(name)` was
        called (at the end of each menu if it was not). From now until the last step has run,
        anything that might need a feature (even before `start()`) builds the rest first."""
        self._steps.append((name, step))
        if not self._listening:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
                self._listening = True
                for menu in self._menus:
                    menu.aboutToShow.connect(self.build_all)

    def reserve(self, name: str) -> None:
        """Keep the place, at the current end of every menu, for the actions of step `name`."""
        anchors = []
        for menu in self._menus:
            anchor = QAction(menu)
            anchor.setSeparator(True)
            anchor.setVisible(False)
            menu.addAction(anchor)
            anchors.append(anchor)
        self._anchors[name] = anchors

    @property
    def ready(self) -> bool:
        """True once every step has run."""
        return not self._steps

    def start(self) -> None:
        """Begin building, one step per turn of the event loop."""
        if self._started:
            return
        self._started = True
        if self._steps:
            QTimer.singleShot(0, self, self._next)

    def build_all(self) -> None:
        """Run every step that has not run yet, now (safe to call at any time, and again)."""
        while self._steps and not self._running:
            self._run_one()

    def when_ready(self, callback: Callable[[], None]) -> None:
        """Call `callback` once every step has run (now, if they all have)."""
        if self.ready:
            callback()
        else:
            self.finished.connect(callback)

    def _next(self) -> None:
        if self._steps:
            self._run_one()
        if self._steps:
            QTimer.singleShot(0, self, self._next)

    def _run_one(self) -> None:
        name, step = self._steps.pop(0)
        before = [set(menu.actions()) for menu in self._menus]
        self._running = True
        try:
            step()
        except Exception:  # one broken feature must not keep the others from being built
            log.exception("the %s feature could not be built", name)
            sys.excepthook(*sys.exc_info())  # the crash dialog, as for an error in a slot
        finally:
            self._running = False
        self._move_to_anchors(name, before)
        if not self._steps:
            self._stop_listening()
            log.info("every feature is ready")
            self.finished.emit()

    def _move_to_anchors(self, name: str, before: list[set]) -> None:
        """Actions the step appended to a menu go to the place reserved for them; actions it
        inserted elsewhere (say, at the top) stay where it put them."""
        anchors = self._anchors.pop(name, None)
        if anchors is None:
            return
        for menu, old, anchor in zip(self._menus, before, anchors, strict=True):
            actions = menu.actions()
            last_old = max((i for i, a in enumerate(actions) if a in old), default=-1)
            for action in actions[last_old + 1:]:
                menu.removeAction(action)
                menu.insertAction(anchor, action)
            menu.removeAction(anchor)
            anchor.deleteLater()

    def _stop_listening(self) -> None:
        if self._listening:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            for menu in self._menus:
                menu.aboutToShow.disconnect(self.build_all)
            self._listening = False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if self._steps and not self._running and event.type() in _REACHING:
            if event.type() != QEvent.Type.ShortcutOverride or _may_be_a_shortcut(event):
                self.build_all()
        return False


def _may_be_a_shortcut(event) -> bool:
    """A key with Ctrl, Alt or Meta held, or a function key: typing letters into the search
    field does not wait for the features, the shortcuts they add do not go unanswered."""
    held = Qt.KeyboardModifier
    if event.modifiers() & (held.ControlModifier | held.AltModifier | held.MetaModifier):
        return True
    return Qt.Key.Key_F1 <= event.key() <= Qt.Key.Key_F35 or event.key() == Qt.Key.Key_Menu
