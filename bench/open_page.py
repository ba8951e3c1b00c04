"""Opening a factsheet: Markdown to a painted page, for every bundled factsheet.

    python bench/open_page.py [--rounds 3]

Measures, in one process under the offscreen platform, the time from asking the window for a
factsheet to the page being painted (render to HTML, setHtml, layout, paint into a pixmap).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.stats import Summary, summarise  # noqa: E402


def measure(rounds: int) -> tuple[Summary, Summary]:
    from PySide6.QtWidgets import QApplication

    from reader.content import load_content
    from reader.paths import AppPaths
    from reader.ui.app import create_window

    app = QApplication.instance() or QApplication([])
    paths = AppPaths.under(Path(tempfile.mkdtemp(prefix="fr-bench-")))
    store = load_content(paths.bundled_content)
    window = create_window(store, paths)
    window.resize(1200, 780)
    window.show()
    app.processEvents()
    first, later = [], []
    for round_no in range(rounds):
        for sheet in store:
            start = time.perf_counter()
            window.open_factsheet(sheet.slug)
            window.page.viewport().grab()  # forces layout and a full paint
            elapsed = (time.perf_counter() - start) * 1000
            (first if round_no == 0 else later).append(elapsed)
            window.go_home()
    window.close()
    return summarise(first), summarise(later or first)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    first, later = measure(args.rounds)
    print(f"open a factsheet (ms): first time p95 {first.p95:.1f} median {first}; "
          f"again p95 {later.p95:.1f} median {later}")


if __name__ == "__main__":
    main()
