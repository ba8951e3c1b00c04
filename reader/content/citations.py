"""How references are written out. One place formats a reference, so every view agrees."""

from __future__ import annotations

from reader.content.model import Reference

VANCOUVER_MAX_AUTHORS = 6


def format_authors_vancouver(ref: Reference) -> str:
    """`Vickers AJ, Vertosick EA, et al.` (first six, then et al.)."""
    authors = list(ref.authors[:VANCOUVER_MAX_AUTHORS])
    more = ref.et_al or len(ref.authors) > VANCOUVER_MAX_AUTHORS
    return ", ".join(authors) + (", et al." if more else ".")


def format_source_vancouver(ref: Reference) -> str:
    """`J Pain. 2018;19(5):455-474.`: journal, year, volume, issue and pages, as known."""
    out = f"{ref.journal}. {ref.year}"
    if ref.volume:
        out += f";{ref.volume}"
        if ref.issue:
            out += f"({ref.issue})"
    elif ref.issue:
        out += f";({ref.issue})"
    if ref.pages:
        out += f":{ref.pages}"
    return out + "."


def format_vancouver(ref: Reference) -> str:
    """The whole reference in Vancouver style, with DOI and PMID when known."""
    title = ref.title.rstrip(".")
    end = "" if title.endswith(("?", "!")) else "."
    parts = [format_authors_vancouver(ref), f"{title}{end}", format_source_vancouver(ref)]
    if ref.doi:
        parts.append(f"doi:{ref.doi}.")
    if ref.pmid:
        parts.append(f"PMID: {ref.pmid}.")
    return " ".join(parts)


def citation_order(body_citations: list[tuple[str, ...]], refs: tuple[Reference, ...]) -> dict[str, int]:
    """Reference key -> number, numbered by first citation in the body (uncited ones last)."""
    numbers: dict[str, int] = {}
    for keys in body_citations:
        for key in keys:
            if key not in numbers:
                numbers[key] = len(numbers) + 1
    for ref in refs:
        numbers.setdefault(ref.key, len(numbers) + 1)
    return numbers
