"""Search filters and results as plain data (importing this never imports Whoosh)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# The heading above the weak hits, in the window, the kiosk and the command line alike.
WEAK_HEADING = "Also mentioned in"


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
    return [_plain_hit(s) for s in store if _passes(s, filters)]


def _plain_hit(sheet) -> Hit:
    """A factsheet as a hit with no score or snippet (not found by the full-text search)."""
    return Hit(slug=sheet.slug, title=sheet.title, question=sheet.question,
               category=sheet.category, evidence=sheet.evidence.level, score=0.0, snippet="",
               snippet_text="")


def _passes(sheet, filters: SearchFilters) -> bool:
    return ((filters.category is None or sheet.category == filters.category)
            and (filters.evidence is None or sheet.evidence.level == filters.evidence))


def name_hits(store, text: str, filters: SearchFilters) -> list[Hit]:
    """The factsheets whose title or an alias has every word of `text` as the start of one
    of its words ("migr" finds Migraine, "lbp" Chronic low back pain), those whose title
    starts with the words first, then A–Z; the filters apply. The window shows these while
    the full-text index is still opening, so typing at once is answered at once (about 2 ms
    for 80 factsheets, folded as the A–Z list folds titles)."""
    from reader.content.store import sort_key

    words = sort_key(text).split()
    if not words:
        return []
    found = []
    for sheet in store:
        if not _passes(sheet, filters):
            continue
        names = [sort_key(name).split() for name in (sheet.title, *sheet.aliases)]
        if any(all(any(w.startswith(q) for w in name) for q in words) for name in names):
            found.append((not _starts(names[0], words), sheet.title.casefold(), sheet))
    found.sort(key=lambda entry: entry[:2])
    return [_plain_hit(sheet) for _first, _title, sheet in found]


def _starts(title_words: list[str], words: list[str]) -> bool:
    """Whether the title begins with the query's words (the last one may be unfinished)."""
    if len(title_words) < len(words):
        return False
    return (title_words[:len(words) - 1] == words[:-1]
            and title_words[len(words) - 1].startswith(words[-1]))


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
    weak: bool = False  # matched only in body text, or few of the words: "Also mentioned in"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    corrected: str | None = None  # the corrected query the hits are for, when one was needed
    missing: tuple[str, ...] = ()  # words of that query no factsheet holds (hits match the rest)
    total: int = 0  # factsheets that match in all; `hits` holds the best of them
    strong: int | None = None  # of `total`, those that are not weak matches (None: all of them)

    @property
    def strong_total(self) -> int:
        total = max(self.total, len(self.hits))
        return total if self.strong is None else min(self.strong, total)

    def count_text(self) -> str:
        """`3 factsheets`, `30 of 64 factsheets (the best matches first)`, `3 factsheets; 24
        more mention these words`, or `No factsheet is about these words; 24 mention them`."""
        total = max(self.total, len(self.hits))
        strong = self.strong_total
        weak = total - strong
        listed = sum(1 for hit in self.hits if not hit.weak)
        if strong == 0:
            return (f"No factsheet is about these words; {weak} "
                    f"{'mentions them' if weak == 1 else 'mention them'}")
        noun = "factsheet" if strong == 1 else "factsheets"
        text = (f"{listed} of {strong} {noun} (the best matches first)" if strong > listed
                else f"{strong} {noun}")
        if weak:
            text += f"; {weak} more {'mentions' if weak == 1 else 'mention'} these words"
        return text


def result_summary(result: SearchResult, filtered: bool = False) -> str:
    """The one line the window, the kiosk and the command line show about a search: the
    correction made, how many factsheets match, and the words no factsheet holds."""
    if not result.hits:
        if filtered:
            return ("No factsheets match with these filters. Try “All categories” or "
                    "“Any evidence”.")
        return "No factsheets match. Try another word, a symptom, or fewer words."
    text = f"{result.count_text()}."
    if result.corrected:
        text = (f"Showing results for “{result.corrected}” instead of "
                f"“{result.query.strip()}”. {text}")
    if note := missing_note(result.missing):
        text += f" {note}"
    return text


def missing_note(missing: tuple[str, ...]) -> str:
    """What to tell the reader when some words of the query are in no factsheet, e.g.
    'No factsheet mentions “wetting”; these match your other words.' ("" when none)."""
    if not missing:
        return ""
    quoted = [f"“{word}”" for word in missing]
    words = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"No factsheet mentions {words}; these match your other words."
