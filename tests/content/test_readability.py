"""Reading age of the factsheets: patients read them in waiting rooms.

Measured as Flesch-Kincaid grade with textstat (syllables from pyphen's bundled dictionaries, so
nothing is fetched). Headings, list items and paragraphs each count as a sentence, as a reader
meets them; citations and link targets are left out.
"""

from __future__ import annotations

import pytest
import textstat

from reader.content.markup import to_plain_text
from tests.content.test_bundled_content import STANDARD_SHEETS

SUMMARY_GRADE = 6.0  # a reading age of about 11
BODY_GRADE = 9.0


def prose(text: str) -> str:
    """`text` (Markdown) as sentences: each passage ends with a full stop if it has none."""
    lines = [line.strip() for line in to_plain_text(text).split("\n") if line.strip()]
    return " ".join(line if line[-1] in ".!?:" else line + "." for line in lines)


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(prose(text))


def test_the_measure_tells_plain_words_from_dense_ones():
    plain = "Acupuncture may ease the pain for a while. It does not work for everyone."
    dense = ("Methodological heterogeneity precluded quantitative synthesis of randomised "
             "controlled trials investigating electroacupuncture for musculoskeletal conditions.")
    assert grade(plain) <= SUMMARY_GRADE < BODY_GRADE < grade(dense)


def test_list_items_and_headings_are_sentences_of_their_own():
    listed = "## When to see a GP\n\n- a high temperature\n- pain that gets worse\n"
    assert prose(listed) == "When to see a GP. a high temperature. pain that gets worse."


@pytest.mark.parametrize("sheet", [s for s in STANDARD_SHEETS if s],
                         ids=[s.slug for s in STANDARD_SHEETS if s])
def test_summary_and_body_are_plain_enough(sheet):
    summary, body = grade(sheet.summary), grade(sheet.body)
    assert summary <= SUMMARY_GRADE, f"summary reads at grade {summary:.1f}"
    assert body <= BODY_GRADE, f"body reads at grade {body:.1f}"
