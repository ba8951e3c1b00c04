"""Page breaks a typesetter would make: headings stay with their text, short bulleted lists
and the line that introduces them stay whole, a boxed one-row table is not cut."""

from __future__ import annotations

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QTextDocument

from reader.ui.page_breaks import keep_together

FILLER = "<p>" + "Words that fill the page up. " * 6 + "</p>"


def laid_out(html: str, height: float = 400) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(html)
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(300, height))
    return doc


def page_of(doc: QTextDocument, text: str) -> int:
    block = doc.find(text).block()
    return int(doc.documentLayout().blockBoundingRect(block).top() // doc.pageSize().height())


def fill_to_bottom(doc_html: str, tail: str, height: float = 400) -> str:
    """Filler paragraphs until `tail` would start in the last few lines of page 1."""
    for n in range(1, 40):
        html = FILLER * n + tail
        doc = laid_out(html, height)
        top = doc.documentLayout().blockBoundingRect(doc.find("Heading").block()).top()
        if top > height - 45:
            return FILLER * (n - 1) + doc_html + tail if top >= height else html
    raise AssertionError("filler never reached the foot of the page")


def test_a_heading_at_the_foot_of_a_page_moves_to_the_next_with_its_text(qapp):
    html = fill_to_bottom("", "<h2>Heading</h2><p>" + "Text under the heading. " * 8 + "</p>")
    doc = laid_out(html)
    assert page_of(doc, "Heading") == 0  # left to Qt, the heading ends page 1
    assert keep_together(doc) == 1
    assert page_of(doc, "Heading") == page_of(doc, "Text under") == 1


def test_warning_signs_stay_with_the_line_that_introduces_them(qapp):
    signs = "".join(f"<li>Warning sign number {n}</li>" for n in range(6))
    html = fill_to_bottom("", "<h2>Heading</h2><p>Call 999 if:</p><ul>" + signs + "</ul>")
    doc = laid_out(html)
    keep_together(doc)
    assert page_of(doc, "Call 999 if:") == page_of(doc, "Warning sign number 0") \
        == page_of(doc, "Warning sign number 5")


def test_a_long_numbered_list_may_run_on_over_a_page(qapp):
    studies = "".join(f"<li>Study number {n} with a long citation line</li>" for n in range(60))
    doc = laid_out("<p>The studies:</p><ol>" + studies + "</ol>")
    assert keep_together(doc) == 0
    assert page_of(doc, "Study number 0 ") == 0 and page_of(doc, "Study number 59") > 0


def test_nothing_moves_when_everything_fits(qapp):
    doc = laid_out("<h2>Heading</h2><p>Short.</p><ul><li>One</li></ul>")
    assert keep_together(doc) == 0
    assert doc.pageCount() == 1


def test_a_document_without_pages_is_left_alone(qapp):
    doc = QTextDocument()
    doc.setHtml("<h2>Heading</h2><p>Text.</p>")
    assert keep_together(doc) == 0
