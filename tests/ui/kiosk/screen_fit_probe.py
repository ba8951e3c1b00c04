"""Run by test_screen_fit.py in a process of its own, on an offscreen screen of a given size:
lays out the real kiosk full screen (its sizes from that screen) and prints, as JSON, the
window's rect and the rects of the on-screen keyboard's and the PIN pad's keys."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication


def rect(window, widget) -> list[int]:
    r = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    return [r.x(), r.y(), r.width(), r.height()]


def settle(app, window, ms: int = 200) -> None:
    from PySide6.QtCore import QElapsedTimer

    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        app.processEvents()


def main(content: str, home: str) -> int:
    from reader.content import load_content
    from reader.kiosk.config import KioskConfig
    from reader.paths import AppPaths
    from reader.ui.kiosk.launch import create_kiosk_window

    app = QApplication([])
    store = load_content(Path(content))
    window = create_kiosk_window(store, AppPaths.under(Path(home)),
                                 KioskConfig(enabled=True, pin_hash=None))
    window.show()
    settle(app, window)
    window.open_search()
    window.show_keyboard()
    settle(app, window)
    out = {
        "screen": [app.primaryScreen().size().width(), app.primaryScreen().size().height()],
        "window": [window.x(), window.y(), window.width(), window.height()],
        "keys": {b.text(): rect(window, b) for b in window.keyboard._keys.values()
                 if b.isVisible()},
        "results": rect(window, window.search_screen.results),
    }
    window.hide_keyboard()
    window.go_home()
    window.request_staff_exit()
    settle(app, window)
    out["pin"] = {b.text(): rect(window, b) for b in window.pin_pad.keys.values()}
    print(json.dumps(out))
    window.staff_exit()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
