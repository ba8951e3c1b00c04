"""Answering a query from the factsheets' names while the full-text index opens."""

from __future__ import annotations

from reader.content import load_content
from reader.search.filters import SearchFilters, name_hits
from tests.conftest import BUNDLED

STORE = None


def store():
    global STORE
    if STORE is None:
        STORE = load_content(BUNDLED)
    return STORE


def titles(text: str, **filters) -> list[str]:
    return [hit.title for hit in name_hits(store(), text, SearchFilters(**filters))]


def test_every_word_starts_a_word_of_the_title_or_an_alias():
    assert titles("migraine")[0] == "Migraine (prevention)"
    assert titles("migr")[0] == "Migraine (prevention)"  # still typing
    assert "Chronic low back pain" in titles("back pain")
    assert "Chronic low back pain" in titles("lumbago")  # an alias
    assert titles("hay")[:1] == ["Allergic rhinitis (hay fever)"]
    assert "Sciatica" not in titles("sciaticx")
    assert titles("zzzz") == [] and titles("   ") == [] and titles("!!") == []


def test_case_and_accents_do_not_matter():
    assert titles("MIGRAINE") == titles("migraine") == titles("mïgraine")


def test_titles_that_begin_with_the_words_come_first_then_a_to_z():
    found = titles("pain")
    leading = [t for t in found if t.casefold().startswith("pain")]
    assert found[:len(leading)] == leading and leading
    rest = found[len(leading):]
    assert rest == sorted(rest, key=str.casefold)


def test_the_filters_apply():
    everything = titles("pain")
    only = titles("pain", category="cancer-care")
    assert only and set(only) < set(everything)
    sheets = {s.title: s for s in store()}
    assert all(sheets[t].category == "cancer-care" for t in only)


def test_hits_carry_what_the_results_list_shows():
    hit = name_hits(store(), "migraine", SearchFilters())[0]
    sheet = store().get(hit.slug)
    assert (hit.question, hit.evidence, hit.category) == (sheet.question, sheet.evidence.level,
                                                          sheet.category)
    assert not hit.weak


def test_a_replaced_store_is_not_kept_alive():
    import gc
    import weakref

    other = load_content(BUNDLED)
    assert titles("migraine")  # the module's store
    name_hits(other, "migraine", SearchFilters())
    gone, sheet_gone = weakref.ref(other), weakref.ref(next(iter(other)))
    del other
    gc.collect()
    assert gone() is None and sheet_gone() is None
