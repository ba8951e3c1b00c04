"""The kiosk window: locked paths refused, navigation by touch, idle reset, staff exit, printing."""

from __future__ import annotations

import shutil
import subprocess

from PySide6.QtCore import QMimeData, QPoint, QPointF, QRect, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QContextMenuEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QTextCursor,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from reader.kiosk.pin import FREE_ATTEMPTS
from reader.ui.kiosk.pin_pad import NO_PIN_TEXT
from reader.ui.navigation import HOME
from tests.ui.kiosk.conftest import PIN

CTRL, ALT, SHIFT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier,
                    Qt.KeyboardModifier.ShiftModifier)


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_on_screen(qtbot, window, text: str) -> None:
    for ch in text:
        click(qtbot, window.keyboard.key_button(ch))


def enter_pin(qtbot, window, pin: str) -> None:
    for digit in pin:
        click(qtbot, window.pin_pad.keys[digit])
    click(qtbot, window.pin_pad.ok_button)


def page_links(window) -> list[str]:
    doc = window.page.document()
    links, block = [], doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            href = it.fragment().charFormat().anchorHref()
            if href:
                links.append(href)
            it += 1
        block = block.next()
    return links


# -- the window itself ---------------------------------------------------------------------------

def test_full_screen_frameless_and_on_the_home_screen(make_kiosk):
    window = make_kiosk(clinic_name="Riverside Clinic")
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    assert window.current_page() == HOME and not window.top_bar.isVisible()
    assert window.home.title.text() == "Riverside Clinic"
    titles = [tile.title() for tile in window.home.tiles.tiles]
    assert titles == ["Joints, muscles and back", "Nerves, brain and senses"]


def test_every_control_is_a_touch_sized_target(qtbot, make_kiosk):
    window = make_kiosk(printing=True)
    window.resize(1920, 1080)
    for screen in (window.open_search, lambda: window.open_factsheet("sciatica"),
                   window.go_home, lambda: window.open_category("musculoskeletal")):
        screen()
        QApplication.processEvents()
        buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
        assert buttons
        for button in buttons:
            assert button.height() >= 44 and button.width() >= 44, button.text()


def test_no_menus_and_no_way_to_settings_packs_or_notes(make_kiosk):
    window = make_kiosk()
    labels = " ".join(b.text().lower() for b in window.findChildren(QPushButton))
    for word in ("settings", "install", "notes", "quit", "preferences", "export"):
        assert word not in labels
    from PySide6.QtWidgets import QMenu, QMenuBar

    assert not window.findChildren(QMenuBar) and not window.findChildren(QMenu)


# -- locked paths ---------------------------------------------------------------------------------

def test_close_is_refused(make_kiosk):
    window = make_kiosk()
    assert window.close() is False
    assert window.isVisible()


def test_quit_and_close_shortcuts_do_nothing(qtbot, make_kiosk):
    window = make_kiosk()
    fired = []
    for keys in ("Ctrl+Q", "Ctrl+W", "Alt+F4", "Ctrl+F4", "Ctrl+P"):
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(lambda k=keys: fired.append(k))
    window.open_search()
    for target in (window, window.search_field):
        for key, modifiers in ((Qt.Key.Key_Q, CTRL), (Qt.Key.Key_W, CTRL), (Qt.Key.Key_F4, ALT),
                               (Qt.Key.Key_F4, CTRL), (Qt.Key.Key_P, CTRL)):
            qtbot.keyClick(target, key, modifiers)
    assert fired == []
    assert window.isVisible() and window.search_field.text() == ""
    assert window.lockdown.refused >= 10


def test_plain_typing_still_reaches_the_search_field(qtbot, make_kiosk):
    window = make_kiosk()
    window.open_search()
    qtbot.keyClicks(window.search_field, "Back pain")
    assert window.search_field.text() == "Back pain"


def test_context_menus_are_refused(qtbot, make_kiosk):
    window = make_kiosk()
    window.open_factsheet("chronic-low-back-pain")
    popups = []

    def close_any_popup():  # if a menu did open, record it and close it so the test ends
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popups.append(popup)
            popup.close()
    timer = QTimer()
    timer.timeout.connect(close_any_popup)
    timer.start(50)
    for widget in (window.page.viewport(), window.search_field, window.home):
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
        QApplication.sendEvent(widget, event)
    qtbot.mouseClick(window.page.viewport(), Qt.MouseButton.RightButton)
    qtbot.wait(120)
    timer.stop()
    assert popups == []


