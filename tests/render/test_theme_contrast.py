"""Contrast computed from the colour definitions themselves (WCAG 2.x relative luminance): all
text at least 4.5:1 against what it is drawn on, in every page theme, the handout and the kiosk."""

from __future__ import annotations

import pytest

from reader.render.theme import DARK, HIGH_CONTRAST_DARK, HIGH_CONTRAST_LIGHT, LIGHT, PRINT
from reader.render.theme import contrast_ratio as contrast

TEXT = 4.5


def test_the_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert contrast("#808080", "#ffffff") < TEXT  # Qt's darkGray, the old handout footer


@pytest.mark.parametrize("theme", [LIGHT, DARK, HIGH_CONTRAST_DARK, HIGH_CONTRAST_LIGHT, PRINT],
                         ids=["light", "dark", "high-contrast-dark", "high-contrast-light", "print"])
def test_page_text_is_readable_in_every_theme(theme):
    pairs = {f"{name} on the page": (getattr(theme, name), theme.background)
             for name in ("text", "muted", "heading", "link", "warning")}
    pairs |= {"text in the bottom-line box": (theme.text, theme.summary_bg),
              "muted text in the bottom-line box": (theme.muted, theme.summary_bg),
              "the box's label": (theme.summary_border, theme.summary_bg)}
    pairs |= {f"{level} evidence badge": colours for level, colours in theme.badge.items()}
    low = {what: round(contrast(*pair), 2) for what, pair in pairs.items()
           if contrast(*pair) < TEXT}
    assert not low, low


def test_the_handout_footer_is_readable():
    from reader.ui.handout import FOOTER_COLOUR

    assert contrast(FOOTER_COLOUR, "#ffffff") >= 7.0


def test_kiosk_text_is_readable():
    from reader.ui.kiosk import style as k

    pairs = {"text": (k.INK, k.BACKGROUND), "muted text": (k.MUTED, k.BACKGROUND),
             "muted text on a card": (k.MUTED, k.SURFACE), "headings": (k.HEADING, k.BACKGROUND),
             "primary buttons": (k.KEY, k.ACCENT), "pressed primary buttons": (k.KEY, k.ACCENT_DARK),
             "warnings": (k.WARNING, k.SURFACE), "keyboard keys": (k.INK, k.KEY),
             "pressed keys": (k.INK, k.PRESSED)}
    low = {what: round(contrast(*pair), 2) for what, pair in pairs.items()
           if contrast(*pair) < TEXT}
    assert not low, low


def test_the_kiosk_focus_border_stands_out_where_it_is_drawn():
    """A keyboard's focus in the kiosk is a 2 px border in FOCUS: 3:1 against the screen, a
    card and the keyboard panel round a button, and against the border colour it replaces."""
    from reader.ui.kiosk import style as k

    pairs = {"the screen": k.BACKGROUND, "a card or button": k.SURFACE,
             "the keyboard panel": k.KEY_PANEL, "a button's own border": k.BORDER,
             "a primary button's border": k.ACCENT}
    low = {what: round(contrast(k.FOCUS, colour), 2) for what, colour in pairs.items()
           if contrast(k.FOCUS, colour) < 3.0}
    assert not low, low
