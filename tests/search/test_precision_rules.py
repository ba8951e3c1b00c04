"""What makes a factsheet a match, and a strong one: everyday words, hyphenated words, weak hits
below "Also mentioned in", medicine names, and the one summary line every front end shows."""

from __future__ import annotations

import pytest

from reader.content import load_content
from reader.search.analysis import plain_tokens, stem_tokens
from reader.search.filters import SearchResult, result_summary
from reader.search.index import open_or_build

SAFETY = ("## Safety\n\nA qualified practitioner uses sterile single-use needles; bruising is "
          "the most common side effect.\n")


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """Ten factsheets whose bodies all talk about needles, as real ones do."""
    from tests.conftest import ContentFolder

    c = ContentFolder(tmp_path_factory.mktemp("precision") / "content")
    c.add("peripheral-neuropathy", title="Peripheral neuropathy", category="neurological",
          aliases=("nerve damage",), symptoms=("Pins and needles in the feet",),
          body=f"## What is it?\n\nDamaged nerves [@smith2020].\n\n{SAFETY}")
    c.add("chronic-low-back-pain", aliases=("lumbago",), symptoms=("Aching lower back",),
          body="## What is it?\n\nBack pain that lasts [@smith2020].\n\n" + SAFETY)
    c.add("breech-presentation", title="Breech presentation", category="fertility-pregnancy",
          aliases=("bottom first",), symptoms=("Baby lying bottom down",),
          body="## What is it?\n\nIn a low-risk pregnancy the baby may turn by itself "
               "[@smith2020].\n\n" + SAFETY)
    c.add("migraine", title="Migraine", category="headache", aliases=("sick headache",),
          symptoms=("Throbbing headache",), extra_front='treatments = ["sumatriptan", "triptans"]',
          body="## What is it?\n\nAttacks of headache [@smith2020].\n\n" + SAFETY)
    c.add("heartburn", title="Heartburn and acid reflux", category="digestive",
          aliases=("acid reflux", "GORD"), symptoms=("Burning in the chest",),
          body="## What is it?\n\nStomach acid comes back up [@smith2020].\n\n" + SAFETY)
    c.add("gout", title="Gout", aliases=("gouty arthritis",), symptoms=("Hot swollen big toe",),
          body="## What is it?\n\nUric acid crystals in a joint [@smith2020].\n\n" + SAFETY)
    c.add("cancer-pain", title="Cancer pain", category="cancer-care",
          aliases=("cancer pian",), symptoms=("Pain from a tumour",),
          body="## What is it?\n\nPain with cancer [@smith2020].\n\n" + SAFETY)
    for i, name in enumerate(("Tinnitus", "Asthma", "Acne")):
        c.add(f"sheet-{i}", title=name, aliases=(name.lower(),), symptoms=(f"{name} signs and pain",),
              body=f"## What is it?\n\n{name} explained [@smith2020].\n\n" + SAFETY)
    ix = open_or_build(tmp_path_factory.mktemp("ix"), load_content(c.root))
    yield ix
    ix.close()


def slugs(result: SearchResult, weak: bool | None = None) -> list[str]:
    return [h.slug for h in result.hits if weak is None or h.weak == weak]


def test_a_word_in_every_factsheet_matches_only_where_a_condition_is_named(index):
    """'needles' used to match every factsheet through its safety section."""
    result = index.search("needles", as_you_type=False)
    assert slugs(result) == ["peripheral-neuropathy"]
    assert result.count_text() == "1 factsheet"


def test_everyday_words_alone_still_list_what_mentions_them_as_weak(index):
    result = index.search("bruising", as_you_type=False)
    assert len(result.hits) == 10 and all(h.weak for h in result.hits)
    assert result.count_text() == "No factsheet is about these words; 10 mention them"


def test_weak_hits_come_after_strong_ones_and_are_counted_apart(index):
    """'acid reflux' listed Gout first, on 'uric acid' in its text."""
    result = index.search("acid reflux", as_you_type=False)
    assert slugs(result, weak=False) == ["heartburn"]
    assert slugs(result, weak=True) == ["gout"]
    assert result.count_text() == "1 factsheet; 1 more mentions these words"


def test_a_hyphenated_word_is_one_word(index):
    """'low back pain' ranked a pregnancy factsheet on 'low-risk'."""
    assert stem_tokens("a low-risk pregnancy") == ["lowrisk", "pregnanc"]
    assert plain_tokens("post-operative") == ["postoperative"]
    assert "breech-presentation" not in slugs(index.search("low back pain", as_you_type=False))
    assert slugs(index.search("low-risk", as_you_type=False)) == ["breech-presentation"]
    assert slugs(index.search("lowrisk", as_you_type=False)) == ["breech-presentation"]


def test_a_hyphenated_name_is_found_by_its_parts_and_as_one_word(tmp_path, content):
    content.add("post-herpetic-neuralgia", title="Post-herpetic neuralgia",
                category="neurological", aliases=("shingles pain",), symptoms=("Burning",))
    ix = open_or_build(tmp_path / "ix", load_content(content.root))
    for text in ("post herpetic", "postherpetic", "post-herpetic neuralgia", "herpetic"):
        assert slugs(ix.search(text, as_you_type=False))[:1] == ["post-herpetic-neuralgia"], text
    ix.close()


def test_a_medicine_name_finds_the_condition_it_treats(index):
    result = index.search("sumatriptan", as_you_type=False)
    assert slugs(result, weak=False) == ["migraine"]
    assert slugs(index.search("triptan", as_you_type=False))[:1] == ["migraine"]


def test_a_misspelling_kept_as_an_alias_reads_as_the_word_meant(index):
    """'pian' is an alias of one sheet so that 'cancer pian' finds it; it must not make that
    sheet the only one about pain."""
    assert slugs(index.search("pian", as_you_type=False)) == slugs(
        index.search("pain", as_you_type=False))


def test_the_phrase_as_typed_ranks_above_scattered_words(tmp_path, content):
    content.add("a-sheet", title="Hand problems", aliases=("numb hands",),
                symptoms=("Needles felt in the pins of the hands",))
    content.add("b-sheet", title="Tingling", aliases=("tingling",),
                symptoms=("Pins and needles in the hands",))
    ix = open_or_build(tmp_path / "ix", load_content(content.root))
    assert slugs(ix.search("pins and needles", as_you_type=False))[:1] == ["b-sheet"]
    ix.close()


def test_the_summary_line_is_one_text_for_every_front_end(index):
    result = index.search("acid reflux", as_you_type=False)
    assert result_summary(result) == "1 factsheet; 1 more mentions these words."
    fixed = index.search("gastric refluxx", as_you_type=False)
    assert fixed.corrected == "gastric reflux"
    assert result_summary(fixed).startswith("Showing results for “gastric reflux” instead of "
                                            "“gastric refluxx”.")
    nothing = index.search("zzzzqqq", as_you_type=False)
    assert result_summary(nothing).startswith("No factsheets match.")
    assert result_summary(nothing, filtered=True).startswith("No factsheets match with these")


def test_a_hit_found_by_a_medicine_says_so_in_its_snippet(index):
    hit = index.search("sumatriptan", as_you_type=False).hits[0]
    assert hit.snippet_text == "Usual treatments include sumatriptan and triptans."
    assert "<b>sumatriptan</b>" in hit.snippet
