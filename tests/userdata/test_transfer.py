"""Moving bookmarks and notes to another computer as a JSON file."""

from __future__ import annotations

import json

import pytest

from reader.userdata import transfer
from reader.userdata.database import UserData
from reader.userdata.transfer import (
    FORMAT,
    TransferError,
    import_data,
    read_export,
    write_export,
)


@pytest.fixture
def data(tmp_path):
    d = UserData.open(tmp_path / "a" / "userdata.sqlite3")
    d.add_bookmark("sciatica", "Sciatica", when="2026-01-01T00:00:00Z")
    d.save_note("migraine", "Migraine", "Zoë’s notes: “triggers” & {braces}\nline 2",
                when="2026-02-01T00:00:00Z")
    d.record_visit("asthma", "Asthma")
    return d


def write(tmp_path, doc, name="in.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc) if not isinstance(doc, str) else doc, encoding="utf-8")
    return path


def test_round_trip_to_a_new_computer(tmp_path, data):
    path = tmp_path / "export.json"
    assert write_export(data, path) == 2
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == FORMAT and doc["version"] == 1
    assert "recent" not in doc  # history stays on this computer

    other = UserData.open(tmp_path / "b" / "userdata.sqlite3")
    summary = import_data(other, read_export(path))
    assert (summary.bookmarks_added, summary.notes_added) == (1, 1)
    assert [b.slug for b in other.bookmarks()] == ["sciatica"]
    note = other.note("migraine")
    assert note.text == data.note("migraine").text
    assert note.updated == "2026-02-01T00:00:00Z"

    again = import_data(other, read_export(path))  # importing twice changes nothing
    assert again.unchanged == 2 and again.notes_added == again.bookmarks_added == 0
    assert other.note("migraine").text == data.note("migraine").text


def test_a_different_note_is_merged_never_overwritten(tmp_path, data):
    path = write(tmp_path, {"format": FORMAT, "version": 1, "notes": [
        {"slug": "migraine", "title": "Migraine", "text": "Written on the laptop",
         "created": "2026-03-01T00:00:00Z", "updated": "2026-03-01T00:00:00Z"}]})
    summary = import_data(data, read_export(path), when="2026-04-02T12:00:00Z")
    assert summary.notes_merged == 1
    text = data.note("migraine").text
    assert text.startswith("Zoë’s notes") and text.endswith("Written on the laptop")
    assert "--- Imported 2026-04-02 ---" in text
    assert "merged" in summary.describe()


def test_notes_for_factsheets_not_installed_are_imported(tmp_path):
    path = write(tmp_path, {"format": FORMAT, "version": 1, "notes": [
        {"slug": "not-in-this-pack", "title": "Gone", "text": "keep me"}]})
    d = UserData.open(tmp_path / "d.sqlite3")
    import_data(d, read_export(path))
    assert d.note("not-in-this-pack").title == "Gone"


@pytest.mark.parametrize("content, message", [
    ("{ not json", "line 1, column 3: not valid JSON"),
    ("[]", "not a Factsheet Reader bookmarks and notes export"),
    ({"format": "something-else", "version": 1}, "not a Factsheet Reader"),
    ({"format": FORMAT, "version": "1"}, "version: must be a whole number"),
    ({"format": FORMAT, "version": 9}, "version: written by a newer version"),
    ({"format": FORMAT, "version": 1, "bookmarks": {}}, "bookmarks: must be a list"),
    ({"format": FORMAT, "version": 1, "bookmarks": ["sciatica"]}, "bookmarks[0]: must be an object"),
    ({"format": FORMAT, "version": 1, "bookmarks": [{"slug": "../../etc"}]},
     "bookmarks[0].slug: not a factsheet name"),
    ({"format": FORMAT, "version": 1, "notes": [{"slug": "a", "text": 5}]},
     "notes[0].text: must be text"),
    ({"format": FORMAT, "version": 1, "notes": [{"slug": "a", "text": "x", "updated": "soon"}]},
     "notes[0].updated: not a date and time"),
])
def test_bad_files_are_rejected_with_where_and_why(tmp_path, content, message):
    path = write(tmp_path, content)
    with pytest.raises(TransferError) as info:
        read_export(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_binary_and_missing_and_huge_files(tmp_path, monkeypatch):
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    with pytest.raises(TransferError, match="not UTF-8"):
        read_export(binary)
    with pytest.raises(TransferError, match="cannot read the file"):
        read_export(tmp_path / "missing.json")
    monkeypatch.setattr(transfer, "MAX_FILE_BYTES", 10)
    with pytest.raises(TransferError, match="too large"):
        read_export(write(tmp_path, {"format": FORMAT, "version": 1}))


def test_one_bad_entry_imports_nothing(tmp_path, data):
    path = write(tmp_path, {"format": FORMAT, "version": 1,
                            "bookmarks": [{"slug": "asthma", "title": "Asthma"}],
                            "notes": [{"slug": "asthma", "text": "fine"},
                                      {"slug": "Bad Slug", "text": "x"}]})
    with pytest.raises(TransferError, match=r"notes\[1\]\.slug"):
        import_data(data, read_export(path))
    assert [b.slug for b in data.bookmarks()] == ["sciatica"]
    assert data.note("asthma") is None


def test_export_to_an_unwritable_place_says_so(tmp_path, data):
    with pytest.raises(TransferError, match="cannot write"):
        write_export(data, tmp_path / "no-such-folder" / "export.json")
    assert not list(tmp_path.glob("**/.export-*"))


def test_import_into_read_only_data_says_so(tmp_path, data):
    path = tmp_path / "export.json"
    write_export(data, path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    read_only = UserData.open(blocker / "userdata.sqlite3")
    with pytest.raises(Exception, match="read-only"):
        import_data(read_only, read_export(path))


@pytest.mark.parametrize("text, message", [
    ("[" * 100_000 + "]" * 100_000, "not valid JSON (nested too deeply)"),
    ('{"format": "x", "version": ' + "9" * 5001 + "}", "not valid JSON (Exceeds the limit"),
], ids=["deeply-nested", "5001-digit-number"])
def test_hostile_json_is_one_clear_error(tmp_path, text, message):
    path = tmp_path / "import.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TransferError) as info:
        read_export(path)
    assert message in str(info.value)
