"""The bundled app's first start to a painted home page, against the floor frozen the same way.

    python bench/bundled_startup.py [--runs 7] [--reuse]

It builds dist/factsheet-reader/ with packaging/build-linux.sh (its prebuilt search index
included) and freezes bench/floor_window.py with the build venv that script made, so with the
same Python, PySide6 and PyInstaller, and with the options of
packaging/pyinstaller/factsheet-reader.spec that bear on a start: one folder (nothing to
unpack), no UPX, no strip, a console program, the same excluded modules. The floor keeps Qt's
translations, which the spec drops, but Qt reads none of them without a QTranslator. The frozen
floor goes to build/bench-floor/ (ignored by git). With --reuse, a build newer than its sources
is used as it is.

Then, under the offscreen platform and interleaved after an untimed warm-up of each, it times
(as bench/startup.py does, to the first-paint line on stderr):
  - the bundled app's first start: `factsheet-reader --quit-after-load` with a brand-new
    per-user folder, so no content cache and no user database, only the prebuilt index;
  - its second start, with the folder that first start left;
  - the frozen floor;
  - for context, the app and the floor run from source: the app's first start (a brand-new
    folder) and a later one (a warm folder, as bench/startup.py times it).
The OS file cache is warm in every case: this is a first start after the files were read
once, not one from a cold disk.
"""

from __future__ import annotations

import argparse
import ctypes.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.startup import timed  # noqa: E402
from bench.stats import Summary, summarise  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = REPO / "packaging" / "build-linux.sh"
APP = REPO / "dist" / "factsheet-reader" / "factsheet-reader"
BUILD_PYTHON = REPO / "build" / "linux" / "venv" / "bin" / "python"  # build-linux.sh makes it
FLOOR_SOURCE = REPO / "bench" / "floor_window.py"
FLOOR_WORK = REPO / "build" / "bench-floor"
FLOOR = FLOOR_WORK / "dist" / "floor-window" / "floor-window"
# What the bundle is made from: a change to any of them makes dist/ stale.
APP_SOURCES = ("main.py", "pyproject.toml", "reader", "content", "resources",
               "packaging/build-linux.sh", "packaging/build_search_index.py",
               "packaging/pyinstaller/factsheet-reader.spec")
# As the spec's Analysis(excludes=...): modules the app never imports.
EXCLUDES = ("tkinter", "pytest", "pytestqt", "hypothesis", "ruff", "PyInstaller")


def fail(message: str) -> SystemExit:
    """The one-line exit for a missing prerequisite or a failed build (no traceback)."""
    return SystemExit(f"bundled_startup: {message}")


def newest_mtime(paths: list[Path]) -> float:
    """The latest modification time of any file under `paths` (bytecode caches ignored)."""
    newest = 0.0
    for path in paths:
        files = path.rglob("*") if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                newest = max(newest, file.stat().st_mtime)
    return newest


def is_fresh(built: Path, sources: list[Path]) -> bool:
    """Whether `built` exists and is newer than every file of `sources`."""
    return built.is_file() and built.stat().st_mtime > newest_mtime(sources)


def require_xcb_cursor() -> None:
    """Fail unless libxcb-cursor is installed: PyInstaller bundles the copy it finds, and Qt's
    xcb plugin cannot open a window without it (packaging/build-linux.sh refuses to build)."""
    if ctypes.util.find_library("xcb-cursor") is None:
        raise fail("libxcb-cursor0 is missing (Debian/Ubuntu: apt-get install libxcb-cursor0)")


def require_pyinstaller(python: Path) -> None:
    """Fail unless `python` can import PyInstaller."""
    found = subprocess.run([str(python), "-c", "import PyInstaller"], capture_output=True)
    if found.returncode != 0:
        raise fail(f"PyInstaller is missing from {python} (pip install 'pyinstaller>=6.10'; "
                   "packaging/build-linux.sh installs it from the [package] extra)")


def run_logged(cmd: list[str], log: Path, what: str, env: dict | None = None) -> None:
    """Run a build step with its output in `log`; fail in one line, naming the log, if it fails."""
    log.parent.mkdir(parents=True, exist_ok=True)
    print(f"bundled_startup: {what} (output in {log.relative_to(REPO)})", file=sys.stderr)
    with log.open("wb") as out:
        code = subprocess.run(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL).returncode
    if code != 0:
        last = log.read_text(errors="replace").strip().splitlines()[-1:] or ["(no output)"]
        raise fail(f"{what} failed with exit {code}: {last[0].strip()} (all of it in {log})")


