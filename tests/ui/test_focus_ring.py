"""The region with the keyboard focus is ringed in the theme's highlight colour."""

from __future__ import annotations

from tests.ui import reading_window

reader_window = reading_window.reader_window  # the fixture


def test_the_region_with_the_focus_is_ringed_in_the_highlight_colour(qtbot, reader_window):
    from PySide6.QtGui import QPalette

    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    win.activateWindow()
    win.page.setFocus()
    qtbot.waitUntil(lambda: win.focus_ring.isVisible())
    ring = win.focus_ring
    assert ring.parentWidget() is win.page and ring.geometry() == win.page.rect()
    image = win.page.grab().toImage()
    highlight = win.page.palette().color(QPalette.ColorRole.Highlight)
    middle = win.page.height() // 2
    assert image.pixelColor(0, middle) == highlight and image.pixelColor(1, middle) == highlight
    assert image.pixelColor(2, middle) != highlight
    win.search_field.setFocus()  # the line edit draws its own focus
    qtbot.waitUntil(lambda: not win.focus_ring.isVisible())
    win.browse.currentWidget().setFocus()
    qtbot.waitUntil(lambda: win.focus_ring.parentWidget() is win.browse.currentWidget())
