"""Run by test_journeys.py in a process of its own, on a real X server with a window manager:
starts the real app on a fresh home and walks what people do, then prints one JSON line.

    python journey_probe.py window|kiosk CONTENT HOME [SHOTS_DIR]

Every uncaught exception (Qt hands those raised in slots and event handlers to sys.excepthook)
is recorded, not shown in a dialog, and reported; so is every step whose outcome a person
would see as wrong. With SHOTS_DIR, a screenshot of the whole screen is saved after each step.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QTabBar, QWidget

ERRORS: list[str] = []
PROBLEMS: list[str] = []
STEPS: list[str] = []


def record_exception(kind, value, tb) -> None:
    ERRORS.append("".join(traceback.format_exception(kind, value, tb))[-1500:])


def settle(ms: int = 300) -> None:
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QApplication.processEvents()


def wait_for(condition, ms: int = 5000) -> bool:
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QApplication.processEvents()
        if condition():
            return True
    return condition()


class Journey:
    def __init__(self, window: QWidget, shots: Path | None, name: str) -> None:
        self.window, self.shots, self.name = window, shots, name
        self.screen = QGuiApplication.primaryScreen()

    def step(self, label: str) -> None:
        """After each step: nothing a person needs lies outside the screen."""
        settle()
        STEPS.append(label)
        screen = self.screen.geometry()
        frame = self.window.frameGeometry()
        inside = self.window.geometry()
        if not screen.contains(frame):
            PROBLEMS.append(f"{label}: window {rect(frame)} outside screen {rect(screen)}")
        for widget in self.window.findChildren(QWidget):
            if not isinstance(widget, (QAbstractButton, QTabBar)) or not widget.isVisible():
                continue
            if widget.window() is not self.window or widget.width() <= 1:
                continue
            box = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
            if not box.intersects(inside):
                continue  # outside its own window (a hidden dock's tab bar): nobody sees it
            if not screen.contains(box) and _in_view(widget):
                PROBLEMS.append(f"{label}: {describe(widget)} at {rect(box)} off the screen")
        if self.shots:
            self.shots.mkdir(parents=True, exist_ok=True)
            image = self.screen.grabWindow(0)
            image.save(str(self.shots / f"{self.name}-{len(STEPS):02d}-{label}.png"))

    def check(self, ok: bool, what: str) -> None:
        if not ok:
            PROBLEMS.append(f"{STEPS[-1] if STEPS else 'start'}: {what}")


def _in_view(widget: QWidget) -> bool:
    """A control scrolled out of its own scroll area is not "off the screen"."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent.inherits("QAbstractScrollArea"):
            return False
        parent = parent.parentWidget()
    return True


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def describe(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") else ""
    return f"{type(widget).__name__}({widget.objectName() or text!r})"


def heading_size(window) -> float:
    block = window.page.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 2:
            return block.begin().fragment().charFormat().fontPointSize()
        block = block.next()
    return 0.0


def icon_contrast(window) -> float:
    """The least share of pixels, over the toolbar's icon buttons, that stand out from the
    toolbar behind them (an icon drawn black on a dark toolbar scores near 0)."""
    from PySide6.QtWidgets import QToolBar, QToolButton

    worst = 1.0
    for bar in window.findChildren(QToolBar):
        if not bar.isVisible():
            continue
        image = bar.grab().toImage()
        back = image.pixelColor(1, 1).lightness()
        for button in bar.findChildren(QToolButton):
            if not button.isVisible() or button.icon().isNull():
                continue
            geo = button.geometry()
            total = standing = 0
            for y in range(geo.top() + 4, geo.bottom() - 4, 2):
                for x in range(geo.left() + 4, geo.right() - 4, 2):
                    total += 1
                    standing += abs(image.pixelColor(x, y).lightness() - back) > 60
            if total:
                worst = min(worst, standing / total)
    return worst


def window_journey(content: Path, home: Path, shots: Path | None) -> None:
    from reader.content import load_content
    from reader.paths import AppPaths
    from reader.ui.app import create_window

    window = create_window(load_content(content), AppPaths.under(home))
    window.show()
    window.search_service.start()
    wait_for(lambda: window.search_service.is_ready, 15000)
    j = Journey(window, shots, "window")
    settle(600)  # the window manager frames and places it; the window keeps itself inside
    j.step("start")

    window.search_field.setFocus()
    QTest.keyClicks(window.search_field, "acid reflux")
    j.check(wait_for(lambda: window.results.hit_count() > 0, 8000), "no results for acid reflux")
    j.step("search")
    QTest.keyClick(window.search_field, Qt.Key.Key_Return)
    j.check(wait_for(lambda: window.current_page() is not None), "Enter opened nothing")
    j.step("open-top-hit")

    for name in ("show-saved", "show-recent"):
        action = window.findChild(type(window.back_action), name)
        action.trigger()
        j.step(name)
    recent = window.recent_list.list
    j.check(recent.count() > 0, "the Recent list is empty after opening a factsheet")
    if recent.count():  # a click on the first entry, while the Recent tab is showing
        item_rect = recent.visualItemRect(recent.item(0))
        QTest.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
    j.step("open-from-recent")
    window.clear_search()
    window.open_factsheet("migraine")
    j.step("open-from-browse")

    QTest.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    settle()
    j.check(window.personal.is_bookmarked("migraine"), "Ctrl+D did not bookmark the page")
    j.step("bookmark")

    window.focus_notes_action.trigger()
    settle()
    focused = QApplication.focusWidget()
    if focused is not None:
        QTest.keyClicks(focused, "Ask about the trial")
    j.check(window.notes_panel.save_now(), "the note was not saved")
    j.step("note")

    before = heading_size(window)
    window.zoom_in_action.trigger()
    window.zoom_in_action.trigger()
    settle()
    j.check(heading_size(window) > before > 0, f"headings did not grow with zoom ({before})")
    j.step("zoom")
    window.zoom_reset_action.trigger()

    for name, action in window.theme_actions.items():
        action.trigger()
        settle()
        j.check(icon_contrast(window) > 0.04, f"toolbar icons hard to see in the {name} theme")
        j.step(f"theme-{name}")

    window.find_action.trigger()
    focused = QApplication.focusWidget()
    if focused is not None:
        QTest.keyClicks(focused, "migraine")
        QTest.keyClick(focused, Qt.Key.Key_Return)
    j.step("find")

    pdf = home / "handout.pdf"
    window.handout_actions.export_pdf(pdf)
    j.check(pdf.exists() and pdf.stat().st_size > 1000, "no handout PDF was written")
    j.step("print")
    window.close()
    window.search_service.shutdown()


def kiosk_journey(content: Path, home: Path, shots: Path | None) -> None:
    from reader.content import load_content
    from reader.kiosk.config import KioskConfig
    from reader.kiosk.pin import hash_pin
    from reader.paths import AppPaths
    from reader.ui.kiosk.launch import create_kiosk_window

    window = create_kiosk_window(load_content(content), AppPaths.under(home),
                                 KioskConfig(enabled=True, pin_hash=hash_pin("2468")))
    window.showFullScreen()
    window.search_service.start()  # as run_kiosk does once the window is up
    wait_for(lambda: window.search_service.is_ready, 15000)
    j = Journey(window, shots, "kiosk")
    j.step("home")
    window.open_search()
    window.show_keyboard()
    j.step("keyboard")
    for letter in "migraine":
        QTest.mouseClick(window.keyboard._keys[letter], Qt.MouseButton.LeftButton)
    results = window.search_screen.results
    j.check(wait_for(lambda: results.hit_count() > 0, 8000), "typing on the keyboard found nothing")
    j.check(results.isVisible() and results.height() > 80, "no room for results above the keyboard")
    j.step("typed")
    window.hide_keyboard()
    window.open_factsheet("migraine")
    j.step("page")
    window.on_idle()  # what the idle timer calls: the countdown opens
    j.step("countdown")
    window._clock = lambda: float("inf")  # ... and runs out
    window.tick_countdown()
    j.check(window.is_pristine(), "idle did not reset the kiosk")
    j.step("idle-reset")
    window.request_staff_exit()
    j.step("pin")
    for digit in "2468":
        QTest.mouseClick(window.pin_pad.keys[digit], Qt.MouseButton.LeftButton)
    QTest.mouseClick(window.pin_pad.ok_button, Qt.MouseButton.LeftButton)
    j.check(wait_for(lambda: not window.isVisible(), 4000), "the staff PIN did not close the kiosk")
    STEPS.append("staff-exit")
    window.search_service.shutdown()


def main(kind: str, content: str, home: str, shots: str | None = None) -> int:
    app = QApplication([])
    sys.excepthook = record_exception
    try:
        (window_journey if kind == "window" else kiosk_journey)(
            Path(content), Path(home), Path(shots) if shots else None)
    except Exception:  # the journey itself broke: report it like any other exception
        record_exception(*sys.exc_info())
    settle(100)
    screen = app.primaryScreen().geometry()
    print(json.dumps({"screen": [screen.width(), screen.height()], "steps": STEPS,
                      "problems": PROBLEMS, "errors": ERRORS}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
