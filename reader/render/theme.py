"""Colours, sizes and the stylesheet for rendered pages (QTextBrowser's CSS subset).

QTextBrowser understands a subset of CSS 2: colours, font sizes and weights, margins, padding on
table cells, `line-height` in percent, page breaks. It has no max-width, so the reading pane keeps
the line length by widening its margins (reader/ui/page_view.py), and boxes are one-cell tables.

Every size is in points and multiplied by the theme's `scale`, so zooming (Ctrl+plus) re-renders
the page larger: QTextEdit's own zoom leaves text with an explicit size unchanged. The page's 100 %
is its body text at BODY_PT, or the desktop's own text size when someone has chosen that larger
(`text_size_factor`): the page is never smaller than the text of every other application.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

THEME_NAMES = ("system", "light", "dark", "high-contrast")
ZOOM_MIN, ZOOM_MAX = -4, 10
ZOOM_STEP = 1.1  # each Ctrl+plus makes text 10% larger
BODY_PT = 11.0  # the page's body text at 100 %, when the desktop's text is no larger


@dataclass(frozen=True)
class Theme:
    name: str
    text: str
    muted: str
    heading: str
    link: str
    summary_bg: str
    summary_border: str
    rule: str
    badge: dict[str, tuple[str, str]]  # evidence level -> (background, text)
    background: str = "#ffffff"
    link_underline: bool = False
    badge_border: str = ""  # drawn round the evidence badge (high contrast)
    warning: str = "#8c4a1c"  # notices ("some factsheets could not be read")
    scale: float = 1.0
    dark: bool = field(default=False)

    def pt(self, size: float) -> str:
        """`size` points at this theme's zoom, for CSS."""
        return f"{size * self.scale:.1f}pt"

    def zoomed(self, steps: int, system_pt: float = 0.0) -> Theme:
        """This theme at `steps` zoom steps from the default size: BODY_PT, or the desktop's
        text size `system_pt` (its font's point size) when that is larger."""
        return dataclasses.replace(self, scale=zoom_factor(steps) * text_size_factor(system_pt))


LIGHT = Theme(
    name="light", text="#1f2328", muted="#57606a", heading="#0b3d5c", link="#0a58a8",
    summary_bg="#eef6f3", summary_border="#2f7d64", rule="#d0d7de",
    badge={
        "high": ("#1f6f43", "#ffffff"), "moderate": ("#2f7d64", "#ffffff"),
        "low": ("#9a6700", "#ffffff"), "very-low": ("#8c4a1c", "#ffffff"),
        "no-benefit": ("#6e7781", "#ffffff"),
    },
)

DARK = Theme(
    name="dark", text="#e6edf3", muted="#a3adb8", heading="#9ecbff", link="#79b8ff",
    summary_bg="#16302a", summary_border="#48ab89", rule="#30363d", background="#14181d",
    badge={
        "high": ("#2ea043", "#0d1117"), "moderate": ("#3fa27f", "#0d1117"),
        "low": ("#d29922", "#0d1117"), "very-low": ("#db6d28", "#0d1117"),
        "no-benefit": ("#8b949e", "#0d1117"),
    },
    warning="#f0883e", dark=True,
)

# High contrast: only the two extreme colours plus one for links, links underlined, and no
# meaning carried by colour alone (the badge says its level in words).
HIGH_CONTRAST_DARK = Theme(
    name="high-contrast", text="#ffffff", muted="#ffffff", heading="#ffffff", link="#ffff00",
    summary_bg="#000000", summary_border="#ffffff", rule="#ffffff", background="#000000",
    badge={level: ("#000000", "#ffffff") for level in
           ("high", "moderate", "low", "very-low", "no-benefit")},
    link_underline=True, badge_border="#ffffff", warning="#ffffff", dark=True,
)

HIGH_CONTRAST_LIGHT = Theme(
    name="high-contrast", text="#000000", muted="#000000", heading="#000000", link="#0000c0",
    summary_bg="#ffffff", summary_border="#000000", rule="#000000", background="#ffffff",
    badge={level: ("#ffffff", "#000000") for level in
           ("high", "moderate", "low", "very-low", "no-benefit")},
    link_underline=True, badge_border="#000000", warning="#000000",
)