def test_drag_and_drop_is_refused(make_kiosk):
    window = make_kiosk()
    window.open_search()
    mime = QMimeData()
    mime.setText("something from elsewhere")
    for widget in (window.search_field, window.page.viewport(), window):
        enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, enter)
        assert not enter.isAccepted()
        drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                          Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, drop)
    assert window.search_field.text() == ""


def test_external_links_are_text_and_never_opened(qtbot, make_kiosk, monkeypatch):
    window = make_kiosk()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.open_factsheet("chronic-low-back-pain")
    links = page_links(window)
    assert "factsheet:sciatica" in links and "#ref-smith2020" in links
    assert not any(link.startswith(("http", "mailto", "file")) for link in links)
    text = window.page.toPlainText()
    assert "an outside page (example.org/x)" in text and "doi:10.1000/smith2020" in text
    # Even a link that slipped through is refused, with a calm word.
    with qtbot.waitSignal(window.page.external_link_refused):
        window.page.anchorClicked.emit(QUrl("https://doi.org/10.1000/smith2020"))
    assert opened == []
    assert window.message.isVisible() and "cannot be opened" in window.message.title.text()
    assert window.current_page() == "factsheet:chronic-low-back-pain"


def test_the_window_returns_to_full_screen_if_something_shrinks_it(qtbot, make_kiosk):
    window = make_kiosk()
    window.setWindowState(Qt.WindowState.WindowMinimized)
    qtbot.waitUntil(lambda: bool(window.windowState() & Qt.WindowState.WindowFullScreen))


# -- reading by touch -----------------------------------------------------------------------------

def test_browse_a_topic_open_a_factsheet_then_back_and_home(qtbot, make_kiosk):
    window = make_kiosk()
    click(qtbot, window.home.tiles.tile("Joints, muscles and back"))
    assert window.current_page() == "category:musculoskeletal"
    assert window.category.title.text() == "Joints, muscles and back"
    click(qtbot, window.category.tiles.tile("Sciatica"))
    assert window.current_slug() == "sciatica" and window.top_bar.isVisible()
    assert "Sciatica" in window.page.toPlainText()
    click(qtbot, window.back_button)
    assert window.current_page() == "category:musculoskeletal"
    click(qtbot, window.home_button)
    assert window.current_page() == HOME and not window.top_bar.isVisible()


def test_factsheet_links_are_followed(qtbot, make_kiosk):
    window = make_kiosk()
    window.open_factsheet("chronic-low-back-pain")
    window.page.anchorClicked.emit(QUrl("factsheet:sciatica"))
    assert window.current_slug() == "sciatica"


def link_box(page, href: str) -> QRect:
    """Where the link's text is, in the page's viewport coordinates."""
    block = page.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(page.document())
                cursor.setPosition(fragment.position())
                start = page.cursorRect(cursor)
                cursor.setPosition(fragment.position() + fragment.length())
                return start.united(page.cursorRect(cursor))
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def tap(qtbot, page, pos: QPoint) -> None:
    qtbot.mouseClick(page.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_a_tap_near_a_link_opens_it(qtbot, make_kiosk):
    """A link is one line of text high (under 44 px): a finger that lands just off it still
    opens it, as long as the link is within half a touch target (22 px)."""
    window = make_kiosk()
    window.open_factsheet("chronic-low-back-pain")
    box = link_box(window.page, "factsheet:sciatica")
    assert box.height() < 44
    tap(qtbot, window.page, QPoint(box.center().x(), box.bottom() + 14))
    assert window.current_slug() == "sciatica"


def test_a_tap_near_a_citation_goes_to_the_reference(qtbot, make_kiosk):
    window = make_kiosk()
    window.open_factsheet("chronic-low-back-pain")
    box = link_box(window.page, "#ref-smith2020")
    tap(qtbot, window.page, QPoint(box.center().x(), box.top() - 12))
    assert window.page.scroll_position() > 0, "the page moved to the reference list"
    assert window.current_slug() == "chronic-low-back-pain"


def test_a_tap_away_from_links_or_a_drag_opens_nothing(qtbot, make_kiosk):
    window = make_kiosk()
    window.open_factsheet("chronic-low-back-pain")
    box = link_box(window.page, "factsheet:sciatica")
    tap(qtbot, window.page, QPoint(box.center().x(), box.bottom() + 40))  # 40 px below: too far
    assert window.current_slug() == "chronic-low-back-pain"
    start = QPoint(box.center().x(), box.bottom() + 10)
    qtbot.mousePress(window.page.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseRelease(window.page.viewport(), Qt.MouseButton.LeftButton,
                       pos=start + QPoint(0, 60))  # a drag that ends elsewhere
    assert window.current_slug() == "chronic-low-back-pain"


def test_swipe_right_goes_back(qtbot, make_kiosk):
    window = make_kiosk()
    window.open_category("musculoskeletal")
    window.open_factsheet("sciatica")
    viewport = window.page.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(40, 200))
    QTest.mouseMove(viewport, QPoint(200, 205))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(400, 210))
    assert window.current_page() == "category:musculoskeletal"
    # A short or mostly vertical drag is scrolling, not a swipe.
    window.open_factsheet("sciatica")
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(40, 100))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(300, 400))
    assert window.current_slug() == "sciatica"


