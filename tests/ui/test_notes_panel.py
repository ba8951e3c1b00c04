"""Notes saved as you type, kept when saving fails, and never lost on close."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from reader.ui import notes_panel
from reader.userdata import database
from tests.ui import reading_window

reader_window = reading_window.reader_window  # the fixture


def type_note(qtbot, win, text):
    win.notes_panel._timer.setInterval(20)  # the pause that counts as "stopped typing"
    win.focus_notes_action.trigger()
    assert win.notes_panel.editor.hasFocus()
    qtbot.keyClicks(win.notes_panel.editor, text)


def stored(win, slug):
    note = win.personal.data.note(slug)
    return note.text if note else None


def test_a_note_is_saved_as_you_type_without_moving_the_cursor(qtbot, reader_window):
    win = reader_window
    win.open_factsheet("sciatica")
    assert win.notes_panel.heading.text() == "Notes on <b>Sciatica</b>"
    win.activateWindow()
    type_note(qtbot, win, "Ask about leg pain")
    qtbot.waitUntil(lambda: stored(win, "sciatica") == "Ask about leg pain")
    assert win.notes_panel.status.text() == "Saved"
    qtbot.keyClicks(win.notes_panel.editor, " and sleep")  # keeps typing after the save
    qtbot.waitUntil(lambda: stored(win, "sciatica") == "Ask about leg pain and sleep")
    assert win.notes_panel.editor.toPlainText() == "Ask about leg pain and sleep"


def test_changing_page_saves_at_once_and_brings_the_note_back(qtbot, reader_window):
    win = reader_window
    win.open_factsheet("sciatica")
    win.activateWindow()
    type_note(qtbot, win, "first")
    win.open_factsheet("peripheral-neuropathy")  # before the typing pause has passed
    assert stored(win, "sciatica") == "first"
    assert win.notes_panel.editor.toPlainText() == ""
    win.go_back()
    assert win.notes_panel.editor.toPlainText() == "first"
    win.go_home()
    assert not win.notes_panel.editor.isEnabled()


def test_a_note_that_cannot_be_saved_is_kept_and_close_warns(qtbot, reader_window, monkeypatch):
    win = reader_window
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.05)
    win.personal.data._conn.execute("PRAGMA busy_timeout = 50")
    win.open_factsheet("sciatica")
    holder = sqlite3.connect(win.personal.data.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program has the file
    try:
        win.activateWindow()
        type_note(qtbot, win, "precious")
        qtbot.waitUntil(lambda: win.notes_panel.status.text() == "Not saved")
        assert "could not be saved" in win.notes_panel.banner.text()
        win.open_factsheet("peripheral-neuropathy")
        win.go_back()
        assert win.notes_panel.editor.toPlainText() == "precious"  # kept as a draft

        asked = []
        monkeypatch.setattr(notes_panel.QMessageBox, "warning",
                            lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel)
        assert not win.close()
        assert asked and "Sciatica" in asked[0]
        assert win.isVisible()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert win.close()  # the file is free again: saved on the way out, no question
    assert stored(win, "sciatica") == "precious"


def test_read_only_panel_for_a_read_only_database(qtbot, reader_window):
    win = reader_window
    win.personal.data.writable = False
    win.personal.data.notice = "Bookmarks and notes are read-only: the folder is locked."
    win.open_factsheet("sciatica")
    assert win.notes_panel.editor.isReadOnly()
    assert "read-only" in win.notes_panel.banner.text()


def test_delete_and_preview(qtbot, reader_window):
    win = reader_window
    win.open_factsheet("sciatica")
    win.personal.save_note("sciatica", "Sciatica", "**Bold** <script>x</script>", "")
    win.open_factsheet("peripheral-neuropathy")
    win.go_back()
    panel = win.notes_panel
    panel.preview_button.click()
    assert panel.stack.currentWidget() is panel.preview
    html = panel.preview.toHtml()
    assert "font-weight:700" in html and "&lt;script&gt;" in html
    panel.preview_button.click()
    panel.delete_current(confirm=False)
    assert stored(win, "sciatica") is None
    assert panel.editor.toPlainText() == ""


def test_a_note_updated_content_is_flagged(qtbot, reader_window):
    win = reader_window
    win.personal.data.save_note("sciatica", "Sciatica", "old", "digest-of-an-older-version")
    win.open_factsheet("sciatica")
    assert "updated since you last saved" in win.notes_panel.banner.text()
    win.notes_panel.editor.setFocus()
    qtbot.keyClick(win.notes_panel.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.notes_panel.editor, "!")
    assert win.notes_panel.save_now()
    assert win.personal.data.note("sciatica").factsheet_digest == win.store.get("sciatica").digest


def test_contents_and_notes_can_be_seen_at_once(qtbot, reader_window):
    """The outline and the note being written sit one above the other, not in tabs where
    only one shows."""
    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    win.contents_dock.show()
    win.focus_notes_action.trigger()
    qtbot.waitUntil(lambda: win.notes_dock.isVisible())
    assert win.contents_dock.isVisible()  # writing a note did not hide the outline
    assert win.tabifiedDockWidgets(win.contents_dock) == []
    contents, notes = win.contents_dock.geometry(), win.notes_dock.geometry()
    assert not contents.intersects(notes) and contents.bottom() < notes.top()
    assert not win.contents_dock.visibleRegion().isEmpty()
    assert not win.notes_dock.visibleRegion().isEmpty()
