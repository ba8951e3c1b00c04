from __future__ import annotations

import re

import pytest

from reader.content import load_content
from reader.content.citations import (
    PersonName,
    citation_order,
    collect_references,
    format_apa,
    format_apa_html,
    format_bibtex,
    format_reference_list,
    format_ris,
    format_vancouver,
    latex_escape,
    page_range,
    parse_author,
    unique_keys,
)
from reader.content.model import Reference
from tests.conftest import BUNDLED


def ref(**kw) -> Reference:
    base = dict(key="vickers2018", type="ipd-meta-analysis",
                authors=("Vickers AJ", "Vertosick EA"), title="Acupuncture for chronic pain",
                journal="J Pain", year=2018, finding="f", verified=(), et_al=True,
                volume="19", issue="5", pages="455-474", doi="10.1016/j.jpain.2017.11.005",
                pmid="29198932")
    base.update(kw)
    return Reference(**base)


def test_vancouver_full():
    assert format_vancouver(ref()) == (
        "Vickers AJ, Vertosick EA, et al. Acupuncture for chronic pain. "
        "J Pain. 2018;19(5):455-474. doi:10.1016/j.jpain.2017.11.005. PMID: 29198932.")


def test_vancouver_leaves_out_unknown_fields_and_caps_authors():
    r = ref(authors=tuple(f"Author{i} A" for i in range(8)), et_al=False, volume=None,
            issue=None, pages=None, pmid=None, title="Does it work?")
    text = format_vancouver(r)
    assert "Author5 A, et al." in text and "Author6" not in text
    assert "Does it work? J Pain. 2018." in text
    assert "PMID" not in text


def test_numbering_follows_first_citation():
    refs = (ref(key="a"), ref(key="b"), ref(key="c"))
    assert citation_order([("b",), ("a", "b")], refs) == {"b": 1, "a": 2, "c": 3}


# -- APA ---------------------------------------------------------------------------------------

def test_apa_full():
    assert format_apa(ref(et_al=False)) == (
        "Vickers, A. J., & Vertosick, E. A. (2018). Acupuncture for chronic pain. "
        "J Pain, 19(5), 455\u2013474. https://doi.org/10.1016/j.jpain.2017.11.005")


def test_apa_html_puts_journal_and_volume_in_italics_and_escapes():
    text = format_apa_html(ref(et_al=False, journal="J Pain & Res"))
    assert "<i>J Pain &amp; Res</i>, <i>19</i>(5)" in text


def test_apa_author_lists():
    one = ref(authors=("Vickers AJ",), et_al=False)
    assert format_apa(one).startswith("Vickers, A. J. (2018).")
    three = ref(authors=("Vickers AJ", "Smith B", "Lee C-K"), et_al=False)
    assert format_apa(three).startswith("Vickers, A. J., Smith, B., & Lee, C.-K. (2018).")
    shortened = ref(authors=("Vickers AJ", "Smith B"), et_al=True)
    assert format_apa(shortened).startswith("Vickers, A. J., Smith, B., et al. (2018).")
    many = ref(authors=tuple(f"Author{i} A" for i in range(25)), et_al=False)
    text = format_apa(many)
    assert "Author18, A., . . . Author24, A. (2018)" in text and "Author19" not in text
    group = ref(authors=("NICE Guideline Committee",), et_al=False)
    assert format_apa(group).startswith("NICE Guideline Committee. (2018).")


def test_apa_pages_article_numbers_and_links():
    assert "1444\u20131453." in format_apa(ref(pages="1444-53"))  # abbreviated end in full
    cochrane = ref(journal="Cochrane Database Syst Rev", volume=None, issue="1",
                   pages="CD009436", doi=None)
    assert format_apa(cochrane).endswith(
        "Cochrane Database Syst Rev, (1), Article CD009436. "
        "https://pubmed.ncbi.nlm.nih.gov/29198932/")
    assert format_apa(ref(title="Does it work?")).count("Does it work? J Pain") == 1
    assert not format_apa(ref()).endswith(".")  # APA puts no full stop after a DOI


def test_names_in_pubmed_form_are_parsed():
    assert parse_author("O'Mathúna DP") == PersonName("O'Mathúna", ("D", "P"))
    assert parse_author("Smith AB Jr") == PersonName("Smith", ("A", "B"), "Jr")
    assert parse_author("Stener-Victorin E") == PersonName("Stener-Victorin", ("E",))
    assert parse_author("van der Berg AB").family == "van der Berg"
    assert parse_author("Lee J-PA").initials_dotted() == "J.-P. A."
    assert parse_author("World Health Organization").is_group
    assert parse_author("GBD 2019 Collaborators").is_group


def test_page_ranges():
    assert page_range("455-474") == ("455", "474")
    assert page_range("1444-53") == ("1444", "1453")
    assert page_range("37-9") == ("37", "39")
    assert page_range("e123-e130") == ("e123", "e130")
    assert page_range("CD009436") == ("CD009436", None)
    assert page_range(None) is None


# -- RIS ---------------------------------------------------------------------------------------

TRICKY = dict(
    key="moller2020", authors=("Møller AM", "O'Mathúna DP", "Nguyễn VA", "Smith AB Jr",
                                "WHO Guideline Group"),
    title="Acupuncture & IBS: a 2 × 2 (trial) of 50% of_patients in Zürich — #1\nsecond line",
    journal="J Test & Med", pages="1444-53", doi="10.1000/a_b%c", et_al=True)
RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - ")


def test_ris_follows_the_tag_rules():
    text = format_ris([ref(), ref(**TRICKY)])
    records = text.strip("\n").split("\n\n")
    assert len(records) == 2
    for record in records:
        lines = record.split("\n")
        assert all(RIS_LINE.match(line) for line in lines), lines
        assert lines[0] == "TY  - JOUR" and lines[-1] == "ER  - "
    assert "\r" not in text