# Paper: dark text, links printed as plain text, sizes for reading at arm's length.
PRINT = dataclasses.replace(LIGHT, name="print", link=LIGHT.text, muted="#444c56")


def theme_named(name: str, system_dark: bool = False) -> Theme:
    """The theme for a `Settings.theme` value; `system` (and anything unknown) follows the OS."""
    if name == "light":
        return LIGHT
    if name == "dark":
        return DARK
    if name == "high-contrast":
        return HIGH_CONTRAST_DARK if system_dark else HIGH_CONTRAST_LIGHT
    return DARK if system_dark else LIGHT


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a `#rrggbb` colour (0 black to 1 white)."""
    rgb = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2's contrast ratio of two `#rrggbb` colours, from 1 (the same) to 21."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def clamp_zoom(steps: int) -> int:
    return max(ZOOM_MIN, min(ZOOM_MAX, steps))


def text_size_factor(system_pt: float) -> float:
    """How much larger than BODY_PT the desktop's text (`system_pt` points) is; 1 when it is
    not larger, or not known (0)."""
    return max(1.0, system_pt / BODY_PT) if system_pt > 0 else 1.0


def zoom_factor(steps: int) -> float:
    """How much larger than the default text is at `steps` zoom steps."""
    return ZOOM_STEP ** clamp_zoom(steps)


def stylesheet(theme: Theme) -> str:
    """CSS for pages in this theme."""
    t = theme
    pt = t.pt
    underline = "underline" if t.link_underline else "none"
    return f"""
body {{ color: {t.text}; background-color: {t.background}; font-size: {pt(BODY_PT)}; }}
a {{ color: {t.link}; text-decoration: {underline}; }}
h1 {{ color: {t.heading}; font-size: {pt(21)}; font-weight: 700; margin-top: 2px; margin-bottom: 4px; }}
h2 {{ color: {t.heading}; font-size: {pt(14.5)}; font-weight: 700; margin-top: 26px; margin-bottom: 8px; }}
h3 {{ color: {t.heading}; font-size: {pt(12)}; font-weight: 700; margin-top: 16px; margin-bottom: 6px; }}
p {{ margin-top: 0px; margin-bottom: 10px; line-height: 145%; }}
ul, ol {{ margin-top: 0px; margin-bottom: 10px; }}
li {{ margin-bottom: 5px; line-height: 140%; }}
.kicker {{ color: {t.muted}; font-size: {pt(9)}; font-weight: 700; margin-bottom: 2px; }}
.question {{ color: {t.muted}; font-size: {pt(13)}; margin-bottom: 16px; line-height: 130%; }}
.label {{ font-size: {pt(9)}; font-weight: 700; color: {t.summary_border}; margin-bottom: 6px; }}
.summary {{ font-size: {pt(12)}; margin-bottom: 0px; line-height: 150%; }}
.badge {{ font-size: {pt(10.5)}; font-weight: 700; }}
.evidence {{ font-size: {pt(11)}; margin-top: 8px; margin-bottom: 4px; line-height: 145%; }}
.muted {{ color: {t.muted}; }}
.small {{ font-size: {pt(9)}; }}
.refs {{ font-size: {pt(10)}; }}
.refnum {{ color: {t.muted}; font-size: {pt(10)}; }}
.citation {{ font-size: {pt(10)}; line-height: 135%; margin-bottom: 2px; }}
.finding {{ color: {t.muted}; font-size: {pt(10)}; line-height: 135%; margin-bottom: 2px; }}
.refmeta {{ font-size: {pt(9)}; color: {t.muted}; font-weight: 700; }}
.reftools {{ font-size: {pt(9.5)}; color: {t.muted}; margin-top: 2px; margin-bottom: 2px; }}
sup {{ font-size: {pt(8)}; }}
.cite {{ font-size: {pt(10.5)}; }}
th {{ color: {t.heading}; font-size: {pt(10)}; font-weight: 700; }}
.glance {{ font-size: {pt(11)}; margin-top: 4px; margin-bottom: 4px; }}
.hit-title {{ font-weight: 600; }}
.letters a {{ font-weight: 600; }}
.notice {{ color: {t.warning}; font-weight: 700; }}
"""
