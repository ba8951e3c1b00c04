from __future__ import annotations

import json

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
    assert (tmp_path / "settings.json.damaged").read_text() == "{broken"
    assert "unreadable" in caplog.text


def test_wrongly_typed_values_are_ignored(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"zoom": "big", "check_updates_on_start": 1, "theme": "dark"}))
    s = Settings.load(path)
    assert s.zoom == 0 and s.check_updates_on_start is False and s.theme == "dark"
