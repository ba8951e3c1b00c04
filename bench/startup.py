"""Cold start to a painted home page, against the floor of a bare QTextBrowser window.

    python bench/startup.py [--runs 7]

Each run is a fresh process under the offscreen platform with a warm per-user cache (the search
index is never built on the start path, so the cache does not matter for the first paint).
The clock runs from just before the process is started to the moment it reports its first
paint on stderr (the app's "home page painted" log line, the floor's "painted"): that is what
a person waits for. Shutting down afterwards is not part of the figure.

Python writes bytecode caches (__pycache__) as it does on users' machines and in installed
builds, even when the calling shell sets PYTHONDONTWRITEBYTECODE; the untimed warm-up run
writes them for both programs.
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
from bench.widgets_window import write_page  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


PAINTED = (b"home page painted", b"painted")


def timed(cmd: list[str], env: dict) -> float:
    """Milliseconds from starting `cmd` to its first-paint line on stderr."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    painted = None
    for line in proc.stderr:
        if painted is None and any(mark in line for mark in PAINTED):
            painted = (time.perf_counter() - start) * 1000
    if proc.wait() != 0 or painted is None:
        raise RuntimeError(f"{cmd} exited with {proc.returncode} before reporting a paint")
    return painted


def measure(runs: int) -> tuple[Summary, Summary, Summary]:
    """(app, floor, widgets): the app; the bare QTextBrowser floor; and the app's widget set
    with none of its code (bench/widgets_window.py), which shows how much of the difference
    is Qt building those widgets."""
    home = tempfile.mkdtemp(prefix="fr-bench-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FACTSHEET_READER_HOME": home}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    page = write_page(Path(home) / "home-page.json")
    commands = {
        "app": [sys.executable, "-m", "reader", "--quit-after-load"],
        "floor": [sys.executable, str(REPO / "bench" / "floor_window.py")],
        "widgets": [sys.executable, str(REPO / "bench" / "widgets_window.py"), str(page)],
    }
    for cmd in commands.values():  # warm the OS file cache and write bytecode caches
        timed(cmd, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so drift affects all alike
        for name, cmd in commands.items():
            times[name].append(timed(cmd, env))
    return summarise(times["app"]), summarise(times["floor"]), summarise(times["widgets"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app, floor, widgets = measure(args.runs)
    print(f"start-up to painted home (ms): app {app}, floor {floor}, ratio {app.ratio(floor):.2f}; "
          f"the app's widgets alone {widgets}, ratio {widgets.ratio(floor):.2f}")


if __name__ == "__main__":
    main()
