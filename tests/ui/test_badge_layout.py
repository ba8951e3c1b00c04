"""The evidence badge is laid out on one line in every theme and zoom, as a reader sees it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTextBrowser

from reader.content import load_content
from reader.render.page import render_factsheet
from reader.render.theme import DARK, HIGH_CONTRAST_DARK, HIGH_CONTRAST_LIGHT, LIGHT


@pytest.mark.parametrize("theme", [LIGHT, DARK, HIGH_CONTRAST_LIGHT, HIGH_CONTRAST_DARK],
                         ids=["light", "dark", "high-contrast-light", "high-contrast-dark"])
@pytest.mark.parametrize("zoom", [0, 4, 8])
def test_the_badge_never_breaks_inside_its_words(qtbot, sample_content, theme, zoom):
    """High contrast drew "Limited evidenc / e": its border was taken from the text's width."""
    sample_content.add("gout", title="Gout", level="low")
    store = load_content(sample_content.root)
    view = QTextBrowser()
    qtbot.addWidget(view)
    view.resize(640, 900)
    view.setHtml(render_factsheet(store.get("gout"), store, theme.zoomed(zoom)))
    view.show()
    doc = view.document()
    doc.setTextWidth(view.viewport().width())
    block = doc.begin()
    lines = None
    while block.isValid():
        if block.text().replace("\xa0", " ") == "Limited evidence":
            lines = block.layout().lineCount()
            break
        block = block.next()
    assert lines == 1