def test_text_size_buttons(qtbot, make_kiosk):
    window = make_kiosk()
    window.open_factsheet("sciatica")
    before = window.page.toHtml()
    click(qtbot, window.larger_button)
    click(qtbot, window.larger_button)
    assert window.zoom == 2
    assert window.page.toHtml() != before
    for _ in range(10):
        if window.smaller_button.isEnabled():
            click(qtbot, window.smaller_button)
    assert window.zoom == -2 and not window.smaller_button.isEnabled()


# -- the on-screen keyboard ----------------------------------------------------------------------

def test_the_keyboard_is_built_only_when_wanted_and_sits_under_the_screens(qtbot, make_kiosk):
    window = make_kiosk()
    assert window._keyboard is None  # not on screen at first: launch builds it after the paint
    assert window.is_pristine()
    window.reset_session()  # hiding a keyboard that is not there yet is no error
    assert window._keyboard is None
    click(qtbot, window.home.search_button)
    assert window.keyboard.isVisible()
    layout = window.layout()
    assert layout.indexOf(window.keyboard) == layout.indexOf(window.stack) + 1
    assert window.keyboard.geometry().top() >= window.stack.geometry().bottom()


def test_on_screen_keyboard_types_into_search_and_finds_factsheets(qtbot, make_kiosk):
    window = make_kiosk(start_search=True)
    click(qtbot, window.home.search_button)
    assert window.current_page() == "search" and window.keyboard.isVisible()
    type_on_screen(qtbot, window, "lumbagx")
    assert window.search_field.text() == "lumbagx"
    click(qtbot, window.keyboard.key_button("⌫"))
    click(qtbot, window.keyboard.key_button("o"))
    assert window.search_field.text() == "lumbago"
    assert window.search_field.hasFocus()  # the keys never take the focus
    qtbot.waitUntil(lambda: window.search_screen.results.hit_slugs()[:1]
                    == ["chronic-low-back-pain"], timeout=5000)
    click(qtbot, window.keyboard.key_button(" "))
    type_on_screen(qtbot, window, "x")
    assert window.search_field.text() == "lumbago x"
    click(qtbot, window.keyboard.key_button("Clear"))
    assert window.search_field.text() == ""
    click(qtbot, window.keyboard.key_button("Hide keyboard"))
    assert not window.keyboard.isVisible()
    qtbot.mouseClick(window.search_field, Qt.MouseButton.LeftButton)  # touching the field again
    assert window.keyboard.isVisible()


def test_open_a_search_result_and_come_back_to_the_results(qtbot, make_kiosk):
    window = make_kiosk(start_search=True)
    window.open_search()
    type_on_screen(qtbot, window, "sciatica")
    qtbot.waitUntil(lambda: window.search_screen.results.count() > 0, timeout=5000)
    results = window.search_screen.results
    rect = results.visualItemRect(results.item(0))
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_slug() == "sciatica" and not window.keyboard.isVisible()
    click(qtbot, window.back_button)
    assert window.current_page() == "search" and window.search_field.text() == "sciatica"


def test_search_names_a_word_no_factsheet_holds(qtbot, make_kiosk):
    window = make_kiosk(start_search=True)
    window.open_search()
    type_on_screen(qtbot, window, "sciatica zzyzzx ")
    status = window.search_screen.status
    qtbot.waitUntil(lambda: "No factsheet mentions" in status.text(), timeout=5000)
    assert "“zzyzzx”" in status.text()
    assert window.search_screen.results.hit_slugs()[:1] == ["sciatica"]


