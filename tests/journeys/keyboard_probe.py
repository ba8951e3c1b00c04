"""Run by test_keyboard_journeys.py in a process of its own, on a real X server with a window
manager: starts the real app the way `python -m reader` (or `--kiosk`) does, through run_app in
this process, then uses it with the keyboard only. Every key is a real key press sent through
the X server (xdotool), to whatever has the focus; no mouse event is sent, and any mouse
event that reaches the app all the same is counted. Prints one JSON line.

    python keyboard_probe.py window|kiosk HOME [SHOTS_DIR]

Steps start right after the window is shown, without waiting for the features built after the
first paint: a shortcut pressed at once must still work.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tests.journeys.journey_probe import (
    ERRORS,
    PROBLEMS,
    STEPS,
    Journey,
    record_exception,
    settle,
    wait_for,
)

PIN = "2468"
GIVE_UP_MS = 150_000  # the whole journey; then the app is ended and the run reported as broken
MOUSE = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
         QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel}
FOUND: dict = {}


class InputWatch(QObject):
    """Counts the mouse events that reach any object of the app, and real key presses."""

    def __init__(self) -> None:
        super().__init__()
        self.mouse: list[str] = []
        self.keys = 0

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in MOUSE:
            self.mouse.append(f"{kind.name} on {type(obj).__name__}")
        elif kind == QEvent.Type.KeyPress and event.spontaneous() and isinstance(obj, QWidget):
            self.keys += 1
        return False


def press(*keys: str) -> None:
    """Press each of `keys` (xdotool names: ctrl+k, Down, Return) through the X server, and
    let the app handle them."""
    for key in keys:
        _xdotool("key", "--clearmodifiers", key)


def type_text(text: str) -> None:
    _xdotool("type", "--delay", "40", text)


def _xdotool(*args: str) -> None:
    proc = subprocess.Popen(["xdotool", *args])
    # Keep the event loop turning while xdotool runs: the keys arrive as it sends them.
    if not wait_for(lambda: proc.poll() is not None, 10000):
        proc.kill()
        PROBLEMS.append(f"xdotool {' '.join(args)} did not finish")
    settle(150)


def focus() -> QWidget | None:
    return QApplication.focusWidget()


def when_modal(kind, action) -> QTimer:
    """Run `action(dialog)` once a modal dialog of type `kind` is up (a dialog's own event loop
    runs inside the key press that opened it, so the journey cannot wait for it in line)."""
    timer = QTimer()
    timer.setInterval(100)

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            timer.stop()
            wait_for(dialog.isActiveWindow, 3000)
            action(dialog)

    timer.timeout.connect(check)
    timer.start()
    return timer


def pdf_pages(path: Path) -> int:
    data = path.read_bytes() if path.exists() else b""
    return len(re.findall(rb"/Type\s*/Page\b", data))


def the_window(kind: str):
    from reader.ui.kiosk.window import KioskWindow
    from reader.ui.main_window import MainWindow

    wanted = KioskWindow if kind == "kiosk" else MainWindow

    def shown():
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, wanted) and w.isVisible()), None)

    wait_for(lambda: shown() is not None, 20000)
    return shown()


def window_journey(window, home: Path, shots: Path | None) -> None:
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QFileDialog

    from reader.ui import region_focus

    j = Journey(window, shots, "keyboard")
    j.check(bool(wait_for(window.isActiveWindow, 5000)), "the window never became active")
    press("Tab")  # away from the search field, which has the focus at start
    press("ctrl+k")
    j.check(focus() is window.search_field, f"Ctrl+K right after start focused {focus()!r}")
    j.step("focus-search")

    type_text("migraine")
    results = window.results
    j.check(bool(wait_for(lambda: results.hit_count() > 0, 20000)), "typing found nothing")
    j.step("search")
    press("Down")
    j.check(focus() is results and results.currentItem() is not None,
            "Down did not move into the results")
    first = results.hit_slugs()[0] if results.hit_count() else None
    press("Return")
    j.check(first is not None and window.current_page() == first,
            f"Enter opened {window.current_page()!r}, not the first result {first!r}")
    j.step("open")

    # F6 round the regions and back to where it started; Shift+F6 goes the other way.
    visited = []
    for _ in range(len(region_focus.regions(window)) + 1):
        order = region_focus.regions(window)
        here = next((i for i, w in enumerate(order) if w is focus() or w.isAncestorOf(focus())),
                    None)
        press("F6")
        expected = order[0 if here is None else (here + 1) % len(order)]
        j.check(focus() is expected or expected.isAncestorOf(focus()),
                f"F6 went to {focus()!r}, not {expected!r}")
        visited.append(type(expected).__name__)
    FOUND["f6"] = visited
    before = focus()
    press("shift+F6", "F6")
    j.check(focus() is before, "Shift+F6 then F6 did not come back to the same region")
    j.step("regions")

    # The print dialog opens from its shortcut and Escape closes it, printing nothing.
    seen: list[str] = []
    when_modal(QPrintDialog, lambda d: (seen.append(d.windowTitle()), press("Escape")))
    press("ctrl+p")
    wait_for(lambda: seen and QApplication.activeModalWidget() is None, 8000)
    j.check(seen == ["Print handout"], f"Ctrl+P opened no print dialog ({seen})")
    j.step("print-dialog")

    # The handout as PDF: Ctrl+Shift+P, the file's path typed into the save dialog, Enter.
    pdf = home / "keyboard-handout.pdf"

    def save_here(dialog) -> None:
        seen.append(type(dialog).__name__)
        press("ctrl+a")
        type_text(str(pdf))
        press("Return")

    when_modal(QFileDialog, save_here)
    press("ctrl+shift+p")
    j.check(bool(wait_for(lambda: pdf_pages(pdf) > 0, 15000)),
            f"no handout PDF was written by keyboard ({seen})")
    FOUND["pdf_pages"] = pdf_pages(pdf)
    j.check("Saved a" in window.statusBar().currentMessage(), "no word that the handout was saved")
    j.step("handout")

    press("ctrl+q")
    j.check(bool(wait_for(lambda: not window.isVisible(), 5000)), "Ctrl+Q did not quit")
    STEPS.append("quit")


def reach_by_shift_tab(target: QWidget, most: int = 8) -> bool:
    """Press Shift+Tab until `target` has the focus, at most `most` times."""
    for _ in range(most):
        press("shift+Tab")
        if focus() is target:
            return True
    return False


def kiosk_journey(window, home: Path, shots: Path | None) -> None:
    j = Journey(window, shots, "kiosk-keyboard")
    j.check(bool(wait_for(window.isActiveWindow, 5000)), "the kiosk never became active")
    j.check(bool(wait_for(lambda: window.search_service.is_ready, 20000)), "search never ready")
    j.step("home")
    press("Tab")
    j.check(focus() is window.home.search_button, f"Tab went to {focus()!r}, not search")
    press("Return")
    j.check(window.current_page() == "search" and focus() is window.search_field,
            "Enter on the search button did not open search with the field focused")
    j.step("search")

    type_text("migraine")
    results = window.search_screen.results
    j.check(bool(wait_for(lambda: results.hit_count() > 0, 8000)), "typing found nothing")
    press("Down")
    j.check(focus() is results, "Down did not move into the results")
    first = results.hit_slugs()[0] if results.hit_count() else None
    press("Return")
    j.check(first is not None and window.current_slug() == first,
            f"Enter opened {window.current_slug()!r}, not {first!r}")
    j.step("page")

    bar = window.page.verticalScrollBar()
    press("Next", "Next")  # Page Down: can a visitor read on?
    FOUND["kiosk_page_scrolls_by_keyboard"] = bar.value() > 0
    press("Up", "End")
    j.check(bar.value() == bar.maximum() > 0, "End did not go to the foot of the page")
    press("Home")
    j.check(bar.value() == 0, "Home did not go back to the top of the page")

    window.on_idle()  # what the idle timer calls: the countdown opens
    j.check(window.countdown.isVisible(), "no countdown when idle")
    j.step("countdown")
    press("shift")  # any key keeps reading
    j.check(not window.countdown.isVisible() and window.current_slug() == first,
            "a key press did not keep the page")
    j.step("keep-reading")
    window.on_idle()
    window._clock = lambda: float("inf")  # ... and this time the countdown runs out
    window.tick_countdown()
    j.check(window.is_pristine(), "idle did not reset the kiosk")
    j.step("idle-reset")

    press("Tab", "Tab")  # past the search button to the first topic
    tile = focus()
    j.check(tile is window.home.tiles.tiles[0], f"the second Tab went to {tile!r}")
    press("Return")
    j.check(window.current_page().startswith("category:"), "Enter on a topic did not open it")
    press("Tab")
    j.check(focus() in window.category.tiles.tiles, "Tab did not reach a factsheet tile")
    press("space")
    j.check(window.current_slug() is not None, "Space on a factsheet tile did not open it")
    j.step("topic")

    # Back and Home are the last stops of Tab (after the page and its links): Shift+Tab.
    FOUND["kiosk_back_by_keyboard"] = reach_by_shift_tab(window.back_button)
    press("Return")
    j.check(window.current_page().startswith("category:"), "Enter on Back did not go back")
    j.check(reach_by_shift_tab(window.home_button), "Shift+Tab never reached Home")
    press("Return")
    j.check(window.current_page() == "home", "Enter on Home did not go home")
    j.step("back-home")

    press("ctrl+alt+shift+e")
    j.check(window.pin_pad.isVisible(), "the staff keys did not ask for the PIN")
    j.step("pin")
    type_text(PIN)
    press("Return")
    j.check(bool(wait_for(lambda: not window.isVisible(), 4000)), "the PIN did not close it")
    STEPS.append("staff-exit")


def main(kind: str, home: str, shots: str | None = None) -> int:
    from reader.kiosk.pin import hash_pin
    from reader.ui.app import run_app

    home_dir = Path(home)
    if kind == "kiosk":  # the staff PIN, where an administrator would put it
        (home_dir / "site-config").mkdir(parents=True, exist_ok=True)
        (home_dir / "site-config" / "config.toml").write_text(
            f'[kiosk]\npin_hash = "{hash_pin(PIN)}"\n', encoding="utf-8")
    app = QApplication([])
    watch = InputWatch()
    app.installEventFilter(watch)

    def journey() -> None:
        sys.excepthook = record_exception  # in place of the crash dialog run_app installed
        window = the_window(kind)
        try:
            if window is None:
                raise RuntimeError(f"no {kind} window was shown")
            (kiosk_journey if kind == "kiosk" else window_journey)(
                window, home_dir, Path(shots) if shots else None)
        except Exception:  # the journey itself broke: report it like any other exception
            record_exception(*sys.exc_info())
        finally:
            if window is not None and window.isVisible():  # end the run all the same
                if kind == "kiosk":
                    window.staff_exit()
                else:
                    window.close()
            QTimer.singleShot(0, lambda: app.exit(0))

    QTimer.singleShot(0, journey)
    QTimer.singleShot(GIVE_UP_MS, lambda: (PROBLEMS.append("the journey never finished"),
                                           app.exit(1)))
    code = run_app(kiosk=kind == "kiosk")
    screen = app.primaryScreen().geometry()
    print(json.dumps({"screen": [screen.width(), screen.height()], "steps": STEPS,
                      "problems": PROBLEMS, "errors": ERRORS, "exit_code": code,
                      "mouse_events": watch.mouse[:10], "key_presses": watch.keys, **FOUND}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
