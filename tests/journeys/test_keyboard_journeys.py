"""Keyboard-only journeys through the real app on a real X server (Xvfb + Openbox), started as
`python -m reader` starts it (keyboard_probe.py): every step is a real key press sent through
the X server with xdotool, and no mouse event may reach the app.

- Reading window: Ctrl+K right after start, type a query, Down into the results, Enter opens
  the first, F6 round every region and Shift+F6 back, Ctrl+P opens the print dialog (Escape
  closes it), Ctrl+Shift+P saves the handout as a PDF with pages, Ctrl+Q quits.
- Kiosk: Tab to search, Enter, type, Down, Enter opens the page, a key keeps it through the idle
  countdown, the idle reset, Tab to a topic and a factsheet tile, and out with the staff keys
  and the PIN typed.

Skipped without Xvfb/Openbox or xdotool, saying so; `.ci/run` installs them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.kiosk.config import STAFF_EXIT_STATUS
from tests.journeys.xserver import HAVE_X, NO_X_REASON, XServer

PROBE = Path(__file__).with_name("keyboard_probe.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(not HAVE_X, reason=NO_X_REASON),
    pytest.mark.skipif(not shutil.which("xdotool"),
                       reason="needs xdotool to press keys (apt-get install xdotool)"),
]


def run_keyboard_journey(kind: str, size: tuple[int, int], home: Path) -> dict:
    shots = os.environ.get("JOURNEY_SHOTS")
    args = [sys.executable, str(PROBE), kind, str(home)]
    if shots:
        args.append(str(Path(shots) / f"keyboard-{kind}-{size[0]}x{size[1]}"))
    with XServer(*size) as x:
        env = {**os.environ, "DISPLAY": x.display, "QT_QPA_PLATFORM": "xcb",
               "PYTHONPATH": str(ROOT), "FACTSHEET_READER_HOME": str(home)}
        done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=240)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    result = json.loads(lines[-1])
    assert result["screen"] == list(size)
    assert not result["errors"], "\n".join(result["errors"])
    return result


@pytest.fixture(scope="module")
def window_run(tmp_path_factory) -> dict:
    return run_keyboard_journey("window", (1366, 768), tmp_path_factory.mktemp("kbd-window"))


@pytest.fixture(scope="module")
def kiosk_run(tmp_path_factory) -> dict:
    return run_keyboard_journey("kiosk", (1280, 800), tmp_path_factory.mktemp("kbd-kiosk"))


def test_from_start_to_a_handout_by_keyboard_only(window_run):
    assert not window_run["problems"], "\n".join(window_run["problems"])
    assert window_run["steps"] == ["focus-search", "search", "open", "regions",
                                   "print-dialog", "handout", "quit"]
    assert window_run["pdf_pages"] >= 1
    assert window_run["mouse_events"] == []
    assert window_run["key_presses"] >= 20  # the keys came through the X server
    # F6 went round search, the side list, the page, contents and notes
    assert len(window_run["f6"]) >= 5


def test_a_kiosk_visit_by_keyboard_only(kiosk_run):
    assert not kiosk_run["problems"], "\n".join(kiosk_run["problems"])
    assert kiosk_run["steps"] == ["home", "search", "page", "countdown", "keep-reading",
                                  "idle-reset", "topic", "back-home", "pin", "staff-exit"]
    assert kiosk_run["exit_code"] == STAFF_EXIT_STATUS
    assert kiosk_run["mouse_events"] == []
    assert kiosk_run["key_presses"] >= 15


def test_a_kiosk_page_scrolls_by_keyboard(kiosk_run):
    assert kiosk_run["kiosk_page_scrolls_by_keyboard"]


def test_kiosk_back_and_home_by_keyboard(kiosk_run):
    assert kiosk_run["kiosk_back_by_keyboard"]