def test_search_results_are_announced_once_typing_pauses(qtbot, make_kiosk):
    from reader.ui import announce

    window = make_kiosk(start_search=True)
    window.open_search()
    announce.recent.clear()
    type_on_screen(qtbot, window, "sciatica")
    qtbot.waitUntil(lambda: bool(announce.recent), timeout=5000)
    assert [a.text for a in announce.recent] == ["1 factsheet; 1 more mentions these words."]
    announce.recent.clear()
    speaker = announce.settled(window.search_screen.status)
    type_on_screen(qtbot, window, " pain")
    qtbot.waitUntil(speaker.pending, timeout=5000)
    window.search_screen.clear()  # the next visitor must not hear the last one's search
    assert not speaker.pending() and list(announce.recent) == []


# -- idle reset -----------------------------------------------------------------------------------

def use_the_kiosk(qtbot, window):
    """Leave a trace of every kind a visitor can leave."""
    window.open_search()
    type_on_screen(qtbot, window, "pain")
    qtbot.waitUntil(lambda: window.search_screen.results.count() > 0, timeout=5000)
    window.open_factsheet("chronic-low-back-pain")
    click(qtbot, window.larger_button)
    window.page.verticalScrollBar().setValue(400)
    assert window.page.scroll_position() > 0
    QGuiApplication.clipboard().setText("private words")
    window.open_factsheet("sciatica")


def test_idle_reset_clears_everything_a_visitor_left(qtbot, make_kiosk, clock):
    window = make_kiosk(start_search=True, printing=True, print_limit=2)
    use_the_kiosk(qtbot, window)
    click(qtbot, window.print_button)
    click(qtbot, window.message.button("Print"))
    assert window.prints_used == 1

    window.on_idle()
    assert window.countdown.isVisible()
    assert "10 seconds" in window.countdown.text.text()
    clock.now += 4.2
    window.tick_countdown()
    assert "6 seconds" in window.countdown.text.text() and window.current_slug() == "sciatica"
    clock.now += 6
    window.tick_countdown()

    assert not window.countdown.isVisible()
    assert window.current_page() == HOME and not window.history.can_go_back()
    assert window.search_field.text() == ""
    window.search_field.undo()
    assert window.search_field.text() == ""  # not even undo brings the words back
    assert window.search_screen.results.count() == 0
    assert window.page.toPlainText().strip() == ""
    assert window.page.scroll_position() == 0
    assert window.zoom == 0 and window.prints_used == 0
    assert not window.keyboard.isVisible()
    assert QGuiApplication.clipboard().text() == ""
    assert window.is_pristine()
    # Back leads nowhere the last visitor went.
    click(qtbot, window.home.tiles.tile("Nerves, brain and senses"))
    click(qtbot, window.back_button)
    assert window.current_page() == HOME and not window.history.can_go_back()


def test_idle_reset_clears_scroll_positions_kept_in_history(qtbot, make_kiosk, clock):
    window = make_kiosk()
    window.open_factsheet("chronic-low-back-pain")
    window.page.verticalScrollBar().setValue(500)
    window.open_factsheet("sciatica")  # the scroll position is saved in the history
    window.on_idle()
    clock.now += 11
    window.tick_countdown()
    window.open_factsheet("chronic-low-back-pain")
    assert window.page.scroll_position() == 0
    window.go_back()
    assert window.current_page() == HOME


def test_touching_the_screen_during_the_countdown_keeps_the_page(qtbot, make_kiosk, clock):
    window = make_kiosk()
    window.open_factsheet("sciatica")
    window.on_idle()
    assert window.countdown.isVisible()
    qtbot.mouseClick(window.countdown, Qt.MouseButton.LeftButton)
    assert not window.countdown.isVisible()
    clock.now += 60
    window.tick_countdown()  # a stray tick after the countdown ended does nothing
    assert window.current_slug() == "sciatica"
    window.on_idle()
    click(qtbot, window.countdown.button)
    assert not window.countdown.isVisible() and window.current_slug() == "sciatica"


def test_the_idle_warning_is_announced_at_once_and_its_ticks_are_not(qtbot, make_kiosk, clock):
    from reader.ui import announce

    window = make_kiosk(idle_seconds=60, countdown_seconds=30)
    window.open_factsheet("sciatica")
    announce.recent.clear()
    window.on_idle()
    assert list(announce.recent) == [announce.Announcement(
        "Are you still reading? To keep your reading private, this screen will go back to the "
        "start in 30 seconds. Touch anywhere to carry on.", assertive=True)]
    clock.now += 4.2
    window.tick_countdown()
    assert len(announce.recent) == 1
    announce.recent.clear()


