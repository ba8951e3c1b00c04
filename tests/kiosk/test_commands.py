"""`factsheet-reader kiosk hash-pin` and `kiosk check`."""

from __future__ import annotations

import pytest

from reader.cli import main
from reader.kiosk.commands import cmd_hash_pin
from reader.kiosk.config import CONFIG_FILE, parse_kiosk_section
from reader.kiosk.pin import verify_pin


def answers(*values):
    it = iter(values)

    def ask(prompt):
        value = next(it)
        if isinstance(value, BaseException):
            raise value
        return value
    return ask


def test_hash_pin_prints_a_line_for_the_config(capsys):
    assert cmd_hash_pin(answers("2468", "2468")) == 0
    out = capsys.readouterr().out
    line = out.strip().splitlines()[-1]
    assert line.startswith('pin_hash = "scrypt$') and "2468" not in out
    import tomllib

    config = parse_kiosk_section(tomllib.loads(line))
    assert config.problems == () and verify_pin("2468", config.pin_hash)


@pytest.mark.parametrize("replies, message", [
    (("2468", "2469"), "the two PINs differ"),
    (("12",), "4 to 12 digits"),
    (("abcd",), "digits only"),
    ((EOFError(),), "cancelled"),
    ((KeyboardInterrupt(),), "cancelled"),
])
def test_hash_pin_refuses_and_prints_nothing_to_paste(capsys, replies, message):
    assert cmd_hash_pin(answers(*replies)) == 1
    captured = capsys.readouterr()
    assert message in captured.err and "pin_hash" not in captured.out


def test_hash_pin_from_the_command_line_reads_without_echo(monkeypatch, capsys):
    prompts = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or "97531")
    assert main(["kiosk", "hash-pin"]) == 0
    assert len(prompts) == 2 and "pin_hash" in capsys.readouterr().out


def test_check_without_a_config(home, sample_content, capsys):
    assert main(["--content", str(sample_content.root), "kiosk", "check"]) == 0
    out = capsys.readouterr().out
    assert "No kiosk config file found" in out and str(home / "site-config" / CONFIG_FILE) in out
    assert "enabled           no" in out


def test_check_shows_settings_and_problems(home, sample_content, capsys):
    (home / "site-config").mkdir(parents=True)
    (home / "site-config" / CONFIG_FILE).write_text(
        '[kiosk]\nenabled = true\nidle_seconds = 2\nfeatured = ["sciatica", "gout"]\n'
        'clinic_name = "Riverside"\n', encoding="utf-8")
    assert main(["--content", str(sample_content.root), "kiosk", "check"]) == 1
    captured = capsys.readouterr()
    assert "enabled           yes" in captured.out
    assert "Riverside" in captured.out and "NOT SET" in captured.out
    errors = captured.err.strip().splitlines()
    assert len(errors) == 2
    assert "idle_seconds: must be between 15 and 3600" in errors[0]
    assert "no factsheet called 'gout'" in errors[1]
