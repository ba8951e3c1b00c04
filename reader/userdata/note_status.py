"""How a note stands against the content that is installed now."""

from __future__ import annotations

from enum import Enum

from reader.content.store import ContentStore
from reader.userdata.database import Note


class NoteStatus(Enum):
    CURRENT = "current"  # the factsheet is as it was when the note was last saved
    CHANGED = "changed"  # the factsheet has been updated since
    ORPHANED = "orphaned"  # the factsheet is no longer in the content; the note is kept


def note_status(note: Note, store: ContentStore) -> NoteStatus:
    sheet = store.get(note.slug)
    if sheet is None:
        return NoteStatus.ORPHANED
    if note.factsheet_digest and sheet.digest and note.factsheet_digest != sheet.digest:
        return NoteStatus.CHANGED
    return NoteStatus.CURRENT


def orphaned_notes(notes: list[Note], store: ContentStore) -> list[Note]:
    """Notes whose factsheet has gone from the content (kept, and shown as such)."""
    return [n for n in notes if store.get(n.slug) is None]