def test_idle_timers_really_run(qtbot, make_kiosk):
    window = make_kiosk(real_time=True, idle_seconds=0.3, countdown_seconds=0.15)
    window.open_factsheet("sciatica")
    qtbot.waitUntil(window.countdown.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: window.current_page() == HOME and not window.countdown.isVisible(),
                    timeout=5000)


def test_attract_screen_when_idle_at_home(qtbot, make_kiosk):
    window = make_kiosk(featured=("sciatica", "not-a-factsheet", "peripheral-neuropathy"),
                        attract_seconds=4)
    assert window.is_pristine()
    window.on_idle()
    assert not window.countdown.isVisible()  # nothing to clear: no countdown
    assert window.attract_showing() and not window.top_bar.isVisible()
    assert window.attract.title.text() == "Sciatica"
    window.attract.next_sheet()
    assert window.attract.title.text() == "Peripheral neuropathy"
    window.attract.next_sheet()
    assert window.attract.title.text() == "Sciatica"  # the unknown slug was left out
    qtbot.mouseClick(window.attract, Qt.MouseButton.LeftButton)
    assert not window.attract_showing() and window.current_page() == HOME
    window.on_idle()
    click(qtbot, window.attract.read_button)
    assert window.current_slug() == "sciatica"


def test_attract_screen_follows_an_idle_reset(qtbot, make_kiosk, clock):
    window = make_kiosk(featured=("sciatica",))
    window.open_factsheet("peripheral-neuropathy")
    window.on_idle()
    clock.now += 11
    window.tick_countdown()
    assert window.attract_showing() and window.history.current.page == HOME


# -- staff exit -----------------------------------------------------------------------------------

def test_staff_exit_with_the_key_combination_and_the_right_pin(qtbot, make_kiosk):
    window = make_kiosk(exit_keys="Ctrl+Alt+Shift+E")
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | ALT | SHIFT)
    assert window.pin_pad.isVisible()
    for digit in "24":
        click(qtbot, window.pin_pad.keys[digit])
    assert window.pin_pad.entered() == "●●"  # the digits themselves are never shown
    click(qtbot, window.pin_pad.keys["Clear"])
    with qtbot.waitSignal(window.staff_exited):
        enter_pin(qtbot, window, PIN)
    assert not window.isVisible()


def test_other_key_combinations_do_not_open_the_pin_pad(qtbot, make_kiosk):
    window = make_kiosk(exit_keys="Ctrl+Alt+Shift+E")
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | ALT)
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL | ALT | SHIFT)
    assert not window.pin_pad.isVisible()


def test_long_press_in_the_top_right_corner_asks_for_the_pin(qtbot, make_kiosk):
    window = make_kiosk()
    window.lockdown.long_press.setInterval(30)
    window.open_factsheet("sciatica")
    corner = QPoint(window.width() - 10, 10)
    target = window.childAt(corner) or window
    local = target.mapFrom(window, corner)
    QTest.mousePress(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)
    qtbot.waitUntil(window.pin_pad.isVisible, timeout=2000)
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)
    click(qtbot, window.pin_pad.cancel_button)
    assert not window.pin_pad.isVisible() and window.isVisible()


def test_a_short_press_in_the_corner_or_a_long_press_elsewhere_does_nothing(qtbot, make_kiosk):
    window = make_kiosk()
    window.lockdown.long_press.setInterval(30)
    corner = QPoint(window.width() - 10, 10)
    target = window.childAt(corner) or window
    local = target.mapFrom(window, corner)
    QTest.mousePress(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)
    middle = window.rect().center()
    target = window.childAt(middle) or window
    QTest.mousePress(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     target.mapFrom(window, middle))
    qtbot.wait(100)
    assert not window.pin_pad.isVisible()


