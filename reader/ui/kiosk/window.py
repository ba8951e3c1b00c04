"""The kiosk window: full screen, frameless, touch-first, and locked.

A separate window from MainWindow (which has menus, dialogs, settings and notes that a kiosk must
not offer); it reuses the content store, the search service and the page renderer. Everything a
visitor changes (search text, pages visited, scroll positions, text size, printouts) is session
state that `reset_session()` clears after the idle time, so the next person sees none of it.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractSlider,
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reader.content.store import ContentStore
from reader.kiosk.config import KioskConfig
from reader.kiosk.page_html import unlink_external
from reader.kiosk.pin import PinGate
from reader.render.page import render_factsheet
from reader.render.theme import LIGHT
from reader.ui.kiosk.attract import AttractScreen
from reader.ui.kiosk.keyboard import OnScreenKeyboard
from reader.ui.kiosk.lockdown import Lockdown
from reader.ui.kiosk.metrics import Metrics, touch_scale
from reader.ui.kiosk.overlays import CountdownOverlay, MessageOverlay
from reader.ui.kiosk.page_view import KioskPageView
from reader.ui.kiosk.pin_pad import PinPadOverlay
from reader.ui.kiosk.printing import PrinterFactory, default_printer, print_handout
from reader.ui.kiosk.screens import DEFAULT_TITLE, CategoryScreen, HomeScreen, SearchScreen
from reader.ui.kiosk.style import kiosk_stylesheet
from reader.ui.kiosk.tiles import TabButton
from reader.ui.module_sources import forget_module_sources
from reader.ui.navigation import HOME, History, Place
from reader.ui.search_service import SearchService

log = logging.getLogger(__name__)

SEARCH = "search"
CATEGORY_PREFIX = "category:"
FACTSHEET_PREFIX = "factsheet:"
BASE_TEXT_SCALE = 1.45  # page text at 1080p: 11 pt becomes 16 pt, readable at arm's length
ZOOM_STEP = 1.15
MIN_ZOOM, MAX_ZOOM = -2, 4
TICK_MS = 250


_Step = QAbstractSlider.SliderAction
# (key, with Shift) -> what it does to the page's scroll bar, as in the page itself.
_SCROLL_KEYS = {
    (Qt.Key.Key_PageDown, False): _Step.SliderPageStepAdd,
    (Qt.Key.Key_Space, False): _Step.SliderPageStepAdd,
    (Qt.Key.Key_PageUp, False): _Step.SliderPageStepSub,
    (Qt.Key.Key_Space, True): _Step.SliderPageStepSub,
    (Qt.Key.Key_Down, False): _Step.SliderSingleStepAdd,
    (Qt.Key.Key_Up, False): _Step.SliderSingleStepSub,
    (Qt.Key.Key_Home, False): _Step.SliderToMinimum,
    (Qt.Key.Key_End, False): _Step.SliderToMaximum,
}


class KioskWindow(QWidget):
    """The whole kiosk. `staff_exited` is emitted once a right PIN has been entered."""

    staff_exited = Signal()

    def __init__(self, store: ContentStore, search: SearchService, config: KioskConfig, *,
                 metrics: Metrics | None = None,
                 printer_factory: PrinterFactory = default_printer,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("KioskWindow")
        self.setWindowTitle(config.clinic_name or "Factsheet Reader")
        self.store = store
        self.search_service = search
        self.config = config
        self._clock = clock
        self._printer_factory = printer_factory
        self.metrics = metrics or _metrics_for_screen()
        # Page text is sized in points, which a high logical DPI enlarges already.
        self._text_scale = BASE_TEXT_SCALE * self.metrics.scale / _dpi_factor()
        self.history = History()
        self.zoom = 0
        self.prints_used = 0
        self._staff_exit = False
        self._deadline = 0.0
        self.setStyleSheet(kiosk_stylesheet(self.metrics))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAcceptDrops(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # Full screen by state (for a window manager) and by geometry (for a bare X session
        # with no window manager, where the state alone does nothing).
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.setWindowState(Qt.WindowState.WindowFullScreen)

        self._build_top_bar()
        m = self.metrics
        self.home = HomeScreen(store, config, m)
        self.home.category_chosen.connect(self.open_category)
        self.home.search_requested.connect(self.open_search)
        self.category = CategoryScreen(store, m)
        self.category.open_requested.connect(self.open_factsheet)
        self.search_screen = SearchScreen(search, m)
        self.search_screen.open_requested.connect(self.open_factsheet)
        self.search_screen.field_touched.connect(self.show_keyboard)
        self.search_field = self.search_screen.field
        self.page = KioskPageView(m)
        self.page.factsheet_requested.connect(self.open_factsheet)
        self.page.external_link_refused.connect(self._explain_links)
        self.stack = QStackedWidget()
        for widget in (self.home, self.category, self.search_screen, self.page):
            self.stack.addWidget(widget)
        featured = []
        for slug in config.featured:
            sheet = store.get(slug)
            if sheet is None:
                log.warning("kiosk config: featured factsheet %r is not in the content; "
                            "it is left out", slug)
            else:
                featured.append(sheet)
        self.attract: AttractScreen | None = None
        if featured:
            title = config.clinic_name or (store.pack.title if store.pack else DEFAULT_TITLE)
            self.attract = AttractScreen(featured, config.attract_seconds, title, m)
            self.attract.open_requested.connect(self._leave_attract_to)
            self.attract.start_requested.connect(self._leave_attract)
            self.stack.addWidget(self.attract)
        for i in range(self.stack.count()):
            # A stack is as tall as its tallest page's minimum; without this the keyboard would be
            # pushed off the bottom of the screen by pages that are not even showing.
            self.stack.widget(i).setMinimumSize(1, 1)

        self._metrics = m
        self._keyboard: OnScreenKeyboard | None = None  # built after the first paint, or when asked

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.stack, 1)

        self.countdown = CountdownOverlay(m, self)
        self.countdown.keep_reading.connect(self._cancel_countdown)
        self.message = MessageOverlay(m, self)
        self.pin_gate = PinGate(config.pin_hash, clock)
        self.pin_pad = PinPadOverlay(self.pin_gate, m, self)
        self.pin_pad.unlocked.connect(self.staff_exit)

        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self.on_idle)
        self._countdown_timer = QTimer(self)
        self._countdown_timer.setInterval(TICK_MS)
        self._countdown_timer.timeout.connect(self.tick_countdown)

        self.lockdown = Lockdown(self, m, config.exit_keys, swipe_allowed=self._swipe_allowed)
        self.lockdown.activity.connect(self._on_activity)
        self.lockdown.staff_exit_requested.connect(self.request_staff_exit)
        self.lockdown.swiped.connect(self._on_swipe)
        # A child of this window: Qt drops it from the application's filters when it goes.
        QApplication.instance().installEventFilter(self.lockdown)

        self.go_home()
        self._restart_idle()

    def _build_top_bar(self) -> None:
        m = self.metrics
        self.top_bar = QWidget()
        self.top_bar.setObjectName("topBar")
        self.top_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        bar = QHBoxLayout(self.top_bar)
        # The right margin keeps the staff long-press corner free of buttons.
        bar.setContentsMargins(m.px(24), m.px(14), m.corner, m.px(14))
        bar.setSpacing(m.gap)
        self.back_button = self._bar_button("←  Back", self.go_back, "Back")
        self.home_button = self._bar_button("⌂  Home", self.go_home, "Home")
        self.bar_title = QLabel(self.config.clinic_name)
        self.bar_title.setObjectName("barTitle")
        self.bar_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.smaller_button = self._bar_button("A−", lambda: self.set_zoom(self.zoom - 1),
                                               "Smaller text")
        self.larger_button = self._bar_button("A+", lambda: self.set_zoom(self.zoom + 1),
                                              "Larger text")
        self.print_button = self._bar_button("Print", self.print_current, "Print this factsheet")
        for widget in (self.back_button, self.home_button):
            bar.addWidget(widget)
        bar.addWidget(self.bar_title, 1)
        for widget in (self.smaller_button, self.larger_button, self.print_button):
            bar.addWidget(widget)
        self.print_button.setVisible(False)

    def _bar_button(self, text: str, action, accessible: str) -> QPushButton:
        button = TabButton(text)  # Tab and Enter for a keyboard; a touch takes no focus
        button.setAccessibleName(accessible)
        button.clicked.connect(action)
        return button

    # -- pages -------------------------------------------------------------------------------
    def current_page(self) -> str:
        return self.history.current.page if self.history.current else HOME

    def current_slug(self) -> str | None:
        page = self.current_page()
        return page[len(FACTSHEET_PREFIX):] if page.startswith(FACTSHEET_PREFIX) else None

    def go_home(self) -> None:
        self._visit(HOME)

    def open_category(self, cid: str) -> None:
        self._visit(CATEGORY_PREFIX + cid)

    def open_search(self) -> None:
        self._visit(SEARCH)

    def open_factsheet(self, slug: str) -> None:
        if self.store.get(slug) is None:
            log.warning("kiosk: no factsheet called %r", slug)
            return
        self._visit(FACTSHEET_PREFIX + slug)

    def go_back(self) -> None:
        place = self.history.back(self._scroll_position())
        if place is None:
            self.go_home()
        else:
            self._show(place)

    def _visit(self, page: str) -> None:
        self._show(self.history.visit(page, self._scroll_position()))

    def _show(self, place: Place) -> None:
        page = place.page
        on_search = page == SEARCH
        if page == HOME:
            self.stack.setCurrentWidget(self.home)
        elif page.startswith(CATEGORY_PREFIX):
            if not self.category.show_category(page[len(CATEGORY_PREFIX):]):
                self.go_home()
                return
            self.stack.setCurrentWidget(self.category)
        elif on_search:
            self.stack.setCurrentWidget(self.search_screen)
        else:
            self.stack.setCurrentWidget(self.page)
            self.page.show_html(self._page_html(), place.scroll)
        self._set_scroll_position(place.scroll)
        self.top_bar.setVisible(page != HOME)
        reading = page.startswith(FACTSHEET_PREFIX)
        self.smaller_button.setVisible(reading)
        self.larger_button.setVisible(reading)
        self.print_button.setVisible(reading and self.config.printing)
        self._update_zoom_buttons()
        if on_search:
            self.show_keyboard()
        else:
            self.hide_keyboard()
            self.setFocus(Qt.FocusReason.OtherFocusReason)  # a touch user sees no focus ring

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt API)
        """Tab order is a ring: Back, Home, A−, A+ and Print (the top bar, made first), then
        what the screens hold, a category's tiles made later last. With the window itself
        focused (as a screen opens) Tab goes to the screen's first stop and Shift+Tab to the
        bar's last, rather than both into the top bar."""
        if QApplication.focusWidget() is self:
            stop = self._tab_stop(self.print_button, forward)
            if stop is not None:
                stop.setFocus(Qt.FocusReason.TabFocusReason if forward
                              else Qt.FocusReason.BacktabFocusReason)
                return True
        return super().focusNextPrevChild(forward)

    def _tab_stop(self, start: QWidget, forward: bool) -> QWidget | None:
        """The first widget Tab can reach after `start` (forward), or at or before it."""
        widget = start.nextInFocusChain() if forward else start
        for _ in range(1000):  # the ring holds a few hundred widgets at most
            if (widget is not self and widget.isVisible() and widget.isEnabled()
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
                return widget
            widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
            if widget is start:
                break
        return None

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """With nothing focused on a factsheet (as it opens), the reading keys scroll it:
        Page Down, Space, the arrows, Home and End."""
        shift = event.modifiers() == Qt.KeyboardModifier.ShiftModifier
        action = _SCROLL_KEYS.get((event.key(), shift))
        if action is not None and self.stack.currentWidget() is self.page:
            self.page.verticalScrollBar().triggerAction(action)
            return
        super().keyPressEvent(event)

    def _page_html(self) -> str:
        sheet = self.store.get(self.current_slug() or "")
        if sheet is None:
            return ""
        theme = dataclasses.replace(LIGHT, scale=self._text_scale * ZOOM_STEP ** self.zoom)
        html = unlink_external(render_factsheet(sheet, self.store, theme))
        forget_module_sources()  # the first render imports Markdown
        return html

    def _current_screen(self):
        return self.stack.currentWidget()

    def _scroll_position(self) -> int:
        screen = self._current_screen()
        return screen.scroll_position() if hasattr(screen, "scroll_position") else 0

    def _set_scroll_position(self, value: int) -> None:
        screen = self._current_screen()
        if hasattr(screen, "set_scroll_position"):
            screen.set_scroll_position(value)

    # -- text size ---------------------------------------------------------------------------
    def set_zoom(self, step: int) -> None:
        """Make the page text `step` sizes larger (negative: smaller) than the kiosk's default."""
        step = max(MIN_ZOOM, min(MAX_ZOOM, step))
        if step == self.zoom:
            return
        bar = self.page.verticalScrollBar()
        ratio = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self.zoom = step
        if self.current_slug():
            self.page.show_html(self._page_html())
            bar.setValue(round(ratio * bar.maximum()))
        self._update_zoom_buttons()

    def _update_zoom_buttons(self) -> None:
        self.smaller_button.setEnabled(self.zoom > MIN_ZOOM)
        self.larger_button.setEnabled(self.zoom < MAX_ZOOM)

    # -- keyboard ----------------------------------------------------------------------------
    @property
    def keyboard(self) -> OnScreenKeyboard:
        """The on-screen keyboard, under the screens; hidden until a visitor needs it. It is
        not on screen at the first paint, so it is built after it (reader/ui/kiosk/launch.py)
        or the first time it is wanted."""
        if self._keyboard is None:
            keyboard = OnScreenKeyboard(self._metrics)
            keyboard.set_target(self.search_field)
            keyboard.hide_requested.connect(self.hide_keyboard)
            keyboard.hide()
            self.layout().addWidget(keyboard)
            self._keyboard = keyboard
        return self._keyboard

    def keyboard_showing(self) -> bool:
        return self._keyboard is not None and self._keyboard.isVisible()

    def show_keyboard(self) -> None:
        self.keyboard.show()
        self.search_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def hide_keyboard(self) -> None:
        if self._keyboard is not None:
            self._keyboard.hide()

    # -- idle reset --------------------------------------------------------------------------
    def _restart_idle(self) -> None:
        quiet = max(0.0, self.config.idle_seconds - self.config.countdown_seconds)
        self._idle_timer.start(round(quiet * 1000))

    def _on_activity(self) -> None:
        if self.countdown.isVisible():
            self._cancel_countdown()
        self._restart_idle()

    def on_idle(self) -> None:
        """Nobody has touched the kiosk for a while: count down to a reset, or rest at once
        when there is nothing of a visitor's to clear."""
        if self.attract is not None and self.stack.currentWidget() is self.attract:
            return
        if self.is_pristine():
            self._rest()
            return
        self._deadline = self._clock() + self.config.countdown_seconds
        self.countdown.set_seconds(math.ceil(self.config.countdown_seconds))
        self.countdown.open()
        self._countdown_timer.start()

    def tick_countdown(self) -> None:
        if not self.countdown.isVisible():
            return
        left = self._deadline - self._clock()
        if left <= 0:
            self.reset_session()
        else:
            self.countdown.set_seconds(math.ceil(left))

    def _cancel_countdown(self) -> None:
        self._countdown_timer.stop()
        self.countdown.hide()
        self._restart_idle()

    def is_pristine(self) -> bool:
        """True when nothing a visitor did is left to clear."""
        return (self.current_page() == HOME and not self.history.can_go_back()
                and not self.search_field.text() and self.zoom == 0 and self.prints_used == 0
                and self.home.scroll_position() == 0 and not self.keyboard_showing()
                and not any(o.isVisible() for o in (self.countdown, self.message, self.pin_pad)))

    def reset_session(self) -> None:
        """Forget the visitor: search, history, scroll positions, text size, printouts, open
        panels and the clipboard; then show the start (or the attract screen)."""
        log.info("kiosk: idle reset")
        self._countdown_timer.stop()
        self.countdown.hide()
        self.message.hide()
        self.pin_pad.close_pad()
        self.search_screen.clear()
        self.search_screen.set_scroll_position(0)
        self.hide_keyboard()
        self.page.clear_page()
        self.category.clear()
        self.home.set_scroll_position(0)
        self.zoom = 0
        self.prints_used = 0
        QGuiApplication.clipboard().clear()
        self.history.clear()
        self.go_home()
        self._rest()

    def _rest(self) -> None:
        if self.attract is not None:
            self.top_bar.hide()
            self.stack.setCurrentWidget(self.attract)
            self.attract.start()
        self._restart_idle()

    def _leave_attract(self) -> None:
        if self.attract is not None:
            self.attract.stop()
        self._show(self.history.current or Place(HOME))

    def _leave_attract_to(self, slug: str) -> None:
        if self.attract is not None:
            self.attract.stop()
        self.open_factsheet(slug)

    def attract_showing(self) -> bool:
        return self.attract is not None and self.stack.currentWidget() is self.attract

    # -- gestures ----------------------------------------------------------------------------
    def _swipe_allowed(self, obj: QObject | None) -> bool:
        if not isinstance(obj, QWidget) or obj.window() is not self:
            return False
        if any(o.isVisible() for o in (self.countdown, self.message, self.pin_pad)):
            return False
        if self.attract_showing() or self.current_page() == HOME:
            return False
        widget = obj
        while widget is not None:  # not on the keyboard or a scroll bar
            if (self._keyboard is not None and widget is self._keyboard) or isinstance(widget, QScrollBar):
                return False
            widget = widget.parentWidget()
        return True

    def _on_swipe(self, direction: int) -> None:
        if direction > 0:
            self.go_back()

    # -- links and printing ------------------------------------------------------------------
    def _explain_links(self, _url: str) -> None:
        self.message.show_message(
            "Websites cannot be opened here",
            "This screen only shows the factsheets. You could note the address down and look it "
            "up at home.")

    def print_current(self) -> None:
        """Ask, then print the open factsheet on the default printer (if printing is allowed)."""
        sheet = self.store.get(self.current_slug() or "")
        if sheet is None or not self.config.printing:
            return
        left = self.config.print_limit - self.prints_used
        if left <= 0:
            self.message.show_message(
                "No more printouts",
                f"Each visitor can print {self.config.print_limit} factsheet"
                f"{'s' if self.config.print_limit != 1 else ''}. Please ask at reception if you "
                "would like another copy.")
            return
        self.message.show_message(
            f"Print “{sheet.title}”?",
            "It will come out of the clinic's printer: please collect it at reception.",
            [("Cancel", None), ("Print", self._print_now)])

    def _print_now(self) -> None:
        sheet = self.store.get(self.current_slug() or "")
        if sheet is None:
            return
        device = None
        try:
            device = self._printer_factory()
        except Exception:
            log.exception("kiosk: the default printer could not be opened")
        if device is None:
            self.message.show_message(
                "No printer is available",
                "Printing is not working at the moment. Please ask at reception for a copy.")
            return
        try:
            pages = print_handout(device, sheet, self.config.clinic_name)
        except Exception:
            log.exception("kiosk: printing %s failed", sheet.slug)
            self.message.show_message(
                "The printer did not print",
                "Something went wrong with the printer. Please ask at reception for a copy.")
            return
        self.prints_used += 1
        log.info("kiosk: printed %s, %d page(s) (%d this visit)", sheet.slug, pages,
                 self.prints_used)
        self.message.show_message("Printing", "Please collect your copy at reception.")

    # -- staying locked, and staff exit ------------------------------------------------------
    def request_staff_exit(self) -> None:
        self.countdown.hide()
        self._countdown_timer.stop()
        self.message.hide()
        self.pin_pad.open()

    def staff_exit(self) -> None:
        log.info("kiosk: staff exit")
        self._staff_exit = True
        self._idle_timer.stop()
        self._countdown_timer.stop()
        self._remove_filter()
        self.close()
        self.staff_exited.emit()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self._staff_exit:
            log.info("kiosk: refused a request to close the window")
            event.ignore()
            return
        self.search_service.shutdown()
        super().closeEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if (event.type() == event.Type.WindowStateChange and not self._staff_exit
                and not self.windowState() & Qt.WindowState.WindowFullScreen):
            QTimer.singleShot(0, self.showFullScreen)  # minimised or un-fullscreened: undo it

    def _remove_filter(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.lockdown)


def _metrics_for_screen() -> Metrics:
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return Metrics()
    size = screen.size()
    return Metrics(touch_scale(size.width(), size.height(), screen.logicalDotsPerInch()))


def _dpi_factor() -> float:
    screen = QGuiApplication.primaryScreen()
    return max(1.0, screen.logicalDotsPerInch() / 96.0) if screen is not None else 1.0