def test_ris_reads_back_with_a_reference_manager_parser():
    import rispy

    entries = rispy.loads(format_ris([ref(**TRICKY)]))
    assert len(entries) == 1
    e = entries[0]
    assert e["authors"] == ["Møller, A. M.", "O'Mathúna, D. P.", "Nguyễn, V. A.",
                            "Smith, A. B., Jr", "WHO Guideline Group"]
    assert e["title"] == ("Acupuncture & IBS: a 2 × 2 (trial) of 50% of_patients in Zürich — #1 "
                          "second line")  # one line per tag
    assert (e["start_page"], e["end_page"]) == ("1444", "1453")
    assert e["doi"] == "10.1000/a_b%c" and e["accession_number"] == "29198932"
    assert e["secondary_title"] == "J Test & Med" and e["year"] == "2018"


# -- BibTeX ------------------------------------------------------------------------------------

def bib_entries(text):
    import codecs

    import latexcodec  # noqa: F401 (registers the "ulatex" codec)
    from pybtex.database import parse_string

    db = parse_string(text, "bibtex")
    # Decoded as a reference manager shows it: LaTeX accents to letters, case-protecting
    # braces dropped.
    return db.entries, lambda s: codecs.decode(s, "ulatex").replace("{", "").replace("}", "")


def test_bibtex_reads_back_as_bibtex_reads_it():
    text = format_bibtex([ref(**TRICKY)])
    assert text.isascii() is False  # ễ has no LaTeX form every BibTeX knows; kept as UTF-8
    assert [c for c in text if ord(c) > 127] == ["ễ"]
    entries, decode = bib_entries(text)
    e = entries["moller2020"]
    assert e.type == "article"
    people = e.persons["author"]
    assert [decode(" ".join(p.last_names)) for p in people] == [
        "Møller", "O'Mathúna", "Nguyễn", "Smith", "WHO Guideline Group", "others"]
    assert people[0].first_names == ["A."] and people[0].middle_names == ["M."]
    assert people[3].lineage_names == ["Jr"]
    title = decode(e.fields["title"])
    assert title == "Acupuncture & IBS: a 2 × 2 (trial) of 50% of_patients in Zürich — #1 second line"
    assert e.fields["pages"] == "1444--1453"
    assert e.fields["doi"] == "10.1000/a_b%c" and e.fields["pmid"] == "29198932"
    assert decode(e.fields["journal"]) == "J Test & Med"


def test_bibtex_escapes_every_special_character():
    assert latex_escape("50% & $5 #1 a_b {x} ~ ^ \\") == (
        r"50\% \& \$5 \#1 a\_b \textbraceleft{}x\textbraceright{} "
        r"\textasciitilde{} \textasciicircum{} \textbackslash{}")
    assert latex_escape("Møller Ørsted Åsa Müller Çelik Ní") == (
        r"M{\o}ller {\O}rsted {\AA}sa M{\"u}ller {\c C}elik N{\'\i}")
    assert latex_escape("2 × 2, ≥ 18, α–β") == r"2 $\times$ 2, $\geq$ 18, $\alpha$--$\beta$"


def test_bibtex_protects_capitals_that_matter():
    text = format_bibtex([ref(title="Acupuncture for IBS in China: an RCT")])
    assert "title = {Acupuncture for {IBS} in {China}: an {RCT}}" in text


def test_bibtex_braces_always_balance():
    text = format_bibtex([ref(**TRICKY), ref(title="}{ unbalanced {{", doi="10.1000/x{y")])
    depth = 0
    for ch in text.replace("\\{", "").replace("\\}", ""):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0
    entries, _ = bib_entries(text)
    assert len(entries) == 2
    assert "10.1000/x%7By" in text


def test_keys_are_unique_when_two_studies_share_one():
    refs = [ref(key="xu2022", doi="10.1/a"), ref(key="xu2022", doi="10.1/b"), ref(key="lee2020")]
    assert [k for k, _ in unique_keys(refs)] == ["xu2022a", "xu2022b", "lee2020"]
    entries, _ = bib_entries(format_bibtex(refs))
    assert list(entries) == ["xu2022a", "xu2022b", "lee2020"]


# -- lists -------------------------------------------------------------------------------------

def test_references_of_several_factsheets_are_listed_once(sample_content):
    sample_content.add("sciatica", title="Sciatica", related=("chronic-low-back-pain",),
                       refs=(("jones2019", "Jones", "Acupuncture for sciatica", "222"),
                             ("smith2020", "Smith", "A review", "111")))
    store = load_content(sample_content.root)
    refs = collect_references([store.get("chronic-low-back-pain"), store.get("sciatica")])
    assert [r.key for r in refs] == ["smith2020", "jones2019"]


def test_reference_list_styles():
    refs = [ref(key="b", authors=("Zed A",), et_al=False), ref(key="a", authors=("Abel B",),
                                                                 et_al=False)]
    vancouver = format_reference_list(refs, "vancouver")
    assert vancouver.startswith("1. Zed A. ") and "\n2. Abel B. " in vancouver
    apa = format_reference_list(refs, "apa")
    assert apa.startswith("Abel, B. (2018)") and "\nZed, A. (2018)" in apa
    with pytest.raises(ValueError, match="unknown citation style"):
        format_reference_list(refs, "mla")


def test_every_bundled_reference_exports_cleanly():
    store = load_content(BUNDLED)
    refs = collect_references(store)
    entries, _ = bib_entries(format_bibtex(refs))
    assert len(entries) == len(refs)
    import rispy

    assert len(rispy.loads(format_ris(refs))) == len(refs)
    for r in refs:
        assert format_apa(r) and format_vancouver(r)
