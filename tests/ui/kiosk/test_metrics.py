"""Touch sizes from the screen: at least 44 px everywhere, larger on denser or bigger screens,
smaller (down to a floor) on small ones, and a portrait screen like its landscape twin."""

from __future__ import annotations

import pytest

from reader.ui.kiosk.metrics import MIN_TARGET_PX, Metrics, touch_scale


@pytest.mark.parametrize("width, height, dpi, expected", [
    (1920, 1080, 96, 1.0),
    (1080, 1920, 96, 1.0),  # a portrait reception display
    (1280, 800, 96, 1280 / 1920),  # a small kiosk tablet: the long side decides
    (800, 1280, 96, 1280 / 1920),  # ... and turned to portrait
    (1366, 768, 96, 768 / 1080),
    (1024, 600, 96, 0.6),  # never below MIN_SCALE
    (3840, 2160, 96, 2.0),  # a 4K panel without scaling
    (2160, 3840, 96, 2.0),
    (1920, 1080, 144, 1.5),  # fractional scaling passed through as DPI
    (2560, 1080, 96, 1.0),  # ultra-wide: the height decides
    (0, 0, 0, 1.0),
])
def test_touch_scale(width, height, dpi, expected):
    assert touch_scale(width, height, dpi) == pytest.approx(expected)


@pytest.mark.parametrize("scale", [0.6, 2 / 3, 1.0, 1.5, 2.0])
def test_targets_are_never_below_the_minimum(scale):
    m = Metrics(scale)
    for size in (m.button, m.key, m.tile, m.corner):
        assert size >= MIN_TARGET_PX * max(1.0, scale)
    assert m.text >= 17 and m.small >= 15
