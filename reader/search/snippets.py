"""Best-passage snippets with the query's words highlighted.

Whoosh's own highlighter re-analyses whole documents and dominated query time (about 25 of 29 ms
for ten hits), so snippets are made here from the stored plain text. A regular expression built
from the query finds candidate words in one C-level scan; only those candidates are stemmed and
checked. The sentence holding the most distinct query terms wins, and its matches are marked.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from reader.search.analysis import plain_tokens, spelling_variants, stem_tokens

_SENTENCE_END_RE = re.compile(r"[.!?]+(?=\s)|\n")
MAX_CHARS = 220
# A snippet is looked for in the first MAX_SCAN characters, among the first MAX_MATCHES matches:
# a huge factsheet in a third-party pack must not hold the search thread for seconds.
MAX_SCAN = 200_000
MAX_MATCHES = 2_000


@lru_cache(maxsize=200_000)
def _stem_of(word: str) -> str | None:
    tokens = stem_tokens(word)
    return tokens[0] if tokens else None


@dataclass(frozen=True)
class QueryTerms:
    """What a snippet should highlight: stems of whole words and the prefix being typed."""

    stems: frozenset[str]
    prefixes: tuple[str, ...] = ()
    _candidates: re.Pattern | None = field(default=None, compare=False, repr=False)

    def matched_term(self, word: str) -> str | None:
        """The query term this word of the text matches, or None."""
        lowered = word.lower()
        for p in self.prefixes:
            if lowered.startswith(p):
                return "prefix:" + p
        stem = _stem_of(lowered)
        return stem if stem in self.stems else None

    def matches(self, word: str) -> bool:
        return self.matched_term(word) is not None

    def find(self, text: str):
        """(start, end, term) of every matching word in `text`."""
        if self._candidates is None:
            return
        for m in self._candidates.finditer(text):
            term = self.matched_term(m.group(0))
            if term is not None:
                yield m.start(), m.end(), term


def query_terms(words: list[str], prefix: str | None) -> QueryTerms:
    """Highlight terms for complete `words` plus the word being typed (`prefix`)."""
    stems = {s for w in words for s in stem_tokens(w)}
    # A lone letter would highlight half the words of the text: only longer prefixes count.
    prefixes = tuple(p for p in plain_tokens(prefix) if len(p) >= 2) if prefix else ()
    # A word can only stem to `stem` if it starts with (nearly) the same letters; British
    # spellings that fold to a query word are added as starts of their own.
    starts = {stem[: max(3, len(stem) - 1)] for stem in stems} | set(prefixes)
    for british, canonical in spelling_variants().items():
        if _stem_of(canonical) in stems:
            starts.add(british[: max(3, len(british) - 2)])
    pattern = None
    if starts:
        alternatives = "|".join(sorted((re.escape(s) for s in starts), key=len, reverse=True))
        pattern = re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)
    return QueryTerms(frozenset(stems), prefixes, pattern)


@dataclass(frozen=True)
class Snippet:
    html: str
    text: str
    matched: bool = True  # False: no query term was in the text (the start of it is shown)


def make_snippet(text: str, terms: QueryTerms, fallback: str = "") -> Snippet:
    """The passage of `text` that holds most query terms, with matches in <b>; `fallback` if none."""
    text = text[:MAX_SCAN]
    matches = list(islice(terms.find(text), MAX_MATCHES))
    if not matches:
        plain = _shorten(fallback or text, 0)
        return Snippet(html.escape(plain), plain, matched=False)
    # Group matches by sentence and keep the sentence with most distinct terms, then most matches.
    # Matches come in text order, so each sentence's group is the run up to its end: one pass.
    best_key, best_span = None, (0, 0)
    i = 0
    while i < len(matches):
        start = _sentence_start(text, matches[i][0])
        end = _sentence_end(text, matches[i][1])
        j = i + 1
        while j < len(matches) and matches[j][0] < end:
            j += 1
        group = matches[i:j]
        key = (len({m[2] for m in group}), len(group), -start)
        if best_key is None or key > best_key:
            best_key, best_span = key, (start, end)
        i = j
    start, end = best_span
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    inside = [(s - start - lead, e - start - lead) for s, e, _ in matches if start <= s < end]
    passage = raw.strip()
    passage, inside = _shorten_with(passage, inside)
    return Snippet(_highlight(passage, inside), passage)


def _sentence_start(text: str, pos: int) -> int:
    # Look back at most a few passages' length: text without full stops must not cost a scan
    # back to the start for every match.
    lo = max(0, pos - 4 * MAX_CHARS)
    cut = max(text.rfind(".", lo, pos), text.rfind("!", lo, pos), text.rfind("?", lo, pos),
              text.rfind("\n", lo, pos))
    return cut + 1 if cut >= 0 else lo


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END_RE.search(text, pos, pos + 4 * MAX_CHARS)
    return m.end() if m else min(len(text), pos + 4 * MAX_CHARS)


def _shorten_with(passage: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Cut a long passage to about MAX_CHARS around its first match, keeping spans aligned."""
    if len(passage) <= MAX_CHARS:
        return passage, spans
    focus = spans[0][0] if spans else 0
    start = max(0, min(focus - 60, len(passage) - MAX_CHARS))
    if start:
        space = passage.find(" ", start)
        start = space + 1 if 0 <= space < focus else start
    end = start + MAX_CHARS
    if end < len(passage):
        space = passage.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "… " if start else ""
    suffix = "…" if end < len(passage) else ""
    shift = len(prefix) - start
    kept = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return prefix + passage[start:end] + suffix, kept


def _shorten(passage: str, focus: int) -> str:
    return _shorten_with(" ".join(passage.split()), [(focus, focus)])[0]


def _highlight(passage: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in spans:
        out.append(html.escape(passage[pos:s]))
        out.append(f"<b>{html.escape(passage[s:e])}</b>")
        pos = e
    out.append(html.escape(passage[pos:]))
    return "".join(out)
