"""Frozen dataclasses for a pack of factsheets; the rest of the app never sees raw TOML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

# Category ids in the order the home page shows them, with the label people see.
CATEGORIES: dict[str, str] = {
    "pain": "Pain",
    "musculoskeletal": "Joints, muscles and back",
    "headache": "Headache and migraine",
    "neurological": "Nerves, brain and senses",
    "mental-health": "Mental health, sleep and habits",
    "womens-health": "Women's health",
    "fertility-pregnancy": "Fertility and pregnancy",
    "digestive": "Digestion",
    "urinary": "Bladder and kidneys",
    "respiratory": "Breathing and allergies",
    "skin": "Skin",
    "heart-metabolism": "Heart, circulation and metabolism",
    "cancer-care": "Cancer care",
    "general": "General health",
}

# Evidence levels, strongest first: id -> (label, what the level means).
EVIDENCE_LEVELS: dict[str, tuple[str, str]] = {
    "high": (
        "Strong evidence",
        "Several large, good-quality trials and reviews agree; further research is unlikely to "
        "change the picture.",
    ),
    "moderate": (
        "Moderate evidence",
        "Good-quality reviews find a benefit, but it is modest or uncertain in size, or sham "
        "comparisons are mixed.",
    ),
    "low": (
        "Limited evidence",
        "Some positive trials, but they are small, at risk of bias or inconsistent.",
    ),
    "very-low": (
        "Very limited evidence",
        "Few or poor-quality studies; we cannot say whether acupuncture helps.",
    ),
    "no-benefit": (
        "No clear benefit",
        "Good-quality trials found acupuncture no better than sham or usual care.",
    ),
}

REFERENCE_TYPES: dict[str, str] = {
    "systematic-review": "Systematic review",
    "meta-analysis": "Meta-analysis",
    "cochrane-review": "Cochrane review",
    "ipd-meta-analysis": "Individual patient data meta-analysis",
    "rct": "Randomised controlled trial",
    "guideline": "Guideline",
    "cohort": "Cohort study",
    "review": "Review",
    "other": "Other study",
}

# Certainty of one outcome in "Research at a glance", in GRADE's terms: id -> label.
CERTAINTY_LEVELS: dict[str, str] = {
    "high": "High",
    "moderate": "Moderate",
    "low": "Low",
    "very-low": "Very low",
}

# Who rated an outcome's certainty: the review itself (its GRADE rating) or our editors.
CERTAINTY_SOURCES: dict[str, str] = {
    "review": "rated by the review",
    "ours": "our rating",
}

# Bibliographic fields that must each be confirmed by a `verified` record when present.
BIBLIOGRAPHIC_FIELDS = (
    "authors", "title", "journal", "year", "volume", "issue", "pages", "doi", "pmid", "pmcid",
)


@dataclass(frozen=True)
class Verification:
    """A stored page a citation was checked against, and which fields it confirmed."""

    url: str
    date: dt.date | None
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    """One cited study."""

    key: str
    type: str
    authors: tuple[str, ...]
    title: str
    journal: str
    year: int
    finding: str
    verified: tuple[Verification, ...]
    et_al: bool = False
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None

    @property
    def type_label(self) -> str:
        return REFERENCE_TYPES.get(self.type, self.type)

    @property
    def doi_url(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else None

    @property
    def pubmed_url(self) -> str | None:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else None

    @property
    def confirmed_fields(self) -> frozenset[str]:
        return frozenset(f for v in self.verified for f in v.fields)


@dataclass(frozen=True)
class Evidence:
    level: str
    summary: str

    @property
    def label(self) -> str:
        return EVIDENCE_LEVELS[self.level][0]

    @property
    def meaning(self) -> str:
        return EVIDENCE_LEVELS[self.level][1]


@dataclass(frozen=True)
class Outcome:
    """One row of "Research at a glance": what was measured against what, and how sure we are."""

    outcome: str
    comparison: str
    result: str
    certainty: str
    certainty_by: str
    references: tuple[str, ...]
    studies: int | None = None
    participants: int | None = None

    @property
    def certainty_label(self) -> str:
        return CERTAINTY_LEVELS.get(self.certainty, self.certainty)

    @property
    def certainty_source_label(self) -> str:
        return CERTAINTY_SOURCES.get(self.certainty_by, self.certainty_by)

    @property
    def size_label(self) -> str:
        """`12 trials, 1,025 people`, as far as they are known; empty when neither is."""
        parts = []
        if self.studies is not None:
            parts.append(f"{self.studies:,} {'trial' if self.studies == 1 else 'trials'}")
        if self.participants is not None:
            parts.append(f"{self.participants:,} {'person' if self.participants == 1 else 'people'}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Change:
    """One dated line of a factsheet's change log."""

    date: dt.date
    text: str


@dataclass(frozen=True)
class Factsheet:
    """One condition's factsheet, parsed and validated."""

    slug: str
    title: str
    question: str
    category: str
    aliases: tuple[str, ...]
    symptoms: tuple[str, ...]
    summary: str
    evidence: Evidence
    reviewed: dt.date
    next_review: dt.date
    body: str
    related: tuple[str, ...] = ()
    # The usual medicines and therapies for the condition, by the names patients know them by:
    # search finds the factsheet by them; they are not shown as a claim on the page.
    treatments: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    evidence_searched: dt.date | None = None
    outcomes: tuple[Outcome, ...] = ()
    changes: tuple[Change, ...] = ()  # newest first
    path: Path | None = field(default=None, compare=False)
    body_line: int = field(default=1, compare=False)  # file line where the body starts
    digest: str = field(default="", compare=False)  # sha256 of the file's bytes

    @property
    def category_label(self) -> str:
        return CATEGORIES.get(self.category, self.category)

    def reference(self, key: str) -> Reference | None:
        """The reference with this key, or None."""
        for ref in self.references:
            if ref.key == key:
                return ref
        return None


@dataclass(frozen=True)
class PackInfo:
    """The identity of a content pack (`pack.toml`)."""

    id: str
    title: str
    publisher: str
    sequence: int
    version: str
    date: dt.date
    language: str

    @property
    def label(self) -> str:
        return f"{self.title} {self.version} ({self.date.isoformat()})"
