"""A ring round the list, tree, page or note editor that has the keyboard focus.

The ring is 2 px wide in the theme's highlight colour (the search field draws its own focus),
or in the text colour where the highlight would stand out from what is round it by less than
3:1 (WCAG 2.2's non-text contrast; a desktop's own palette can have a pale highlight). It is a
widget laid over the region, not a style sheet: a style sheet on the window would stop the
themes' palettes reaching the page.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit, QTextBrowser, QWidget

from reader.render.theme import contrast_ratio

RING_WIDTH = 2
RING_CONTRAST = 3.0  # against every colour the ring touches


def ring_colour(palette: QPalette, backgrounds: list[QColor]) -> QColor:
    """The palette's highlight if it stands out 3:1 from each of `backgrounds`, else its text
    colour if that does, else black or white, whichever stands out more."""
    candidates = [palette.color(QPalette.ColorRole.Highlight),
                  palette.color(QPalette.ColorRole.Text),
                  palette.color(QPalette.ColorRole.WindowText)]

    def weakest(colour: QColor) -> float:
        return min(contrast_ratio(colour.name(), bg.name()) for bg in backgrounds)

    for colour in candidates:
        if weakest(colour) >= RING_CONTRAST:
            return colour
    return max((QColor("#000000"), QColor("#ffffff")), key=weakest)


def region_backgrounds(widget: QWidget) -> list[QColor]:
    """The colours a ring drawn round the inside of `widget` touches: the window round it and
    what the region itself is filled with (a page's own background, when it sets one)."""
    palette = widget.palette()
    colours = [palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)]
    if isinstance(widget, QTextBrowser):
        colours.append(document_background(widget))
    return colours


def document_background(browser: QTextBrowser) -> QColor:
    """What the page in `browser` is drawn on: its HTML body's background, else the palette's."""
    brush = browser.document().rootFrame().frameFormat().background()
    if brush.style() != Qt.BrushStyle.NoBrush:
        return brush.color()
    return browser.palette().color(QPalette.ColorRole.Base)


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
        if self.target is None:
            return
        painter = QPainter(self)
        pen = QPen(ring_colour(self.target.palette(), region_backgrounds(self.target)))
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


def install(window) -> None:
    ring = FocusRing(window)
    window.focus_ring = ring
    app = QApplication.instance()

    def on_focus(_old, new) -> None:
        if not shiboken6.isValid(ring):  # the window has gone: stop listening
            app.focusChanged.disconnect(on_focus)
            return
        region = ringed_region(new)
        # QWidget.window(): some panels keep their main window in a `window` attribute
        ring.follow(region if region is not None and QWidget.window(region) is window else None)

    app.focusChanged.connect(on_focus)
