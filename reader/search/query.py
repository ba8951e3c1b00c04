"""From what a person typed to ranked hits with snippets and, if needed, a spelling correction.

Any text is accepted: quotes may be unbalanced, operators and punctuation are just characters,
control characters are dropped. Nothing here raises for odd input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

import reader.search.lean_whoosh  # noqa: F401  # isort: skip  (before Whoosh)
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
from reader.search.schema import FIELD_BOOSTS, NAMING_FIELDS
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
_LAST_WORD_RE = re.compile(r"\w+(?:[-\u2010\u2011]\w+)*$")
_STEMMED_FIELDS = tuple(FIELD_BOOSTS)
COMMON_TERM_FRACTION = 0.05
COMMON_TERM_MIN_DOCS = 500
# A word in this share of the factsheets' texts (needle, acupuncture, trial, pain ...) says
# nothing about which condition is meant: it matches only where a factsheet names a condition
# (title, aliases, symptoms, treatments). Measured from the content, so any pack gets it; not
# on a handful of factsheets, where every word is in most of them.
EVERYDAY_SHARE = 0.6
EVERYDAY_MIN_DOCS = 8
UBIQUITOUS_SHARE = 0.9
# How much a match of one query word counts, by the best field it matched in: a condition's
# title; its other names, symptoms or treatments; its question and summary; only its body.
_FIELD_WEIGHT = {"title": 4, "aliases": 3, "symptoms": 3, "treatments": 3, "names": 3,
                 "concepts": 3, "initial": 3, "summary": 2, "words": 2, "body": 1, "refs": 1}
NAMED_WEIGHT, DESCRIBED_WEIGHT = 3, 2
EXACT_STANDING = 500
EVERYDAY_NAMED_WEIGHT = 1  # an everyday word where a condition is named ("skin" in "itchy skin")
WEAK_SHARE = 0.5  # of the best hit's weight, below which a hit is weak
KEPT_MISSPELLING_RATIO = 3
PAIR_WEIGHT = 1  # for each pair of the query's neighbouring words found side by side


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


def is_everyday(reader, fieldname: str, term: str, share: float = EVERYDAY_SHARE) -> bool:
    """True when `term` is in so many factsheets' `fieldname` (`share` of them) that it names no
    condition."""
    count = reader.doc_count()
    return (count >= EVERYDAY_MIN_DOCS
            and _doc_frequency(reader, fieldname, term) >= share * count)


def _word_clause(reader, word: str, everywhere: bool = False) -> Q.Query | None:
    """The word in every stemmed field that holds it; an everyday word (`is_everyday`) only in
    the fields that name a condition, unless `everywhere`.

    Absent terms are left out (each leaf costs a matcher), and so are very common terms of a
    large index: a word in a fifth or more of a field's documents adds little to BM25's score
    (its IDF is low) but scoring its posting list was most of the query time at 10,000
    documents. If a word is common in every field, its rarest field still counts."""
    stems = stem_tokens(word)
    if not stems:
        return None
    stem = stems[0]
    fields = _STEMMED_FIELDS
    if not everywhere and (is_everyday(reader, "body", stem) or is_everyday(reader, "summary", stem)):
        fields = NAMING_FIELDS
    present = [(f, df) for f in fields if (df := _doc_frequency(reader, f, stem))]
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


def _prefix_clause(reader, prefix: str, everywhere: bool = False) -> Q.Query | None:
    clauses: list[Q.Query] = []
    # One or two letters are only the start of a word, never a word worth matching whole.
    whole = _word_clause(reader, prefix, everywhere) if len(prefix) >= MIN_WORDS_PREFIX else None
    if whole is not None:
        clauses.append(whole)
    limit = _common_limit(reader)
    for fieldname in ("names", "words") if len(prefix) >= MIN_WORDS_PREFIX else ("names",):
        most = PREFIX_EXPANSIONS[fieldname] if len(prefix) >= MIN_WORDS_PREFIX else SHORT_PREFIX_EXPANSIONS
        completions = _completions(reader, fieldname, prefix, most)
        clauses.extend(Q.Term(fieldname, t) for t in completions
                       if _doc_frequency(reader, fieldname, t) <= limit
                       and (everywhere or fieldname == "names"
                            or not is_everyday(reader, fieldname, t)))
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


def build_query(reader, parsed: _Parsed, everywhere: bool = False) -> Q.Query | None:
    """One query for the parsed text: any word may match (see `_rank` for the ordering).
    Everyday words match only in the fields that name a condition, unless `everywhere`."""
    if not parsed.words and not parsed.phrases and parsed.prefix and len(parsed.prefix) == 1:
        # A lone letter lists the conditions whose title starts with it, like an index jump.
        return Q.Term("initial", parsed.prefix)
    word_clauses = [c for w in parsed.words
                    if (c := _word_clause(reader, w, everywhere)) is not None]
    if parsed.prefix:
        c = _prefix_clause(reader, parsed.prefix, everywhere)
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


@dataclass(frozen=True)
class _Standing:
    """How well one hit matches: `weight` sums, over the query's words that are not everyday
    words, the best field each matched in (`_FIELD_WEIGHT`), plus a bonus for each pair of
    neighbouring words found side by side; `covered` counts those words. A `weak` hit matched
    only in body text (an everyday word only where it names no condition), or weighs less
    than `WEAK_SHARE` of the best hit (`_rank`)."""

    weak: bool
    weight: int
    covered: int
    title_share: float = 0.0  # the share of the title's words the query matched


@dataclass(frozen=True)
class _Group:
    """The (field, term) pairs one word of the query (or a concept, or a phrase) is made of."""

    terms: frozenset[tuple[str, str]]
    everyday: bool
    ubiquitous: bool = False  # in nearly every text ("acupuncture"): it weighs nothing at all


def _groups(reader, query: Q.Query) -> list[_Group]:
    out = []
    for terms in _leaf_groups(query):
        stems = {t for f, t in terms if f in _STEMMED_FIELDS}
        everyday = any(is_everyday(reader, "body", t) or is_everyday(reader, "summary", t)
                       for t in stems)
        ubiquitous = everyday and any(
            is_everyday(reader, f, t, UBIQUITOUS_SHARE) for t in stems for f in ("body", "summary"))
        out.append(_Group(frozenset(terms), everyday, ubiquitous))
    return out


def _standing(hit, groups: list[_Group], phrase_docs: dict[int, int]) -> _Standing:
    matched = {(f, t.decode("utf-8") if isinstance(t, bytes) else t)
               for f, t in (hit.matched_terms() or ())}
    weight = covered = matched_groups = in_title = 0
    described = False
    # When the query has a word that is not an everyday word, one of those must match where a
    # condition is described; an everyday word ("pain") decides only when it is all there is.
    specific = any(not group.everyday for group in groups)
    for group in groups:
        hit_terms = group.terms & matched
        best = max((_FIELD_WEIGHT.get(f, 1) for f, _t in hit_terms), default=0)
        if not best:
            continue
        matched_groups += 1
        if group.everyday:  # it tells which factsheets are about it, hardly which fit best
            named = best >= NAMED_WEIGHT
            described = described or (not specific and named)
            weight += EVERYDAY_NAMED_WEIGHT if named and not group.ubiquitous else 0
            continue
        described = described or best >= DESCRIBED_WEIGHT
        weight += best
        covered += 1
        in_title += any(f == "title" for f, _t in hit_terms)
    weight += PAIR_WEIGHT * phrase_docs.get(hit.docnum, 0)
    weak = not described
    title_words = len(stem_tokens(hit.get("stored_title", ""))) if in_title else 0
    share = min(1.0, in_title / title_words) if title_words else 0.0
    return _Standing(weak, weight, covered, share)


def _rank(results, groups: list[_Group], limit: int,
          phrase_docs: dict[int, int] | None = None) -> list[tuple[object, _Standing]]:
    """Hits with their standing, strong before weak; then those whose words matched in the
    fields that name a condition (and the whole query as a phrase there) first, then those
    whose title the words fill most ("post operative pain": Post-operative pain before
    Post-operative nausea), then those holding more of the words, then by BM25F score.

    An And of all the words would do the same inside Whoosh but doubled the query time."""
    standings = [(hit, _standing(hit, groups, phrase_docs or {})) for hit in results]
    # A hit far behind the best one matched few of the words, or only in passing: weak too.
    best = max((st.weight for _h, st in standings if not st.weak), default=0)
    standings = [(hit, replace(st, weak=True) if st.weight < WEAK_SHARE * best else st)
                 for hit, st in standings]
    standings.sort(key=lambda item: (item[1].weak, -item[1].weight, -item[1].title_share,
                                     -item[1].covered, -(item[0].score or 0.0), item[0].docnum))
    return standings[:limit]


def _phrase_docs(searcher, parsed: _Parsed, allowed) -> dict[int, int]:
    """For each factsheet, how many pairs of the query's neighbouring words its title, aliases,
    symptoms or summary hold side by side ("aching all over" as written, not scattered)."""
    stems = [s for w in parsed.words for s in stem_tokens(w)]
    counts: dict[int, int] = {}
    for pair in zip(stems, stems[1:], strict=False):
        if pair[0] == pair[1]:
            continue
        query = _or([Q.Phrase(f, list(pair)) for f in (*NAMING_FIELDS, "summary")])
        try:
            docs = set(searcher.docs_for_query(query)) & allowed
        except Exception:
            continue
        for doc in docs:
            counts[doc] = counts.get(doc, 0) + 1
    return counts


def run_search(searcher, text: str, limit: int, filters: SearchFilters,
               as_you_type: bool = False) -> SearchResult:
    """Search with the open Whoosh `searcher`.

    A word the index does not hold matches nothing, so the hits would only reflect the other
    words ("nek pain" would list every kind of pain). When the query has such a word and a close
    word of the index gives hits, those hits are returned with `corrected` set."""
    parsed = parse(text, as_you_type)
    found = _run(searcher, parsed, limit, filters)
    if not (parsed.words or parsed.prefix):
        return SearchResult(text, found.hits, total=found.total, strong=found.strong)
    corrected = correct(searcher, parsed)
    if corrected is not None:
        fixed = parse(corrected, as_you_type=False)
        fixed_found = _run(searcher, fixed, limit, filters)
        if fixed_found.hits:
            return SearchResult(text, fixed_found.hits, corrected=corrected,
                                missing=missing_words(searcher.reader(), fixed),
                                total=fixed_found.total, strong=fixed_found.strong)
    return SearchResult(text, found.hits, missing=missing_words(searcher.reader(), parsed),
                        total=found.total, strong=found.strong)


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


@dataclass(frozen=True)
class _Found:
    hits: list[Hit]
    total: int  # factsheets that match in all, weak ones included
    strong: int  # of those, the ones that are not weak


def _kept_misspelling(reader, word: str) -> str | None:
    """The word meant, when `word` is a misspelling that a factsheet keeps as an alias so that
    it is found ("cancer pian"): in aliases only, one edit from a word used far more often."""
    stems = stem_tokens(word)
    if len(word) < 4 or not stems or not _doc_frequency(reader, "aliases", stems[0]):
        return None
    if any(_doc_frequency(reader, f, stems[0]) for f in ("body", "summary", "title")):
        return None
    try:
        candidates = [c.decode("utf-8") if isinstance(c, bytes) else c
                      for c in reader.terms_within("words", word, 2, prefix=1)]
    except Exception:
        return None
    own = _doc_frequency(reader, "words", word)
    better = [c for c in candidates if c != word and edit_distance(word, c) == 1
              and _doc_frequency(reader, "words", c) >= KEPT_MISSPELLING_RATIO * max(own, 1)]
    return max(better, key=lambda c: (_doc_frequency(reader, "words", c), c)) if better else None


def _respelt(reader, parsed: _Parsed) -> _Parsed:
    """`parsed` with kept misspellings (`_kept_misspelling`) read as the word meant."""
    words = [_kept_misspelling(reader, w) or w for w in parsed.words]
    prefix = parsed.prefix and (_kept_misspelling(reader, parsed.prefix) or parsed.prefix)
    if words == parsed.words and prefix == parsed.prefix:
        return parsed
    return replace(parsed, words=words, prefix=prefix)


def _run(searcher, parsed: _Parsed, limit: int, filters: SearchFilters) -> _Found:
    """The best `limit` hits, strong before weak, and how many factsheets match in all.

    When only everyday words were typed and no factsheet names them, the factsheets that
    mention them are listed, every one of them weak: a word in the text never finds nothing."""
    parsed = _respelt(searcher.reader(), parsed)
    found = _run_once(searcher, parsed, limit, filters, everywhere=False)
    if found.strong == 0:
        anywhere = _run_once(searcher, parsed, limit, filters, everywhere=True)
        if anywhere.total > found.total:
            return _Found([replace(h, weak=True) for h in anywhere.hits], anywhere.total, 0)
    return found


def _run_once(searcher, parsed: _Parsed, limit: int, filters: SearchFilters,
              everywhere: bool) -> _Found:
    reader = searcher.reader()
    query = build_query(reader, parsed, everywhere)
    if query is None:
        return _Found([], 0, 0)
    # Up to EXACT_STANDING matches are all scored, so the count of strong ones is exact; beyond
    # that (only on very large packs) the unscored ones, which scored lowest, count as weak.
    # Iterate rather than list(): list() asks len(), which walks every matching document.
    if reader.doc_count() <= EXACT_STANDING:
        # A pack of this size: one search scores every match (a second search and the count
        # cost more than scoring a few dozen extra documents).
        found = searcher.search(query, limit=max(1, reader.doc_count()),
                                filter=_filter(filters), terms=True)
        scored = [r for r in found]
        total = len(scored)
    else:
        wanted = max(limit * 3, 30)
        found = searcher.search(query, limit=wanted, filter=_filter(filters), terms=True)
        scored = [r for r in found]
        # The full count only when there may be more matches than were scored.
        total = len(found) if len(scored) >= wanted else len(scored)
        if len(scored) < total <= EXACT_STANDING:
            found = searcher.search(query, limit=total, filter=_filter(filters), terms=True)
            scored = [r for r in found]
    phrase_docs = _phrase_docs(searcher, parsed, {r.docnum for r in scored})
    ranked = _rank(scored, _groups(reader, query), len(scored), phrase_docs)
    strong = sum(1 for _r, standing in ranked if not standing.weak)
    terms = query_terms(parsed.words + [w for p in parsed.phrases for w in p], parsed.prefix)
    hits = []
    for r, standing in ranked[:limit]:
        fields = r.fields()
        snippet = make_snippet(fields.get("text", ""), terms)
        if not snippet.matched and (treatments := fields.get("stored_treatments")):
            # Found by a medicine's name, which the text need not mention: say so.
            named = make_snippet(f"Usual treatments include {treatments}.", terms)
            snippet = named if named.matched else snippet
        hits.append(Hit(
            slug=fields["slug"], title=fields.get("stored_title", ""),
            question=fields.get("stored_question", ""), category=fields.get("category", ""),
            evidence=fields.get("evidence", ""), score=round(float(r.score or 0.0), 4),
            snippet=snippet.html, snippet_text=snippet.text, weak=standing.weak,
        ))
    return _Found(hits, total, strong)


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
