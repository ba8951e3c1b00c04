"""Parsing one factsheet file: the happy path and every kind of validation error."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from reader.content.factsheet_file import parse_factsheet
from tests.conftest import factsheet_text


def parse(tmp_path, text: str, slug: str = "chronic-low-back-pain"):
    path = tmp_path / f"{slug}.md"
    path.write_text(text, encoding="utf-8")
    return parse_factsheet(path)


def messages(errors) -> list[str]:
    return [e.message for e in errors]


def test_valid_factsheet_becomes_a_frozen_model(tmp_path):
    sheet, errors = parse(tmp_path, factsheet_text())
    assert errors == []
    assert sheet.slug == "chronic-low-back-pain"
    assert sheet.title == "Chronic low back pain"
    assert sheet.aliases == ("lumbago",)
    assert sheet.reviewed == dt.date(2026, 11, 25)
    assert sheet.evidence.label == "Moderate evidence"
    ref = sheet.reference("smith2020")
    assert ref.authors == ("Smith AB", "Other CD") and ref.et_al
    assert ref.doi_url == "https://doi.org/10.1000/smith2020"
    assert ref.pubmed_url == "https://pubmed.ncbi.nlm.nih.gov/111/"
    assert "## What is it?" in sheet.body
    with pytest.raises(dataclasses.FrozenInstanceError):
        sheet.title = "changed"  # frozen


def test_missing_front_matter(tmp_path):
    sheet, errors = parse(tmp_path, "# Just markdown\n")
    assert sheet is None
    assert errors[0].line == 1 and "missing front matter" in errors[0].message


def test_unterminated_front_matter(tmp_path):
    sheet, errors = parse(tmp_path, "+++\ntitle = 'x'\n\nbody\n")
    assert sheet is None and "missing front matter" in errors[0].message


def test_malformed_toml_reports_the_file_line(tmp_path):
    text = factsheet_text().replace('category = "musculoskeletal"', "category = musculoskeletal")
    sheet, errors = parse(tmp_path, text)
    assert sheet is None
    assert errors[0].line == 4  # line 1 is '+++', the bad value is on line 4 of the file
    assert "malformed TOML" in errors[0].message


def test_not_utf8(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(b"+++\ntitle = '\xff'\n+++\n")
    sheet, errors = parse_factsheet(path)
    assert sheet is None and "UTF-8" in errors[0].message


def test_missing_required_keys(tmp_path):
    text = factsheet_text().replace('question = "Can acupuncture help chronic low back pain?"\n', "")
    sheet, errors = parse(tmp_path, text)
    assert sheet is None
    assert "missing required key 'question'" in messages(errors)


def test_unknown_key_names_its_line(tmp_path):
    text = factsheet_text(extra_front='sumary = "typo"\n')
    sheet, errors = parse(tmp_path, text)
    assert sheet is None
    (err,) = [e for e in errors if "unknown key 'sumary'" in e.message]
    assert text.split("\n")[err.line - 1].startswith("sumary")


def test_bad_dates(tmp_path):
    text = factsheet_text().replace("reviewed = 2026-11-25", 'reviewed = "last week"')
    _, errors = parse(tmp_path, text)
    assert any("'reviewed' must be a date" in m for m in messages(errors))
    text = factsheet_text().replace("next_review = 2028-11-25", "next_review = 2025-01-01")
    _, errors = parse(tmp_path, text)
    assert "'next_review' must be after 'reviewed'" in messages(errors)


def test_unknown_category_and_evidence_level(tmp_path):
    _, errors = parse(tmp_path, factsheet_text(category="miracles", level="certain"))
    text = " ".join(messages(errors))
    assert "unknown category 'miracles'" in text
    assert "unknown evidence level 'certain'" in text


def test_bad_slug_file_name(tmp_path):
    _, errors = parse(tmp_path, factsheet_text(), slug="Back_Pain")
    assert any("not a valid slug" in m for m in messages(errors))


def test_citation_of_unknown_key_names_its_body_line(tmp_path):
    body = "## What is it?\n\nText [@smith2020].\n\nMore text [@nobody2001].\n"
    text = factsheet_text(body=body)
    _, errors = parse(tmp_path, text)
    (err,) = [e for e in errors if "nobody2001" in e.message]
    assert "[@nobody2001]" in text.split("\n")[err.line - 1]


def test_reference_never_cited(tmp_path):
    _, errors = parse(tmp_path, factsheet_text(body="## What is it?\n\nNo citations.\n"))
    assert "reference 'smith2020' is never cited in the body" in messages(errors)


def test_duplicate_reference_keys(tmp_path):
    refs = (("smith2020", "Smith", "A", "1"), ("smith2020", "Smith", "B", "2"))
    _, errors = parse(tmp_path, factsheet_text(refs=refs))
    assert "duplicate reference key 'smith2020'" in messages(errors)


def test_reference_field_not_confirmed_is_rejected(tmp_path):
    text = factsheet_text().replace('"pages", "doi", "pmid"]', '"doi", "pmid"]')
    _, errors = parse(tmp_path, text)
    (err,) = [e for e in errors if "not confirmed" in e.message]
    assert "pages" in err.message
    assert text.split("\n")[err.line - 1].lstrip().startswith("verified")


def test_reference_needs_doi_or_pmid(tmp_path):
    text = factsheet_text().replace('doi = "10.1000/smith2020"\n', "").replace('pmid = "111"\n', "")
    _, errors = parse(tmp_path, text)
    assert any("needs a confirmed 'doi' or 'pmid'" in m for m in messages(errors))


def test_reference_field_formats(tmp_path):
    text = (factsheet_text().replace('pmid = "111"', 'pmid = "PMID111"')
            .replace('doi = "10.1000/smith2020"', 'doi = "https://doi.org/10.1/x"')
            .replace("year = 2020", 'year = "2020"'))
    _, errors = parse(tmp_path, text)
    joined = " ".join(messages(errors))
    assert "'pmid' must be digits only" in joined
    assert "bare DOI" in joined
    assert "'year' must be a four-digit year" in joined


def test_reference_without_verification_record(tmp_path):
    text = factsheet_text()
    start = text.index("verified = [")
    end = text.index("]\n", text.index("fields", start) + 80) + 2
    _, errors = parse(tmp_path, text[:start] + text[end:])
    assert any("missing required key 'verified'" in m for m in messages(errors))


OUTCOME = """\
[[outcomes]]
outcome = "Pain at 3 months"
comparison = "Sham acupuncture"
result = "A little less pain than sham"
studies = 12
participants = 869
certainty = "moderate"
certainty_by = "review"
references = ["smith2020"]

