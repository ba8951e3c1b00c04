"""Every shortcut is listed, and no two actions fight over the same keys."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QAction, QKeySequence

from reader.ui.shortcuts_dialog import ShortcutsDialog, collect_shortcuts
from tests.ui import reading_window

reader_window = reading_window.reader_window  # the fixture


def test_the_dialog_lists_the_reading_shortcuts(qtbot, reader_window):
    groups = dict(collect_shortcuts(reader_window))
    listed = {what: keys for rows in groups.values() for keys, what in rows}
    for what, key in (("Find in page", "Ctrl+F"),
                      ("Bookmark the factsheet, or remove its bookmark", "Ctrl+D"),
                      ("Print handout", "Ctrl+P"), ("Zoom in", "Ctrl++"),
                      ("Actual size", "Ctrl+0"), ("Write a note", "Ctrl+Shift+N"),
                      ("Go to contents", "Ctrl+Shift+T"), ("Keyboard shortcuts", "Ctrl+/"),
                      ("Copy references (Vancouver)", "Ctrl+Shift+C"), ("Search", "Ctrl+K")):
        assert key in listed[what], what
    assert "In the find bar" in groups
    dialog = ShortcutsDialog(reader_window)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == len(groups)


def test_ctrl_d_is_described_the_same_on_a_bookmarked_page(qtbot, reader_window):
    """It was listed as "Remove bookmark" while the page shown was bookmarked."""
    reader_window.open_factsheet("sciatica")
    star = reader_window.findChild(QAction, "bookmark") or next(
        a for a in reader_window.findChildren(QAction) if a.shortcut() == QKeySequence("Ctrl+D"))
    star.trigger()  # bookmarked: the button now says "Remove bookmark"
    assert "Remove" in star.text()
    listed = {keys: what for rows in dict(collect_shortcuts(reader_window)).values()
              for keys, what in rows}
    assert listed["Ctrl+D"] == "Bookmark the factsheet, or remove its bookmark"


def test_no_two_actions_share_a_shortcut(reader_window):
    keys = Counter()
    for action in reader_window.findChildren(QAction):
        for seq in action.shortcuts():
            if not seq.isEmpty():
                keys[seq.toString(QKeySequence.SequenceFormat.PortableText)] += 1
    clashes = {k: n for k, n in keys.items() if n > 1}
    assert clashes == {}
