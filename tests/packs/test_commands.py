"""`factsheet-reader pack ...`: exit codes 0/1, one line per error, and the content in use."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.packs import trust as trust_module
from tests.packs.conftest import V3, write_content


@pytest.fixture
def cli(env, home, monkeypatch, tmp_path):
    """The CLI with per-user folders in `home`, tiny bundled content, and the app trusting the
    test key (as if it were the publisher's)."""
    monkeypatch.setenv("FACTSHEET_READER_CONTENT", str(env.paths.bundled_content))
    keys = tmp_path / "trusted_keys.json"
    keys.write_text(json.dumps({"keys": [k.to_dict() for k in env.trust.keys]}))
    monkeypatch.setattr(trust_module, "TRUSTED_KEYS_FILE", keys)
    return env


def _err_lines(capsys):
    captured = capsys.readouterr()
    return captured.out, [line for line in captured.err.splitlines() if line]


def test_keygen_writes_a_private_and_a_public_key(tmp_path, capsys):
    key = tmp_path / "publisher.key"
    assert main(["pack", "keygen", "-o", str(key), "--pack-id", "org.example.test"]) == 0
    out = capsys.readouterr().out
    public = json.loads((tmp_path / "publisher.pub").read_text())
    assert public["packs"] == ["org.example.test"] and public["key_id"] in out
    assert b"PRIVATE KEY" in key.read_bytes()
    assert main(["pack", "keygen", "-o", str(key)]) == 1
    _, err = _err_lines(capsys)
    assert err == [f"pack keygen: {key}: already exists; it was not overwritten"]


def test_build_verify_install_status_rollback(cli, tmp_path, capsys):
    from reader.packs.signing import write_private_key

    key = tmp_path / "k.key"
    write_private_key(cli.key, key)
    content = write_content(tmp_path / "c", 2, V3)
    pack = tmp_path / "p.fsrpack"
    assert main(["pack", "build", str(content.root), "--key", str(key), "-o", str(pack)]) == 0
    assert "org.example.test sequence 2, 4 files" in capsys.readouterr().out

    assert main(["pack", "verify", str(pack)]) == 0
    assert "good pack: Test factsheets 1.0" in capsys.readouterr().out

    assert main(["pack", "install", str(pack)]) == 0
    out = capsys.readouterr().out
    assert "Installed Test factsheets 1.0 (2026-11-01) (org.example.test, sequence 2)." in out
    assert "2 factsheets added, 1 updated and 1 removed." in out
    assert "added: Migraine, Tinnitus" in out and "removed: Gout" in out
    assert "What changed:\n  Sciatica — 2 December 2026: Summary rewritten.\n" in out

    assert main(["search", "tinnitus", "--json"]) == 0  # search reads the installed pack
    assert json.loads(capsys.readouterr().out)[0]["slug"] == "tinnitus"

    assert main(["pack", "install", str(pack)]) == 0
    assert "already installed" in capsys.readouterr().out

    assert main(["pack", "status"]) == 0
    out = capsys.readouterr().out
    assert "from the installed pack; 3 factsheets" in out
    assert "Previous pack: none (rollback goes to the app's own content)" in out

    assert main(["pack", "rollback"]) == 0
    assert "now showing the app's own content" in capsys.readouterr().out
    assert main(["search", "tinnitus", "--json"]) == 0
    assert all(hit["slug"] != "tinnitus" for hit in json.loads(capsys.readouterr().out))


def test_build_refuses_content_that_check_rejects(cli, tmp_path, capsys):
    from reader.packs.signing import write_private_key

    key = tmp_path / "k.key"
    write_private_key(cli.key, key)
    content = write_content(tmp_path / "c", 2, V3)
    content.add("bad", title="Bad", level="certain")
    assert main(["pack", "build", str(content.root), "--key", str(key), "-o",
                 str(tmp_path / "p.fsrpack")]) == 1
    out, err = _err_lines(capsys)
    assert "bad.md" in out
    assert len(err) == 1 and "only built from content that passes `check`" in err[0]
    assert not (tmp_path / "p.fsrpack").exists()


@pytest.mark.parametrize("args", [["verify"], ["install"]])
def test_broken_files_give_one_line_and_exit_1(cli, tmp_path, capsys, args):
    bad = tmp_path / "bad.fsrpack"
    bad.write_bytes(b"FSRPACK1" + b"x" * 100)
    assert main(["pack", *args, str(bad)]) == 1
    _, err = _err_lines(capsys)
    assert err == [f"pack {args[0]}: {bad}: the header's key id is malformed; the file is "
                   "damaged"]


def test_verify_with_another_key_file(cli, tmp_path, capsys):
    from reader.packs.signing import generate_key

    other = tmp_path / "other.pub"
    other.write_text(json.dumps(generate_key().trusted("X", ("org.example.test",)).to_dict()))
    assert main(["pack", "verify", str(cli.build(2)), "--trust", str(other)]) == 1
    _, err = _err_lines(capsys)
    assert len(err) == 1 and "which this app does not trust" in err[0]


def test_rollback_with_nothing_installed(cli, capsys):
    assert main(["pack", "rollback"]) == 1
    _, err = _err_lines(capsys)
    assert len(err) == 1 and "nothing to roll back" in err[0]


def test_update_without_an_address(cli, capsys):
    assert main(["pack", "update"]) == 1
    _, err = _err_lines(capsys)
    assert err == ["pack update: no update address: set one in Settings or pass --url"]


def test_status_reports_damage(cli, capsys):
    cli.install(cli.build(2))
    folder = next((cli.paths.packs_root / "installed").iterdir())
    (folder / "factsheets" / "gout.md").unlink()
    assert main(["pack", "status"]) == 0
    out = capsys.readouterr().out
    assert "DAMAGED (factsheets/gout.md is missing)" in out
    assert "Notice: The installed content pack is damaged" in out
