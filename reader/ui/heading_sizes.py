"""Headings at the size the stylesheet gives them, so they grow with the zoom like the text.

Qt's HTML import marks `<h1>`..`<h6>` with a relative font size step (FontSizeAdjustment) that
wins over the stylesheet's point size: a heading came out the same size at 83 %, 100 % and
133 %. Removing that step after the HTML is set lets the stylesheet's size (which the theme
scales with the zoom) apply; the blocks stay headings for the Contents panel and screen readers.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument, QTextFormat

_ADJUSTMENT = QTextFormat.Property.FontSizeAdjustment


def apply_stylesheet_heading_sizes(doc: QTextDocument) -> None:
    """Drop Qt's heading size step from every heading in `doc`."""
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.hasProperty(_ADJUSTMENT):
                    fmt.clearProperty(_ADJUSTMENT)
                    cursor = QTextCursor(doc)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(),
                                       QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(fmt)
                it += 1
        block = block.next()
