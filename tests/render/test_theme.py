"""Page themes and zoom: every size scales, and each setting maps to a theme."""

from __future__ import annotations

import re

from reader.render.theme import (
    DARK,
    HIGH_CONTRAST_DARK,
    HIGH_CONTRAST_LIGHT,
    LIGHT,
    ZOOM_MAX,
    ZOOM_MIN,
    stylesheet,
    theme_named,
    zoom_factor,
)


def sizes(css: str) -> list[float]:
    return [float(x) for x in re.findall(r"font-size: ([\d.]+)pt", css)]


def test_each_setting_names_a_theme():
    assert theme_named("light", system_dark=True) is LIGHT
    assert theme_named("dark") is DARK
    assert theme_named("system", system_dark=True) is DARK
    assert theme_named("system", system_dark=False) is LIGHT
    assert theme_named("high-contrast", system_dark=True) is HIGH_CONTRAST_DARK
    assert theme_named("high-contrast", system_dark=False) is HIGH_CONTRAST_LIGHT
    assert theme_named("nonsense") is LIGHT


def test_zoom_scales_every_font_size():
    base = sizes(stylesheet(LIGHT))
    bigger = sizes(stylesheet(LIGHT.zoomed(3)))
    assert len(base) == len(bigger) > 10
    for a, b in zip(base, bigger, strict=True):
        assert abs(b - a * 1.1 ** 3) < 0.06


def test_zoom_is_clamped():
    assert zoom_factor(ZOOM_MAX + 5) == zoom_factor(ZOOM_MAX)
    assert zoom_factor(ZOOM_MIN - 5) == zoom_factor(ZOOM_MIN)
    assert zoom_factor(0) == 1.0


def test_high_contrast_underlines_links_and_uses_extreme_colours():
    css = stylesheet(HIGH_CONTRAST_DARK)
    assert "text-decoration: underline" in css
    assert "color: #ffffff; background-color: #000000" in css
    assert "text-decoration: none" in stylesheet(LIGHT)
