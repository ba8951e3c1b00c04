"""From what a person typed to ranked hits with snippets and, if needed, a spelling correction.

Any text is accepted: quotes may be unbalanced, operators and punctuation are just characters,
control characters are dropped. Nothing here raises for odd input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from whoosh import query as Q

from reader.search.analysis import (
    concept_phrases,
    concept_tokens,
    find_concepts,
    fold_tokens,
    plain_tokens,
    stem_tokens,
)
from reader.search.filters import Hit, SearchFilters, SearchResult
from reader.search.schema import FIELD_BOOSTS
from reader.search.snippets import make_snippet, query_terms

MAX_QUERY_CHARS = 256
MAX_WORDS = 16
# The word being typed matches its most frequent completions: every completion costs a posting
# list read, so the lists are short (condition names first, then any word of the text).
PREFIX_EXPANSIONS = {"names": 16, "words": 8}
SHORT_PREFIX_EXPANSIONS = 6  # for one or two letters after other words ("low back p")
MIN_WORDS_PREFIX = 3
ALL_WORDS_BOOST = 4.0  # shorter prefixes complete only condition names, never the whole text
_PHRASE_RE = re.compile(r'"([^"]+)"')
_LAST_WORD_RE = re.compile(r"\w+$")
_STEMMED_FIELDS = tuple(FIELD_BOOSTS)
COMMON_TERM_FRACTION = 0.05
COMMON_TERM_MIN_DOCS = 500


@dataclass
class _Parsed:
    words: list[str]  # complete words, unstemmed tokens
    prefix: str | None  # the word being typed
    phrases: list[list[str]]
    concepts: set[str]


def clean_text(text: str) -> str:
    """The query with control characters removed and its length capped."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return text[:MAX_QUERY_CHARS]


def parse(text: str, as_you_type: bool) -> _Parsed:
    text = clean_text(text)
    phrases = [toks for p in _PHRASE_RE.findall(text) if len(toks := stem_tokens(p)) > 1]
    bare = text.replace('"', " ")
    prefix = None
    if as_you_type and bare and (bare[-1].isalnum() or bare[-1] == "_"):
        last = _LAST_WORD_RE.search(bare)
        if last is not None:
            folded = fold_tokens(last.group(0))
            prefix = folded[-1] if folded else None
            bare_words = bare[: last.start()]
    words = plain_tokens(bare_words if prefix else bare)[:MAX_WORDS]
    return _Parsed(words, prefix, phrases, find_concepts(bare))


def _or(clauses: list[Q.Query], boost: float = 1.0) -> Q.Or:
    """An Or that unions its clauses lazily: Whoosh would otherwise preload every posting list
    into arrays on small indexes, which cost most of the query time."""
    q = Q.Or(clauses, boost=boost)
    q.matcher_type = Q.Or.DEFAULT_MATCHER
    return q


def _word_clause(reader, word: str) -> Q.Query | None:
    """The word in every stemmed field that holds it.

    Absent terms are left out (each leaf costs a matcher), and so are very common terms of a
    large index: a word in a fifth or more of a field's documents adds little to BM25's score
    (its IDF is low) but scoring its posting list was most of the query time at 10,000
    documents. If a word is common in every field, its rarest field still counts."""
    stems = stem_tokens(word)
    if not stems:
        return None
    stem = stems[0]
    present = [(f, df) for f in _STEMMED_FIELDS if (df := _doc_frequency(reader, f, stem))]
    if not present:
        return None
    limit = _common_limit(reader)
    kept = [f for f, df in present if df <= limit]
    if not kept:
        kept = [min(present, key=lambda item: item[1])[0]]
    terms = [Q.Term(f, stem) for f in kept]
    return terms[0] if len(terms) == 1 else _or(terms)


def _doc_frequency(reader, fieldname: str, text: str) -> int:
    try:
        return reader.doc_frequency(fieldname, text)
    except Exception:
        return 0


def _common_limit(reader) -> float:
    """Document frequency above which a term is skipped in a field: 5% of a large index; never
    on a small one (tried on the bundled content: no clear speed-up, and a few queries ranked
    their factsheet lower)."""
    count = reader.doc_count()
    return count * COMMON_TERM_FRACTION if count >= COMMON_TERM_MIN_DOCS else float("inf")


