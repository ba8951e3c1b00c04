"""Bookmarks, recently viewed and notes: kept across restarts and content updates, and never lost
to a damaged file, an unwritable folder or a failed write."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from reader.content import load_content
from reader.userdata import database
from reader.userdata.database import RECENT_LIMIT, SCHEMA_VERSION, UserData, UserDataError
from reader.userdata.note_status import NoteStatus, note_status, orphaned_notes

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "userdata.sqlite3"


def test_new_database_has_the_current_schema(db_path):
    data = UserData.open(db_path)
    assert data.writable and data.notice is None
    data.close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"bookmarks", "recent", "notes"} <= tables


def test_bookmarks_toggle_and_survive_a_restart(db_path):
    data = UserData.open(db_path)
    assert data.toggle_bookmark("sciatica", "Sciatica") is True
    data.add_bookmark("migraine", "Migraine", when="2030-01-01T00:00:00Z")
    assert data.is_bookmarked("sciatica")
    data.close()
    data = UserData.open(db_path)
    assert [b.slug for b in data.bookmarks()] == ["migraine", "sciatica"]  # newest first
    assert data.toggle_bookmark("sciatica", "Sciatica") is False
    assert [b.slug for b in data.bookmarks()] == ["migraine"]


def test_recently_viewed_is_latest_first_and_capped(db_path):
    data = UserData.open(db_path)
    for i in range(RECENT_LIMIT + 5):
        data.record_visit(f"sheet-{i}", f"Sheet {i}", when=f"2026-01-01T00:{i // 60:02}:{i % 60:02}Z")
    data.record_visit("sheet-3", "Sheet 3", when="2027-01-01T00:00:00Z")  # seen again
    recent = data.recent()
    assert len(recent) == RECENT_LIMIT
    assert recent[0].slug == "sheet-3"
    assert recent[1].slug == f"sheet-{RECENT_LIMIT + 4}"
    data.clear_recent()
    assert data.recent() == []


def test_notes_save_update_and_delete_when_emptied(db_path):
    data = UserData.open(db_path)
    first = data.save_note("sciatica", "Sciatica", "Ask about *leg pain*.", "abc",
                           when="2026-01-01T10:00:00Z")
    assert first is not None and first.created == first.updated == "2026-01-01T10:00:00Z"
    second = data.save_note("sciatica", "Sciatica", "Ask about leg pain.\nAnd sleep.", "abc",
                            when="2026-01-02T10:00:00Z")
    assert second.created == "2026-01-01T10:00:00Z" and second.updated == "2026-01-02T10:00:00Z"
    data.close()
    data = UserData.open(db_path)
    assert data.note("sciatica").text == "Ask about leg pain.\nAnd sleep."
    assert data.save_note("sciatica", "Sciatica", "   \n") is None
    assert data.note("sciatica") is None and data.notes() == []


def test_a_note_survives_a_content_update_and_then_its_factsheet_going(sample_content, db_path):
    store = load_content(sample_content.root)
    sheet = store.get("sciatica")
    data = UserData.open(db_path)
    data.save_note("sciatica", sheet.title, "My note", sheet.digest)
    assert note_status(data.note("sciatica"), store) is NoteStatus.CURRENT

    sample_content.add("sciatica", title="Sciatica", summary="A new summary.",
                       refs=(("jones2019", "Jones", "Acupuncture for sciatica", "222"),))
    store = load_content(sample_content.root)
    assert note_status(data.note("sciatica"), store) is NoteStatus.CHANGED
    assert data.note("sciatica").text == "My note"

    (sample_content.root / "factsheets" / "sciatica.md").unlink()
    (sample_content.root / "factsheets" / "chronic-low-back-pain.md").unlink()  # linked to it
    store = load_content(sample_content.root)
    note = data.note("sciatica")
    assert note.text == "My note" and note.title == "Sciatica"
    assert note_status(note, store) is NoteStatus.ORPHANED
    assert orphaned_notes(data.notes(), store) == [note]


def test_a_damaged_file_is_set_aside_not_wiped(db_path):
    db_path.parent.mkdir(parents=True)
    garbage = b"this is not a database " * 200
    db_path.write_bytes(garbage)
    data = UserData.open(db_path, clock=lambda: "2026-12-01T09:30:00Z")
    aside = db_path.with_name("userdata.sqlite3.damaged-20261201T093000Z")
    assert aside.read_bytes() == garbage
    assert "damaged" in data.notice and aside.name in data.notice
    assert data.writable
    data.add_bookmark("sciatica", "Sciatica")  # the new database works
    assert [b.slug for b in data.bookmarks()] == ["sciatica"]


def test_a_second_damaged_file_in_the_same_second_keeps_the_first(db_path):
    db_path.parent.mkdir(parents=True)
    clock = lambda: "2026-12-01T09:30:00Z"  # noqa: E731
    for text in (b"first damaged file " * 100, b"second damaged file " * 100):
        db_path.unlink(missing_ok=True)
        db_path.write_bytes(text)
        UserData.open(db_path, clock=clock).close()
    kept = sorted(p.read_bytes()[:6] for p in db_path.parent.glob("userdata.sqlite3.damaged-*")
                  if not p.name.endswith(("-journal", "-wal", "-shm")))
    assert kept == [b"first ", b"second"]


def test_a_database_with_a_broken_page_is_set_aside(db_path):
    data = UserData.open(db_path)
    for i in range(300):
        data.save_note(f"sheet-{i}", "T", "x" * 500)
    data.close()
    raw = bytearray(db_path.read_bytes())
    raw[4096 * 2: 4096 * 4] = b"\xff" * (4096 * 2)  # scribble over two b-tree pages
    db_path.write_bytes(bytes(raw))
    data = UserData.open(db_path, clock=lambda: "2026-12-01T09:30:00Z")
    assert data.notice and "damaged" in data.notice
    assert db_path.with_name("userdata.sqlite3.damaged-20261201T093000Z").read_bytes() == raw


def test_a_locked_database_is_left_alone(db_path, monkeypatch):
    UserData.open(db_path).close()
    before = db_path.read_bytes()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.05)
    try:
        data = UserData.open(db_path)
        assert not data.writable and "cannot be saved" in data.notice
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.damaged-*"))


def test_a_failed_write_raises_and_keeps_what_was_saved(db_path, monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.05)
    data = UserData.open(db_path)
    data.save_note("sciatica", "Sciatica", "first")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        with pytest.raises(UserDataError, match="could not save"):
            data.save_note("sciatica", "Sciatica", "second")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert data.note("sciatica").text == "first"
    data.save_note("sciatica", "Sciatica", "second")  # works again once the file is free
    assert data.note("sciatica").text == "second"


def test_a_transaction_is_all_or_nothing(db_path):
    data = UserData.open(db_path)
    with pytest.raises(UserDataError):
        with data.transaction() as batch:
            batch.put_bookmark(database.Bookmark("sciatica", "Sciatica", "2026-01-01T00:00:00Z"))
            batch.put_note(database.Note("x", "X", None, "t", "t"))  # NOT NULL text: fails
    assert data.bookmarks() == []


def test_an_unwritable_data_location_opens_empty_and_read_only(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    data = UserData.open(blocker / "userdata.sqlite3")
    assert not data.writable and "read-only" in data.notice
    assert data.bookmarks() == [] and data.notes() == []
    with pytest.raises(UserDataError, match="read-only"):
        data.add_bookmark("sciatica", "Sciatica")
    assert blocker.read_text() == "a file where the data folder should be"


@pytest.mark.skipif(ROOT or os.name == "nt", reason="needs a folder the user cannot write")
def test_a_read_only_folder_shows_existing_data_read_only(db_path):
    data = UserData.open(db_path)
    data.save_note("sciatica", "Sciatica", "kept")
    data.close()
    folder = db_path.parent
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        data = UserData.open(db_path)
        assert not data.writable and "read-only" in data.notice
        assert data.note("sciatica").text == "kept"
        with pytest.raises(UserDataError):
            data.save_note("sciatica", "Sciatica", "changed")
        data.close()
    finally:
        folder.chmod(stat.S_IRWXU)
    assert UserData.open(db_path).note("sciatica").text == "kept"


def test_read_only_detection_does_not_depend_on_permissions_tests(db_path, monkeypatch):
    # The same path as above for machines where the tests run as root (CI).
    UserData.open(db_path).save_note("sciatica", "Sciatica", "kept")
    monkeypatch.setattr(database.os, "access", lambda path, mode: False)
    data = UserData.open(db_path)
    assert not data.writable
    assert data.note("sciatica").text == "kept"


def test_a_database_from_a_newer_version_is_opened_read_only(db_path):
    UserData.open(db_path).add_bookmark("sciatica", "Sciatica")
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    data = UserData.open(db_path)
    assert not data.writable and "newer version" in data.notice
    assert [b.slug for b in data.bookmarks()] == ["sciatica"]
    data.close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_migrations_run_in_order_and_keep_data(db_path, monkeypatch):
    data = UserData.open(db_path)
    data.add_bookmark("sciatica", "Sciatica")
    data.close()

    def v2(conn):
        conn.execute("ALTER TABLE bookmarks ADD COLUMN folder TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(database, "MIGRATIONS", database.MIGRATIONS + (v2,))
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    data = UserData.open(db_path)
    assert [b.slug for b in data.bookmarks()] == ["sciatica"]
    data.close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert "folder" in [r[1] for r in conn.execute("PRAGMA table_info(bookmarks)")]


def test_a_failing_migration_changes_nothing(db_path, monkeypatch):
    UserData.open(db_path).add_bookmark("sciatica", "Sciatica")

    def broken(conn):
        conn.execute("ALTER TABLE bookmarks ADD COLUMN folder TEXT")
        conn.execute("THIS IS NOT SQL")

    monkeypatch.setattr(database, "MIGRATIONS", database.MIGRATIONS + (broken,))
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    data = UserData.open(db_path)
    assert not data.writable
    assert [b.slug for b in data.bookmarks()] == ["sciatica"]
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "folder" not in [r[1] for r in conn.execute("PRAGMA table_info(bookmarks)")]
