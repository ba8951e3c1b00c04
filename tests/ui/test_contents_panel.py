"""The contents sidebar lists the page's sections and scrolls to the one clicked."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.contents_panel import POSITION_ROLE
from tests.ui import reading_window

reader_window = reading_window.reader_window  # the fixture


def titles(panel):
    return [panel.item(i).text().strip() for i in range(panel.count())]


def test_sections_of_the_factsheet(reader_window):
    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    assert titles(win.contents_panel) == [
        "Chronic low back pain", "Symptoms", "What is it?", "When to see a GP",
        "Related factsheets", "References"]
    win.go_home()
    assert "Browse by category" in titles(win.contents_panel)


def test_clicking_a_section_scrolls_it_to_the_top(qtbot, reader_window):
    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    panel = win.contents_panel
    row = titles(panel).index("What is it?")
    panel.itemClicked.emit(panel.item(row))
    doc = win.page.document()
    block = doc.findBlock(panel.item(row).data(POSITION_ROLE))
    top = doc.documentLayout().blockBoundingRect(block).top()
    value = win.page.verticalScrollBar().value()
    assert value > 0 and abs(value - top) < 10
    assert panel.currentRow() == row  # the section in view is highlighted

    last = titles(panel).index("When to see a GP")  # near the end: scrolls as far as it can
    panel.itemClicked.emit(panel.item(last))
    assert win.page.verticalScrollBar().value() > value

    panel.scroll_to(0)
    assert win.page.verticalScrollBar().value() == 0
    assert panel.currentRow() == 0


def test_keyboard_reaches_the_contents(qtbot, reader_window):
    win = reader_window
    win.open_factsheet("sciatica")
    win.contents_dock.hide()
    win.activateWindow()
    qtbot.keyClick(win.page, Qt.Key.Key_T,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert win.contents_dock.isVisible()
    assert win.contents_panel.hasFocus()


def test_a_section_puts_the_pages_caret_on_its_heading(reader_window):
    """A screen reader reads on from the page's caret; Tab in the page goes on from it."""
    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    panel = win.contents_panel
    row = titles(panel).index("When to see a GP")
    panel.itemActivated.emit(panel.item(row))
    cursor = win.page.textCursor()
    assert cursor.block().text().strip() == "When to see a GP"
    assert cursor.position() == panel.item(row).data(POSITION_ROLE)
