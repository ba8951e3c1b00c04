"""The region with the keyboard focus is ringed in the theme's highlight colour, at 3:1 or more
against what it is drawn on in every theme; so is a link in the page that has the focus."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from reader.render.theme import DARK, HIGH_CONTRAST_DARK, HIGH_CONTRAST_LIGHT, LIGHT, contrast_ratio
from reader.ui.ring_colour import RING_CONTRAST, document_background, ring_colour
from tests.ui import reading_window

reader_window = reading_window.reader_window  # the fixture


def test_the_region_with_the_focus_is_ringed_in_the_highlight_colour(qtbot, reader_window):
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
    win.browse.currentWidget().setFocus()
    qtbot.waitUntil(lambda: win.focus_ring.parentWidget() is win.browse.currentWidget())


def ring_pixels_at_left_edge(widget, ring) -> tuple:
    image = widget.grab().toImage()
    x, y = ring.geometry().left(), ring.geometry().center().y()
    return image.pixelColor(x, y), image.pixelColor(x + 1, y), image.pixelColor(x + 2, y)


def test_the_search_field_filters_and_current_tab_are_ringed_too(qtbot, reader_window):
    """Fusion marks a focused line edit with 1 px and a focused combo box or tab not at all."""
    from PySide6.QtWidgets import QTabBar

    win = reader_window
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    tabs = win.browse.findChild(QTabBar)
    for widget in (win.search_field, win.category_filter, win.evidence_filter, tabs):
        widget.setFocus()
        qtbot.waitUntil(lambda w=widget: win.focus_ring.parentWidget() is w
                        and win.focus_ring.isVisible())
        colour = win.focus_ring.palette().color(QPalette.ColorRole.Highlight)
        outer, inner, inside = ring_pixels_at_left_edge(widget, win.focus_ring)
        assert outer == colour and inner == colour and inside != colour, widget
    assert win.focus_ring.geometry() == tabs.tabRect(tabs.currentIndex())
    tabs.setCurrentIndex(1)  # the ring goes with the current tab
    assert win.focus_ring.geometry() == tabs.tabRect(1)


def test_a_dialogs_buttons_are_ringed_and_its_ring_goes_with_it(qtbot, reader_window):
    from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout

    win = reader_window
    dialog = QDialog(win)
    ok = QPushButton("OK")
    QVBoxLayout(dialog).addWidget(ok)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    ok.setFocus()
    qtbot.waitUntil(lambda: getattr(dialog, "focus_ring", None) is not None
                    and dialog.focus_ring.parentWidget() is ok and dialog.focus_ring.isVisible())
    assert not win.focus_ring.isVisible()
    dialog.close()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    win.activateWindow()
    win.page.setFocus()  # the window's own ring is unharmed
    qtbot.waitUntil(lambda: win.focus_ring.parentWidget() is win.page
                    and win.focus_ring.isVisible())


def test_the_ring_outlives_a_widget_it_was_ringing(qtbot, reader_window):
    """It lives inside what it rings: a list replaced (a new content pack) took it along, and
    no widget was ringed again."""
    import shiboken6
    from PySide6.QtWidgets import QListWidget

    win = reader_window
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    doomed = QListWidget(win.centralWidget())
    doomed.show()
    doomed.setFocus()
    qtbot.waitUntil(lambda: win.focus_ring.parentWidget() is doomed)
    old_ring = win.focus_ring
    shiboken6.delete(doomed)
    assert not shiboken6.isValid(old_ring)
    win.search_field.setFocus()
    qtbot.waitUntil(lambda: shiboken6.isValid(win.focus_ring) and win.focus_ring.isVisible()
                    and win.focus_ring.parentWidget() is win.search_field)


# -- contrast: the ring against what it is drawn on, in every theme ------------------------------

THEMES = {"light": LIGHT, "dark": DARK, "high-contrast-dark": HIGH_CONTRAST_DARK,
          "high-contrast-light": HIGH_CONTRAST_LIGHT}


@pytest.mark.parametrize("name", THEMES)
def test_the_ring_colour_stands_out_3_to_1_in_every_page_theme(qapp, name):
    from reader.ui.page_style import window_palette

    theme = THEMES[name]
    palette = window_palette(theme)
    touched = [palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base),
               QColor(theme.background)]
    ring = ring_colour(palette, touched)
    assert ring == palette.color(QPalette.ColorRole.Highlight)  # every theme's highlight passes
    assert min(contrast_ratio(ring.name(), c.name()) for c in touched) >= RING_CONTRAST


def test_a_desktop_palette_with_a_pale_highlight_gets_a_ring_in_its_text_colour(qapp):
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#cfe3f7"))  # pale blue on white
    palette.setColor(QPalette.ColorRole.Text, QColor("#202020"))
    white, grey = QColor("#ffffff"), QColor("#efefef")
    assert ring_colour(palette, [white, grey]) == QColor("#202020")
    palette.setColor(QPalette.ColorRole.Text, QColor("#a0a0a0"))  # a washed-out theme as well
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#a0a0a0"))
    assert ring_colour(palette, [white, grey]) == QColor("#000000")
    for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.Text,
                 QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor("#404040"))  # and a dark one
    assert ring_colour(palette, [QColor("#101010")]) == QColor("#ffffff")


@pytest.mark.parametrize("theme", ["system", "light", "dark", "high-contrast"])
def test_the_ring_drawn_on_screen_stands_out_from_the_page_and_the_window(qtbot, reader_window,
                                                                            theme):
    win = reader_window
    win.page_style.set_theme(theme)
    win.open_factsheet("chronic-low-back-pain")
    win.activateWindow()
    win.page.setFocus()
    qtbot.waitUntil(lambda: win.focus_ring.isVisible())
    image = win.page.grab().toImage()
    drawn = image.pixelColor(0, win.page.height() // 2)
    page = document_background(win.page)
    window = win.palette().color(QPalette.ColorRole.Window)
    assert contrast_ratio(drawn.name(), page.name()) >= RING_CONTRAST, (drawn.name(), page.name())
    assert contrast_ratio(drawn.name(), window.name()) >= RING_CONTRAST
    win.browse.currentWidget().setFocus()  # a list: its own base colour inside the ring
    qtbot.waitUntil(lambda: win.focus_ring.parentWidget() is win.browse.currentWidget())
    listing = win.browse.currentWidget()
    drawn = listing.grab().toImage().pixelColor(0, listing.height() // 2)
    base = listing.palette().color(QPalette.ColorRole.Base)
    assert contrast_ratio(drawn.name(), base.name()) >= RING_CONTRAST
    assert contrast_ratio(drawn.name(), window.name()) >= RING_CONTRAST


@pytest.mark.parametrize("theme", ["system", "light", "dark", "high-contrast"])
def test_a_link_with_the_focus_is_ringed_2_px_at_3_to_1(qtbot, reader_window, theme):
    from PySide6.QtCore import Qt

    win = reader_window
    win.page_style.set_theme(theme)
    win.open_factsheet("chronic-low-back-pain")
    win.activateWindow()
    win.page.setFocus()
    qtbot.waitUntil(win.page.hasFocus)
    qtbot.keyClick(win.page, Qt.Key.Key_Tab)
    rects = win.page.focused_link_rects()
    assert len(rects) == 1
    rect = rects[0]
    assert win.page.viewport().rect().contains(rect)  # scrolled into view, ring and all
    image = win.page.viewport().grab().toImage()
    ring = win.page.link_ring_colour()
    middle = rect.center().y()
    page = document_background(win.page)
    for x in (rect.left(), rect.left() + 1, rect.right() - 1, rect.right()):
        assert image.pixelColor(x, middle) == ring  # 2 px at each side
    centre = rect.center().x()
    for y in (rect.top(), rect.top() + 1, rect.bottom() - 1, rect.bottom()):
        assert image.pixelColor(centre, y) == ring  # and above and below
    assert contrast_ratio(ring.name(), page.name()) >= RING_CONTRAST
    win.search_field.setFocus()  # the focus left: the ring goes with it
    qtbot.waitUntil(lambda: not win.page.hasFocus())
    assert win.page.focused_link_rects() == []
    qtbot.waitUntil(lambda: win.page.viewport().grab().toImage().pixelColor(rect.left(), middle)
                    != ring)
