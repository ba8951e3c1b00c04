"""Sizes for touch: every control at least 44 px (at 1080p) and scaled up for big or dense screens.

Qt already multiplies logical pixels by the screen's devicePixelRatio, so the sizes here are in
logical pixels; `touch_scale` adds what that leaves out: a logical DPI above 96 (fractional scaling
passed through as DPI) and a screen larger than 1920x1080 without scaling (a 4K panel at ratio 1).
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_TARGET_PX = 44  # the smallest touch target at 1080p and 96 DPI (WCAG 2.5.5, Apple HIG)


def touch_scale(width: int, height: int, logical_dpi: float) -> float:
    """How much larger than at 1920x1080 and 96 DPI to draw (never smaller: at least 1)."""
    by_dpi = logical_dpi / 96.0 if logical_dpi > 0 else 1.0
    by_size = min(width / 1920.0, height / 1080.0) if width > 0 and height > 0 else 1.0
    return max(1.0, by_dpi, by_size)


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes for one scale factor."""

    scale: float = 1.0

    def px(self, value: float) -> int:
        return round(value * self.scale)

    @property
    def button(self) -> int:  # height of ordinary buttons (Back, Start, keys)
        return self.px(72)

    @property
    def tile(self) -> int:  # minimum height of a browse tile
        return self.px(132)

    @property
    def key(self) -> int:  # on-screen keyboard key height
        return self.px(76)

    @property
    def corner(self) -> int:  # staff long-press corner (kept free of controls)
        return self.px(96)

    @property
    def gap(self) -> int:
        return self.px(16)

    @property
    def margin(self) -> int:
        return self.px(40)

    @property
    def text(self) -> int:  # body text in px
        return self.px(24)

    @property
    def small(self) -> int:
        return self.px(19)

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
