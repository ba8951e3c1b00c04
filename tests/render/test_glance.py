""""Research at a glance", the change log and the evidence-search date, wherever a factsheet is
shown: the reading page, the kiosk, the handout and the terminal."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from reader.cli import main
from reader.content import load_content
from reader.kiosk.page_html import unlink_external
from reader.render.handout import render_handout
from reader.render.home import recently_updated, render_home
from reader.render.page import render_factsheet
from reader.render.text import render_text
from reader.render.theme import DARK, HIGH_CONTRAST_DARK, LIGHT

GLANCE = """\
[[outcomes]]
outcome = "Pain at 3 months"
comparison = "Sham acupuncture"
result = "A little less pain than sham"
studies = 12
participants = 869
certainty = "moderate"
certainty_by = "review"
references = ["jones2019"]

[[outcomes]]
outcome = "Function"
comparison = "NSAIDs"
result = "No clear difference"
certainty = "very-low"
certainty_by = "ours"
references = ["smith2020", "jones2019"]

[[changes]]
date = 2026-11-25
text = "First published."

[[changes]]
date = 2026-12-02
text = "Added the 2018 Cochrane review; evidence level unchanged."

"""
BODY = "## What is it?\n\nFirst [@smith2020], then [@jones2019].\n\n## When to see a GP\n\nSoon.\n"
TWO_REFS = (("smith2020", "Smith", "A review", "111"), ("jones2019", "Jones", "A trial", "222"))


class _Cells(HTMLParser):
    """The text of each cell of the table with class `glance`, row by row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_table = self._in_cell = False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("class", "glance") in attrs:
            self._in_table = True
        elif self._in_table and tag == "tr":
            self.rows.append([])
        elif self._in_table and tag in ("td", "th"):
            self._in_cell = True
            self.rows[-1].append("")
        elif self._in_cell and tag == "br":
            self.rows[-1][-1] += " / "

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        elif tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data):
        if self._in_cell:
            self.rows[-1][-1] += data


def glance_rows(page: str) -> list[list[str]]:
    parser = _Cells()
    parser.feed(page)
    return parser.rows


@pytest.fixture
def sheet_store(content):
    content.add("chronic-low-back-pain", refs=TWO_REFS, body=BODY, tables=GLANCE,
                extra_front="evidence_searched = 2026-12-01\n")
    content.add("sciatica", title="Sciatica")
    return load_content(content.root)


EXPECTED = [
    ["What was measured", "What the studies found", "How sure we can be"],
    ["Pain at 3 months / Compared with sham acupuncture",
     "A little less pain than sham [2] / 12 trials, 869 people", "Moderate / rated by the review"],
    ["Function / Compared with NSAIDs", "No clear difference [1, 2]", "Very low / our rating"],
]


@pytest.mark.parametrize("theme", [LIGHT, DARK, HIGH_CONTRAST_DARK.zoomed(4)],
                         ids=["light", "dark", "high-contrast-150%"])
def test_the_page_shows_the_table_near_the_top_with_numbered_citations(sheet_store, theme):
    page = render_factsheet(sheet_store.get("chronic-low-back-pain"), sheet_store, theme)
    rows = [[cell.replace("\u2009", " ").replace(",", ", ").replace(",  ", ", ") for cell in row]
            for row in glance_rows(page)]
    assert rows == EXPECTED
    order = [page.index(s) for s in ("Moderate&nbsp;evidence", "Research at a glance",
                                     "<h2>Symptoms</h2>", "What is it?", "References",
                                     "What changed")]
    assert order == sorted(order)
    # The row's citation jumps to the study, named for a screen reader and in its tooltip.
    assert '<a href="#ref-jones2019" title="Reference 2: Jones 2020&#10;Jones AB' in page


def test_the_change_log_is_at_the_foot_newest_first_with_the_search_date(sheet_store):
    page = render_factsheet(sheet_store.get("chronic-low-back-pain"), sheet_store)
    foot = page[page.index("What changed"):]
    assert foot.index("2 December 2026:</b> Added the 2018 Cochrane review") < \
        foot.index("25 November 2026:</b> First published.")
    assert ("Reviewed 25 November 2026. Research last searched 1 December 2026. "
            "Next review due November 2028.") in foot


