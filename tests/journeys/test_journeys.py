"""Journeys through the real app on a real X server (Xvfb) with a window manager (Openbox), at
the screen sizes people have: a small laptop, a common laptop, a desktop, a portrait reception
display. Each journey runs in a process of its own (journey_probe.py) and fails on any
exception that reached Qt's event loop and on anything a person would see as wrong: a window
or a control outside the screen, a search that finds nothing, headings that do not grow with
zoom, toolbar icons lost in a theme, a kiosk that does not reset or will not let staff out.

`.ci/run` installs Xvfb and Openbox; without them these tests are skipped, saying why.
Set JOURNEY_SHOTS=DIR to keep a screenshot of every step (look at them: see docs/testing.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUNDLED
from tests.journeys.xserver import HAVE_X, NO_X_REASON, XServer

PROBE = Path(__file__).with_name("journey_probe.py")
ROOT = Path(__file__).resolve().parents[2]
WINDOW_SIZES = [(1024, 600), (1366, 768), (1920, 1080), (1080, 1920)]
KIOSK_SIZES = [(1280, 800), (1080, 1920)]

pytestmark = pytest.mark.skipif(not HAVE_X, reason=NO_X_REASON)


def run_journey(kind: str, size: tuple[int, int], tmp_path: Path) -> dict:
    shots = os.environ.get("JOURNEY_SHOTS")
    args = [sys.executable, str(PROBE), kind, str(BUNDLED), str(tmp_path / "home")]
    if shots:
        args.append(str(Path(shots) / f"{kind}-{size[0]}x{size[1]}"))
    with XServer(*size) as x:
        env = {**os.environ, "DISPLAY": x.display, "QT_QPA_PLATFORM": "xcb",
               "PYTHONPATH": str(ROOT), "FACTSHEET_READER_HOME": str(tmp_path / "home")}
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=180)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    return json.loads(lines[-1])


def assert_journey(result: dict, size: tuple[int, int], last_step: str) -> None:
    assert result["screen"] == list(size)
    assert not result["errors"], "\n".join(result["errors"])
    assert not result["problems"], "\n".join(result["problems"])
    assert result["steps"][-1] == last_step, result["steps"]


@pytest.mark.parametrize("size", WINDOW_SIZES, ids=[f"{w}x{h}" for w, h in WINDOW_SIZES])
def test_reading_window_journey(size, tmp_path):
    """Search, open the top hit, open from Saved, Recent and the browse list, bookmark, write
    a note, zoom, every theme, find on the page and make a handout."""
    assert_journey(run_journey("window", size, tmp_path), size, "print")


@pytest.mark.parametrize("size", KIOSK_SIZES, ids=[f"{w}x{h}" for w, h in KIOSK_SIZES])
def test_kiosk_journey(size, tmp_path):
    """Search with the on-screen keyboard, read a page, idle until the kiosk resets itself,
    and let staff out with the PIN."""
    assert_journey(run_journey("kiosk", size, tmp_path), size, "staff-exit")
