"""The GUI side of content packs: install from a file with progress, say what changed, reload
the window; check for updates (offline says so calmly); status and rollback."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtWidgets import QMessageBox

from reader.packs.active import resolve_content
from reader.packs.publish import write_update_index
from reader.packs.signing import generate_key
from reader.settings import Settings
from reader.ui import announce
from reader.ui.announce import Announcement
from reader.ui.app import create_window
from tests.packs.conftest import V3, make_env
from tests.packs.test_update import Server


@pytest.fixture
def env(tmp_path):
    return make_env(tmp_path, generate_key())


@pytest.fixture
def window(qtbot, env):
    def make(settings: Settings | None = None):
        shown = resolve_content(env.paths)
        win = create_window(shown.store, env.paths, settings=settings or Settings(),
                            notice=shown.notice)
        win.pack_actions.trusted_keys = env.trust
        qtbot.addWidget(win)
        win.show()
        made.append(win)
        return win

    made = []
    yield make
    for win in made:
        win.pack_actions.wait()
        win.close()


def _finish(qtbot, actions):
    qtbot.waitUntil(lambda: actions.job is None, timeout=20000)


def test_install_from_a_file_reloads_the_window_and_says_what_changed(qtbot, env, window):
    win = window()
    assert win.store.get("tinnitus") is None
    win.pack_actions.install_file(env.build(2))
    _finish(qtbot, win.pack_actions)
    box = win.pack_actions.message
    assert box.windowTitle() == "Content updated"
    assert "Test factsheets 1.0 (2026-11-01)" in box.text()
    assert "1 factsheet added and 1 updated" in box.text()
    assert "Tinnitus" in box.informativeText() and "Sciatica" in box.informativeText()
    box.close()
    assert win.store.get("tinnitus") is not None
    assert win.current_page() == "home" and "Tinnitus" in win.page.toPlainText()
    titles = [win.browse.az.topLevelItem(i).child(j).text(0)
              for i in range(win.browse.az.topLevelItemCount())
              for j in range(win.browse.az.topLevelItem(i).childCount())]
    assert "Tinnitus" in titles
    with qtbot.waitSignal(win.search_service.ready, timeout=20000):
        pass
    win.search_service.search("tinnitus")
    with qtbot.waitSignal(win.search_service.results, timeout=5000) as got:
        pass
    assert got.args[0].hits[0].slug == "tinnitus"


def test_a_bad_pack_is_refused_calmly_and_nothing_changes(qtbot, env, tmp_path, window):
    win = window()
    before = win.store
    bad = tmp_path / "bad.fsrpack"
    bad.write_bytes(b"this is not a pack")
    win.pack_actions.install_file(bad)
    _finish(qtbot, win.pack_actions)
    box = win.pack_actions.message
    assert box.icon() == QMessageBox.Icon.Warning
    assert "Not a Factsheet Reader content pack" in box.text()
    assert "Your content is unchanged" in box.informativeText()
    assert win.store is before


def test_the_same_pack_again_says_already_installed(qtbot, env, window):
    env.install(env.build(2))
    win = window()
    win.pack_actions.install_file(env.tmp / "seq2.fsrpack")
    _finish(qtbot, win.pack_actions)
    assert win.pack_actions.message.windowTitle() == "Already installed"


def test_cancel_changes_nothing(qtbot, env, window):
    win = window()
    before = win.store
    win.pack_actions.install_file(env.build(2))
    win.pack_actions.job.cancel.set()  # as the progress dialog's Cancel button does
    _finish(qtbot, win.pack_actions)
    assert win.store is before
    assert resolve_content(env.paths).source == "bundled"
    assert "Cancelled" in win.statusBar().currentMessage()
    assert announce.recent[-1] == Announcement("Cancelled. Nothing was changed.")


def test_a_screen_reader_hears_each_step_of_an_install(qtbot, env, window):
    win = window()
    announce.recent.clear()
    win.pack_actions.install_file(env.build(2))
    _finish(qtbot, win.pack_actions)
    said = [a.text for a in announce.recent]
    # Copying and checking always; unpacking too; each once (the pack is small and quick).
    assert said[:2] == ["Copying the pack", "Checking the pack"], said
    assert "Unpacking the factsheets" in said
    assert len(said) == len(set(said)) and not any(a.assertive for a in announce.recent)
    win.pack_actions.message.close()


def test_check_for_updates_needs_an_address(qtbot, window):
    win = window()
    win.file_menu.aboutToShow.emit()
    assert not win.pack_actions.update_action.isEnabled()
    assert "Set an update address" in win.pack_actions.update_action.statusTip()
    win2 = window(Settings(update_url="https://example.org/index.json"))
    win2.file_menu.aboutToShow.emit()
    assert win2.pack_actions.update_action.isEnabled()


def test_offline_says_so_calmly(qtbot, window):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    win = window(Settings(update_url=f"http://127.0.0.1:{port}/index.json"))
    win.pack_actions.check_for_updates()
    _finish(qtbot, win.pack_actions)
    box = win.pack_actions.message
    assert box.icon() == QMessageBox.Icon.Information
    assert "You may be offline" in box.text()


def test_check_offers_the_update_and_installs_it(qtbot, env, window):
    pack = env.build(2)
    www = env.tmp / "www"
    www.mkdir()
    write_update_index([pack], env.key, www / "index.json")
    server = Server()
    try:
        server.routes = {"/index.json": (www / "index.json").read_bytes(),
                         "/index.json.sig": (www / "index.json.sig").read_bytes(),
                         "/seq2.fsrpack": pack.read_bytes()}
        win = window(Settings(update_url=server.url("/index.json")))
        win.pack_actions.check_for_updates()
        _finish(qtbot, win.pack_actions)
        box = win.pack_actions.message
        assert "is available" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
        _finish(qtbot, win.pack_actions)
        assert win.pack_actions.message.windowTitle() == "Content updated"
        assert win.store.pack.sequence == 2
        win.pack_actions.message.close()
        win.pack_actions.check_for_updates()
        _finish(qtbot, win.pack_actions)
        assert win.pack_actions.message.windowTitle() == "Content is up to date"
    finally:
        server.close()


def test_quiet_check_on_start_only_notes_an_update_in_the_status_bar(qtbot, env, window):
    pack = env.build(2)
    write_update_index([pack], env.key, env.tmp / "index.json")
    server = Server()
    try:
        server.routes = {"/index.json": (env.tmp / "index.json").read_bytes(),
                         "/index.json.sig": (env.tmp / "index.json.sig").read_bytes()}
        win = window(Settings(update_url=server.url("/index.json")))
        win.pack_actions.check_quietly()
        _finish(qtbot, win.pack_actions)
        assert "A content update is available" in win.statusBar().currentMessage()
        assert win.pack_actions.message is None
        assert resolve_content(env.paths).source == "bundled"  # nothing installed unasked
    finally:
        server.close()


def test_no_network_at_start_unless_settings_ask(qtbot, window, monkeypatch):
    import reader.packs.download as download

    def no_network(*args, **kwargs):
        raise AssertionError("network used without being asked")

    monkeypatch.setattr(download, "download", no_network)
    win = window(Settings(update_url="http://127.0.0.1:9/index.json"))
    qtbot.wait(50)
    assert win.pack_actions.job is None


def test_content_packs_dialog_and_rollback(qtbot, env, window):
    env.install(env.build(2))
    env.install(env.build(3, V3))
    win = window()
    assert win.store.pack.sequence == 3
    win.pack_actions.show_status()
    dialog = win.pack_actions.status_dialog
    assert "In use:</b> Test factsheets" in dialog.text.text()
    assert "sequence 3" in dialog.text.text() and "Previous:" in dialog.text.text()
    dialog.rollback_button.click()
    assert win.store.pack.sequence == 2
    assert win.pack_actions.message.windowTitle() == "Went back to the previous content"
    assert resolve_content(env.paths).store.pack.sequence == 2


def test_a_damaged_pack_at_start_shows_a_notice_on_home(qtbot, env, window):
    env.install(env.build(2))
    folder = next((env.paths.packs_root / "installed").iterdir())
    (folder / "factsheets" / "tinnitus.md").write_text("damaged")
    win = window()
    text = win.page.toPlainText()
    assert "The installed content pack is damaged (factsheets/tinnitus.md has changed)" in text
    assert win.store.root == env.paths.bundled_content
