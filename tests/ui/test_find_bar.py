"""Find in page: Ctrl+F, next/previous with a count, Escape closes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui import reading_window

reader_window = reading_window.reader_window  # the fixture


def open_bar(qtbot, win):
    win.open_factsheet("chronic-low-back-pain")
    win.activateWindow()
    win.page.setFocus()
    qtbot.keyClick(win.page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.find_bar.isVisible()
    assert win.find_bar.field.hasFocus()


def test_find_counts_matches_and_steps_through_them(qtbot, reader_window):
    win = reader_window
    open_bar(qtbot, win)
    expected = win.page.toPlainText().lower().count("lower back")
    assert expected > 10
    qtbot.keyClicks(win.find_bar.field, "LOWER back")
    qtbot.waitUntil(lambda: win.find_bar.match_count == expected)
    assert win.find_bar.count_label.text() == f"1 of {expected}"
    assert win.find_bar.current_match().selectedText().lower() == "lower back"
    assert len(win.page.extraSelections()) == expected

    first = win.find_bar.current_match().selectionStart()
    qtbot.keyClick(win.find_bar.field, Qt.Key.Key_Return)
    assert win.find_bar.count_label.text() == f"2 of {expected}"
    assert win.find_bar.current_match().selectionStart() > first
    qtbot.keyClick(win.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(win.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert win.find_bar.count_label.text() == f"{expected} of {expected}"  # wraps round
    win.find_next_action.trigger()
    assert win.find_bar.count_label.text() == f"1 of {expected}"
    win.find_previous_action.trigger()
    assert win.find_bar.count_label.text() == f"{expected} of {expected}"
    assert win.page.verticalScrollBar().value() > 0  # the last match is far down


def test_no_match_says_so(qtbot, reader_window):
    open_bar(qtbot, reader_window)
    qtbot.keyClicks(reader_window.find_bar.field, "zzqqx")
    qtbot.waitUntil(lambda: reader_window.find_bar.count_label.text() == "No matches")
    assert not reader_window.find_bar.next_button.isEnabled()
    assert reader_window.page.extraSelections() == []


def test_escape_closes_the_bar_and_keeps_the_search(qtbot, reader_window):
    win = reader_window
    win.search_field.setText("back")
    open_bar(qtbot, win)
    qtbot.keyClicks(win.find_bar.field, "pain")
    qtbot.waitUntil(lambda: win.find_bar.match_count > 0)
    qtbot.keyClick(win.find_bar.field, Qt.Key.Key_Escape)
    assert not win.find_bar.isVisible()
    assert win.page.extraSelections() == []
    assert win.page.hasFocus()
    assert win.search_field.text() == "back"  # the window's own Escape did not fire

    win.find_action.trigger()  # and Escape on the page closes it too
    win.page.setFocus()
    qtbot.keyClick(win.page, Qt.Key.Key_Escape)
    assert not win.find_bar.isVisible()
    assert win.search_field.text() == "back"


def test_the_bar_finds_again_on_a_new_page(qtbot, reader_window):
    win = reader_window
    open_bar(qtbot, win)
    qtbot.keyClicks(win.find_bar.field, "sciatica")
    qtbot.waitUntil(lambda: win.find_bar.match_count > 0)
    win.open_factsheet("sciatica")
    assert win.find_bar.isVisible()
    assert win.find_bar.match_count == win.page.toPlainText().lower().count("sciatica")


def test_selected_text_is_offered_for_finding(qtbot, reader_window):
    win = reader_window
    win.open_factsheet("sciatica")
    cursor = win.page.document().find("Sciatica")
    win.page.setTextCursor(cursor)
    win.find_action.trigger()
    assert win.find_bar.field.text() == "Sciatica"
    assert win.find_bar.match_count >= 1
