"""The bundled pack passes `check` and follows the editorial rules in docs/content-format.md."""

from __future__ import annotations

import re

import pytest

from reader.cli import main
from reader.content import load_content
from reader.content.model import REFERENCE_TYPES
from tests.conftest import BUNDLED

SECTIONS = ["What is it?", "How acupuncture may help", "What the research says",
            "What to expect", "Safety", "When to see a GP"]
STORE = load_content(BUNDLED)
SHEETS = list(STORE)


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
    assert 3 <= len(sheet.references) <= 8
    assert len(sheet.related) >= 2
    headings = re.findall(r"^## (.+?)\s*$", sheet.body, flags=re.MULTILINE)
    assert headings == SECTIONS
    assert sheet.question.startswith("Can ") and sheet.question.endswith("?")
    for ref in sheet.references:
        assert ref.type in REFERENCE_TYPES
        assert ref.doi or ref.pmid
        assert ref.verified and all(v.url.startswith(("https://", "http://")) for v in ref.verified)


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
