"""A factsheet as a patient handout: the page for paper, with the clinic's name at the top.

Everything a patient needs is kept (question, bottom line, evidence, symptoms, the text, the
studies, the review date and the disclaimer); everything that only works on screen is left out
(links, the "cite" tools, navigation, the reader's private notes), and so is the change log,
which is for readers of the screen edition. Page numbers are drawn by the
printing code (reader/ui/handout.py), which knows where the pages break.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from reader.content.citations import format_vancouver, numbered_references
from reader.content.model import Factsheet
from reader.render.page import (
    DISCLAIMER,
    GLANCE_NOTE,
    evidence_html,
    lower_first,
    reference_numbers,
    render_body,
    review_line,
    summary_box_html,
    symptoms_html,
)
from reader.render.theme import PRINT, Theme, stylesheet

PAPER_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class HandoutHeader:
    """Who is handing the sheet out (Settings.clinic_name / clinic_contact)."""

    clinic_name: str = ""
    clinic_contact: str = ""


NO_HEADER = HandoutHeader()

def render_handout(sheet: Factsheet, header: HandoutHeader = NO_HEADER,
                   theme: Theme = PRINT, compact: bool = False) -> str:
    """The handout's HTML (for a QTextDocument laid out on paper); `compact` sets the type a
    little tighter, for a sheet whose last page would hold only a few lines."""
    e = html.escape
    numbers = reference_numbers(sheet)
    css = stylesheet(theme) + _PRINT_CSS + (_COMPACT_CSS if compact else "")
    parts = [f"<html><head><style>{css}</style></head><body>"]
    parts.append(_header(header, theme))
    parts += [
        f'<p class="kicker">{e(sheet.category_label.upper())}</p>',
        f"<h1>{e(sheet.title)}</h1>",
        f'<p class="question">{e(sheet.question)}</p>',
        summary_box_html(sheet, theme),
        evidence_html(sheet, theme),
        _glance(sheet, numbers),
        symptoms_html(sheet),
        render_body(sheet, numbers, links=False),
    ]
    refs = numbered_references(sheet)
    if refs:
        # A numbered list rather than a table: Qt runs a list on over a page line by line,
        # but cuts a table row in two.
        items = "".join(f'<li class="href">{e(format_vancouver(ref))}</li>' for ref in refs)
        parts.append(f'<h2>The research this sheet is based on</h2><ol class="hrefs">{items}</ol>')
    parts += [
        f'<hr/><p class="small">{e(review_line(sheet))}</p>',
        f'<p class="small">{e(DISCLAIMER)}</p>',
        "</body></html>",
    ]
    return "\n".join(parts)


def _glance(sheet: Factsheet, numbers: dict[str, int]) -> str:
    """"Research at a glance" for paper: each outcome a short heading with its finding under
    it, rather than the screen's table (Qt cuts a table row in two at the foot of a page, but
    keeps a heading with what follows)."""
    if not sheet.outcomes:
        return ""
    e = html.escape
    parts = ["<h2>Research at a glance</h2>"]
    for row in sheet.outcomes:
        cited = sorted(numbers[k] for k in row.references if k in numbers)
        cites = f' <span class="cite">[{", ".join(map(str, cited))}]</span>' if cited else ""
        size = f" ({e(row.size_label)})" if row.size_label else ""
        parts.append(
            f"<h4>{e(row.outcome)}, compared with {e(lower_first(row.comparison))}</h4>"
            f'<p class="glance-row">{e(row.result)}{cites}{size}. '
            f"<b>How sure we can be:</b> {e(lower_first(row.certainty_label))} "
            f"({e(row.certainty_source_label)}).</p>")
    parts.append(f'<p class="small">{e(GLANCE_NOTE)}</p>')
    return "\n".join(parts)


def _header(header: HandoutHeader, theme: Theme) -> str:
    name, contact = header.clinic_name.strip(), header.clinic_contact.strip()
    if not name and not contact:
        return ""
    rows = []
    if name:
        rows.append(f'<p class="clinic">{html.escape(name)}</p>')
    if contact:
        rows.append(f'<p class="contact">{html.escape(contact)}</p>')
    return ('<table width="100%" cellspacing="0" cellpadding="0" style="margin-bottom: 14px; '
            f'border-bottom: 1px solid {theme.rule};"><tr><td style="padding-bottom: 6px;">'
            + "".join(rows) + "</td></tr></table>")


# Paper wants less air than the screen: a handout of two or three sides is one a patient reads
# (reader/ui/page_breaks.py keeps headings with what follows and short lists whole).
_PRINT_CSS = """
body { font-size: 9.5pt; }
p { line-height: 124%; margin-bottom: 6px; }
li { line-height: 122%; margin-bottom: 2px; }
h1 { font-size: 18pt; }
h2 { font-size: 12.5pt; margin-top: 14px; margin-bottom: 5px; }
h3 { font-size: 10.5pt; margin-top: 10px; margin-bottom: 4px; }
h4 { font-size: 9.5pt; margin-top: 6px; margin-bottom: 1px; }
.glance-row { margin-bottom: 4px; }
.question { font-size: 11pt; margin-bottom: 10px; }
.summary { font-size: 10.5pt; line-height: 135%; }
.evidence { font-size: 9.5pt; line-height: 130%; }
.small { font-size: 8.5pt; }
sup { font-size: 9.5pt; }  /* Qt draws superscripts at about two thirds of this */
.cite { font-size: 9pt; }
.clinic { font-size: 13pt; font-weight: 700; margin-bottom: 2px; }
.contact { font-size: 9.5pt; margin-bottom: 0px; }
.hrefs { font-size: 8.5pt; margin-left: 0px; }
.href { font-size: 8.5pt; margin-bottom: 3px; line-height: 120%; }
"""

_COMPACT_CSS = """
body { font-size: 9pt; }
p { line-height: 118%; margin-bottom: 5px; }
li { line-height: 116%; margin-bottom: 1px; }
h2 { font-size: 12pt; margin-top: 10px; margin-bottom: 4px; }
.summary { font-size: 10pt; line-height: 128%; }
.evidence { font-size: 9pt; line-height: 122%; }
.href { font-size: 8pt; margin-bottom: 2px; }
"""
