from __future__ import annotations

import json

import pytest

from reader.settings import Settings


def test_defaults_when_missing(tmp_path):
    s = Settings.load(tmp_path / "settings.json")
    assert s.zoom == 0 and s.paper_size == "A4"


def test_round_trip_keeps_unknown_keys(tmp_path):
    path = tmp_path / "cfg" / "settings.json"
    s = Settings.load(path)
    s.zoom = 2
    s.clinic_name = "Riverside Clinic"
    s.extra["from_a_newer_version"] = [1, 2]
    s.save()
    again = Settings.load(path)
    assert again.zoom == 2 and again.clinic_name == "Riverside Clinic"
    assert again.extra == {"from_a_newer_version": [1, 2]}
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temporary files


def test_damaged_file_is_set_aside_not_lost(tmp_path, caplog):
    path = tmp_path / "settings.json"
    path.write_text("{broken", encoding="utf-8")
    s = Settings.load(path)
    assert s.zoom == 0
    (aside,) = tmp_path.glob("settings.json.damaged-*")
    assert aside.read_text() == "{broken" and not path.exists()
    assert "damaged" in caplog.text and aside.name in caplog.text


@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,                      # nested past Python's recursion limit
    '{"zoom": ' + "9" * 5001 + "}",                     # more digits than int() accepts
    b"\xff\xfe not UTF-8".decode("latin-1"),
], ids=["deeply-nested", "5001-digit-number", "not-utf8"])
def test_any_unreadable_json_is_set_aside_and_the_app_starts(tmp_path, text):
    path = tmp_path / "settings.json"
    path.write_bytes(text.encode("latin-1") if text.startswith("\xff") else text.encode())
    assert Settings.load(path).zoom == 0  # defaults, no exception
    assert not path.exists() and len(list(tmp_path.glob("settings.json.damaged-*"))) == 1
    assert Settings.load(path).zoom == 0  # and the next start is clean


def test_a_second_damaged_file_never_overwrites_the_first(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{first", encoding="utf-8")
    Settings.load(path)
    path.write_text("{second", encoding="utf-8")
    Settings.load(path)
    kept = sorted(p.read_text() for p in tmp_path.glob("settings.json.damaged-*"))
    assert kept == ["{first", "{second"]


def test_wrongly_typed_values_are_ignored(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"zoom": "big", "check_updates_on_start": 1, "theme": "dark"}))
    s = Settings.load(path)
    assert s.zoom == 0 and s.check_updates_on_start is False and s.theme == "dark"
