"""Precision over the bundled content: the first results are the conditions a person meant.

Queries live in tests/search/precision/*.toml: each names the factsheets that may rank first
(`first`), others that are right in the first three (`relevant`) and wrong conditions that must
not be among the first three results above the "Also mentioned in" line (`not_top3`; below it
they are only "mentioned"). The suite reports precision@3 (the share of those first three that
are right) and the share of queries whose first result is wrong, and fails on any wrong first
result or any `not_top3` above the line in the first three.
"""

from __future__ import annotations

from pathlib import Path

from tests.search.query_files import load_queries as load_query_files

QUERY_DIR = Path(__file__).parent / "precision"
MIN_QUERIES = 60


def load_queries() -> list[dict]:
    return load_query_files(QUERY_DIR)


def test_queries_are_well_formed(bundled_index):
    store, _ = bundled_index
    queries = load_queries()
    assert len(queries) >= MIN_QUERIES
    for q in queries:
        assert q["text"].strip() and q["first"], q
        for slug in [*q["first"], *q.get("relevant", []), *q.get("not_top3", [])]:
            assert store.get(slug) is not None, f"{q['file']}: no factsheet {slug!r}"
        assert not set(q["first"]) & set(q.get("not_top3", [])), q


def test_precision_suite(bundled_index, capsys):
    _, ix = bundled_index
    queries = load_queries()
    precisions, wrong_first, problems = [], 0, []
    for q in queries:
        hits = ix.search(q["text"], limit=10, as_you_type=False).hits
        slugs = [h.slug for h in hits]
        right = set(q["first"]) | set(q.get("relevant", []))
        strong = [h.slug for h in hits if not h.weak][:3]
        precisions.append(sum(s in right for s in strong) / len(strong) if strong else 0.0)
        if not slugs or slugs[0] not in q["first"]:
            wrong_first += 1
            problems.append(f"  {q['text']!r}: first {slugs[:1]}, expected one of {q['first']}")
        if intruders := [s for s in strong if s in q.get("not_top3", [])]:
            problems.append(f"  {q['text']!r}: {intruders} in the first three {strong}")
    n = len(queries)
    report = (f"precision: {n} queries, precision@3 {sum(precisions) / n:.3f}, "
              f"wrong first hit {wrong_first / n:.3f}"
              + ("\n" + "\n".join(problems) if problems else ""))
    with capsys.disabled():
        print("\n" + report)
    assert not problems, report
