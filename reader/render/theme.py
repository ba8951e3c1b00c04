"""Colours and the stylesheet for rendered pages (QTextBrowser's CSS subset)."""

from __future__ import annotations

from dataclasses import dataclass


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
    name="dark", text="#e6edf3", muted="#9da7b3", heading="#9ecbff", link="#79b8ff",
    summary_bg="#16302a", summary_border="#3fa27f", rule="#30363d",
    badge={
        "high": ("#2ea043", "#0d1117"), "moderate": ("#3fa27f", "#0d1117"),
        "low": ("#d29922", "#0d1117"), "very-low": ("#db6d28", "#0d1117"),
        "no-benefit": ("#8b949e", "#0d1117"),
    },
)


def stylesheet(theme: Theme) -> str:
    """CSS for pages in this theme."""
    t = theme
    return f"""
body {{ color: {t.text}; font-size: 11pt; }}
a {{ color: {t.link}; text-decoration: none; }}
h1 {{ color: {t.heading}; font-size: 20pt; font-weight: 600; margin-top: 4px; margin-bottom: 2px; }}
h2 {{ color: {t.heading}; font-size: 14pt; font-weight: 600; margin-top: 22px; margin-bottom: 6px; }}
h3 {{ color: {t.heading}; font-size: 12pt; font-weight: 600; margin-top: 14px; }}
p {{ margin-top: 0px; margin-bottom: 10px; line-height: 140%; }}
li {{ margin-bottom: 4px; line-height: 135%; }}
.kicker {{ color: {t.muted}; font-size: 9pt; font-weight: 600; margin-bottom: 0px; }}
.question {{ color: {t.muted}; font-size: 13pt; margin-bottom: 14px; }}
.label {{ font-size: 9pt; font-weight: 600; color: {t.summary_border}; margin-bottom: 4px; }}
.summary {{ background-color: {t.summary_bg}; }}
.summary p {{ font-size: 12pt; }}
.muted {{ color: {t.muted}; }}
.small {{ font-size: 9pt; }}
.finding {{ color: {t.muted}; }}
.ref {{ margin-bottom: 10px; }}
.refmeta {{ font-size: 9pt; color: {t.muted}; }}
sup {{ font-size: 8pt; }}
.hit-title {{ font-weight: 600; }}
.letters a {{ font-weight: 600; }}
"""
