"""Touch sizes: at least 44 px at 1080p, larger on denser or bigger screens."""

from __future__ import annotations

import pytest

from reader.ui.kiosk.metrics import MIN_TARGET_PX, Metrics, touch_scale


@pytest.mark.parametrize("width, height, dpi, expected", [
    (1920, 1080, 96, 1.0),
    (1366, 768, 96, 1.0),  # never smaller than at 1080p
    (3840, 2160, 96, 2.0),  # a 4K panel without scaling
    (1920, 1080, 144, 1.5),  # fractional scaling passed through as DPI
    (2560, 1080, 96, 1.0),  # ultra-wide: the height decides
    (0, 0, 0, 1.0),
])
def test_touch_scale(width, height, dpi, expected):
    assert touch_scale(width, height, dpi) == pytest.approx(expected)


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_targets_are_never_below_the_minimum(scale):
    m = Metrics(scale)
    for size in (m.button, m.key, m.tile, m.corner):
        assert size >= MIN_TARGET_PX * scale
