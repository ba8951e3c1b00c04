"""The kiosk laid out from its screen: on a small landscape tablet, a laptop, a 1080p screen and a
portrait reception display, every key of the on-screen keyboard and of the PIN pad is on the
screen, no key covers another, each is a touch target of at least 44 px, and results stay
visible above the keyboard.

Each screen size runs the real kiosk full screen in a process of its own, on an offscreen screen
of that size (Qt's offscreen platform reads the screens from a JSON file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.ui.kiosk.metrics import MIN_TARGET_PX
from tests.conftest import BUNDLED, REPO

SCREENS = [(1280, 800), (1366, 768), (1920, 1080), (1080, 1920), (1024, 600)]
PROBE = Path(__file__).with_name("screen_fit_probe.py")


def layout_on(width: int, height: int, tmp_path: Path) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "kiosk", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalWidth": width, "logicalHeight": height, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, str(PROBE), str(BUNDLED), str(tmp_path / "home")],
                          capture_output=True, text=True, env=env, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def overlaps(a: list[int], b: list[int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def assert_keys_fit(keys: dict[str, list[int]], width: int, height: int) -> None:
    for label, (x, y, w, h) in keys.items():
        assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, \
            f"key {label!r} at {(x, y, w, h)} is cut by the {width}x{height} screen"
        assert w >= MIN_TARGET_PX and h >= MIN_TARGET_PX, f"key {label!r} is {w}x{h}"
    items = list(keys.items())
    for i, (a, ra) in enumerate(items):
        for b, rb in items[i + 1:]:
            assert not overlaps(ra, rb), f"keys {a!r} and {b!r} overlap"


@pytest.mark.parametrize("width, height", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_the_keyboard_and_pin_pad_fit_the_screen(width, height, tmp_path):
    layout = layout_on(width, height, tmp_path)
    assert layout["screen"] == [width, height]
    assert layout["window"] == [0, 0, width, height]  # full screen
    assert len(layout["keys"]) >= 40 and len(layout["pin"]) == 12
    assert_keys_fit(layout["keys"], width, height)
    assert_keys_fit(layout["pin"], width, height)
    assert layout["results"][3] >= 2 * MIN_TARGET_PX  # some results above the keyboard
