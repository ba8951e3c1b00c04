"""The bundled pack passes `check` and follows the editorial rules in docs/content-format.md."""

from __future__ import annotations

import re
import statistics

import pytest

from reader.cli import main
from reader.content import load_content
from reader.content.model import REFERENCE_TYPES
from tests.conftest import BUNDLED

SECTIONS = ["What is it?", "How acupuncture may help", "What the research says",
            "What to expect", "Safety", "When to see a GP"]
STORE = load_content(BUNDLED)
SHEETS = list(STORE)

# The evidence standard of docs/content-format.md ("Research at a glance", current evidence,
# 5-12 references, reading age), by the part of the content review that brought each sheet to it.
PARTS = {
    "A: pain, joints, headache and nerves": (
        "chronic-low-back-pain", "peripheral-neuropathy", "chronic-neck-pain",
        "knee-osteoarthritis", "fibromyalgia", "frozen-shoulder", "chronic-shoulder-pain",
        "tennis-elbow", "sciatica", "gout", "rheumatoid-arthritis", "temporomandibular-disorders",
        "post-operative-pain", "dental-pain", "plantar-heel-pain", "chronic-pain", "migraine",
        "tension-type-headache", "carpal-tunnel-syndrome", "bells-palsy",
        "post-herpetic-neuralgia", "trigeminal-neuralgia", "stroke-rehabilitation",
        "parkinsons-disease",
    ),
    "B: mental health, sleep, women's health, fertility and pregnancy": (
        "anxiety", "depression", "insomnia", "stress", "post-traumatic-stress-disorder",
        "smoking-cessation", "chronic-fatigue-syndrome", "menopausal-hot-flushes", "period-pain",
        "premenstrual-syndrome", "endometriosis", "polycystic-ovary-syndrome",
        "female-infertility", "ivf-support", "male-infertility", "pregnancy-nausea-and-vomiting",
        "pregnancy-pelvic-and-back-pain", "breech-presentation", "labour-pain",
    ),
    "C: digestion, bladder, breathing, skin, heart and metabolism, cancer care": (
        "irritable-bowel-syndrome", "functional-dyspepsia", "chronic-constipation",
        "post-operative-nausea-and-vomiting", "chemotherapy-nausea-and-vomiting",
        "overactive-bladder", "stress-urinary-incontinence", "recurrent-cystitis",
        "allergic-rhinitis", "asthma", "chronic-sinusitis", "acne", "atopic-eczema",
        "high-blood-pressure", "type-2-diabetes", "obesity", "raynauds-phenomenon", "tinnitus",
        "cancer-related-fatigue", "aromatase-inhibitor-joint-pain", "radiotherapy-dry-mouth",
        "restless-legs-syndrome",
    ),
    "D: conditions people looked up and found nothing for": (
        "chronic-prostatitis", "cancer-pain", "dry-eye", "heartburn-and-acid-reflux",
        "whiplash", "hip-osteoarthritis", "dizziness-and-vertigo", "infant-colic", "bedwetting",
        "memory-problems-and-dementia", "alcohol-and-drug-dependence", "persistent-hiccups",
        "enlarged-prostate", "stable-angina", "chronic-hives",
    ),
}
EVIDENCE_STANDARD = tuple(slug for slugs in PARTS.values() for slug in slugs)
# Factsheets still to be brought to the standard (they keep the first edition's rules): none.
NOT_YET: tuple[str, ...] = ()
# Every part's factsheets together reach a median of six studies.
MEDIAN_OF_SIX = ("A: pain, joints, headache and nerves",
                 "B: mental health, sleep, women's health, fertility and pregnancy",
                 "C: digestion, bladder, breathing, skin, heart and metabolism, cancer care",
                 "D: conditions people looked up and found nothing for")
STANDARD_SHEETS = [STORE.get(slug) for slug in EVIDENCE_STANDARD]


def test_check_passes_on_the_bundled_content(capsys):
    assert main(["check", str(BUNDLED)]) == 0, capsys.readouterr().out
    assert "no problems" in capsys.readouterr().out


