"""Synthetic factsheet-sized documents for benchmarks, built from the bundled content's own words.

Each generated factsheet samples titles, aliases and body text from the real vocabulary (weighted
by how often each word occurs), so term statistics look like the real thing at any scale.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import re
from pathlib import Path

from reader.content import ContentStore, Factsheet, load_content
from reader.content.store import sort_key

REPO = Path(__file__).resolve().parent.parent
WORD_RE = re.compile(r"[A-Za-z][a-z]+")


def bundled_store() -> ContentStore:
    return load_content(REPO / "content")


def synthetic_store(n: int, seed: int = 7) -> ContentStore:
    """A store of `n` generated factsheets (the bundled ones first, as many as fit)."""
    base = bundled_store()
    real = list(base)
    rng = random.Random(seed)
    words = [w.lower() for s in real for w in WORD_RE.findall(s.body)]
    title_words = [w.lower() for s in real for w in WORD_RE.findall(s.title + " " + " ".join(s.aliases))]
    sheets: dict[str, Factsheet] = {}
    for sheet in real[:n]:
        sheets[sheet.slug] = sheet
    i = 0
    while len(sheets) < n:
        i += 1
        template = real[i % len(real)]
        title = " ".join(rng.choice(title_words) for _ in range(rng.randint(2, 4))).capitalize()
        slug = f"synthetic-{i}"
        paragraphs = []
        for _ in range(rng.randint(8, 12)):
            sentence_count = rng.randint(3, 6)
            sentences = [" ".join(rng.choices(words, k=rng.randint(10, 22))).capitalize() + "."
                         for _ in range(sentence_count)]
            paragraphs.append(" ".join(sentences))
        body = "\n\n".join(f"## Section {k}\n\n{p}" for k, p in enumerate(paragraphs))
        sheets[slug] = dataclasses.replace(
            template, slug=slug, title=title, question=f"Can acupuncture help {title.lower()}?",
            aliases=tuple(" ".join(rng.choices(title_words, k=2)) for _ in range(3)),
            summary=" ".join(rng.choices(words, k=40)).capitalize() + ".", body=body,
            references=template.references, related=())
    ordered = tuple(sorted(sheets.values(), key=lambda s: (sort_key(s.title), s.slug)))
    digest = hashlib.sha256(f"synthetic-{n}-{seed}-{base.digest}".encode()).hexdigest()
    return ContentStore(base.root, base.pack, sheets, (), digest, ordered)
