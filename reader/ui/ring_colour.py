"""The colour of a focus ring: what stands out 3:1 from everything the ring touches (WCAG 2.2's
non-text contrast). Apart from reader/ui/focus_ring.py so the page (on screen from the start)
can ring its focused link without loading the ring's widget machinery before the first paint.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTextBrowser

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


def document_background(browser: QTextBrowser) -> QColor:
    """What the page in `browser` is drawn on: its HTML body's background, else the palette's."""
    brush = browser.document().rootFrame().frameFormat().background()
    if brush.style() != Qt.BrushStyle.NoBrush:
        return brush.color()
    return browser.palette().color(QPalette.ColorRole.Base)
