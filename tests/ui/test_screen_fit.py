"""The reading window as it first opens on a small laptop, a common laptop and a desktop: inside
the screen, and on a narrow screen the side docks give way so the page keeps a readable width.

Each size runs the real window in a process of its own on an offscreen screen of that size."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, REPO

PROBE = Path(__file__).with_name("screen_fit_probe.py")
READABLE_PAGE = 560  # px: about twelve words a line at the default size


def first_window_on(width: int, height: int, tmp_path: Path) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalWidth": width, "logicalHeight": height, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, str(PROBE), str(BUNDLED), str(tmp_path / "home")],
                          capture_output=True, text=True, env=env, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("width, height, docks", [
    (1024, 600, False),  # narrow: the docks give way to the page
    (1366, 768, True),
    (1920, 1080, True),
])
def test_the_first_window_fits_and_keeps_the_page_readable(width, height, docks, tmp_path):
    shown = first_window_on(width, height, tmp_path)
    ax, ay, aw, ah = shown["available"]
    x, y, w, h = shown["frame"]
    assert ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah, shown
    assert shown["page_width"] >= READABLE_PAGE, shown
    assert ("contents-dock" in shown["docks"]) is docks, shown
