"""The two pieces of our own markup inside a factsheet body: citations and factsheet links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# `[@key]` or `[@key1; @key2]`, not followed by `(` (that would be an ordinary link).
CITATION_RE = re.compile(r"\[(@[^\]\[;\s]+(?:\s*;\s*@[^\]\[;\s]+)*)\](?!\()")
# An inline Markdown link `[text](target)`; images (`![..](..)`) excluded.
LINK_RE = re.compile(r"(?<!!)\[([^\]]*)\]\(\s*([^)\s]+)(?:\s+\"[^\"]*\")?\s*\)")


@dataclass(frozen=True)
class Citation:
    keys: tuple[str, ...]
    line: int  # 1-based line within the body
    start: int
    end: int


@dataclass(frozen=True)
class FactsheetLink:
    slug: str
    line: int


def find_citations(body: str) -> Iterator[Citation]:
    """Every `[@key...]` in the body, in order."""
    for m in CITATION_RE.finditer(body):
        keys = tuple(part.strip()[1:] for part in m.group(1).split(";"))
        yield Citation(keys, body.count("\n", 0, m.start()) + 1, m.start(), m.end())


def is_factsheet_target(target: str) -> bool:
    """True for a link target that names a factsheet (no scheme, path or anchor)."""
    return ":" not in target and not target.startswith(("#", "/", ".")) and "/" not in target


def find_factsheet_links(body: str) -> Iterator[FactsheetLink]:
    """Every link in the body whose target is a factsheet slug."""
    for m in LINK_RE.finditer(body):
        target = m.group(2)
        if is_factsheet_target(target):
            yield FactsheetLink(target, body.count("\n", 0, m.start()) + 1)


_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE)
_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_LIST_MARK_RE = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+", re.MULTILINE)
_HTML_TAG_RE = re.compile(r"<[^>]+>")
# A line break inside a paragraph or list item: the next line is text, not a blank line, a list
# item, a heading, a quote or a table row.
_SOFT_BREAK_RE = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)(?![ \t]*(?:[-*+][ \t]|\d+\.[ \t]|[>|#]))")


def to_plain_text(body: str) -> str:
    """The body as plain prose (for search and snippets): no citations, link targets or markup.
    Each paragraph, list item and heading is one line, however the source file wraps it, so a
    line break in the result always ends a passage."""
    text = _SOFT_BREAK_RE.sub(" ", body.replace("\r\n", "\n"))
    text = CITATION_RE.sub("", text)
    text = LINK_RE.sub(lambda m: m.group(1), text)
    text = _HTML_TAG_RE.sub("", text)
    text = _HEADING_RE.sub("", text)
    text = _LIST_MARK_RE.sub("", text)
    text = _EMPHASIS_RE.sub(lambda m: m.group(2), text)
    text = re.sub(r"[ \t]+([.,;:])", r"\1", text)
    return re.sub(r"[ \t]+", " ", text).strip()
