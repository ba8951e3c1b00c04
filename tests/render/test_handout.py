"""The patient handout's HTML: the clinic at the top, everything a patient needs, nothing that
only works on screen."""

from __future__ import annotations

from reader.content import load_content
from reader.render.handout import HandoutHeader, render_handout


def test_handout_has_the_clinic_and_every_part(sample_content):
    store = load_content(sample_content.root)
    html = render_handout(store.get("chronic-low-back-pain"),
                          HandoutHeader("Riverside & Co Clinic", "12 High St · 01234 567890"))
    for text in ("Riverside &amp; Co Clinic", "12 High St · 01234 567890",
                 "Chronic low back pain", "Can acupuncture help chronic low back pain?",
                 "THE BOTTOM LINE", "Moderate&nbsp;evidence", "Aching or stiffness in the lower back",
                 "What is it?", "Smith AB, Other CD, et al. A review.", "doi:10.1000/smith2020",
                 "Reviewed 25 November 2026", "not medical advice"):
        assert text in html, text
    assert html.index("Riverside") < html.index("<h1>")


def test_handout_leaves_out_what_only_works_on_screen(sample_content):
    store = load_content(sample_content.root)
    html = render_handout(store.get("chronic-low-back-pain"))
    assert "<a href" not in html  # no links at all: paper cannot follow them
    assert "sciatica" in html  # the linked words are kept as text
    assert '<span class="cite">[1]</span>' in html  # citation numbers stay, matching the list
    assert "Related factsheets" not in html and "Cite" not in html and "&#8617;" not in html
    assert "clinic" not in html.split("<body>")[1].split("<h1>")[0]  # no empty header


def test_web_links_in_the_body_are_written_out(content):
    content.add("x", body="## What is it?\n\nSee [the NHS page](https://www.nhs.uk/x/) "
                          "[@smith2020].\n")
    store = load_content(content.root)
    html = render_handout(store.get("x"))
    assert "the NHS page</span> (https://www.nhs.uk/x/)" in html
