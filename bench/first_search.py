"""First search result after start: a query typed the moment the window appears, against the
floor of a bare QTextBrowser window (bench/floor_window.py).

    python bench/first_search.py [--runs 7]

Each run starts the real app (`python -m reader`, offscreen) in a fresh process with a warm
per-user cache (the index already built, as on every start but the very first). The moment the
page first paints, the driver puts "migraine" in the search field, as a person typing at once
would, and the clock stops when the results list first paints with hits in it: the factsheets
whose names match, while the index opens (reader/search/filters.py `name_hits`). A second
figure is when the full-text results are painted. The floor's figure is its time to the first
paint; the target is the floor plus 150 ms.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stats import Summary, summarise  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
QUERY = "migraine"
BUDGET_MS = 150

DRIVER = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import reader.ui.app as app
from reader.cli import main

class _Typist(QObject):
    # At the page's first paint: type the query; at the results' first paint with hits: stop.
    # The first hits may come from the names while the index opens; the full-text ones after.
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.typed = False
        self.first = False
        self.full = False
        window.page.viewport().installEventFilter(self)
        window.results.viewport().installEventFilter(self)
        window.search_service.results.connect(self.on_full_results)

    def on_full_results(self, _result):
        self.full = True

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            if obj is self.window.page.viewport() and not self.typed:
                self.typed = True
                QTimer.singleShot(0, lambda: self.window.search_field.setText(QUERY))
            elif obj is self.window.results.viewport() and self.window.results.hit_count():
                if not self.first:
                    self.first = True
                    print("first result painted", file=sys.stderr, flush=True)
                if self.full:
                    print("full results painted", file=sys.stderr, flush=True)
                    QApplication.instance().exit(0)
        return False

_create = app.create_window
def create_window(*args, **kwargs):
    window = _create(*args, **kwargs)
    window._bench_typist = _Typist(window)
    return window
app.create_window = create_window
sys.exit(main([]))
""".replace("QUERY", repr(QUERY))


def timed(cmd: list[str], env: dict, *marks: bytes) -> list[float]:
    """Milliseconds from starting `cmd` to the first line holding each of `marks` on its
    stderr."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    seen: dict[bytes, float] = {}
    for line in proc.stderr:
        for mark in marks:
            if mark not in seen and mark in line:
                seen[mark] = (time.perf_counter() - start) * 1000
    if proc.wait() != 0 or len(seen) < len(marks):
        raise RuntimeError(f"{cmd[:3]} exited with {proc.returncode} before {marks!r}")
    return [seen[mark] for mark in marks]


FIRST, FULL = b"first result painted", b"full results painted"


def measure(runs: int) -> tuple[Summary, Summary, Summary]:
    """(first result, full-text results, floor) in milliseconds."""
    home = tempfile.mkdtemp(prefix="fr-bench-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FACTSHEET_READER_HOME": home}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    app = [sys.executable, "-c", DRIVER]
    floor = [sys.executable, str(REPO / "bench" / "floor_window.py")]
    timed(app, env, FIRST, FULL)  # builds the index once; writes bytecode caches
    timed(floor, env, b"painted")
    times: dict[str, list[float]] = {"first": [], "full": [], "floor": []}
    for _ in range(runs):
        first, full = timed(app, env, FIRST, FULL)
        times["first"].append(first)
        times["full"].append(full)
        times["floor"].append(timed(floor, env, b"painted")[0])
    return summarise(times["first"]), summarise(times["full"]), summarise(times["floor"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    first, full, floor = measure(args.runs)
    print(f"first result for {QUERY!r} typed at first paint (ms): app {first}, floor {floor}; "
          f"floor + {first.median - floor.median:.0f} ms (target floor + {BUDGET_MS}); "
          f"full-text results {full}, floor + {full.median - floor.median:.0f} ms")


if __name__ == "__main__":
    main()
