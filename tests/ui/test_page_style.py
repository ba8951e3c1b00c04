"""Theme and zoom: applied to the page at once and kept in the settings."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from reader.render.theme import BODY_PT, DARK, ZOOM_MAX
from reader.settings import FILE_NAME, Settings
from tests.ui import reading_window
from tests.ui.reading_window import make_window

reader_window = reading_window.reader_window  # the fixture


def body_point_size(win) -> float:
    doc = win.page.document()
    block = doc.begin()
    while block.isValid():
        if block.text().startswith("Paragraph 1 about"):
            return block.charFormat().fontPointSize() or block.begin().fragment().charFormat(
            ).fontPointSize()
        block = block.next()
    raise AssertionError("paragraph not found")


def test_zoom_in_out_and_reset(qtbot, reader_window):
    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    normal = body_point_size(win)
    win.zoom_in_action.trigger()
    win.zoom_in_action.trigger()
    assert abs(body_point_size(win) - normal * 1.21) < 0.15
    assert win.page.text_width > 780
    assert Settings.load(win.settings.path).zoom == 2  # kept for next time
    win.zoom_out_action.trigger()
    assert win.settings.zoom == 1
    win.zoom_reset_action.trigger()
    assert body_point_size(win) == normal and win.settings.zoom == 0


def test_zoom_stops_at_its_limit(reader_window):
    win = reader_window
    for _ in range(ZOOM_MAX + 3):
        win.page_style.zoom_in()
    assert win.settings.zoom == ZOOM_MAX
    assert not win.zoom_in_action.isEnabled()


def test_zoom_keeps_the_reading_place(reader_window):
    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    bar = win.page.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    win.zoom_in_action.trigger()
    assert abs(bar.value() / bar.maximum() - 0.5) < 0.05


def test_dark_and_high_contrast_themes(reader_window):
    win = reader_window
    win.open_factsheet("sciatica")
    win.theme_actions["dark"].trigger()
    assert win.page_theme.background == DARK.background
    assert win.page.palette().color(QPalette.ColorRole.Base).name() == DARK.background
    assert Settings.load(win.settings.path).theme == "dark"
    win.theme_actions["high-contrast"].trigger()
    assert win.page_theme.link_underline
    assert win.page.palette().color(QPalette.ColorRole.Base).name() in ("#000000", "#ffffff")
    win.theme_actions["system"].trigger()
    assert win.settings.theme == "system"
    app_base = QApplication.palette().color(QPalette.ColorRole.Base)
    assert win.page.palette().color(QPalette.ColorRole.Base) == app_base


def test_settings_are_applied_at_start(qtbot, sample_content, tmp_path):
    home = tmp_path / "home"
    settings = Settings.load(home / "config" / FILE_NAME)
    settings.zoom, settings.theme = 3, "dark"
    settings.save()
    win = make_window(qtbot, sample_content.root, home)
    assert abs(win.page_theme.scale - 1.331) < 0.001
    assert win.page_theme.background == DARK.background
    assert win.theme_actions["dark"].isChecked()
    win.close()


def _brightest_ink(icon) -> int:
    """The lightness of the most opaque pixels an icon draws (0 black .. 255 white)."""
    image = icon.pixmap(24, 24).toImage()
    inks = [image.pixelColor(x, y) for x in range(24) for y in range(24)]
    inks = [c for c in inks if c.alpha() > 200]
    assert inks, "the icon draws nothing"
    return max(c.lightness() for c in inks)


def test_toolbar_icons_stay_visible_in_every_theme(reader_window):
    """The style's black arrows were about 1.2:1 against the dark theme's toolbar."""
    win = reader_window
    for theme in ("dark", "light", "high-contrast"):
        win.theme_actions[theme].trigger()
        background = win.palette().color(QPalette.ColorRole.Window).lightness()
        for action in (win.back_action, win.forward_action, win.home_action,
                       win.bookmark_action):
            ink = _brightest_ink(action.icon())
            assert abs(ink - background) > 100, (theme, action.text(), ink, background)


def _heading_height(win, text: str) -> float:
    doc = win.page.document()
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() and block.text() == text:
            return doc.documentLayout().blockBoundingRect(block).height()
        block = block.next()
    raise AssertionError(f"no heading {text!r}")


def test_headings_grow_with_the_zoom_like_the_text(reader_window):
    """Qt's own heading size step used to win: a heading was the same at 83 %, 100 % and 133 %."""
    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    normal = _heading_height(win, "What is it?")
    for _ in range(3):
        win.zoom_in_action.trigger()
    assert _heading_height(win, "What is it?") > normal * 1.25
    win.zoom_reset_action.trigger()
    for _ in range(2):
        win.zoom_out_action.trigger()
    assert _heading_height(win, "What is it?") < normal * 0.9


# -- the desktop's text size ---------------------------------------------------------------------

@pytest.fixture
def desktop_font(qapp):
    """desktop_font(points): the desktop's text size as Qt reports it (the application font)."""
    from PySide6.QtGui import QFont

    before = QApplication.font()

    def set_size(points: float) -> None:
        font = QFont(before)
        font.setPointSizeF(points)
        QApplication.setFont(font)

    yield set_size
    QApplication.setFont(before)


def test_the_page_is_never_smaller_than_the_desktops_text(qtbot, sample_content, tmp_path,
                                                           desktop_font):
    sample_content.add("chronic-low-back-pain", body=reading_window.LONG_BODY)
    desktop_font(9)  # smaller than the page's 11 pt: the page keeps its own size
    small = make_window(qtbot, sample_content.root, tmp_path / "a")
    small.open_factsheet("chronic-low-back-pain")
    assert body_point_size(small) == BODY_PT
    desktop_font(16)  # someone who needs larger text chose it for every application
    large = make_window(qtbot, sample_content.root, tmp_path / "b")
    large.open_factsheet("chronic-low-back-pain")
    assert body_point_size(large) == 16
    assert abs(large.page.text_width - 780 * 16 / BODY_PT) <= 1  # lines keep their length in words
    large.zoom_in_action.trigger()  # and zoom counts from there
    assert abs(body_point_size(large) - 17.6) < 0.05


def test_a_change_of_the_desktops_text_size_reaches_the_open_page(qtbot, reader_window,
                                                                   desktop_font):
    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    assert body_point_size(win) == BODY_PT
    desktop_font(14)
    qtbot.waitUntil(lambda: body_point_size(win) == 14)
    assert win.current_page() == "chronic-low-back-pain"
