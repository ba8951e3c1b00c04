"""Bookmarks, recently viewed and the Saved list in the window, including what happens when the
database is damaged or a factsheet has gone."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from reader.paths import AppPaths
from reader.userdata.database import UserData
from reader.userdata.transfer import TransferError
from tests.ui import reading_window
from tests.ui.reading_window import make_window

reader_window = reading_window.reader_window  # the fixture


def saved_rows(win):
    tree = win.saved_list
    out = {}
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        out[group.text(0).split(" (")[0]] = [group.child(j).text(0)
                                            for j in range(group.childCount())]
    return out


def test_ctrl_d_bookmarks_and_unbookmarks(qtbot, reader_window):
    win = reader_window
    assert not win.bookmark_action.isEnabled()  # nothing to bookmark on the home page
    win.open_factsheet("sciatica")
    win.activateWindow()
    win.page.setFocus()
    qtbot.keyClick(win.page, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert win.bookmark_action.isChecked()
    assert win.personal.data.is_bookmarked("sciatica")
    assert saved_rows(win)["Bookmarks"] == ["Sciatica"]
    win.open_factsheet("peripheral-neuropathy")
    assert not win.bookmark_action.isChecked()
    win.go_back()
    assert win.bookmark_action.isChecked()
    qtbot.keyClick(win.page, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert not win.personal.data.is_bookmarked("sciatica")
    assert saved_rows(win)["Bookmarks"][0].startswith("Ctrl+D bookmarks")  # the empty hint


def test_recently_viewed_lists_latest_first(qtbot, reader_window):
    win = reader_window
    for slug in ("sciatica", "peripheral-neuropathy", "chronic-low-back-pain", "sciatica"):
        win.open_factsheet(slug)

    def rows():
        return [win.recent_list.list.item(i).text() for i in range(win.recent_list.list.count())]

    qtbot.waitUntil(lambda: rows() == ["Sciatica", "Chronic low back pain",
                                       "Peripheral neuropathy"])
    win.recent_list.list.itemClicked.emit(win.recent_list.list.item(2))
    assert win.current_page() == "peripheral-neuropathy"
    win.recent_list.clear_button.click()
    assert win.recent_list.list.count() == 0


@pytest.mark.parametrize("tab", ["recent_list", "saved_list"])
def test_opening_a_factsheet_while_a_personal_tab_shows_is_no_crash(qtbot, reader_window, tab):
    """With the Recent tab current, opening a factsheet raised in the window's selection code
    ('RecentList' has no 'invisibleRootItem'), and the notes and bookmark went stale."""
    win = reader_window
    win.open_factsheet("sciatica")
    win.browse.setCurrentWidget(getattr(win, tab))
    qtbot.waitUntil(lambda: win.recent_list.list.count() >= 1)
    if tab == "recent_list":
        win.recent_list.list.itemClicked.emit(win.recent_list.list.item(0))
    win.open_factsheet("peripheral-neuropathy")  # as a search result would
    assert win.current_page() == "peripheral-neuropathy"
    assert win.browse.currentWidget() is getattr(win, tab)
    assert win.browse.az.currentItem().text(0) == "Peripheral neuropathy"


def test_keyboard_opens_saved_and_recent(qtbot, reader_window):
    win = reader_window
    win.search_field.setText("back")
    win.activateWindow()
    qtbot.keyClick(win.page, Qt.Key.Key_B,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert win.browse.currentWidget() is win.saved_list and win.saved_list.hasFocus()
    assert win.left_stack.currentWidget() is win.browse
    # the search it cleared is said, not silently lost
    assert win.status_label.isVisible()
    assert "Search for “back” cleared" in win.status_label.text()
    qtbot.keyClick(win.saved_list, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert win.browse.currentWidget() is win.recent_list


def test_orphaned_bookmark_and_note_stay_listed(qtbot, sample_content, tmp_path):
    home = tmp_path / "home"
    data = UserData.open(AppPaths.under(home).userdata_file)
    data.add_bookmark("frozen-shoulder", "Frozen shoulder")
    data.save_note("frozen-shoulder", "Frozen shoulder", "Ask about the exercises.")
    data.close()
    win = make_window(qtbot, sample_content.root, home)
    rows = saved_rows(win)
    assert rows["Bookmarks"] == ["Frozen shoulder — no longer in the content"]
    assert rows["Notes"] == ["Frozen shoulder — no longer in the content\n    “Ask about the exercises.”"]

    note_item = win.saved_list.topLevelItem(1).child(0)
    win.saved_list.itemClicked.emit(note_item, 0)
    panel = win.notes_panel
    assert panel.slug == "frozen-shoulder"
    assert panel.editor.toPlainText() == "Ask about the exercises."
    assert "no longer in the installed content" in panel.banner.text()
    assert win.current_page() == "home"

    bookmark = win.saved_list.topLevelItem(0).child(0)
    win.saved_list.setCurrentItem(bookmark)
    qtbot.keyClick(win.saved_list, Qt.Key.Key_Delete)
    assert win.personal.data.bookmarks() == []
    assert win.personal.data.note("frozen-shoulder") is not None  # the note is never dropped
    win.close()


def test_a_damaged_database_is_set_aside_with_a_message(qtbot, sample_content, tmp_path):
    home = tmp_path / "home"
    db = AppPaths.under(home).userdata_file
    db.parent.mkdir(parents=True)
    db.write_bytes(b"definitely not sqlite" * 100)
    win = make_window(qtbot, sample_content.root, home)
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "userdata-notice") is not None)
    box = win.findChild(QMessageBox, "userdata-notice")
    assert "damaged" in box.text()
    aside = list(db.parent.glob("userdata.sqlite3.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"definitely not sqlite" * 100
    box.accept()
    win.open_factsheet("sciatica")
    win.bookmark_action.trigger()  # the fresh database works
    assert win.personal.data.is_bookmarked("sciatica")
    win.close()


def test_read_only_data_disables_bookmarking_and_says_why(qtbot, sample_content, tmp_path):
    home = tmp_path / "home"
    (home).mkdir()
    (home / "data").write_text("a file where the data folder should be")
    win = make_window(qtbot, sample_content.root, home)
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "userdata-notice") is not None)
    assert "read-only" in win.findChild(QMessageBox, "userdata-notice").text()
    win.open_factsheet("sciatica")
    assert not win.bookmark_action.isEnabled()
    assert win.notes_panel.editor.isReadOnly()
    win.close()


def test_export_and_import_from_the_window(reader_window, tmp_path):
    win = reader_window
    win.open_factsheet("sciatica")
    win.bookmark_action.trigger()
    path = tmp_path / "moved.json"
    assert "saved to" in win.personal.export_to(path)
    assert json.loads(path.read_text())["bookmarks"][0]["slug"] == "sciatica"
    win.bookmark_action.trigger()  # remove it, then bring it back
    assert "1 bookmark added" in win.personal.import_from(path)
    assert [r for r in saved_rows(win)["Bookmarks"]] == ["Sciatica"]

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "factsheet-reader/bookmarks-and-notes", "version": 1, '
                   '"bookmarks": [{"slug": "Not A Slug"}]}')
    with pytest.raises(TransferError, match=r"bookmarks\[0\]\.slug"):
        win.personal.import_from(bad)
    assert saved_rows(win)["Bookmarks"] == ["Sciatica"]


def test_saved_list_follows_a_content_reload(qtbot, sample_content, tmp_path):
    """After a pack install removes a bookmarked factsheet, the Saved list says it is gone
    without the user having to switch tabs."""
    from reader.content import load_content
    from reader.ui.personal_lists import GONE
    from tests.ui.reading_window import make_window

    win = make_window(qtbot, sample_content.root, tmp_path / "home")
    win.open_factsheet("sciatica")
    win.bookmark_action.trigger()
    win.browse.setCurrentWidget(win.saved_list)
    (sample_content.root / "factsheets" / "sciatica.md").unlink()
    (sample_content.root / "factsheets" / "chronic-low-back-pain.md").write_text(
        (sample_content.root / "factsheets" / "chronic-low-back-pain.md").read_text()
        .replace('related = ["sciatica"]', "related = []")
        .replace("See [sciatica](sciatica).", ""), encoding="utf-8")
    store = load_content(sample_content.root)
    assert store.problems == ()
    win.reload_content(store)
    marks = win.saved_list.topLevelItem(0)
    assert marks.child(0).text(0).endswith(GONE)
    win.close()


def test_the_saved_list_shows_the_first_words_of_each_note(qtbot, reader_window):
    """A reader scanning Saved sees which note is which without opening each one (a tooltip
    alone reaches neither the keyboard nor a screen reader)."""
    win = reader_window
    win.personal.save_note("chronic-low-back-pain", "Chronic low back pain",
                           "Ask about the exercise programme and whether TENS is worth a try\n"
                           "second line", "")
    win.saved_list.refresh()
    notes = next(win.saved_list.topLevelItem(i) for i in range(win.saved_list.topLevelItemCount())
                 if win.saved_list.topLevelItem(i).text(0).startswith("Notes"))
    text = notes.child(0).text(0)
    assert text.startswith("Chronic low back pain\n")
    assert "\n    “Ask about the exercise programme and whether" in text and text.endswith("…”")
    assert "second line" not in text


def test_the_menu_key_opens_the_selected_bookmarks_menu(qtbot, reader_window):
    """Shift+F10 or the Menu key: the menu of the item selected, not of wherever the mouse is."""
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    win = reader_window
    win.open_factsheet("sciatica")
    win.bookmark_action.trigger()
    saved = win.saved_list
    leaf = saved.topLevelItem(0).child(0)
    saved.setCurrentItem(leaf)
    seen: list[list[str]] = []

    def read_menu() -> None:
        popup = QApplication.activePopupWidget()
        seen.append([a.text() for a in popup.actions()] if popup else [])
        if popup:
            popup.close()

    QTimer.singleShot(200, read_menu)
    nowhere = QPoint(0, 0)  # a keyboard's menu event says nothing of where the item is
    QApplication.sendEvent(saved, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, nowhere,
                                                    saved.mapToGlobal(nowhere)))
    assert seen == [["Open", "Remove bookmark"]]
    assert saved.menu_for(saved.topLevelItem(0)) is None  # a heading has no menu