def _prefix_clause(reader, prefix: str) -> Q.Query | None:
    clauses: list[Q.Query] = []
    # One or two letters are only the start of a word, never a word worth matching whole.
    whole = _word_clause(reader, prefix) if len(prefix) >= MIN_WORDS_PREFIX else None
    if whole is not None:
        clauses.append(whole)
    limit = _common_limit(reader)
    for fieldname in ("names", "words") if len(prefix) >= MIN_WORDS_PREFIX else ("names",):
        most = PREFIX_EXPANSIONS[fieldname] if len(prefix) >= MIN_WORDS_PREFIX else SHORT_PREFIX_EXPANSIONS
        completions = _completions(reader, fieldname, prefix, most)
        clauses.extend(Q.Term(fieldname, t) for t in completions
                       if _doc_frequency(reader, fieldname, t) <= limit)
    return _or(clauses) if clauses else None


def _has_completion(reader, prefix: str) -> bool:
    """True when some word of the vocabulary starts with `prefix`."""
    try:
        return next(iter(reader.expand_prefix("words", prefix)), None) is not None
    except Exception:
        return False


def _completions(reader, fieldname: str, prefix: str, most: int = 8) -> list[str]:
    try:
        terms = list(reader.expand_prefix(fieldname, prefix))
    except Exception:
        return []
    if len(terms) > most:
        terms.sort(key=lambda t: -reader.doc_frequency(fieldname, t))
        terms = terms[:most]
    return [t.decode("utf-8") if isinstance(t, bytes) else t for t in terms]


def build_query(reader, parsed: _Parsed) -> Q.Query | None:
    """One query for the parsed text: any word may match (see `_rank` for the ordering)."""
    if not parsed.words and not parsed.phrases and parsed.prefix and len(parsed.prefix) == 1:
        # A lone letter lists the conditions whose title starts with it, like an index jump.
        return Q.Term("initial", parsed.prefix)
    word_clauses = [c for w in parsed.words if (c := _word_clause(reader, w)) is not None]
    if parsed.prefix:
        c = _prefix_clause(reader, parsed.prefix)
        if c is not None:
            word_clauses.append(c)
    extras: list[Q.Query] = [Q.Term("concepts", c) for c in sorted(parsed.concepts)]
    for phrase in parsed.phrases:
        extras.append(_or([Q.Phrase(f, phrase) for f in ("title", "aliases", "symptoms",
                                                          "summary", "body")]))
    if not word_clauses and not extras:
        return None
    return _or(word_clauses + extras)


def _leaf_groups(query: Q.Query) -> list[set[tuple[str, str]]]:
    """For each top-level clause of `query`, the (field, term) pairs it is made of."""
    groups = []
    for clause in getattr(query, "subqueries", [query]):
        groups.append({(f, t.decode("utf-8") if isinstance(t, bytes) else t)
                       for f, t in clause.iter_all_terms()})
    return groups


def _rank(results, groups: list[set[tuple[str, str]]], limit: int) -> list:
    """Hits holding more of the query's words (or its concepts) first, then by BM25F score.

    An And of all the words would do the same inside Whoosh but doubled the query time."""
    def coverage(hit) -> int:
        matched = {(f, t.decode("utf-8") if isinstance(t, bytes) else t)
                   for f, t in (hit.matched_terms() or ())}
        return sum(1 for g in groups if g & matched)

    ranked = sorted(results, key=lambda h: (-coverage(h), -(h.score or 0.0), h.docnum))
    return ranked[:limit]


def run_search(searcher, text: str, limit: int, filters: SearchFilters,
               as_you_type: bool = False) -> SearchResult:
    """Search with the open Whoosh `searcher`.

    A word the index does not hold matches nothing, so the hits would only reflect the other
    words ("nek pain" would list every kind of pain). When the query has such a word and a close
    word of the index gives hits, those hits are returned with `corrected` set."""
    parsed = parse(text, as_you_type)
    hits, total = _run(searcher, parsed, limit, filters)
    if not (parsed.words or parsed.prefix):
        return SearchResult(text, hits, total=total)
    corrected = correct(searcher, parsed)
    if corrected is not None:
        fixed = parse(corrected, as_you_type=False)
        fixed_hits, fixed_total = _run(searcher, fixed, limit, filters)
        if fixed_hits:
            return SearchResult(text, fixed_hits, corrected=corrected,
                                missing=missing_words(searcher.reader(), fixed),
                                total=fixed_total)
    return SearchResult(text, hits, missing=missing_words(searcher.reader(), parsed),
                        total=total)


def missing_words(reader, parsed: _Parsed) -> tuple[str, ...]:
    """The query's words that no factsheet holds (so the hits only match the others): not stop
    words, not words of a synonym phrase the query matched, and a word still being typed only
    when no word of the index starts with it."""
    in_concepts = {token for cid, phrase in concept_phrases() if cid in parsed.concepts
                   for token in phrase}
    words = list(parsed.words)
    if parsed.prefix and not _has_completion(reader, parsed.prefix):
        words.append(parsed.prefix)
    out = []
    for word in words:
        if not stem_tokens(word) or _is_known(reader, word):
            continue
        if set(concept_tokens(word)) <= in_concepts:
            continue
        if word not in out:
            out.append(word)
    return tuple(out)