def test_a_factsheet_without_outcomes_or_changes_shows_neither(sheet_store):
    page = render_factsheet(sheet_store.get("sciatica"), sheet_store)
    assert "Research at a glance" not in page and "What changed" not in page
    assert "Research last searched" not in page


def test_the_kiosk_keeps_the_table_and_its_in_page_citation_links(sheet_store):
    page = unlink_external(render_factsheet(sheet_store.get("chronic-low-back-pain"),
                                            sheet_store))
    assert len(glance_rows(page)) == 3
    assert '<a href="#ref-jones2019" title="Reference 2: Jones 2020&#10;' in page


def test_the_handout_prints_each_outcome_under_a_heading_without_links(sheet_store):
    """On paper each outcome is a heading with its finding under it (a table row could be cut
    in two at the foot of a page); the change log is left to the screen edition, the review
    and search dates are kept."""
    page = render_handout(sheet_store.get("chronic-low-back-pain"))
    assert "<h4>Pain at 3 months, compared with sham acupuncture</h4>" in page
    assert ('A little less pain than sham <span class="cite">[2]</span> (12 trials, 869 people). '
            "<b>How sure we can be:</b> moderate (rated by the review).") in page
    assert "<a href" not in page and '<table class="glance"' not in page
    assert "Added the 2018 Cochrane review" not in page
    assert "Research last searched 1 December 2026" in page


def test_plain_text_has_a_block_per_outcome(sheet_store):
    text = render_text(sheet_store.get("chronic-low-back-pain"), width=60)
    assert "RESEARCH AT A GLANCE\n\n  Pain at 3 months (compared with sham acupuncture)\n" \
           "    Found:     A little less pain than sham [2]\n" \
           "               12 trials, 869 people\n" \
           "    Certainty: Moderate (rated by the review)\n" in text
    assert "  Function (compared with NSAIDs)\n    Found:     No clear difference [1, 2]\n" in text
    assert "First [1], then [2]." in text and "[@" not in text
    assert "WHAT CHANGED\n  - 2 December 2026: Added the 2018 Cochrane review;\n" \
           "    evidence level unchanged.\n  - 25 November 2026: First published.\n" in text
    assert all(len(line) <= 60 for line in text.splitlines())


def test_show_prints_a_factsheet_or_says_which_name_is_unknown(sheet_store, home, capsys):
    root = str(sheet_store.root)
    assert main(["--content", root, "show", "chronic-low-back-pain"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("CHRONIC LOW BACK PAIN\nCan acupuncture help chronic low back pain?")
    assert "RESEARCH AT A GLANCE" in out
    assert main(["--content", root, "show", "migrane"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == ("no factsheet called 'migrane'; `factsheet-reader search "
                                    "WORDS` finds names")


def test_home_lists_recently_updated_factsheets_with_their_latest_line(sheet_store, content):
    content.add("gout", title="Gout", tables='[[changes]]\ndate = 2026-11-25\n'
                                             'text = "First published."\n\n')
    store = load_content(content.root)
    assert [s.slug for s in recently_updated(store)] == ["chronic-low-back-pain"]
    home = render_home(store)
    updated = home[home.index("Recently updated"):home.index("Browse by category")]
    assert '<b>2 December 2026:</b> <a href="factsheet:chronic-low-back-pain">Chronic low back pain</a>' \
        in updated
    assert "Gout" not in updated  # first published only: not an update


def test_a_day_with_many_updates_names_a_few_and_counts_the_rest(content):
    log = ('[[changes]]\ndate = 2026-11-25\ntext = "First published."\n\n'
           '[[changes]]\ndate = 2026-12-02\ntext = "Reviewed."\n\n')
    for i in range(12):
        content.add(f"condition-{i:02d}", title=f"Condition {i:02d}", tables=log)
    home = render_home(load_content(content.root))
    updated = home[home.index("Recently updated"):home.index("Browse by category")]
    assert "12 factsheets, among them" in updated and "and 4 more" in updated
    assert updated.count('href="factsheet:') == 8
