"""Sizes for touch, laid out from the screen the kiosk is on: every control at least 44 px,
the sizes of a 1080p screen scaled up for big or dense screens and down for small ones.

Qt already multiplies logical pixels by the screen's devicePixelRatio, so the sizes here are in
logical pixels; `touch_scale` adds what that leaves out: a logical DPI above 96 (fractional scaling
passed through as DPI), a screen larger than 1920x1080 without scaling (a 4K panel at ratio 1),
and a smaller one (1280x800), on which the 1080p sizes would push the keyboard's last row and the
PIN pad's off the screen. A portrait screen is measured by its short and long sides, so a
1080x1920 reception display is laid out at the size of a 1080p one.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_TARGET_PX = 44  # the smallest touch target (WCAG 2.5.5, Apple HIG), on every screen
MIN_SCALE = 0.6  # below this the 1080p sizes would crowd text; targets stay >= MIN_TARGET_PX
MIN_TEXT_PX = 17  # body text on the smallest screens
MIN_SMALL_PX = 15  # small print (captions, the disclaimer) on the smallest screens


def touch_scale(width: int, height: int, logical_dpi: float) -> float:
    """How much larger (or smaller) than at 1920x1080 and 96 DPI to draw: a dense screen's DPI
    scales up; otherwise the screen's size decides, from MIN_SCALE up."""
    by_dpi = logical_dpi / 96.0 if logical_dpi > 96 else 1.0
    if width <= 0 or height <= 0:
        return by_dpi
    short, long = sorted((width, height))
    by_size = min(short / 1080.0, long / 1920.0)
    if by_dpi > 1.0:
        return max(by_dpi, by_size)
    return max(MIN_SCALE, by_size)


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes for one scale factor."""

    scale: float = 1.0

    def px(self, value: float) -> int:
        return round(value * self.scale)

    def target(self, value: float) -> int:
        """A touch target's size: `value` at 1080p, scaled, never below MIN_TARGET_PX."""
        return max(MIN_TARGET_PX, self.px(value))

    @property
    def button(self) -> int:  # height of ordinary buttons (Back, Start, keys)
        return self.target(72)

    @property
    def tile(self) -> int:  # minimum height of a browse tile
        return self.target(132)

    @property
    def key(self) -> int:  # on-screen keyboard key height
        return self.target(76)

    @property
    def corner(self) -> int:  # staff long-press corner (kept free of controls)
        return self.target(96)

    @property
    def gap(self) -> int:
        return self.px(16)

    @property
    def margin(self) -> int:
        return self.px(40)

    @property
    def text(self) -> int:  # body text in px
        return max(MIN_TEXT_PX, self.px(24))

    @property
    def small(self) -> int:
        return max(MIN_SMALL_PX, self.px(19))

    @property
    def heading(self) -> int:
        return self.px(44)

    @property
    def subheading(self) -> int:
        return self.px(30)

    @property
    def swipe(self) -> int:  # horizontal travel that counts as a swipe
        return self.px(220)

    @property
    def scrollbar(self) -> int:
        return self.px(28)