def _filter(filters: SearchFilters) -> Q.Query | None:
    parts = []
    if filters.category:
        parts.append(Q.Term("category", filters.category))
    if filters.evidence:
        parts.append(Q.Term("evidence", filters.evidence))
    return Q.And(parts) if parts else None


def _run(searcher, parsed: _Parsed, limit: int, filters: SearchFilters) -> tuple[list[Hit], int]:
    """The best `limit` hits, and how many factsheets match in all."""
    reader = searcher.reader()
    query = build_query(reader, parsed)
    if query is None:
        return [], 0
    # Iterate rather than list(): list() asks len(), which counts every matching document.
    wanted = max(limit * 3, 30)
    found = searcher.search(query, limit=wanted, filter=_filter(filters), terms=True)
    scored = [r for r in found]
    # The full count only when there may be more matches than were scored (it walks them all).
    total = len(found) if len(scored) >= wanted else len(scored)
    results = _rank(scored, _leaf_groups(query), limit)
    terms = query_terms(parsed.words + [w for p in parsed.phrases for w in p], parsed.prefix)
    hits = []
    for r in results:
        fields = r.fields()
        snippet = make_snippet(fields.get("text", ""), terms)
        hits.append(Hit(
            slug=fields["slug"], title=fields.get("stored_title", ""),
            question=fields.get("stored_question", ""), category=fields.get("category", ""),
            evidence=fields.get("evidence", ""), score=round(float(r.score or 0.0), 4),
            snippet=snippet.html, snippet_text=snippet.text,
        ))
    return hits, total


def correct(searcher, parsed: _Parsed) -> str | None:
    """The query with unknown words replaced by the closest words of the index, or None."""
    reader = searcher.reader()
    changed = False
    out = []
    for word in parsed.words + ([parsed.prefix] if parsed.prefix else []):
        if word == parsed.prefix and _has_completion(reader, word):
            out.append(word)  # the start of a known word, still being typed
            continue
        if len(word) < 3 or any(ch.isdigit() for ch in word) or _is_known(reader, word):
            out.append(word)
            continue
        best = _closest(reader, word)
        if best and best != word:
            out.append(best)
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else None


def _is_known(reader, word: str) -> bool:
    """True when the index holds the word: in the `words` vocabulary (names, questions, symptoms,
    summaries) or, stemmed, in any text field (the body included)."""
    if _doc_frequency(reader, "words", word):
        return True
    stems = stem_tokens(word)
    return bool(stems) and any(_doc_frequency(reader, f, stems[0]) for f in _STEMMED_FIELDS)


def _closest(reader, word: str) -> str | None:
    try:
        # Short words have many close neighbours: allow them one edit, longer words two.
        maxdist = 1 if len(word) <= 4 else 2
        candidates = list(reader.terms_within("words", word, maxdist, prefix=1))
    except Exception:
        return None
    # Two edits away is a guess worth offering only for a long word or for a condition's name
    # ("athsma" -> "asthma"); otherwise "wetting" would become "wanting".
    candidates = [c for c in candidates if edit_distance(word, c) <= 1 or len(word) >= 8
                  or _doc_frequency(reader, "names", c)]
    if not candidates:
        return None
    # Closest first; among equally close words, a condition's name or alias (what people search
    # for: "breach" -> "breech", not "breath"), then the most letters in common, then the most
    # frequent in the descriptions and then in all the text (so a misspelling kept as an alias,
    # "insomia", never beats the word itself).
    return min(candidates, key=lambda c: (edit_distance(word, c),
                                          not _doc_frequency(reader, "names", c),
                                          -common_letters(word, c),
                                          -reader.doc_frequency("words", c),
                                          -_text_frequency(reader, c), c))


def _text_frequency(reader, word: str) -> int:
    """In how many documents' text fields (the body included) `word` occurs, stemmed."""
    stems = stem_tokens(word)
    return sum(_doc_frequency(reader, f, stems[0]) for f in _STEMMED_FIELDS) if stems else 0


def common_letters(a: str, b: str) -> int:
    """Length of the longest common subsequence of `a` and `b`."""
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b, 1):
            cur.append(prev[j - 1] + 1 if ca == cb else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def edit_distance(a: str, b: str) -> int:
    """Edit distance counting an adjacent transposition as one edit (optimal string alignment)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]