"""
CHANGE = """\
[[changes]]
date = 2026-12-02
text = "Added the 2018 Cochrane review; evidence level unchanged."

[[changes]]
date = 2026-11-25
text = "First published."

"""


def test_research_at_a_glance_and_change_log_are_parsed(tmp_path):
    sheet, errors = parse(tmp_path, factsheet_text(
        extra_front="evidence_searched = 2026-12-01\n", tables=OUTCOME + CHANGE))
    assert errors == []
    assert sheet.evidence_searched == dt.date(2026, 12, 1)
    (row,) = sheet.outcomes
    assert (row.outcome, row.comparison, row.certainty_label, row.certainty_source_label) == (
        "Pain at 3 months", "Sham acupuncture", "Moderate", "rated by the review")
    assert row.references == ("smith2020",) and row.size_label == "12 trials, 869 people"
    assert [c.text for c in sheet.changes] == [
        "Added the 2018 Cochrane review; evidence level unchanged.", "First published."]


def test_the_new_keys_are_optional_for_other_packs(tmp_path):
    sheet, errors = parse(tmp_path, factsheet_text())
    assert errors == [] and sheet.outcomes == () and sheet.changes == ()
    assert sheet.evidence_searched is None


def test_an_outcome_row_citing_a_missing_reference_is_rejected_at_its_line(tmp_path):
    text = factsheet_text(tables=OUTCOME.replace('["smith2020"]', '["smith2020", "jones2019"]'))
    sheet, errors = parse(tmp_path, text)
    assert sheet is None
    (error,) = errors
    assert "outcome 1: cites 'jones2019', which is not one of this factsheet's references" \
        in error.message
    assert text.split("\n")[error.line - 1].startswith("references = [")


def test_outcome_rows_are_validated(tmp_path):
    bad = (OUTCOME.replace('certainty = "moderate"', 'certainty = "medium"')
           .replace('certainty_by = "review"', 'certainty_by = "me"')
           .replace("studies = 12", 'studies = "12"')
           .replace('result = "A little less pain than sham"\n', "")
           + "[[outcomes]]\noutcome = \"Function\"\ncomparison = \"Usual care\"\n"
             "result = \"Better\"\ncertainty = \"low\"\ncertainty_by = \"ours\"\nreferences = []\n"
             "colour = \"red\"\n\n")
    _, errors = parse(tmp_path, factsheet_text(tables=bad))
    joined = " | ".join(messages(errors))
    assert "outcome 1: unknown certainty 'medium'" in joined
    assert "outcome 1: 'certainty_by' must be one of: review, ours" in joined
    assert "outcome 1: 'studies' must be a whole number" in joined
    assert "outcome 1: missing required key 'result'" in joined
    assert "outcome 2: 'references' must be a non-empty list" in joined
    assert "outcome 2: unknown key 'colour'" in joined


def test_change_log_entries_need_a_date_and_a_sentence(tmp_path):
    bad = '[[changes]]\ndate = "December"\ntext = ""\n\n'
    _, errors = parse(tmp_path, factsheet_text(tables=bad, extra_front="evidence_searched = 5\n"))
    joined = " | ".join(messages(errors))
    assert "change 1: 'date' must be a date" in joined
    assert "change 1: 'text' must say in a sentence what changed" in joined
    assert "'evidence_searched' must be a date" in joined
