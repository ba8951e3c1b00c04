"""The kiosk's look, as drawn: a button or list a keyboard has focused is bordered in FOCUS,
and the same button without the focus is not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from reader.ui.kiosk import style


def left_border(widget) -> QColor:
    """The colour of `widget`'s left border, half way down (inside its rounded corners)."""
    return widget.grab().toImage().pixelColor(0, widget.height() // 2)


def test_a_focused_button_or_list_is_bordered_in_the_focus_colour(qtbot, make_kiosk):
    window = make_kiosk(start_search=True)
    window.activateWindow()
    button = window.home.search_button
    assert left_border(button) == QColor(style.BORDER)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    assert left_border(button) == QColor(style.FOCUS)
    window.open_search()
    results = window.search_screen.results
    assert left_border(results) == QColor(style.BORDER)
    results.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(results.hasFocus)
    assert left_border(results) == QColor(style.FOCUS)


def test_a_focused_primary_button_changes_its_border_too(qtbot, make_kiosk):
    window = make_kiosk(printing=True)
    window.open_factsheet("sciatica")
    window.activateWindow()
    window.print_current()
    primary = window.message.button("Print")
    qtbot.waitUntil(primary.hasFocus)  # a message puts the focus on its main button
    assert left_border(primary) == QColor(style.FOCUS)
    window.message.button("Cancel").setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: not primary.hasFocus())
    assert left_border(primary) == QColor(style.ACCENT)
