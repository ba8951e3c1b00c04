"""Search filters and results as plain data (importing this never imports Whoosh)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class SearchFilters:
    """Restrict hits to one category id and/or one evidence level id (None: no restriction)."""

    category: str | None = None
    evidence: str | None = None


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
