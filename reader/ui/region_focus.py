"""Moving between the window's regions by keyboard, and seeing which one has the focus.

F6 moves the focus to the next region (search, the side list, the page, the page's contents,
the notes), Shift+F6 to the previous one, as in browsers and office programs; regions that are
hidden (a closed dock, a narrow window's docks) are skipped.

The list, tree, page or note editor that has the focus is ringed 2 px wide in the theme's
highlight colour (the search field draws its own). The ring is a widget laid over the region,
not a style sheet: a style sheet on the window would stop the themes' palettes reaching the page.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit, QTextBrowser, QWidget

RING_WIDTH = 2


class FocusRing(QWidget):
    """A 2 px frame drawn over the region that has the focus; mouse clicks pass through."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("focus-ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self.hide()

    def follow(self, widget: QWidget | None) -> None:
        """Ring `widget` (or hide, when it is None)."""
        if self.target is not None:
            self.target.removeEventFilter(self)
        self.target = widget
        if widget is None:
            self.hide()
            return
        self.setParent(widget)
        widget.installEventFilter(self)
        self._fit()
        self.show()
        self.raise_()

    def _fit(self) -> None:
        if self.target is not None:
            self.setGeometry(self.target.rect())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if obj is self.target and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._fit()
            self.raise_()
        return False

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight))
        pen.setWidth(RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = RING_WIDTH // 2
        painter.drawRect(self.rect().adjusted(half, half, -half, -half))


def ringed_region(widget: QWidget | None) -> QWidget | None:
    """The list, tree, page or editor that shows `widget` has the focus (itself, or the scroll
    area whose viewport it is), or None."""
    while widget is not None:
        if isinstance(widget, (QAbstractItemView, QTextBrowser, QPlainTextEdit)):
            return widget
        widget = widget.parentWidget()
    return None


def regions(window) -> list[QWidget]:
    """The regions F6 visits, in order, leaving out any that cannot be seen now."""
    side = window.left_stack.currentWidget()
    if side is window.browse:
        side = window.browse.currentWidget()
        side = getattr(side, "list", side)  # the Recent tab wraps its list
    candidates = [window.search_field, side, window.page]
    if getattr(window, "contents_dock", None) is not None:
        candidates.append(window.contents_panel)
    if getattr(window, "notes_dock", None) is not None:
        candidates.append(window.notes_panel.editor)
    return [w for w in candidates if w is not None and w.isVisible() and w.isEnabled()]


def move(window, step: int) -> None:
    """Focus the region `step` (1 or -1) from the one holding the focus now."""
    order = regions(window)
    if not order:
        return
    focused = QApplication.focusWidget()
    here = next((i for i, w in enumerate(order)
                 if focused is not None and (focused is w or w.isAncestorOf(focused))), None)
    target = order[0 if here is None and step > 0 else
                   -1 if here is None else (here + step) % len(order)]
    target.setFocus(Qt.FocusReason.ShortcutFocusReason)


def install(window) -> None:
    ring = FocusRing(window)
    window.focus_ring = ring

    def on_focus(_old, new) -> None:
        if not shiboken6.isValid(ring):  # the window has gone
            _disconnect(on_focus)
            return
        region = ringed_region(new)
        # QWidget.window(): some panels keep their main window in a `window` attribute
        ring.follow(region if region is not None and QWidget.window(region) is window else None)

    QApplication.instance().focusChanged.connect(on_focus)
    window.destroyed.connect(lambda *_: _disconnect(on_focus))
    for text, key, step, name in (("Next &region", "F6", 1, "next-region"),
                                  ("Previous r&egion", "Shift+F6", -1, "previous-region")):
        action = QAction(text, window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setProperty("shortcut_help", "Move to the next part of the window (search, list, "
                           "page, contents, notes)" if step > 0 else
                           "Move to the previous part of the window")
        action.triggered.connect(lambda _=False, s=step: move(window, s))
        window.go_menu.addAction(action)
        window.addAction(action)


def _disconnect(slot) -> None:
    app = QApplication.instance()
    if app is not None:
        try:
            app.focusChanged.disconnect(slot)
        except (RuntimeError, TypeError):
            pass
