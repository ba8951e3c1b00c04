"""A ring round whatever has the keyboard focus: a list, tree, page or note editor, the search
field, a filter box, the side panel's current tab, a button or field in a dialog.

The ring is 2 px wide in the theme's highlight colour, or in the text colour where the
highlight would stand out from what is round it by less than 3:1 (WCAG 2.2's non-text
contrast; a desktop's own palette can have a pale highlight). Qt's styles draw a 1 px focus
border on a line edit and none that shows on a combo box or a tab (Fusion), so the ring is
drawn for those too. It is a widget laid over the focused one, not a style sheet: a style sheet
on the window would stop the themes' palettes reaching the page.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextBrowser,
    QWidget,
)

from reader.ui.ring_colour import RING_WIDTH, document_background, ring_colour


def region_backgrounds(widget: QWidget) -> list[QColor]:
    """The colours a ring drawn round the inside of `widget` touches: the window round it and
    what the region itself is filled with (a page's own background, when it sets one)."""
    palette = widget.palette()
    colours = [palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)]
    if isinstance(widget, (QAbstractButton, QComboBox, QTabBar)):
        colours.append(palette.color(QPalette.ColorRole.Button))  # a button's face
    if isinstance(widget, QTextBrowser):
        colours.append(document_background(widget))
    return colours


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
        if self.target is not None and shiboken6.isValid(self.target):
            self.target.removeEventFilter(self)
            if isinstance(self.target, QTabBar):
                self.target.currentChanged.disconnect(self._fit)
        self.target = widget
        if widget is None:
            self.hide()
            return
        self.setParent(widget)
        widget.installEventFilter(self)
        if isinstance(widget, QTabBar):
            widget.currentChanged.connect(self._fit)  # the ring goes round the current tab
        self._fit()
        self.show()
        self.raise_()

    def _fit(self, *_args) -> None:
        target = self.target
        if target is None:
            return
        if isinstance(target, QTabBar):
            self.setGeometry(target.tabRect(target.currentIndex()))
        else:
            self.setGeometry(target.rect())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if obj is self.target and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._fit()
            self.raise_()
        return False

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.target is None:
            return
        painter = QPainter(self)
        pen = QPen(ring_colour(self.target.palette(), region_backgrounds(self.target)))
        pen.setWidth(RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = RING_WIDTH // 2
        painter.drawRect(self.rect().adjusted(half, half, -half, -half))


_RINGED = (QAbstractItemView, QTextBrowser, QPlainTextEdit, QLineEdit, QAbstractButton, QTabBar,
           QAbstractSlider)
_WHOLE = (QComboBox, QAbstractSpinBox)  # the line edit inside one is not ringed on its own


def ringed_region(widget: QWidget | None) -> QWidget | None:
    """What to ring when `widget` has the focus: itself, the scroll area whose viewport it is,
    or the combo or spin box whose line edit it is; None for anything else."""
    found = None
    while widget is not None:
        if isinstance(widget, _WHOLE):
            return widget
        if found is None and isinstance(widget, _RINGED):
            found = widget
        if widget.isWindow():
            break
        widget = widget.parentWidget()
    return found


def belongs_to(widget: QWidget, window: QWidget) -> bool:
    """Whether `widget` is in `window` or in a dialog opened over it."""
    top = QWidget.window(widget)  # QWidget.window(): some panels keep a `window` attribute
    while top is not None:
        if top is window:
            return True
        parent = top.parentWidget()
        top = QWidget.window(parent) if parent is not None else None
    return False


def ring_of(top: QWidget) -> FocusRing:
    """The ring of the window or dialog `top`, made the first time it is needed, and again if
    the last one went with a widget it was ringing (it lives inside what it rings)."""
    ring = getattr(top, "focus_ring", None)
    if not isinstance(ring, FocusRing) or not shiboken6.isValid(ring):
        ring = FocusRing(top)
        top.focus_ring = ring
    return ring


def install(window) -> None:
    """Ring the focus in `window` and in the dialogs opened over it."""
    ring_of(window)
    app = QApplication.instance()
    shown: list[FocusRing] = []  # the ring on screen, if any

    def on_focus(_old, new) -> None:
        if not shiboken6.isValid(window):  # the window has gone: stop listening
            app.focusChanged.disconnect(on_focus)
            return
        region = ringed_region(new)
        ring = None
        if region is not None and belongs_to(region, window):
            ring = ring_of(QWidget.window(region))
        if shown and shown[0] is not ring and shiboken6.isValid(shown[0]):
            shown[0].follow(None)
        shown[:] = [ring] if ring is not None else []
        if ring is not None:
            ring.follow(region)

    app.focusChanged.connect(on_focus)