def build_app(reuse: bool) -> None:
    """dist/factsheet-reader/ as packaging/build-linux.sh builds it, unless --reuse finds one
    newer than its sources (and the build venv that made it)."""
    if reuse and BUILD_PYTHON.exists() and is_fresh(APP, [REPO / p for p in APP_SOURCES]):
        print(f"bundled_startup: reusing {APP.relative_to(REPO)}", file=sys.stderr)
        return
    run_logged(["bash", str(BUILD_SCRIPT)], FLOOR_WORK / "build-linux.log",
               "building the bundled app with packaging/build-linux.sh")
    if not APP.is_file():
        raise fail(f"packaging/build-linux.sh finished but {APP} is not there")


def freeze_floor(reuse: bool) -> None:
    """build/bench-floor/dist/floor-window/, frozen by the app's build venv with the spec's
    options; reused with --reuse when newer than the floor's source, this script and the app."""
    if reuse and is_fresh(FLOOR, [FLOOR_SOURCE, Path(__file__).resolve(), APP]):
        print(f"bundled_startup: reusing {FLOOR.relative_to(REPO)}", file=sys.stderr)
        return
    require_pyinstaller(BUILD_PYTHON)
    cmd = [str(BUILD_PYTHON), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--onedir", "--console", "--noupx", "--name", FLOOR.name,
           "--distpath", str(FLOOR.parent.parent), "--workpath", str(FLOOR_WORK / "work"),
           "--specpath", str(FLOOR_WORK)]
    for module in EXCLUDES:
        cmd += ["--exclude-module", module]
    run_logged([*cmd, str(FLOOR_SOURCE)], FLOOR_WORK / "freeze-floor.log",
               "freezing bench/floor_window.py with PyInstaller")


def measure(runs: int) -> dict[str, Summary]:
    """Summaries by name: "first" and "second" (the bundled app's first and second start),
    "frozen floor", and from source "app first", "app" (warm) and "floor"."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as bench/startup.py: bytecode caches as for users
    warm_home = tempfile.mkdtemp(prefix="fr-bench-")
    homes: list[str] = [warm_home]

    def with_home(home: str) -> dict:
        return {**env, "FACTSHEET_READER_HOME": home}

    def new_home() -> str:
        homes.append(tempfile.mkdtemp(prefix="fr-bench-first-"))
        return homes[-1]

    def first_start() -> tuple[float, str]:
        home = new_home()
        return timed([str(APP), "--quit-after-load"], with_home(home)), home

    source_app = [sys.executable, "-m", "reader", "--quit-after-load"]
    others = {  # each with the environment it gets for a run
        "frozen floor": ([str(FLOOR)], lambda: env),
        "app first": (source_app, lambda: with_home(new_home())),
        "app": (source_app, lambda: with_home(warm_home)),
        "floor": ([sys.executable, str(FLOOR_SOURCE)], lambda: env),
    }
    times: dict[str, list[float]] = {"first": [], "second": [], **{name: [] for name in others}}
    try:
        _, home = first_start()  # warm-up: the OS file cache, and the source tree's bytecode
        timed([str(APP), "--quit-after-load"], with_home(home))
        for cmd, run_env in others.values():
            timed(cmd, run_env())
        for _ in range(runs):  # interleaved, so drift affects all alike
            first, home = first_start()
            times["first"].append(first)
            for name, (cmd, run_env) in others.items():
                times[name].append(timed(cmd, run_env()))
            times["second"].append(timed([str(APP), "--quit-after-load"], with_home(home)))
    finally:
        for home in homes:
            shutil.rmtree(home, ignore_errors=True)
    return {name: summarise(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--reuse", action="store_true",
                        help="use dist/ and build/bench-floor/ as they are if newer than their "
                             "sources")
    args = parser.parse_args()
    require_xcb_cursor()
    build_app(args.reuse)
    freeze_floor(args.reuse)
    s = measure(args.runs)
    print(f"bundled start-up to painted home (ms): first start {s['first']}, frozen floor "
          f"{s['frozen floor']}, ratio {s['first'].ratio(s['frozen floor']):.2f}; second start "
          f"{s['second']}, ratio {s['second'].ratio(s['frozen floor']):.2f}; from source: first start "
          f"{s['app first']}, later {s['app']}, floor {s['floor']}, ratios "
          f"{s['app first'].ratio(s['floor']):.2f} and {s['app'].ratio(s['floor']):.2f}; "
          f"frozen/source: first start {s['first'].ratio(s['app first']):.2f}, later "
          f"{s['second'].ratio(s['app']):.2f}, floor {s['frozen floor'].ratio(s['floor']):.2f}")


if __name__ == "__main__":
    main()
