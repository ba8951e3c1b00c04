"""Going to a place in a page (a reference, a section): some of what comes before stays in view,
and the place itself is marked, so the eye finds where it landed."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit

HEADROOM_LINES = 2.5  # lines of text kept above the place jumped to


def anchor_block(view: QTextEdit, name: str):
    """The text block holding the anchor `name`, or None."""
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if name in it.fragment().charFormat().anchorNames():
                return block
            it += 1
        block = block.next()
    return None


def jump_to_anchor(view: QTextEdit, name: str) -> bool:
    """Scroll to the anchor `name` with HEADROOM_LINES above it and mark its paragraph; False
    when the page has no such anchor."""
    block = anchor_block(view, name)
    if block is None:
        return False
    view.scrollToAnchor(name)
    bar = view.verticalScrollBar()
    if bar.value() > 0:
        bar.setValue(max(0, bar.value() - round(HEADROOM_LINES * view.fontMetrics().height())))
    mark = QTextEdit.ExtraSelection()
    mark.cursor = QTextCursor(block)
    mark.cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                             QTextCursor.MoveMode.KeepAnchor)
    fmt = QTextCharFormat()
    highlight = QColor(view.palette().highlight().color())
    highlight.setAlpha(60)  # a tint of the theme's selection colour: text stays readable
    fmt.setBackground(highlight)
    fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
    mark.format = fmt
    view.setExtraSelections([mark])
    return True
