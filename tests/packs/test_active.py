"""What the app shows at start: active pack, else previous, else bundled, saying why."""

from __future__ import annotations

import shutil

from reader.packs.active import content_to_show, resolve_content
from reader.packs.state import STATE_FILE, read_state
from tests.packs.conftest import V3


def _folder(env, role):
    return env.paths.packs_root / "installed" / getattr(read_state(env.paths.packs_root), role)


def test_no_packs_shows_the_bundled_content_quietly(env):
    shown = resolve_content(env.paths)
    assert (shown.source, shown.notice, shown.manifest) == ("bundled", None, None)
    assert shown.store.root == env.paths.bundled_content


def test_an_installed_pack_is_shown(installed):
    shown = resolve_content(installed.paths)
    assert shown.source == "active" and shown.notice is None
    assert shown.manifest.sequence == 2 and shown.store.pack.sequence == 2


def test_a_changed_file_falls_back_to_the_previous_pack_with_a_notice(installed):
    installed.install(installed.build(3, V3))
    (_folder(installed, "active") / "factsheets" / "tinnitus.md").write_text("tampered")
    shown = resolve_content(installed.paths)
    assert shown.source == "previous" and shown.store.pack.sequence == 2
    assert "factsheets/tinnitus.md has changed" in shown.notice
    assert "the previous pack, Test factsheets" in shown.notice


def test_a_missing_pack_and_previous_fall_back_to_bundled(installed):
    installed.install(installed.build(3, V3))
    shutil.rmtree(_folder(installed, "previous"))
    shutil.rmtree(_folder(installed, "active"))
    shown = resolve_content(installed.paths)
    assert shown.source == "bundled" and "content that came with the app" in shown.notice
    assert shown.store.root == installed.paths.bundled_content


def test_an_extra_factsheet_or_missing_record_counts_as_damage(installed):
    folder = _folder(installed, "active")
    shutil.copy(folder / "factsheets" / "gout.md", folder / "factsheets" / "planted.md")
    assert "does not belong to the pack" in resolve_content(installed.paths).notice
    (folder / "factsheets" / "planted.md").unlink()
    (folder / ".pack" / "manifest.json").unlink()
    assert "missing" in resolve_content(installed.paths).notice


def test_a_damaged_state_file_shows_bundled_with_a_notice(installed):
    (installed.paths.packs_root / STATE_FILE).write_text("{not json")
    shown = resolve_content(installed.paths)
    assert shown.source == "bundled" and "record of installed content packs is damaged" in \
        shown.notice
    installed.install(installed.tmp / "seq2.fsrpack")  # installing again repairs it
    assert resolve_content(installed.paths).notice is None


def test_a_state_naming_a_folder_outside_is_treated_as_damaged(installed):
    (installed.paths.packs_root / STATE_FILE).write_text(
        '{"format": 1, "active": "../../etc", "previous": null, "highest": {}}')
    assert resolve_content(installed.paths).source == "bundled"


def test_newer_bundled_content_wins_over_an_older_pack(installed):
    (installed.paths.bundled_content / "pack.toml").write_text(
        (installed.paths.bundled_content / "pack.toml").read_text().replace("sequence = 1",
                                                                            "sequence = 5"))
    shown = resolve_content(installed.paths)
    assert shown.source == "bundled" and shown.notice is None


def test_a_content_folder_given_on_the_command_line_wins(installed, sample_content):
    shown = content_to_show(installed.paths, sample_content.root)
    assert shown.source == "folder" and shown.store.root == sample_content.root
