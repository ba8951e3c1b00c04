"""Text analysis pipelines, built from small Whoosh pieces (tokenizer -> filters).

- `stemmed_analyzer()`: what most fields use; UK/US spellings folded, stop words dropped, stemmed.
- `plain_analyzer()`: the same without stemming, for the `words` and `names` fields that serve
  type-ahead prefixes and spelling suggestions ("periphera" must still find "peripheral").
- `concept_tokens()`: every word kept (no stop list), stemmed, for matching synonym phrases.

A hyphenated word is one word, its hyphens dropped ("low-risk" -> "lowrisk"), so "low back pain"
does not match "low-risk" in a body text, and "post-operative" matches "postoperative". The
fields that name a condition (title, aliases, symptoms, and the type-ahead fields) also hold the
parts, so "post herpetic" still finds "Post-herpetic neuralgia".
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

import reader.search.lean_whoosh  # noqa: F401  # isort: skip  (before Whoosh)
from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.analysis.analyzers import Analyzer
from whoosh.support.charset import accent_map

STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in",
    "is", "it", "may", "not", "of", "on", "or", "that", "the", "this", "to", "we", "when", "will",
    "with", "yet", "you", "your", "i", "my", "me", "do", "does", "what", "how", "about", "s", "t",
})
# Words: letters/digits, allowing inner apostrophes to be split off ("bell's" -> "bell", "s");
# words joined by hyphens are one token (see `CompoundFilter`).
TOKEN_PATTERN = r"\w+(?:[-\u2010\u2011]\w+)*"
_HYPHENS_RE = re.compile(r"[-\u2010\u2011]")


class CompoundFilter(Filter):
    """Joins a hyphenated token into one word; with `parts`, its parts follow it, each at a
    position of its own (the joined word shares the first part's), so phrases over the parts
    still match.

    Positions after a compound move on by its extra parts, counted from the tokenizer's."""

    def __init__(self, parts: bool) -> None:
        self.parts = parts

    def __call__(self, tokens):
        shift = 0
        for t in tokens:
            positions = getattr(t, "positions", False)
            if positions:
                t.pos += shift
            pieces = _HYPHENS_RE.split(t.text)
            if len(pieces) == 1:
                yield t
                continue
            t.text = "".join(pieces)
            yield t
            if not self.parts:
                continue
            first_pos = t.pos if positions else 0
            for i, piece in enumerate(pieces):
                t.text = piece
                if positions:
                    t.pos = first_pos + i
                yield t
            shift += len(pieces) - 1


class SpellingVariantFilter(Filter):
    """Replaces British spellings with one canonical form so both spellings match each other."""

    def __init__(self, variants: dict[str, str]) -> None:
        self.variants = variants

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SpellingVariantFilter) and other.variants == self.variants

    def __call__(self, tokens):
        variants = self.variants
        for t in tokens:
            replacement = variants.get(t.text)
            if replacement is not None:
                t.text = replacement
            yield t


@cache
def vocabulary() -> dict:
    """The parsed synonyms.toml shipped with the package: spelling variants and concepts."""
    data = resources.files("reader.search").joinpath("synonyms.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


@cache
def spelling_variants() -> dict[str, str]:
    return {k.lower(): v.lower() for k, v in vocabulary().get("spelling", {}).items()}


def _base(parts: bool = False) -> Analyzer:
    return (RegexTokenizer(TOKEN_PATTERN) | CompoundFilter(parts) | LowercaseFilter()
            | CharsetFilter(accent_map) | SpellingVariantFilter(spelling_variants()))


def stemmed_analyzer(parts: bool = False) -> Analyzer:
    """Stemmed tokens; with `parts`, a hyphenated word's parts too (for the naming fields)."""
    return _base(parts) | StopFilter(stoplist=STOP_WORDS, minsize=1) | StemFilter(cachesize=-1)


def plain_analyzer(parts: bool = True) -> Analyzer:
    return _base(parts) | StopFilter(stoplist=STOP_WORDS, minsize=1)


@cache
def _concept_analyzer() -> Analyzer:
    return _base(parts=True) | StemFilter(cachesize=-1)


@cache
def _stemmer() -> Analyzer:
    return stemmed_analyzer()


@cache
def _plain() -> Analyzer:
    return plain_analyzer(parts=False)


def stem_tokens(text: str) -> list[str]:
    """Stemmed, stop-word-free tokens of `text` (a hyphenated word joined, as one token), as
    the stemmed fields hold them."""
    return [t.text for t in _stemmer()(text)]


def plain_tokens(text: str) -> list[str]:
    """Unstemmed tokens of `text` (a hyphenated word joined), as the `words` and `names`
    fields hold them."""
    return [t.text for t in _plain()(text)]


@cache
def _folder() -> Analyzer:
    return _base()


def fold_tokens(text: str) -> list[str]:
    """Tokens lower-cased and accent- and spelling-folded, with stop words kept."""
    return [t.text for t in _folder()(text)]


def concept_tokens(text: str) -> list[str]:
    return [t.text for t in _concept_analyzer()(text)]


@cache
def concept_phrases() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(concept id, phrase as concept tokens) for every term of every concept, longest first."""
    out = []
    for concept in vocabulary().get("concept", []):
        for term in [concept["id"].replace("-", " ")] + list(concept.get("terms", [])):
            tokens = tuple(concept_tokens(term))
            if tokens:
                out.append((concept["id"], tokens))
    out.sort(key=lambda item: -len(item[1]))
    return tuple(out)


def find_concepts(text: str) -> set[str]:
    """Concept ids whose phrases occur (as whole-word sequences) in `text`."""
    tokens = concept_tokens(text)
    if not tokens:
        return set()
    found = set()
    positions: dict[str, list[int]] = {}
    for i, tok in enumerate(tokens):
        positions.setdefault(tok, []).append(i)
    for cid, phrase in concept_phrases():
        if cid in found:
            continue
        for start in positions.get(phrase[0], ()):
            if tuple(tokens[start:start + len(phrase)]) == phrase:
                found.add(cid)
                break
    return found
