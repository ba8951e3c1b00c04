"""Shared fixtures: small content folders built in tmp_path, and per-test user folders."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "content"

PACK_TOML = """\
id = "org.example.test"
title = "Test factsheets"
publisher = "Test publisher"
sequence = 1
version = "1.0"
date = 2026-11-01
language = "en-GB"
"""

REFERENCE = """\
[[references]]
key = "{key}"
type = "systematic-review"
authors = ["{author} AB", "Other CD"]
et_al = true
title = "{ref_title}"
journal = "J Test Med"
year = 2020
volume = "12"
issue = "3"
pages = "100-110"
doi = "10.1000/{key}"
pmid = "{pmid}"
finding = "A finding in our own words."
verified = [
  {{ url = "https://pubmed.ncbi.nlm.nih.gov/{pmid}/", date = 2026-11-25, fields = ["authors", "title", "journal", "year", "volume", "issue", "pages", "doi", "pmid"] }},
]
"""


def factsheet_text(
    title: str = "Chronic low back pain",
    *,
    question: str | None = None,
    category: str = "musculoskeletal",
    aliases: tuple[str, ...] = ("lumbago",),
    symptoms: tuple[str, ...] = ("Aching lower back",),
    summary: str = "A plain summary.",
    level: str = "moderate",
    related: tuple[str, ...] = (),
    refs: tuple[tuple[str, str, str, str], ...] = (("smith2020", "Smith", "A review", "111"),),
    body: str | None = None,
    extra_front: str = "",
    tables: str = "",
) -> str:
    """A valid factsheet file's text; change any part to make it invalid. `extra_front` adds
    top-level keys, `tables` adds tables (such as [[outcomes]]) after [evidence]."""
    question = question or f"Can acupuncture help {title.lower()}?"
    refs_text = "\n".join(
        REFERENCE.format(key=k, author=a, ref_title=t, pmid=p) for k, a, t, p in refs)
    cites = "".join(f" [@{k}]" for k, *_ in refs)
    if body is None:
        body = textwrap.dedent(f"""\
            ## What is it?

            {title} is described here.{cites}

            ## When to see a GP

            See your GP if it gets worse.
            """)
    q = lambda items: "[" + ", ".join(f'"{i}"' for i in items) + "]"  # noqa: E731
    return (
        "+++\n"
        f'title = "{title}"\n'
        f'question = "{question}"\n'
        f'category = "{category}"\n'
        f"aliases = {q(aliases)}\n"
        f"symptoms = {q(symptoms)}\n"
        f'summary = "{summary}"\n'
        "reviewed = 2026-11-25\n"
        "next_review = 2028-11-25\n"
        f"related = {q(related)}\n"
        f"{extra_front}"
        "\n[evidence]\n"
        f'level = "{level}"\n'
        'summary = "One sentence about the evidence."\n\n'
        f"{tables}"
        f"{refs_text}"
        "+++\n\n"
        f"{body}"
    )


class ContentFolder:
    """A content folder under tmp_path that tests can add factsheets to."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "factsheets").mkdir(parents=True)
        (root / "pack.toml").write_text(PACK_TOML, encoding="utf-8")

    def add(self, slug: str, text: str | None = None, **kwargs) -> Path:
        path = self.root / "factsheets" / f"{slug}.md"
        path.write_text(text if text is not None else factsheet_text(**kwargs), encoding="utf-8")
        return path


@pytest.fixture
def content(tmp_path) -> ContentFolder:
    return ContentFolder(tmp_path / "content")


@pytest.fixture
def sample_content(content) -> ContentFolder:
    """Three related factsheets."""
    content.add("chronic-low-back-pain", related=("sciatica",),
                aliases=("lumbago", "lower back pain", "LBP"),
                symptoms=("Aching or stiffness in the lower back",),
                body="## What is it?\n\nPain in the lower back for twelve weeks or more "
                     "[@smith2020]. See [sciatica](sciatica).\n")
    content.add("sciatica", title="Sciatica", related=("chronic-low-back-pain",),
                aliases=("trapped nerve",), symptoms=("Pain down the back of the leg",),
                refs=(("jones2019", "Jones", "Acupuncture for sciatica", "222"),))
    content.add("peripheral-neuropathy", title="Peripheral neuropathy", category="neurological",
                aliases=("pins and needles", "nerve damage"),
                symptoms=("Tingling or numbness in the feet",),
                refs=(("vickers2018", "Vickers", "Acupuncture for chronic pain", "333"),))
    return content


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A private per-user folder tree (FACTSHEET_READER_HOME) for the test."""
    folder = tmp_path / "home"
    monkeypatch.setenv("FACTSHEET_READER_HOME", str(folder))
    return folder


def tree_state(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every file and folder under `root` with its size, modification time and mode: equal
    before and after means nothing was written there."""
    root = Path(root)
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns, p.stat().st_mode)
            for p in [root, *root.rglob("*")]}
