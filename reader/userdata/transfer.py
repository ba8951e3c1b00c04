"""Bookmarks and notes to and from a JSON file, for moving to another computer.

The file is read whole and checked before anything is written; one bad entry rejects the file with
a message that says where (`notes[2].text: must be text`), and then nothing is imported. Import
never loses what is already here: bookmarks are merged, and a note that differs from the one on
this computer is added below it rather than replacing it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from reader.atomic_write import write_text_atomically
from reader.content.markup import SLUG_RE
from reader.json_text import JSONTextError, parse_json
from reader.userdata.database import Bookmark, Note, UserData, now_iso

FORMAT = "factsheet-reader/bookmarks-and-notes"
VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_NOTE_CHARS = 1_000_000
MERGE_RULE = "\n\n--- Imported {when} ---\n\n"


class TransferError(Exception):
    """A file that cannot be imported or written: where in it, and what is wrong."""

    def __init__(self, path: Path, where: str, message: str) -> None:
        super().__init__(f"{path}: {where}: {message}" if where else f"{path}: {message}")
        self.path = path
        self.where = where
        self.message = message


@dataclass(frozen=True)
class Exported:
    """A parsed export file."""

    bookmarks: tuple[Bookmark, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class ImportSummary:
    bookmarks_added: int = 0
    notes_added: int = 0
    notes_merged: int = 0
    unchanged: int = 0

    def describe(self) -> str:
        parts = [f"{self.bookmarks_added} bookmark{'s' if self.bookmarks_added != 1 else ''} "
                 "added", f"{self.notes_added} note{'s' if self.notes_added != 1 else ''} added"]
        if self.notes_merged:
            parts.append(f"{self.notes_merged} note{'s' if self.notes_merged != 1 else ''} "
                         "merged with the one already here")
        if self.unchanged:
            parts.append(f"{self.unchanged} already here")
        return ", ".join(parts) + "."


def export_data(data: UserData) -> dict:
    """The bookmarks and notes as a JSON-ready dict."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": now_iso(),
        "bookmarks": [{"slug": b.slug, "title": b.title, "created": b.created}
                      for b in data.bookmarks()],
        "notes": [{"slug": n.slug, "title": n.title, "text": n.text, "created": n.created,
                   "updated": n.updated} for n in data.notes()],
    }


def write_export(data: UserData, path: Path) -> int:
    """Write the export file atomically; returns how many items it holds. Raises TransferError."""
    path = Path(path)
    payload = export_data(data)
    text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    try:
        write_text_atomically(path, text)
    except OSError as exc:
        raise TransferError(path, "", f"cannot write the file: {exc.strerror or exc}") from exc
    return len(payload["bookmarks"]) + len(payload["notes"])


def read_export(path: Path) -> Exported:
    """Parse and check an export file; raises TransferError naming the first problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TransferError(path, "", f"the file is too large ({size // 1024 // 1024} MB) to "
                                          "be a bookmarks and notes export")
        raw = path.read_bytes()
    except OSError as exc:
        raise TransferError(path, "", f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TransferError(path, "", "not a bookmarks and notes export (not UTF-8 text)") from exc
    try:
        doc = parse_json(text)
    except JSONTextError as exc:
        raise TransferError(path, exc.where, f"not valid JSON ({exc.reason})") from None
    return parse_export(doc, path)


def parse_export(doc: object, path: Path) -> Exported:
    def fail(where: str, message: str):
        raise TransferError(path, where, message)

    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        fail("", "not a Factsheet Reader bookmarks and notes export")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        fail("version", "must be a whole number")
    if version > VERSION:
        fail("version", f"written by a newer version of Factsheet Reader (format {version}); "
                        "update this copy to import it")
    bookmarks, notes = [], []
    for i, item in enumerate(_list(doc, "bookmarks", path)):
        where = f"bookmarks[{i}]"
        _object(item, where, path)
        bookmarks.append(Bookmark(
            slug=_slug(item, where, path),
            title=_text(item, "title", where, path, required=False) or item["slug"],
            created=_time(item, "created", where, path)))
    for i, item in enumerate(_list(doc, "notes", path)):
        where = f"notes[{i}]"
        _object(item, where, path)
        note_text = _text(item, "text", where, path)
        if len(note_text) > MAX_NOTE_CHARS:
            fail(f"{where}.text", f"longer than {MAX_NOTE_CHARS} characters")
        created = _time(item, "created", where, path)
        notes.append(Note(
            slug=_slug(item, where, path),
            title=_text(item, "title", where, path, required=False) or item["slug"],
            text=note_text, created=created,
            updated=_time(item, "updated", where, path, default=created)))
    return Exported(tuple(bookmarks), tuple(notes))


def import_data(data: UserData, exported: Exported, when: str | None = None) -> ImportSummary:
    """Merge `exported` into `data` in one transaction (all of it or none of it)."""
    when = when or now_iso()
    added_b = added_n = merged = same = 0
    with data.transaction() as batch:
        for bookmark in exported.bookmarks:
            if batch.put_bookmark(bookmark):
                added_b += 1
            else:
                same += 1
        for note in exported.notes:
            here = batch.get_note(note.slug)
            if here is None:
                batch.put_note(note)
                added_n += 1
            elif here.text.strip() == note.text.strip() or note.text.strip() in here.text:
                same += 1
            else:
                joined = here.text.rstrip() + MERGE_RULE.format(when=when[:10]) + note.text.strip()
                batch.put_note(Note(here.slug, here.title, joined, here.created, when,
                                    here.factsheet_digest))
                merged += 1
    return ImportSummary(added_b, added_n, merged, same)


def _list(doc: dict, key: str, path: Path) -> list:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise TransferError(path, key, "must be a list")
    return value


def _object(item: object, where: str, path: Path) -> None:
    if not isinstance(item, dict):
        raise TransferError(path, where, "must be an object with slug, title, ...")


def _slug(item: dict, where: str, path: Path) -> str:
    slug = item.get("slug")
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        raise TransferError(path, f"{where}.slug", f"not a factsheet name: {slug!r}")
    return slug


def _text(item: dict, key: str, where: str, path: Path, required: bool = True) -> str:
    value = item.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise TransferError(path, f"{where}.{key}", "must be text")
    return value


def _time(item: dict, key: str, where: str, path: Path, default: str | None = None) -> str:
    value = item.get(key)
    if value is None:
        return default or now_iso()
    if not isinstance(value, str):
        raise TransferError(path, f"{where}.{key}", "must be a date and time like "
                                                     "2026-11-25T10:00:00Z")
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise TransferError(path, f"{where}.{key}", f"not a date and time: {value!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
