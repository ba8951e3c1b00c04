"""A factsheet as plain text for a terminal (`factsheet-reader show SLUG`).

The same parts in the same order as the page (reader/render/page.py), citations numbered as
there; "Research at a glance" is a block per outcome rather than a table, which a terminal
cannot wrap.
"""

from __future__ import annotations

import re
import textwrap

from reader.content.citations import format_vancouver, numbered_references
from reader.content.markup import CITATION_RE, LINK_RE
from reader.content.model import Factsheet
from reader.render.dates import long_date
from reader.render.page import (
    DISCLAIMER,
    GLANCE_NOTE,
    lower_first,
    reference_numbers,
    review_line,
)

WIDTH = 88
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
_EMPHASIS_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def render_text(sheet: Factsheet, width: int = WIDTH) -> str:
    """The whole factsheet as wrapped plain text, ending in a newline."""
    numbers = reference_numbers(sheet)
    out: list[str] = [sheet.title.upper(), sheet.question, ""]
    out += _wrap("The bottom line: " + sheet.summary, width) + [""]
    out += _wrap(f"{sheet.evidence.label}. {sheet.evidence.summary}", width) + [""]
    if sheet.outcomes:
        out += ["RESEARCH AT A GLANCE", ""]
        for row in sheet.outcomes:
            marks = ", ".join(str(n) for n in sorted(numbers[k] for k in row.references
                                                     if k in numbers))
            out += _wrap(f"{row.outcome} (compared with {lower_first(row.comparison)})", width,
                         "  ")
            found = row.result + (f" [{marks}]" if marks else "")
            out += _wrap(found, width, "    Found:     ", "               ")
            if row.size_label:
                out += _wrap(row.size_label, width, "               ")
            out += _wrap(f"{row.certainty_label} ({row.certainty_source_label})", width,
                         "    Certainty: ", "               ")
            out.append("")
        out += _wrap(GLANCE_NOTE, width) + [""]
    if sheet.symptoms:
        out += ["SYMPTOMS"] + [line for s in sheet.symptoms for line in _wrap(s, width, "  - ",
                                                                              "    ")] + [""]
    out += _body(sheet, numbers, width)
    refs = numbered_references(sheet)
    if refs:
        out += ["REFERENCES", ""]
        for ref in refs:
            label = f"{numbers[ref.key]:>2}. "
            out += _wrap(format_vancouver(ref), width, label, " " * len(label))
            out += _wrap(ref.finding, width, " " * len(label), " " * len(label)) + [""]
    if sheet.changes:
        out += ["WHAT CHANGED"]
        for change in sheet.changes:
            out += _wrap(f"{long_date(change.date)}: {change.text}", width, "  - ", "    ")
        out.append("")
    out += _wrap(review_line(sheet), width) + _wrap(DISCLAIMER, width)
    return "\n".join(out).rstrip("\n") + "\n"


def _wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width, initial_indent=first,
                         subsequent_indent=first if rest is None else rest,
                         break_on_hyphens=False) or [first.rstrip()]


def _body(sheet: Factsheet, numbers: dict[str, int], width: int) -> list[str]:
    def cite(match: re.Match) -> str:
        keys = [k.strip()[1:] for k in match.group(1).split(";")]
        return "[" + ", ".join(str(numbers.get(k, "?")) for k in keys) + "]"

    text = CITATION_RE.sub(cite, sheet.body.replace("\r\n", "\n"))
    text = LINK_RE.sub(lambda m: m.group(1), text)
    text = _EMPHASIS_RE.sub(lambda m: m.group(2), text)
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if lines[0].startswith("#"):
            out += [lines[0].lstrip("#").strip().upper(), ""]
            lines = lines[1:]
            if not lines:
                continue
        items: list[str] = []
        for line in lines:
            if _LIST_ITEM_RE.match(line) or not items:
                items.append(line)
            else:
                items[-1] += " " + line.strip()
        for item in items:
            if _LIST_ITEM_RE.match(item):
                out += _wrap(_LIST_ITEM_RE.sub("", item), width, "  - ", "    ")
            else:
                out += _wrap(item, width)
        out.append("")
    return out
