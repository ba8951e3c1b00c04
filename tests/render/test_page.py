"""Factsheet and home page HTML: what a reader sees and the links the window follows."""

from __future__ import annotations

import dataclasses
import re

from reader.content import load_content
from reader.render.home import render_home
from reader.render.page import render_factsheet


def test_page_has_every_part(sample_content):
    store = load_content(sample_content.root)
    html = render_factsheet(store.get("chronic-low-back-pain"), store)
    for text in ("Chronic low back pain", "Can acupuncture help chronic low back pain?",
                 "THE BOTTOM LINE", "A plain summary.", "Moderate&nbsp;evidence",
                 "Aching or stiffness in the lower back", "What is it?", "References",
                 "Related factsheets", "Reviewed 25 November 2026", "Next review due November 2028",
                 "not medical advice"):
        assert text in html, text


def test_citations_are_numbered_links_to_the_reference_list(sample_content):
    store = load_content(sample_content.root)
    html = render_factsheet(store.get("chronic-low-back-pain"), store)
    # The link's title names it ("Reference 1: Smith 2020": what a screen reader is told) and
    # then gives the whole reference on a second line of its tooltip.
    assert re.search(r'<span class="cite">\[<a name="cite-smith2020"></a><a href="#ref-smith2020" '
                     r'title="Reference 1: Smith 2020&#10;Smith AB, Other CD, et al\. A review\.'
                     r'[^"]*">1</a>\]</span>', html)
    assert '<a name="ref-smith2020"></a>' in html
    assert '<a href="#cite-smith2020"' in html  # the entry links back to the text
    assert "[@smith2020]" not in html


def test_reference_links_to_doi_and_pubmed(sample_content):
    store = load_content(sample_content.root)
    html = render_factsheet(store.get("chronic-low-back-pain"), store)
    assert 'href="https://doi.org/10.1000/smith2020" title="Opens doi.org"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/111/" title="Opens pubmed.ncbi.nlm.nih.gov"' in html
    assert "J Test Med. 2020;12(3):100-110." in html


def test_links_between_factsheets(sample_content):
    store = load_content(sample_content.root)
    html = render_factsheet(store.get("chronic-low-back-pain"), store)
    assert '<a href="factsheet:sciatica" title="Factsheet: Sciatica">sciatica</a>' in html  # body
    assert '<a href="factsheet:sciatica">Sciatica</a>' in html  # in the related list


def test_markup_in_content_is_escaped(content):
    content.add("x", title="Fish & <chips>", summary="a <script>alert(1)</script> b")
    store = load_content(content.root)
    html = render_factsheet(store.get("x"), store)
    assert "Fish &amp; &lt;chips&gt;" in html
    assert "<script>" not in html


def test_home_lists_categories_with_counts_and_a_letter_bar(sample_content):
    html = render_home(load_content(sample_content.root), notice="Two problems")
    assert "Joints, muscles and back</a>&nbsp;<span class=\"muted\">(2)</span>" in html
    assert '<a href="#letter-C">' in html and '<a name="letter-S"></a>' in html
    assert html.count('href="factsheet:sciatica"') == 2  # A–Z and its category
    assert "Two problems" in html


def test_home_with_no_content(tmp_path):
    html = render_home(load_content(tmp_path / "missing"))
    assert "No factsheets are available." in html


def test_study_tools_link_other_factsheets_citing_the_same_study(content):
    shared = ("vickers2018", "Vickers", "Acupuncture for chronic pain", "333")
    content.add("chronic-pain", title="Chronic pain", refs=(shared,))
    content.add("migraine", title="Migraine", category="headache", refs=(shared,))
    content.add("gout", title="Gout", refs=(("other2020", "Other", "Gout trial", "444"),))
    store = load_content(content.root)
    html = render_factsheet(store.get("migraine"), store, study_tools=True)
    assert 'Also cited in <a href="factsheet:chronic-pain">Chronic pain</a>' in html
    assert 'href="factsheet:migraine"' not in html  # not "cited in" itself
    assert '<a href="cite:vickers2018"' in html
    gout = render_factsheet(store.get("gout"), store, study_tools=True)
    assert "Also cited in" not in gout and 'href="cite:other2020"' in gout


def test_without_study_tools_there_are_no_cite_links(sample_content):
    store = load_content(sample_content.root)
    html = render_factsheet(store.get("sciatica"), store)
    assert "cite:" not in html and "Also cited in" not in html


def test_evidence_badge_says_its_level_and_what_it_means(sample_content):
    store = load_content(sample_content.root)
    html = render_factsheet(store.get("sciatica"), store)
    assert ">Moderate&nbsp;evidence</td>" in html  # never split over two lines
    assert "What “moderate evidence” means: Good-quality reviews" in html


def test_every_kind_of_link_has_a_name_for_a_screen_reader(content):
    from reader.render.page import citation_name, link_name

    content.add("sciatica", title="Sciatica")
    content.add("chronic-low-back-pain", refs=(("vickers2018", "Vickers", "Acupuncture", "1"),),
                body="Pain [@vickers2018]. See [the leg pain page](sciatica), [NHS advice]"
                     "(https://www.nhs.uk/conditions/) or [NICE](https://nice.org.uk \"NICE NG59\").")
    store = load_content(content.root)
    sheet = store.get("chronic-low-back-pain")
    html = render_factsheet(sheet, store)
    assert 'title="Factsheet: Sciatica">the leg pain page</a>' in html
    assert 'title="Opens nhs.uk">NHS advice</a>' in html
    assert 'title="NICE NG59">NICE</a>' in html  # a title the writer gave is kept
    assert citation_name(1, sheet.references[0]) == "Reference 1: Vickers 2020"
    group = dataclasses.replace(sheet.references[0], authors=("NICE Guideline Committee",))
    assert citation_name(4, group) == "Reference 4: NICE Guideline Committee 2020"
    assert citation_name(5, dataclasses.replace(group, authors=())) == "Reference 5: 2020"
    # Links without a title (the home page, related factsheets) are named from what they say.
    assert link_name("#ref-a", "Reference 3: Vickers 2018\nVickers AJ. Title.", "3") == \
        "Reference 3: Vickers 2018"
    assert link_name("factsheet:gout", "", " Gout\n") == "Factsheet: Gout"
    assert link_name("https://www.example.org/x", "", "here") == "Opens example.org"
    assert link_name("#letter-A", "", "\xa0A\xa0") == "A"
