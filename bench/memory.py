"""Peak memory (resident set) of the app after opening ten factsheets and running twenty
searches, against the floor of a bare QTextBrowser window.

    python bench/memory.py [--runs 3]

Each figure comes from a fresh process (ru_maxrss), under the offscreen platform.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stats import Summary, summarise  # noqa: E402
from bench.widgets_window import write_page  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
QUERIES = ["back pain", "migraine", "pins and needles", "insomnia", "hay fever", "IBS", "nausea",
           "knee", "anxiety", "fertility", "vickers", "tingling", "period pain", "asthma", "acne",
           "stroke", "neck", "sciatica", "tinnitus", "menopause"]


def _session() -> None:
    """Run inside the child process: drive the real window, print peak RSS in KiB.
    Imports come in the app's own order (reader.ui, which loads the core, before PySide6)."""
    from reader.content import load_content
    from reader.paths import AppPaths
    from reader.ui.app import create_window
    from reader.ui.module_sources import forget_module_sources

    from PySide6.QtWidgets import QApplication  # isort: skip

    from bench.peak_memory import peak_rss_kib

    app = QApplication([])
    paths = AppPaths.default()
    store = load_content(paths.bundled_content, cache=paths.cache)
    window = create_window(store, paths)
    window.show()
    forget_module_sources()  # as run_app does after showing the window
    service = window.search_service
    service.start()
    while not service.is_ready:
        app.processEvents()
    for sheet in list(store)[:10]:
        window.open_factsheet(sheet.slug)
        window.page.viewport().grab()
    for text in QUERIES:
        got = []
        service.results.connect(got.append)
        service.search(text)
        while not got:
            app.processEvents()
        service.results.disconnect(got.append)
        window._show_results(got[0])
    app.processEvents()
    print(peak_rss_kib())
    window.close()


def measure(runs: int) -> tuple[Summary, Summary, Summary]:
    """(app, floor, widgets) peak RSS in MiB; `widgets` is the app's widget set with none of
    its code (bench/widgets_window.py)."""
    home = tempfile.mkdtemp(prefix="fr-bench-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FACTSHEET_READER_HOME": home}
    page = write_page(Path(home) / "home-page.json")
    commands = {
        "app": [sys.executable, __file__, "--child"],
        "floor": [sys.executable, str(REPO / "bench" / "floor_window.py"), "--rss"],
        "widgets": [sys.executable, str(REPO / "bench" / "widgets_window.py"), str(page), "--rss"],
    }
    subprocess.run(commands["app"], env=env, cwd=REPO, check=True, capture_output=True)  # index
    mib: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            out = subprocess.run(cmd, env=env, cwd=REPO, check=True, capture_output=True,
                                 text=True)
            mib[name].append(int(out.stdout.split()[-1]) / 1024)
    return summarise(mib["app"]), summarise(mib["floor"]), summarise(mib["widgets"])


def main() -> None:
    if "--child" in sys.argv:
        _session()
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app, floor, widgets = measure(args.runs)
    print(f"peak RSS (MiB): app {app}, floor {floor}, ratio {app.ratio(floor):.2f}; "
          f"the app's widgets alone {widgets}, ratio {widgets.ratio(floor):.2f}")


if __name__ == "__main__":
    main()
