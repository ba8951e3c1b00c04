"""Kiosk soak: thousands of simulated visitors, and whether memory grows.

    python bench/kiosk_soak.py [--cycles 5000] [--every 500]

A kiosk in a waiting room runs for weeks. Each cycle is one visitor on the real kiosk window
over the bundled content: open the search screen, type a query on the on-screen keyboard (key
presses, as a finger would), wait for the results, open the first hit and a related factsheet,
zoom in, go back, then the idle reset that forgets the visitor. Every `--every` cycles it prints
the resident memory (VmRSS) and the number of live Qt objects under the window, so growth shows
as a trend rather than a single figure. Target: under 10 MiB growth over 5,000 cycles, measured
from the first report (the caches of pages and searches fill during the first cycles).
Runs offscreen; about 0.2 s a cycle (most of it the search's typing pause), so 5,000 cycles
take about 20 minutes.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QUERIES = ["migraine", "back pain", "sleep", "knee", "nausea", "anxiety", "hay fever", "period",
           "neck", "tinnitus", "fertility", "stroke", "acne", "asthma", "gout", "stress"]


def rss_kib() -> int:
    """Resident memory now (not the peak), from /proc; 0 where there is none."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=5000)
    parser.add_argument("--every", type=int, default=500)
    args = parser.parse_args(argv)

    from reader.content import load_content
    from reader.kiosk.config import KioskConfig
    from reader.paths import AppPaths
    from reader.ui.kiosk.launch import create_kiosk_window
    from reader.ui.kiosk.metrics import Metrics

    from PySide6.QtCore import (  # isort: skip
        QCoreApplication, QEvent, QEventLoop, QObject, QTimer, qInstallMessageHandler)
    from PySide6.QtWidgets import QApplication  # isort: skip

    # The offscreen platform says "does not support propagateSizeHints()" at every window
    # change; keep the report readable.
    qInstallMessageHandler(lambda mode, context, message: None
                           if "propagateSizeHints" in message else print(message, file=sys.stderr))
    app = QApplication.instance() or QApplication([])
    home = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    paths = AppPaths.under(home)
    store = load_content(paths.bundled_content)
    clock = [1000.0]
    window = create_kiosk_window(store, paths, KioskConfig(enabled=True), metrics=Metrics(1.0),
                                 clock=lambda: clock[0])
    window.resize(1080, 1920)
    window.show()

    def wait_for(signal, timeout_ms: int = 20000) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    ready = window.search_service.ready
    window.search_service.start()
    wait_for(ready)

    def settle() -> None:
        for _ in range(3):
            app.processEvents()
        # What returning to the event loop does and processEvents() does not: delete the
        # objects deleteLater() was called on (without it every replaced widget would linger).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def visitor(n: int) -> None:
        window.open_search()
        window.show_keyboard()
        for ch in QUERIES[n % len(QUERIES)]:
            window.keyboard.key_button(ch).click()
        results = window.search_screen.results
        deadline = time.monotonic() + 5
        while results.count() == 0 and time.monotonic() < deadline:
            app.processEvents()
        slugs = results.hit_slugs() if hasattr(results, "hit_slugs") else []
        if slugs:
            sheet = store.get(slugs[0])
            window.open_factsheet(sheet.slug)
            settle()
            if sheet.related:
                window.open_factsheet(sheet.related[0])
                settle()
            window.set_zoom(2)
            window.go_back()
        settle()
        window.on_idle()
        clock[0] += 60  # the countdown runs out: the next visitor finds a fresh kiosk
        window.tick_countdown()
        settle()

    print(f"kiosk soak: {args.cycles} visitor cycles, {len(store)} factsheets, report every "
          f"{args.every}")
    print(f"{'cycle':>6} {'RSS MiB':>8} {'Qt objects':>10} {'ms/cycle':>9}")
    first_rss = None
    started = time.perf_counter()
    last = started
    for n in range(1, args.cycles + 1):
        visitor(n)
        if n % args.every == 0 or n == 1:
            gc.collect()
            settle()
            rss = rss_kib() / 1024
            objects = len(window.findChildren(QObject))
            now = time.perf_counter()
            per = (now - last) * 1000 / (args.every if n > 1 else 1)
            last = now
            first_rss = rss if first_rss is None and n >= args.every else first_rss
            print(f"{n:>6} {rss:>8.1f} {objects:>10} {per:>9.1f}", flush=True)
    if first_rss is not None:
        growth = rss_kib() / 1024 - first_rss
        verdict = "met" if growth < 10 else "MISSED"
        print(f"growth from cycle {args.every} to {args.cycles}: {growth:+.1f} MiB "
              f"(target < 10 MiB: {verdict}); {time.perf_counter() - started:.0f} s in all")
    window.staff_exit()
    window.search_service.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
