"""Search filters and results as plain data (importing this never imports Whoosh)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class SearchFilters:
    """Restrict hits to one category id and/or one evidence level id (None: no restriction)."""

    category: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class FilterChoice:
    """One entry of a filter list: the id it filters on, what people see, and how many
    factsheets it leaves."""

    value: str
    label: str
    count: int

    @property
    def text(self) -> str:
        return f"{self.label} ({self.count})"


def filter_choices(store) -> tuple[list[FilterChoice], list[FilterChoice]]:
    """The categories and evidence levels the content has, in the usual order, with counts:
    a choice that would always leave nothing is not offered."""
    from reader.content.model import CATEGORIES, EVIDENCE_LEVELS

    by_category: dict[str, int] = {}
    by_level: dict[str, int] = {}
    for sheet in store:
        by_category[sheet.category] = by_category.get(sheet.category, 0) + 1
        by_level[sheet.evidence.level] = by_level.get(sheet.evidence.level, 0) + 1
    categories = [FilterChoice(cid, label, by_category[cid]) for cid, label in CATEGORIES.items()
                  if cid in by_category]
    levels = [FilterChoice(level, label, by_level[level])
              for level, (label, _meaning) in EVIDENCE_LEVELS.items() if level in by_level]
    return categories, levels


def browse_hits(store, filters: SearchFilters) -> list[Hit]:
    """Every factsheet the filters let through, A–Z, as hits: a filter with no words typed."""
    return [Hit(slug=s.slug, title=s.title, question=s.question, category=s.category,
                evidence=s.evidence.level, score=0.0, snippet="", snippet_text="")
            for s in store
            if (filters.category is None or s.category == filters.category)
            and (filters.evidence is None or s.evidence.level == filters.evidence)]


@dataclass(frozen=True)
class Hit:
    slug: str
    title: str
    question: str
    category: str
    evidence: str
    score: float
    snippet: str  # HTML, query words in <b>
    snippet_text: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    corrected: str | None = None  # the corrected query the hits are for, when one was needed
    missing: tuple[str, ...] = ()  # words of that query no factsheet holds (hits match the rest)
    total: int = 0  # factsheets that match in all; `hits` holds the best of them

    def count_text(self) -> str:
        """`3 factsheets`, or `30 of 64 factsheets` when only the best were listed."""
        total = max(self.total, len(self.hits))
        noun = "factsheet" if total == 1 else "factsheets"
        if total > len(self.hits):
            return f"{len(self.hits)} of {total} {noun} (the best matches first)"
        return f"{total} {noun}"


def missing_note(missing: tuple[str, ...]) -> str:
    """What to tell the reader when some words of the query are in no factsheet, e.g.
    'No factsheet mentions “wetting”; these match your other words.' ("" when none)."""
    if not missing:
        return ""
    quoted = [f"“{word}”" for word in missing]
    words = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"No factsheet mentions {words}; these match your other words."
