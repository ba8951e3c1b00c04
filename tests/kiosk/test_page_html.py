"""Pages for the kiosk: links out become text, links within the app stay."""

from __future__ import annotations

import re

from reader.content import load_content
from reader.kiosk.page_html import unlink_external
from reader.render.page import render_factsheet

BODY = ("## What is it?\n\nPain [@smith2020]. See [sciatica](sciatica) and "
        "[an outside page](https://example.org/x?a=1&b=2).\n")


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def test_links_out_become_text_and_links_within_stay(sample_content):
    sample_content.add("chronic-low-back-pain", related=("sciatica",), body=BODY)
    store = load_content(sample_content.root)
    page = unlink_external(render_factsheet(store.get("chronic-low-back-pain"), store))
    links = hrefs(page)
    assert links and all(h.startswith(("#", "factsheet:")) for h in links)
    assert "factsheet:sciatica" in links and "#ref-smith2020" in links
    # The words stay, with the address when the words do not say it.
    assert "an outside page</span>" in page
    assert "(example.org/x?a=1&amp;b=2)" in page
    # A DOI or PubMed link already shows its identifier: no address added.
    assert "doi:10.1000/smith2020</span>" in page and "(doi.org" not in page
    assert "PubMed 111</span>" in page and "(pubmed" not in page


def test_other_schemes_are_unlinked_too():
    page = unlink_external('<p><a href="mailto:a@b.org">write to us</a> '
                           '<a title="t" href="file:///etc/passwd">here</a></p>')
    assert hrefs(page) == []
    assert "write to us</span> <span class=\"muted\">(a@b.org)</span>" in page
    assert "(/etc/passwd)" in page