def test_bundled_pack_is_complete():
    assert STORE.problems == ()
    assert STORE.pack is not None
    assert len(STORE) >= 2


@pytest.mark.parametrize("sheet", SHEETS, ids=[s.slug for s in SHEETS])
def test_editorial_rules(sheet):
    words = len(re.findall(r"\w+(?:['’-]\w+)*", re.sub(r"\[@[^\]]+\]", "", sheet.body)))
    assert 600 <= words <= 1200, f"body has {words} words"
    low, high = (5, 12) if sheet.slug in EVIDENCE_STANDARD else (3, 8)
    assert low <= len(sheet.references) <= high
    assert len(sheet.related) >= 2
    assert sheet.changes, "every bundled factsheet keeps a change log"
    assert sheet.changes[0].date <= STORE.pack.date, "a change dated after the pack's release"
    headings = re.findall(r"^## (.+?)\s*$", sheet.body, flags=re.MULTILINE)
    assert headings == SECTIONS
    assert sheet.question.startswith("Can ") and sheet.question.endswith("?")
    for ref in sheet.references:
        assert ref.type in REFERENCE_TYPES
        assert ref.doi or ref.pmid
        assert ref.verified and all(v.url.startswith(("https://", "http://")) for v in ref.verified)


def test_every_slug_in_the_standard_list_exists():
    assert all(STANDARD_SHEETS), [s for s, sheet in zip(EVIDENCE_STANDARD, STANDARD_SHEETS,
                                                         strict=True) if sheet is None]


@pytest.mark.parametrize("sheet", [s for s in STANDARD_SHEETS if s],
                         ids=[s.slug for s in STANDARD_SHEETS if s])
def test_factsheets_meet_the_evidence_standard(sheet):
    assert 5 <= len(sheet.references) <= 12, f"{len(sheet.references)} references"
    assert len(sheet.outcomes) >= 2, "Research at a glance needs at least two rows"
    assert sheet.evidence_searched is not None, "say when the evidence was last searched"
    assert sheet.changes[0].date >= sheet.evidence_searched, \
        "the change log says what the last search of the evidence changed"


@pytest.mark.parametrize("part", MEDIAN_OF_SIX)
def test_each_finished_part_cites_a_median_of_at_least_six_studies(part):
    counts = sorted(len(STORE.get(slug).references) for slug in PARTS[part] if STORE.get(slug))
    assert statistics.median(counts) >= 6, counts


@pytest.mark.parametrize("slug", PARTS["D: conditions people looked up and found nothing for"])
def test_a_new_factsheet_is_reached_from_the_sheets_it_names(slug):
    """A reader on a nearby page finds the new sheet under "Related": at least two other
    factsheets link to it, and every sheet it links to exists."""
    sheet = STORE.get(slug)
    linking = [s.slug for s in SHEETS if slug in s.related]
    assert all(STORE.get(other) for other in sheet.related), sheet.related
    assert len(linking) >= 2, f"only {linking} link to {slug}"


def test_every_bundled_factsheet_is_held_to_the_standard_or_listed_as_not_yet():
    assert sorted(EVIDENCE_STANDARD + NOT_YET) == sorted(s.slug for s in SHEETS)
    assert not set(EVIDENCE_STANDARD) & set(NOT_YET)


def test_a_study_cited_in_several_factsheets_is_recorded_the_same_way():
    """Students export references from many factsheets into one library: the same study must
    not arrive with a PMID from one factsheet and without it (or with other pages) from another."""
    fields = ("key", "type", "authors", "et_al", "title", "journal", "year", "volume", "issue",
              "pages", "doi", "pmid", "pmcid")
    first: dict[str, tuple[str, tuple]] = {}
    for sheet in SHEETS:
        for ref in sheet.references:
            ident = (ref.doi or ref.title).lower()
            record = tuple(getattr(ref, name) for name in fields)
            seen = first.setdefault(ident, (sheet.slug, record))
            assert seen[1] == record, (
                f"{ref.key} in {sheet.slug} differs from {seen[0]}: "
                + ", ".join(n for n, a, b in zip(fields, seen[1], record, strict=True) if a != b))
