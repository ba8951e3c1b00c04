"""Best-passage snippets with the query's words highlighted.

Whoosh's own highlighter re-analyses whole documents and dominated query time (about 25 of 29 ms
for ten hits), so snippets are made here from the stored plain text: split into sentences, score
each by how many distinct query terms it holds, keep the best, and mark the matches.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from reader.search.analysis import plain_tokens, stem_tokens

_SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_WORD_RE = re.compile(r"\w+")
MAX_CHARS = 220


@dataclass(frozen=True)
class QueryTerms:
    """What a snippet should highlight: stems of whole words and the prefix being typed."""

    stems: frozenset[str]
    prefixes: tuple[str, ...] = ()

    def matches(self, word: str) -> bool:
        return self.matched_term(word) is not None

    def matched_term(self, word: str) -> str | None:
        """The query term this word of the text matches, or None."""
        lowered = word.lower()
        for p in self.prefixes:
            if lowered.startswith(p):
                return "prefix:" + p
        stem = _stem_of(lowered)
        return stem if stem in self.stems else None


@lru_cache(maxsize=200_000)
def _stem_of(word: str) -> str | None:
    tokens = stem_tokens(word)
    return tokens[0] if tokens else None


@dataclass(frozen=True)
class Snippet:
    html: str
    text: str


def make_snippet(text: str, terms: QueryTerms, fallback: str = "") -> Snippet:
    """The passage of `text` that holds most query terms, with matches in <b>; `fallback` if none."""
    best: tuple[int, int, int] | None = None  # (distinct terms, matches, -start)
    best_span = (0, 0)
    for m in _SENTENCE_RE.finditer(text):
        sentence = m.group(0)
        distinct: set[str] = set()
        count = 0
        for w in _WORD_RE.finditer(sentence):
            term = terms.matched_term(w.group(0))
            if term:
                distinct.add(term)
                count += 1
        if count and (best is None or (len(distinct), count, -m.start()) > best):
            best = (len(distinct), count, -m.start())
            best_span = (m.start(), m.end())
    if best is None:
        plain = _shorten(fallback or text, 0)
        return Snippet(html.escape(plain), plain)
    start, end = best_span
    passage = text[start:end].strip()
    first = next((w.start() for w in _WORD_RE.finditer(passage) if terms.matches(w.group(0))), 0)
    passage = _shorten(passage, first)
    return Snippet(_highlight(passage, terms), passage)


def _shorten(passage: str, focus: int) -> str:
    passage = " ".join(passage.split())
    if len(passage) <= MAX_CHARS:
        return passage
    start = max(0, min(focus - 60, len(passage) - MAX_CHARS))
    if start:
        space = passage.find(" ", start)
        start = space + 1 if 0 <= space < focus else start
    cut = passage[start:start + MAX_CHARS]
    if start + MAX_CHARS < len(passage) and " " in cut:
        cut = cut[: cut.rfind(" ")]
    return ("… " if start else "") + cut + ("…" if start + len(cut) < len(passage) else "")


def _highlight(passage: str, terms: QueryTerms) -> str:
    out = []
    pos = 0
    for w in _WORD_RE.finditer(passage):
        if terms.matches(w.group(0)):
            out.append(html.escape(passage[pos:w.start()]))
            out.append(f"<b>{html.escape(w.group(0))}</b>")
            pos = w.end()
    out.append(html.escape(passage[pos:]))
    return "".join(out)


def query_terms(words: list[str], prefix: str | None) -> QueryTerms:
    """Highlight terms for complete `words` plus the word being typed (`prefix`)."""
    stems = {s for w in words for s in stem_tokens(w)}
    prefixes = tuple(p for p in plain_tokens(prefix)) if prefix else ()
    return QueryTerms(frozenset(stems), prefixes)
