"""The floor for start-up and memory: a bare PySide6 window with a QTextBrowser showing a
2,000-word page, which exits right after its first paint (like `--quit-after-load`).

    python bench/floor_window.py [--rss]

With --rss it prints the peak resident set size in KiB before exiting.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTextBrowser

WORDS = ("acupuncture research factsheet patient evidence trial review sham needle pain "
         "treatment symptom doctor study result").split()


class _Exit(QObject):
    def __init__(self, app):
        super().__init__()
        self.app = app
        self.done = False

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print("painted", file=sys.stderr, flush=True)
            QTimer.singleShot(0, lambda: self.app.exit(0))
        return False


def page() -> str:
    paragraphs = []
    for p in range(20):
        words = [WORDS[(p * 7 + i * 3) % len(WORDS)] for i in range(100)]
        paragraphs.append("<p>" + " ".join(words).capitalize() + ".</p>")
    return "<html><body><h1>Floor</h1>" + "".join(paragraphs) + "</body></html>"


def show_until_first_paint(app, window, painted) -> int:
    """Show `window`, run until `painted` (a widget in it) first paints, then exit; prints
    "painted" on stderr at that moment and, with --rss, the peak RSS in KiB on stdout."""
    watcher = _Exit(app)
    painted.installEventFilter(watcher)
    window.show()
    code = app.exec()
    if "--rss" in sys.argv:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from bench.peak_memory import peak_rss_kib

        print(peak_rss_kib())
    return code


def main() -> int:
    app = QApplication(sys.argv[:1])
    browser = QTextBrowser()
    browser.resize(1200, 780)
    browser.setHtml(page())
    return show_until_first_paint(app, browser, browser.viewport())


if __name__ == "__main__":
    sys.exit(main())
