"""What an install changed, factsheet by factsheet, for the person who ran it."""

from __future__ import annotations

from dataclasses import dataclass

from reader.content.store import ContentStore
from reader.render.dates import long_date


@dataclass(frozen=True)
class ContentChanges:
    """Titles of factsheets added, updated (file changed) and removed, each A–Z."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    # (title, change log line) for each added or updated factsheet, from the entries of its
    # change log that the previous content did not have, A–Z by title.
    notes: tuple[tuple[str, str], ...] = ()

    def summary(self) -> str:
        """`2 factsheets added, 5 updated and 1 removed`, leaving out what did not happen."""
        parts = [(len(titles), verb) for titles, verb in
                 ((self.added, "added"), (self.updated, "updated"), (self.removed, "removed"))
                 if titles]
        if not parts:
            return "no factsheets changed"
        n, verb = parts[0]
        words = [f"{n} factsheet{'s' if n != 1 else ''} {verb}"] + [f"{n} {v}" for n, v in parts[1:]]
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def compare(old: ContentStore | None, new: ContentStore) -> ContentChanges:
    before = {s.slug: s for s in old} if old is not None else {}
    after = {s.slug: s for s in new}
    added = [after[s].title for s in after.keys() - before.keys()]
    removed = [before[s].title for s in before.keys() - after.keys()]
    changed = [s for s in after.keys() & before.keys() if after[s].digest != before[s].digest]
    updated = [after[s].title for s in changed]
    notes = []
    for slug in [*(after.keys() - before.keys()), *changed]:
        sheet, old_entries = after[slug], set(before[slug].changes) if slug in before else set()
        new_entries = [c for c in sheet.changes if c not in old_entries]
        if slug not in before:
            new_entries = new_entries[:1]  # a new factsheet: its latest line says enough
        notes += [(sheet.title, f"{long_date(c.date)}: {c.text}") for c in new_entries]
    notes.sort(key=lambda n: n[0].casefold())
    return ContentChanges(tuple(sorted(added, key=str.casefold)),
                          tuple(sorted(updated, key=str.casefold)),
                          tuple(sorted(removed, key=str.casefold)), tuple(notes))
