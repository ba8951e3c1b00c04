#!/usr/bin/env python3
"""Set up an isolated environment in .venv and run the app or the tests.

    python3 dev.py run [ARGS...]    install (first time) and start Factsheet Reader
    python3 dev.py test [ARGS...]   install with test tools and run the whole test suite

Works with any Python 3.11+ on Linux, macOS and Windows; needs nothing but the standard library.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_env(extras: str) -> Path:
    """Create .venv and install the project (with `extras`) unless already up to date. An
    install with the test tools also serves `run`, so `run` after `test` installs nothing."""
    if sys.version_info < (3, 11):
        sys.exit(f"Factsheet Reader needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not venv_python().exists():
        print(f"Creating a virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    project = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    have = STAMP.read_text().split() if STAMP.exists() else []
    installed = {stamp.partition(":")[2] for stamp in have if stamp.partition(":")[0] == project}
    if extras not in installed and not (extras == "" and installed):
        print("Installing Factsheet Reader and its dependencies …", flush=True)
        target = f".[{extras}]" if extras else "."
        subprocess.check_call([str(venv_python()), "-m", "pip", "install", "--quiet",
                               "--disable-pip-version-check", "-e", target], cwd=ROOT)
        kept = [stamp for stamp in have if stamp.startswith(f"{project}:")]
        STAMP.write_text(" ".join([*kept, f"{project}:{extras}"]))
    return venv_python()


# Subcommands that never open a window (reader/cli.py); anything else starts the GUI.
_NO_WINDOW = {"check", "search", "kiosk", "pack", "show", "cite", "export-pdf", "userdata",
              "--version", "-h", "--help"}


def gui_problem(args: list[str]) -> str | None:
    """Why the window cannot open on this Linux machine, in one line, or None: Qt itself
    aborts with a long message instead."""
    if not sys.platform.startswith("linux") or _NO_WINDOW & set(args):
        return None
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return None
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return ("no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); "
                "the command-line tools work anywhere: python3 dev.py run search \"back pain\"")
    import ctypes.util

    if os.environ.get("DISPLAY") and not ctypes.util.find_library("xcb-cursor"):
        return ("Qt needs the xcb-cursor library to open a window on X11: install it "
                "(Debian/Ubuntu: sudo apt install libxcb-cursor0; Fedora: sudo dnf install "
                "xcb-util-cursor)")
    return None


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if rest[:1] == ["--"]:  # `dev.py run -- search …`: the separator is ours, not the app's
        rest = rest[1:]
    if command == "run":
        python = ensure_env("")
        if problem := gui_problem(rest):
            print(f"dev.py: {problem}", file=sys.stderr)
            return 1
        return subprocess.call([str(python), "-m", "reader", *rest], cwd=ROOT)
    python = ensure_env("test")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    lint = subprocess.call([str(python), "-m", "ruff", "check", "reader", "tests", "bench",
                            "dev.py", "main.py"], cwd=ROOT, env=env)
    tests = subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)
    return tests or lint


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
