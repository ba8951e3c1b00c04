"""F6 and Shift+F6 move between the window's regions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui import reading_window

reader_window = reading_window.reader_window  # the fixture


def focus_after(qtbot, win, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or win, key, modifier)
    return QApplication.focusWidget()


def reading(qtbot, win, docks: bool, focus) -> None:
    """A factsheet open, the side docks shown or hidden, the focus on `focus(win)`."""
    win.open_factsheet("chronic-low-back-pain")
    win.contents_dock.setVisible(docks)
    win.notes_dock.setVisible(docks)
    win.activateWindow()
    focus(win).setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is focus(win))


def test_f6_visits_search_list_page_contents_and_notes_and_back(qtbot, reader_window):
    win = reader_window
    reading(qtbot, win, docks=True, focus=lambda w: w.search_field)
    seen = [focus_after(qtbot, win, Qt.Key.Key_F6) for _ in range(5)]
    assert seen == [win.browse.currentWidget(), win.page, win.contents_panel,
                    win.notes_panel.editor, win.search_field]
    back = focus_after(qtbot, win, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert back is win.notes_panel.editor


def test_a_hidden_dock_is_skipped(qtbot, reader_window):
    win = reader_window
    reading(qtbot, win, docks=False, focus=lambda w: w.page)
    assert focus_after(qtbot, win, Qt.Key.Key_F6) is win.search_field


def test_ctrl_j_skips_from_search_to_the_page_reading_from_what_is_in_view(qtbot, reader_window):
    win = reader_window
    reading(qtbot, win, docks=True, focus=lambda w: w.search_field)
    bar = win.page.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    assert focus_after(qtbot, win, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier) is win.page
    assert bar.value() == bar.maximum() // 2  # the page did not jump
    caret = win.page.cursorRect()
    assert win.page.viewport().rect().contains(caret.center())  # reading starts in view
    assert not win.page.textCursor().hasSelection()
