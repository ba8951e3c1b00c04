"""A kiosk visitor with a hardware keyboard: Tab reaches search and every tile, Enter or Space
opens them, Down goes from the search field into the results, Escape closes a message. Touch
still never moves the focus (it would leave the search field the on-screen keyboard types in)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.ui.kiosk.tiles import TileGrid


def activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.setFocus()


def tab(qtbot, window, times: int = 1):
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_tab_reaches_search_then_each_topic_and_enter_opens_it(qtbot, make_kiosk):
    window = make_kiosk()
    activate(qtbot, window)
    assert tab(qtbot, window) is window.home.search_button
    first_tile = window.home.tiles.tiles[0]
    assert tab(qtbot, window) is first_tile
    qtbot.keyClick(first_tile, Qt.Key.Key_Return)
    assert window.current_page().startswith("category:")
    tile = tab(qtbot, window)
    assert tile in window.category.tiles.tiles
    qtbot.keyClick(tile, Qt.Key.Key_Space)
    assert window.current_slug() is not None


def test_touch_gives_no_tile_the_focus_and_grids_take_none(qtbot, make_kiosk):
    window = make_kiosk()
    for tile in window.home.tiles.tiles:
        assert not tile.focusPolicy() & Qt.FocusPolicy.ClickFocus
    assert not window.home.search_button.focusPolicy() & Qt.FocusPolicy.ClickFocus
    grids = window.findChildren(TileGrid)
    assert grids and all(g.focusPolicy() == Qt.FocusPolicy.NoFocus and g.accessibleName()
                         for g in grids)


def test_down_from_the_search_field_goes_into_the_results(qtbot, make_kiosk):
    window = make_kiosk(start_search=True)
    window.open_search()
    qtbot.keyClicks(window.search_field, "back pain")
    results = window.search_screen.results
    qtbot.waitUntil(lambda: results.hit_count() > 0, timeout=5000)
    assert results.currentRow() == -1  # nothing picked out for a finger
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert results.hasFocus() and results.currentItem() is not None
    opened = []
    results.open_requested.connect(opened.append)
    qtbot.keyClick(results, Qt.Key.Key_Return)
    assert opened == [results.hit_slugs()[0]]


def test_a_message_takes_the_keyboard_and_escape_closes_it(qtbot, make_kiosk):
    window = make_kiosk()
    activate(qtbot, window)
    chosen = []
    window.message.show_message("Print?", "It will come out at reception.",
                                [("Cancel", None), ("Print", lambda: chosen.append("print"))])
    assert window.message.button("Print").hasFocus()
    qtbot.keyClick(window.message.button("Print"), Qt.Key.Key_Return)
    assert chosen == ["print"] and not window.message.isVisible()
    window.message.show_message("Print?", "Again.", [("Cancel", None),
                                                     ("Print", lambda: chosen.append("again"))])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.message.isVisible() and chosen == ["print"]
    assert window.hasFocus()  # the focus did not vanish with the message


def open_factsheet_by_keyboard(qtbot, window) -> None:
    activate(qtbot, window)
    tab(qtbot, window, 2)  # past search to the first topic
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(tab(qtbot, window), Qt.Key.Key_Return)  # its first factsheet
    assert window.current_slug() == "chronic-low-back-pain"


def test_reading_keys_scroll_a_factsheet_as_it_opens(qtbot, make_kiosk):
    window = make_kiosk()
    open_factsheet_by_keyboard(qtbot, window)
    bar = window.page.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > bar.pageStep())
    focused = QApplication.focusWidget()
    for key, where in ((Qt.Key.Key_PageDown, bar.pageStep()), (Qt.Key.Key_Up, None),
                       (Qt.Key.Key_End, bar.maximum()), (Qt.Key.Key_Home, 0)):
        before = bar.value()
        qtbot.keyClick(focused, key)
        assert bar.value() == where if where is not None else bar.value() < before
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    assert bar.value() == bar.pageStep()
    qtbot.keyClick(focused, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert bar.value() == 0


def test_shift_tab_reaches_the_top_bar_and_tab_the_page_then_the_bar(qtbot, make_kiosk):
    """Back, Home and the text sizes are the last stops of Tab, so Shift+Tab from an opened
    page goes to them; Tab goes to the page first, then through its links, then to Back."""
    window = make_kiosk(printing=False)
    open_factsheet_by_keyboard(qtbot, window)
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.larger_button  # Print is off here
    qtbot.keyClick(window.larger_button, Qt.Key.Key_Return)
    assert window.zoom == 1
    window.setFocus()
    assert tab(qtbot, window) is window.page
    stops = [tab(qtbot, window) for _ in range(12)]
    assert window.back_button in stops
    assert stops.index(window.home_button) == stops.index(window.back_button) + 1
    qtbot.keyClick(window.back_button, Qt.Key.Key_Return)
    assert window.current_page().startswith("category:")


def test_a_link_reached_by_tab_opens_with_enter(qtbot, make_kiosk):
    window = make_kiosk()
    open_factsheet_by_keyboard(qtbot, window)
    window.page.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(12):  # link after link, until the one to the sciatica factsheet
        qtbot.keyClick(window.page, Qt.Key.Key_Tab)
        if "sciatica" in window.page.textCursor().selection().toHtml():
            break
    qtbot.keyClick(window.page, Qt.Key.Key_Return)
    assert window.current_slug() == "sciatica"


def test_a_search_before_the_index_opens_shows_name_matches_then_all(qtbot, make_kiosk):
    window = make_kiosk()  # the index is not opened yet
    window.open_search()
    window.search_field.setText("sciatica")
    results = window.search_screen.results
    qtbot.waitUntil(lambda: results.hit_slugs() == ["sciatica"], timeout=3000)
    assert "Looking through every factsheet" in window.search_screen.status.text()
    with qtbot.waitSignal(window.search_service.results, timeout=20000):
        window.search_service.start()
    qtbot.waitUntil(lambda: "Looking" not in window.search_screen.status.text())
    assert "sciatica" in results.hit_slugs()
