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
    """Create .venv and install the project (with `extras`) unless already up to date."""
    if sys.version_info < (3, 11):
        sys.exit(f"Factsheet Reader needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not venv_python().exists():
        print(f"Creating a virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    have = STAMP.read_text().split() if STAMP.exists() else []
    if want not in have:
        print("Installing Factsheet Reader and its dependencies …", flush=True)
        target = f".[{extras}]" if extras else "."
        subprocess.check_call([str(venv_python()), "-m", "pip", "install", "--quiet",
                               "--disable-pip-version-check", "-e", target], cwd=ROOT)
        STAMP.write_text(" ".join([*have, want]))
    return venv_python()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        python = ensure_env("")
        return subprocess.call([str(python), "-m", "reader", *rest], cwd=ROOT)
    python = ensure_env("test")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    lint = subprocess.call([str(python), "-m", "ruff", "check", "reader", "tests", "bench",
                            "dev.py", "main.py"], cwd=ROOT, env=env)
    tests = subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)
    return tests or lint


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