def test_wrong_pins_are_refused_and_then_rate_limited(qtbot, make_kiosk, clock):
    window = make_kiosk()
    window.request_staff_exit()
    for _ in range(FREE_ATTEMPTS - 1):
        enter_pin(qtbot, window, "1111")
        assert "not right" in window.pin_pad.message.text()
        assert window.pin_pad.isVisible()
    # said in large, dark red text, not small grey print
    message = window.pin_pad.message
    assert message.font().pixelSize() >= window.metrics.text or message.fontInfo().pixelSize() >= 17
    assert message.palette().color(message.foregroundRole()).name() == "#a3231b"
    enter_pin(qtbot, window, "9999")
    assert "try again in 5 seconds" in window.pin_pad.message.text()
    assert not window.pin_pad.keys["1"].isEnabled()  # the pad waits too
    clock.now += 2.5
    window.pin_pad._update_wait()
    assert "in 3 seconds" in window.pin_pad.message.text()
    clock.now += 3
    window.pin_pad._update_wait()
    assert window.pin_pad.keys["1"].isEnabled()
    enter_pin(qtbot, window, "0000")
    assert "in 10 seconds" in window.pin_pad.message.text()
    # Closing and opening the pad does not reset the wait.
    click(qtbot, window.pin_pad.cancel_button)
    window.request_staff_exit()
    assert not window.pin_pad.keys["2"].isEnabled()
    clock.now += 10
    window.pin_pad._update_wait()
    with qtbot.waitSignal(window.staff_exited):
        enter_pin(qtbot, window, PIN)


def test_without_a_pin_the_kiosk_cannot_be_closed_from_the_screen(qtbot, make_kiosk):
    window = make_kiosk(pin_hash=None)
    window.request_staff_exit()
    assert window.pin_pad.prompt.text() == NO_PIN_TEXT
    assert not window.pin_pad.keys["1"].isEnabled() and not window.pin_pad.ok_button.isEnabled()
    click(qtbot, window.pin_pad.cancel_button)
    assert window.isVisible() and window.close() is False


def test_idle_reset_closes_a_half_typed_pin(qtbot, make_kiosk, clock):
    window = make_kiosk()
    window.request_staff_exit()
    click(qtbot, window.pin_pad.keys["2"])
    window.on_idle()
    clock.now += 11
    window.tick_countdown()
    assert not window.pin_pad.isVisible()
    window.request_staff_exit()
    assert window.pin_pad.entered() == ""


# -- printing -------------------------------------------------------------------------------------

def test_print_button_only_when_printing_is_allowed(make_kiosk):
    window = make_kiosk()
    window.open_factsheet("sciatica")
    assert not window.print_button.isVisible()
    window.print_current()
    assert not window.message.isVisible()


def test_printing_goes_straight_to_the_printer_up_to_the_limit(qtbot, make_kiosk, printers):
    window = make_kiosk(printing=True, print_limit=2, clinic_name="Riverside Clinic")
    window.open_factsheet("sciatica")
    for n in (1, 2):
        click(qtbot, window.print_button)
        assert "Print “Sciatica”?" == window.message.title.text()
        click(qtbot, window.message.button("Print"))
        assert window.prints_used == n and window.message.title.text() == "Printing"
        click(qtbot, window.message.button("OK"))
    assert len(printers.files) == 2
    assert all(p.stat().st_size > 1000 and p.read_bytes().startswith(b"%PDF") for p in printers.files)
    if shutil.which("pdftotext"):  # the handout: clinic name on top, no web addresses
        text = subprocess.run(["pdftotext", str(printers.files[0]), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert text.lstrip().startswith("Riverside Clinic") and "Sciatica" in text
        assert "Page 1 of" in text and "https://" not in text
    click(qtbot, window.print_button)
    assert window.message.title.text() == "No more printouts"
    assert len(printers.files) == 2


def test_cancelled_print_is_not_counted(qtbot, make_kiosk, printers):
    window = make_kiosk(printing=True)
    window.open_factsheet("sciatica")
    click(qtbot, window.print_button)
    click(qtbot, window.message.button("Cancel"))
    assert window.prints_used == 0 and printers.files == []


def test_no_printer_gives_a_calm_message(qtbot, make_kiosk):
    window = make_kiosk(printing=True)
    window._printer_factory = lambda: None
    window.open_factsheet("sciatica")
    click(qtbot, window.print_button)
    click(qtbot, window.message.button("Print"))
    assert window.message.title.text() == "No printer is available"
    assert "ask at reception" in window.message.text.text()
    assert window.prints_used == 0


def test_activity_of_any_kind_restarts_the_idle_time(qtbot, make_kiosk):
    window = make_kiosk(idle_seconds=30, countdown_seconds=10)
    for act in (lambda: qtbot.mouseClick(window.home, Qt.MouseButton.LeftButton),
                lambda: qtbot.keyClick(window, Qt.Key.Key_A),
                lambda: qtbot.mouseMove(window.home, QPoint(120, 90))):
        window._idle_timer.stop()
        act()
        assert window._idle_timer.isActive()
        assert window._idle_timer.interval() == 20_000  # the countdown shows in the last 10 s
