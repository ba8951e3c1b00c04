"""A factsheet as a patient handout: the page for paper, with the clinic's name at the top.

Everything a patient needs is kept (question, bottom line, evidence, symptoms, the text, the
studies, the review date and the disclaimer); everything that only works on screen is left out
(links, the "cite" tools, navigation, the reader's private notes). Page numbers are drawn by the
printing code (reader/ui/handout.py), which knows where the pages break.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from reader.content.citations import format_vancouver, numbered_references
from reader.content.model import Factsheet
from reader.render.page import (
    DISCLAIMER,
    changes_html,
    evidence_html,
    glance_html,
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
                   theme: Theme = PRINT) -> str:
    """The handout's HTML (for a QTextDocument laid out on paper)."""
    e = html.escape
    numbers = reference_numbers(sheet)
    parts = [f"<html><head><style>{stylesheet(theme)}{_PRINT_CSS}</style></head><body>"]
    parts.append(_header(header, theme))
    parts += [
        f'<p class="kicker">{e(sheet.category_label.upper())}</p>',
        f"<h1>{e(sheet.title)}</h1>",
        f'<p class="question">{e(sheet.question)}</p>',
        summary_box_html(sheet, theme),
        evidence_html(sheet, theme),
        glance_html(sheet, numbers, theme, links=False),
        symptoms_html(sheet),
        render_body(sheet, numbers, links=False),
    ]
    refs = numbered_references(sheet)
    if refs:
        parts.append('<h2>The research this sheet is based on</h2>'
                     '<table cellspacing="0" cellpadding="0" width="100%">')
        for ref in refs:
            parts.append(
                f'<tr><td valign="top" width="22" align="right" class="hrefnum">{numbers[ref.key]}.'
                f'</td><td valign="top" class="href">{e(format_vancouver(ref))}</td></tr>')
        parts.append("</table>")
    parts += [
        changes_html(sheet),
        f'<hr/><p class="small">{e(review_line(sheet))}</p>',
        f'<p class="small">{e(DISCLAIMER)}</p>',
        "</body></html>",
    ]
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


# Paper wants a little less air than the screen, and headings kept with what follows.
_PRINT_CSS = """
p { line-height: 138%; }
li { line-height: 132%; margin-bottom: 3px; }
sup { font-size: 10.5pt; }  /* Qt draws superscripts at about two thirds of this */
.cite { font-size: 9.5pt; }
h2 { margin-top: 18px; page-break-after: avoid; }
h3 { page-break-after: avoid; }
.clinic { font-size: 13pt; font-weight: 700; margin-bottom: 2px; }
.contact { font-size: 9.5pt; margin-bottom: 0px; }
.hrefnum { font-size: 8.5pt; padding-right: 6px; }
.href { font-size: 8.5pt; padding-bottom: 4px; }
"""
