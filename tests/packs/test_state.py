"""The state file: switched atomically, and never trusted blindly."""

from __future__ import annotations

import pytest

from reader.packs.errors import PackError
from reader.packs.state import STATE_FILE, PackState, read_state, write_state


def test_round_trip_and_no_temporary_files_left(tmp_path):
    state = PackState("a-2-1234abcd", "a-1-5678abcd", {"a": 2})
    write_state(tmp_path, state)
    assert read_state(tmp_path) == state
    assert [p.name for p in tmp_path.iterdir()] == [STATE_FILE]


def test_missing_state_is_empty(tmp_path):
    assert read_state(tmp_path) == PackState()


@pytest.mark.parametrize("text", ["", "{", "[]", '{"format": 2}',
                                  '{"format": 1, "active": "../x", "previous": null, "highest": {}}',
                                  '{"format": 1, "active": "a/b", "previous": null, "highest": {}}',
                                  '{"format": 1, "active": null, "previous": null, "highest": []}',
                                  '{"format": 1, "active": null, "previous": null, '
                                  '"highest": {"a": true}}'])
def test_damaged_state_is_reported(tmp_path, text):
    (tmp_path / STATE_FILE).write_text(text)
    with pytest.raises(PackError, match="damaged"):
        read_state(tmp_path)


def test_a_failed_write_leaves_the_old_state(tmp_path, monkeypatch):
    import os

    write_state(tmp_path, PackState("a-1-1234abcd", None, {"a": 1}))

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_state(tmp_path, PackState("a-2-1234abcd", None, {"a": 2}))
    monkeypatch.undo()
    assert read_state(tmp_path).active == "a-1-1234abcd"
    assert [p.name for p in tmp_path.iterdir()] == [STATE_FILE]


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000,
                                  '{"format": 1, "active": null, "previous": null, '
                                  '"highest": {"a": ' + "9" * 5001 + "}}"],
                         ids=["deeply-nested", "5001-digit-number"])
def test_hostile_state_is_reported_as_damaged_not_raised(tmp_path, text):
    (tmp_path / STATE_FILE).write_text(text)
    with pytest.raises(PackError, match="damaged"):
        read_state(tmp_path)
