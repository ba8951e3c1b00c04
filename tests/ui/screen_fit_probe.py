"""Run by test_screen_fit.py in a process of its own, on an offscreen screen of a given size:
starts the real reading window on a fresh home, opens a factsheet and prints, as JSON, the
screen, the window's frame, the page's width and which side docks are showing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QElapsedTimer
from PySide6.QtWidgets import QApplication


def settle(app, ms: int = 400) -> None:
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        app.processEvents()


def main(content: str, home: str) -> int:
    from reader.content import load_content
    from reader.paths import AppPaths
    from reader.ui.app import create_window

    app = QApplication([])
    window = create_window(load_content(Path(content)), AppPaths.under(Path(home)))
    window.show()
    settle(app)
    window.open_factsheet("migraine")
    settle(app)
    frame = window.frameGeometry()
    available = app.primaryScreen().availableGeometry()
    print(json.dumps({
        "available": [available.x(), available.y(), available.width(), available.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "page_width": window.page.width(),
        "docks": [d.objectName() for d in (window.contents_dock, window.notes_dock)
                  if d.isVisible()],
    }))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
