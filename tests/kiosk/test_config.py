"""The system-wide kiosk config: every key, and bad input that must never unlock the kiosk."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.kiosk.config import (
    CONFIG_FILE,
    DEFAULT_EXIT_KEYS,
    KioskConfig,
    parse_key_combination,
    read_kiosk_config,
)
from reader.kiosk.pin import hash_pin, verify_pin
from reader.paths import AppPaths

PIN_HASH = str(hash_pin("2468", n=2**10))


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CONFIG_FILE
    path.write_text(text, encoding="utf-8")
    return path


def read(tmp_path: Path, text: str) -> KioskConfig:
    write(tmp_path / "site", text)
    return read_kiosk_config([tmp_path / "site"])


def messages(config: KioskConfig) -> str:
    return "\n".join(str(p) for p in config.problems)


def test_no_file_means_no_kiosk(tmp_path):
    config = read_kiosk_config([tmp_path / "a", tmp_path / "b"])
    assert config == KioskConfig()
    assert not config.enabled and config.source is None and config.problems == ()


def test_a_file_without_a_kiosk_section_means_no_kiosk(tmp_path):
    config = read(tmp_path, '[updates]\nurl = "https://example.org"\n')
    assert not config.enabled and config.problems == ()


def test_every_key_is_read(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    config = read(tmp_path, f"""
[kiosk]
enabled = true
idle_seconds = 120
countdown_seconds = 15
clinic_name = "  Riverside   Clinic "
logo = "logo.png"
featured = ["migraine", "insomnia", "migraine"]
attract_seconds = 8
exit_keys = "ctrl+shift+k"
pin_hash = "{PIN_HASH}"
printing = true
print_limit = 3
""")
    assert config.problems == ()
    assert config.enabled
    assert (config.idle_seconds, config.countdown_seconds) == (120.0, 15.0)
    assert config.clinic_name == "Riverside Clinic"
    assert config.logo == tmp_path / "site" / "logo.png"  # relative to the config file
    assert config.featured == ("migraine", "insomnia")
    assert config.attract_seconds == 8.0
    assert config.exit_keys == "Ctrl+Shift+K"
    assert config.pin_hash is not None and verify_pin("2468", config.pin_hash)
    assert config.printing and config.print_limit == 3
    assert config.source == tmp_path / "site" / CONFIG_FILE


def test_defaults(tmp_path):
    config = read(tmp_path, "[kiosk]\nenabled = true\n")
    assert config.problems == ()
    assert config.idle_seconds == 90 and config.countdown_seconds == 10
    assert config.exit_keys == DEFAULT_EXIT_KEYS
    assert config.pin_hash is None and not config.printing and config.featured == ()


@pytest.mark.parametrize("line, key, expected", [
    ('idle_seconds = "90"', "idle_seconds", 90.0),
    ("idle_seconds = 5", "idle_seconds", 90.0),
    ("idle_seconds = true", "idle_seconds", 90.0),
    ("countdown_seconds = 500", "countdown_seconds", 10.0),
    ("clinic_name = 42", "clinic_name", ""),
    (f'clinic_name = "{"x" * 81}"', "clinic_name", ""),
    ('featured = "migraine"', "featured", ()),
    ("featured = [1, 2]", "featured", ()),
    ("attract_seconds = 0", "attract_seconds", 10.0),
    ('exit_keys = "Ctrl+Q"', "exit_keys", DEFAULT_EXIT_KEYS),
    ("exit_keys = 7", "exit_keys", DEFAULT_EXIT_KEYS),
    ('pin_hash = "2468"', "pin_hash", None),
    ("pin_hash = 2468", "pin_hash", None),
    ('printing = "yes"', "printing", False),
    ("print_limit = 0", "print_limit", 2),
    ("print_limit = 2.5", "print_limit", 2),
    ('logo = "missing.png"', "logo", None),
    ('logo = "logo.gif"', "logo", None),
])
def test_a_bad_value_is_reported_and_replaced_by_a_safe_default(tmp_path, line, key, expected):
    config = read(tmp_path, f"[kiosk]\nenabled = true\n{line}\n")
    assert getattr(config, key) == expected
    assert config.enabled
    assert len(config.problems) == 1
    text = messages(config)
    assert f"[kiosk] {key}:" in text and str(tmp_path / "site" / CONFIG_FILE) in text


def test_a_damaged_pin_hash_leaves_staff_exit_closed_not_open(tmp_path):
    config = read(tmp_path, '[kiosk]\nenabled = true\npin_hash = "scrypt$1024$8$1$AAAA$AAAA"\n')
    assert config.pin_hash is None
    assert "staff exit is not available" in messages(config)


@pytest.mark.parametrize("value", ['"yes"', '"false"', "1", "0"])
def test_enabled_written_wrongly_keeps_the_kiosk_on(tmp_path, value):
    config = read(tmp_path, f"[kiosk]\nenabled = {value}\n")
    assert config.enabled
    assert "true or false" in messages(config)


@pytest.mark.parametrize("data", [
    b"[kiosk\nenabled = false\n",  # not TOML
    b"[kiosk]\nenabled = tru\n",
    b"\xff\xfe[\x00k\x00",  # not UTF-8
    b"kiosk = 1\n",  # not a table
])
def test_a_file_that_cannot_be_understood_turns_the_kiosk_on(tmp_path, data):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / CONFIG_FILE).write_bytes(data)
    config = read_kiosk_config([tmp_path / "site"])
    assert config.enabled
    assert config.pin_hash is None
    assert len(config.problems) == 1 and "kiosk mode stays on" in messages(config)


def test_an_unreadable_file_turns_the_kiosk_on(tmp_path):
    (tmp_path / "site" / CONFIG_FILE).mkdir(parents=True)  # a folder where the file should be
    config = read_kiosk_config([tmp_path / "site"])
    assert config.enabled and "cannot read the file" in messages(config)


def test_unknown_keys_are_reported_with_a_suggestion(tmp_path):
    config = read(tmp_path, "[kiosk]\nenable = true\nidle_secs = 60\ncolour = 3\n")
    text = messages(config)
    assert "unknown key 'enable' in [kiosk] (did you mean 'enabled'?)" in text
    assert "(did you mean 'idle_seconds'?)" in text
    assert "unknown key 'colour' in [kiosk]; it is ignored" in text
    assert not config.enabled  # nothing turned it on


def test_countdown_must_be_shorter_than_idle_time(tmp_path):
    config = read(tmp_path, "[kiosk]\nidle_seconds = 30\ncountdown_seconds = 30\n")
    assert config.countdown_seconds == 10.0
    assert "must be shorter than idle_seconds" in messages(config)


def test_the_first_folder_with_a_file_wins(tmp_path):
    write(tmp_path / "second", "[kiosk]\nenabled = true\nclinic_name = \"Second\"\n")
    write(tmp_path / "third", "[kiosk]\nenabled = true\nclinic_name = \"Third\"\n")
    config = read_kiosk_config([tmp_path / "first", tmp_path / "second", tmp_path / "third"])
    assert config.clinic_name == "Second"


def test_site_config_lives_under_factsheet_reader_home(home):
    paths = AppPaths.default()
    assert paths.site_config_dirs == (home / "site-config",)
    write(home / "site-config", "[kiosk]\nenabled = true\n")
    assert read_kiosk_config(paths.site_config_dirs).enabled


def test_site_config_searches_every_xdg_config_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("FACTSHEET_READER_HOME", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{tmp_path / 'desktop'}:{tmp_path / 'xdg'}")
    dirs = AppPaths.default().site_config_dirs
    assert dirs[:2] == (tmp_path / "desktop" / "FactsheetReader", tmp_path / "xdg" / "FactsheetReader")
    assert dirs[-1] == Path("/etc/xdg/FactsheetReader")  # the place the docs name always works


@pytest.mark.parametrize("text, expected", [
    ("Ctrl+Alt+Shift+E", "Ctrl+Alt+Shift+E"),
    ("shift+ctrl+alt+e", "Ctrl+Alt+Shift+E"),
    ("Control+Option+x", "Ctrl+Alt+X"),
    ("Ctrl+Shift+F12", "Ctrl+Shift+F12"),
    ("Meta+Alt+k", "Alt+Meta+K"),
])
def test_key_combinations_are_normalised(text, expected):
    assert parse_key_combination(text) == expected


@pytest.mark.parametrize("text, message", [
    ("E", "not a key combination"),
    ("Ctrl+E", "at least two modifiers"),
    ("Ctrl+Ctrl+E", "appears twice"),
    ("Ctrl+Hyper+E", "not a modifier"),
    ("Ctrl+Alt+1", "not a letter"),
    ("Ctrl+Alt+Space", "not a letter"),
    ("Ctrl+Alt+F2", "switches consoles"),
    ("Ctrl++E", "not a key combination"),
])
def test_bad_key_combinations(text, message):
    with pytest.raises(ValueError, match=message):
        parse_key_combination(text)
