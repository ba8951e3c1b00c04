"""Queries as people type them: ranking, prefixes, spelling, snippets, filters and odd input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.content import load_content
from reader.search.filters import SearchFilters
from reader.search.index import open_or_build
from reader.search.query import edit_distance


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from tests.conftest import ContentFolder

    base = tmp_path_factory.mktemp("q")
    c = ContentFolder(base / "content")
    c.add("chronic-low-back-pain", aliases=("lumbago", "lower back pain", "LBP"),
          symptoms=("Aching or stiffness in the lower back",),
          body="## What is it?\n\nLong-lasting pain in the lower back [@smith2020].\n")
    c.add("peripheral-neuropathy", title="Peripheral neuropathy", category="neurological",
          aliases=("nerve damage",), symptoms=("Tingling or numbness in the feet",),
          body="## What is it?\n\nDamage to the nerves of the hands and feet causes pins and "
               "needles and numbness [@vickers2018]. It is not back pain.\n",
          refs=(("vickers2018", "Vickers", "Acupuncture for chronic pain", "333"),))
    c.add("irritable-bowel-syndrome", title="Irritable bowel syndrome", category="digestive",
          aliases=("IBS",), symptoms=("Bloating", "Diarrhoea or constipation"), level="low",
          refs=(("macpherson2012", "MacPherson", "Acupuncture for IBS", "444"),))
    c.add("insomnia", title="Insomnia", category="mental-health", aliases=(),
          symptoms=("Lying awake at night",), level="low")
    ix = open_or_build(base / "index", load_content(c.root))
    yield ix
    ix.close()


def slugs(result):
    return [h.slug for h in result.hits]


@pytest.mark.parametrize("query, expected", [
    ("low back pain", "chronic-low-back-pain"),
    ("lumbago", "chronic-low-back-pain"),
    ("pins and needles in feet", "peripheral-neuropathy"),
    ("IBS", "irritable-bowel-syndrome"),
    ("ibs", "irritable-bowel-syndrome"),
    ("can't sleep", "insomnia"),  # through the synonym list only
    ("diarrhea", "irritable-bowel-syndrome"),  # US spelling finds the UK one
    ("Vickers", "peripheral-neuropathy"),  # reference authors are searchable
])
def test_the_right_factsheet_comes_first(index, query, expected):
    assert slugs(index.search(query))[0] == expected


def test_the_word_being_typed_matches_as_a_prefix(index):
    assert slugs(index.search("periphera"))[0] == "peripheral-neuropathy"
    assert slugs(index.search("irrit"))[0] == "irritable-bowel-syndrome"
    # A lone letter lists the conditions whose title starts with it, A–Z, nothing highlighted.
    result = index.search("i")
    assert slugs(result) == ["insomnia", "irritable-bowel-syndrome"]
    assert all("<b>" not in h.snippet for h in result.hits)


def test_prefix_only_applies_while_typing(index):
    assert index.search("periphera", as_you_type=False).corrected == "peripheral"


@pytest.mark.parametrize("typo, fixed", [("nueropathy", "neuropathy"), ("insomina", "insomnia")])
def test_misspellings_are_corrected(index, typo, fixed):
    result = index.search(typo)
    assert result.corrected == fixed
    assert result.hits


def test_transposition_is_one_edit():
    assert edit_distance("nueropathy", "neuropathy") == 1
    assert edit_distance("migrane", "migraine") == 1
    assert edit_distance("", "abc") == 3


def test_snippet_highlights_query_words(index):
    hit = index.search("numbness feet").hits[0]
    assert hit.slug == "peripheral-neuropathy"
    assert "<b>numbness</b>" in hit.snippet and "<b>feet</b>" in hit.snippet
    assert "<b>" not in hit.snippet_text


def test_snippet_escapes_html(index):
    for hit in index.search("<script>pain</script>").hits:
        assert "<script>" not in hit.snippet


def test_filters(index):
    assert slugs(index.search("pain", filters=SearchFilters(category="neurological"))) == [
        "peripheral-neuropathy"]
    assert set(slugs(index.search("a", filters=SearchFilters(evidence="low")))) <= {
        "irritable-bowel-syndrome", "insomnia"}


def test_phrase_in_quotes(index):
    assert slugs(index.search('"pins and needles"'))[0] == "peripheral-neuropathy"


@pytest.mark.parametrize("text", [
    "", "   ", '"', '"unbalanced', "((", "AND", "OR NOT", "*", "?", "~2", "^", "pain^3",
    "field:value", "title:", "\x00\x01\x1b", "🙂🙂", "ألم الظهر", "ב" * 300, "a" * 1000,
    "pain " * 500, "\\", "[[", "}{", "--", "''", "-pain", "+pain", "NOT pain",
])
def test_strange_queries_never_raise(index, text):
    result = index.search(text)
    assert isinstance(result.hits, list)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_any_text_gives_results_or_empty(index, text):
    result = index.search(text)
    assert all(h.slug for h in result.hits)


def test_a_correct_word_found_only_in_a_body_is_not_corrected(index):
    # "nerves" is only in a body; "nerve" is in the vocabulary. No "did you mean nerve?".
    result = index.search("nerves ")
    assert result.corrected is None
    assert slugs(result) == ["peripheral-neuropathy"]


def test_common_letters():
    from reader.search.query import common_letters

    assert common_letters("exema", "eczema") == 4
    assert common_letters("exema", "extra") == 3
    assert common_letters("", "abc") == 0


def test_unknown_word_beside_known_ones_is_corrected(index):
    # "lumbgo" matches nothing; without correction the hits would only reflect "pain".
    result = index.search("lumbgo pain", as_you_type=False)
    assert result.corrected == "lumbago pain"
    assert slugs(result)[0] == "chronic-low-back-pain"


def test_snippet_is_a_whole_sentence_even_when_the_file_wraps_it(tmp_path):
    from tests.conftest import ContentFolder

    c = ContentFolder(tmp_path / "content")
    c.add("sciatica", title="Sciatica", aliases=(), symptoms=("Leg pain",),
          body="## What is it?\n\nThe pain runs down one leg. It can feel burning, and may come "
               "with\npins and needles, numbness or\nweakness in the leg [@smith2020].\n")
    store = load_content(c.root)
    assert store.problems == ()
    ix = open_or_build(tmp_path / "index", store)
    try:
        hit = ix.search("pins and needles").hits[0]
    finally:
        ix.close()
    assert hit.snippet_text == ("It can feel burning, and may come with pins and needles, "
                                "numbness or weakness in the leg.")


def test_a_misspelling_kept_as_an_alias_is_never_the_suggestion(tmp_path):
    """'insomia' is an alias (people type it); 'insomina' is as close to it as to 'insomnia',
    and the suggestion must be the real word."""
    from tests.conftest import ContentFolder

    c = ContentFolder(tmp_path / "content")
    c.add("insomnia", title="Insomnia", aliases=("insomia",), symptoms=("Lying awake",))
    c.add("depression", title="Depression", aliases=(), symptoms=("Low mood",),
          body="## What is it?\n\nLow mood often comes with insomnia [@smith2020].\n")
    store = load_content(c.root)
    assert store.problems == ()
    ix = open_or_build(tmp_path / "index", store)
    try:
        result = ix.search("insomina")
    finally:
        ix.close()
    assert result.corrected == "insomnia"
    assert slugs(result)[0] == "insomnia"


def test_words_no_factsheet_holds_are_reported(index):
    result = index.search("back wettingx ")
    assert result.missing == ("wettingx",)
    assert slugs(result)[0] == "chronic-low-back-pain"
    assert index.search("pain in the back ").missing == ()  # stop words are not reported
    assert index.search("lower back pain").missing == ()
    assert index.search("back wettin", as_you_type=True).missing == ("wettin",)
    assert index.search("back lowe", as_you_type=True).missing == ()  # "lower" is being typed


def test_missing_note():
    from reader.search.filters import missing_note

    assert missing_note(()) == ""
    assert missing_note(("wetting",)) == ("No factsheet mentions “wetting”; these match your "
                                          "other words.")
    assert "“a”, “b” or “c”" in missing_note(("a", "b", "c"))


def test_the_count_is_every_match_not_only_those_listed(content, tmp_path):
    """The window capped its count at 30 ('30 factsheets' when 64 matched)."""
    for i in range(40):
        content.add(f"condition-{i}", title=f"Condition {i}", symptoms=("Aching knees",))
    ix = open_or_build(tmp_path / "index", load_content(content.root))
    few = ix.search("aching knees", limit=5)
    assert len(few.hits) == 5 and few.total == 40
    assert few.count_text() == "5 of 40 factsheets (the best matches first)"
    many = ix.search("aching knees", limit=100)
    assert many.total == 40 and many.count_text() == "40 factsheets"
    one = ix.search("condition 7", limit=30)
    assert one.hits[0].slug == "condition-7"
    ix.close()
