"""Turn a factsheet into the field values the index stores."""

from __future__ import annotations

import re

from reader.content.markup import to_plain_text
from reader.content.model import Factsheet
from reader.content.store import sort_key
from reader.search.analysis import find_concepts


def references_text(sheet: Factsheet) -> str:
    """Authors, title, journal and year of each reference, as one searchable text."""
    parts = []
    for ref in sheet.references:
        parts.append(" ".join([*ref.authors, ref.title, ref.journal, str(ref.year)]))
    return "\n".join(parts)


_WORD_RE = re.compile(r"\w+")


def distinct_words(*texts: str) -> str:
    """Each word of `texts` once: the `words` field serves completions and spelling, which need
    the vocabulary, not how often a word occurs. It holds the words that describe a condition
    (names, question, symptoms, summary), not the whole body: indexing the body twice took a
    third of the build time, and a body word still matches once it is typed in full."""
    seen = dict.fromkeys(w.lower() for text in texts for w in _WORD_RE.findall(text))
    return " ".join(seen)


def outcomes_text(sheet: Factsheet) -> str:
    """The rows of "Research at a glance" as sentences: a comparison (a named drug, say) is
    something people search for."""
    return "\n".join(f"{row.outcome}, compared with {row.comparison}: {row.result}."
                     for row in sheet.outcomes)


def _and_list(items: tuple[str, ...]) -> str:
    """'a, b and c' ("" for none)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def index_document(sheet: Factsheet) -> dict[str, str]:
    """The Whoosh document for one factsheet."""
    body = to_plain_text(sheet.body)
    if sheet.outcomes:
        body = f"{body}\n{outcomes_text(sheet)}"
    aliases = "\n".join(sheet.aliases)
    symptoms = "\n".join(sheet.symptoms)
    names = f"{sheet.title}\n{aliases}"
    return {
        "slug": sheet.slug,
        "category": sheet.category,
        "initial": sort_key(sheet.title)[:1],
        "evidence": sheet.evidence.level,
        "stored_title": sheet.title,
        "stored_question": sheet.question,
        "text": f"{sheet.summary}\n{body}",
        "stored_treatments": _and_list(sheet.treatments),
        "concepts": " ".join(sorted(find_concepts(names))),
        "names": names,
        "words": distinct_words(names, sheet.question, symptoms, sheet.summary),
        "title": sheet.title,
        "aliases": aliases,
        "symptoms": symptoms,
        "treatments": "\n".join(sheet.treatments),
        # The question mostly repeats the title; indexing it as a field of its own cost a fifth
        # of the build, so its words count with the summary's.
        "summary": f"{sheet.question}\n{sheet.summary}",
        "body": body,
        "refs": references_text(sheet),
    }
