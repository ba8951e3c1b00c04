"""Relevance over the bundled content: realistic queries with the factsheet a person expects.

Queries live in tests/search/relevance/*.toml. The suite reports success@1, success@3 and MRR and
fails when success@3 drops below 0.95.
"""

from __future__ import annotations

from pathlib import Path

from tests.search.query_files import load_queries as load_query_files

QUERY_DIR = Path(__file__).parent / "relevance"
KINDS = {"lay", "professional", "abbreviation", "misspelling", "symptom", "author"}
SUCCESS_AT_3_FLOOR = 0.95


def load_queries() -> list[dict]:
    return load_query_files(QUERY_DIR)


def test_queries_are_well_formed(bundled_index):
    store, _ = bundled_index
    queries = load_queries()
    assert len(queries) >= 80
    for q in queries:
        assert q["text"].strip(), q
        assert q["kind"] in KINDS, q
        assert store.get(q["expect"]) is not None, f"{q['file']}: no factsheet {q['expect']!r}"


def test_relevance_suite(bundled_index, capsys):
    _, ix = bundled_index
    queries = load_queries()
    ranks, misses = [], []
    for q in queries:
        slugs = [h.slug for h in ix.search(q["text"], limit=10).hits]
        rank = slugs.index(q["expect"]) + 1 if q["expect"] in slugs else None
        ranks.append(rank)
        if rank is None or rank > 3:
            misses.append(f"  {q['text']!r} ({q['kind']}) -> expected {q['expect']}, "
                          f"got {slugs[:3]} (rank {rank})")
    n = len(ranks)
    at1 = sum(r == 1 for r in ranks) / n
    at3 = sum(r is not None and r <= 3 for r in ranks) / n
    mrr = sum(1 / r for r in ranks if r) / n
    report = (f"relevance: {n} queries, success@1 {at1:.3f}, success@3 {at3:.3f}, MRR {mrr:.3f}"
              + ("\n" + "\n".join(misses) if misses else ""))
    with capsys.disabled():
        print("\n" + report)
    assert at3 >= SUCCESS_AT_3_FLOOR, report
