"""The Saved and Recent tabs beside A–Z and Categories.

Saved lists bookmarks and notes. An entry whose factsheet is no longer in the installed content
stays in the list, marked as such: a bookmark can then be removed, and an orphaned note opens in
the notes panel, where it can be read, copied or deleted.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.userdata.database import UserDataError
from reader.userdata.note_status import NoteStatus, note_status

log = logging.getLogger(__name__)

SLUG_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "bookmark" | "note"
GONE = "no longer in the content"
PREVIEW_CHARS = 48  # of a note's first line, shown under its title in the Saved list


class SavedList(QTreeWidget):
    """Bookmarks and notes, each group newest first."""

    def __init__(self, window, personal) -> None:
        super().__init__()
        self.window = window
        self.personal = personal
        self.setHeaderHidden(True)
        self.setAccessibleName("Bookmarks and notes")
        self.setAccessibleDescription("Enter opens the factsheet selected; the context menu "
                                      "key offers more.")
        self.setUniformRowHeights(False)  # a note shows its first words on a second line
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._activate)
        personal.bookmarks_changed.connect(self.refresh)
        personal.notes_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        store = self.window.store
        expanded = {self.topLevelItem(i).text(0).split(" (")[0]: self.topLevelItem(i).isExpanded()
                    for i in range(self.topLevelItemCount())}
        self.clear()
        data = self.personal.data
        try:
            bookmarks, notes = data.bookmarks(), data.notes()
        except UserDataError as exc:  # unreadable: show empty lists, say why in the log
            log.warning("%s", exc)
            bookmarks, notes = [], []
        marks = QTreeWidgetItem(self, [f"Bookmarks ({len(bookmarks)})"])
        for b in bookmarks:
            self._leaf(marks, "bookmark", b.slug, b.title, store.get(b.slug) is None)
        if not bookmarks:
            self._hint(marks, "Ctrl+D bookmarks the factsheet you are reading")
        noted = QTreeWidgetItem(self, [f"Notes ({len(notes)})"])
        for n in notes:
            status = note_status(n, store)
            item = self._leaf(noted, "note", n.slug, n.title, status is NoteStatus.ORPHANED)
            first = n.text.strip().splitlines()[0] if n.text.strip() else ""
            tip = first[:120] + ("…" if len(first) > 120 else "")
            if first:  # the note's first words under its title, for eyes and screen readers
                preview = first[:PREVIEW_CHARS].rstrip() + ("…" if len(first) > PREVIEW_CHARS else "")
                item.setText(0, f"{item.text(0)}\n    “{preview}”")
            if status is NoteStatus.CHANGED:
                tip += "\n(The factsheet has been updated since this note was saved.)"
            item.setToolTip(0, tip)
        if not notes:
            self._hint(noted, "Ctrl+Shift+N opens the notes panel")
        for group in (marks, noted):
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setExpanded(expanded.get(group.text(0).split(" (")[0], True))

    def _leaf(self, parent, kind: str, slug: str, title: str, orphaned: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [f"{title} — {GONE}" if orphaned else title])
        item.setData(0, SLUG_ROLE, slug)
        item.setData(0, KIND_ROLE, kind)
        if orphaned:
            font = item.font(0)
            font.setItalic(True)
            item.setFont(0, font)
            item.setForeground(0, self.palette().placeholderText())
            item.setToolTip(0, f"“{title}” is not in the content installed now. "
                               + ("Your note is kept." if kind == "note" else ""))
        return item

    def _hint(self, parent, text: str) -> None:
        item = QTreeWidgetItem(parent, [text])
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setForeground(0, self.palette().placeholderText())

    def _activate(self, item: QTreeWidgetItem) -> None:
        slug, kind = item.data(0, SLUG_ROLE), item.data(0, KIND_ROLE)
        if not slug:
            if item.childCount():
                item.setExpanded(not item.isExpanded())
            return
        exists = self.window.store.get(slug) is not None
        if kind == "note":
            if exists:
                self.window.open_factsheet(slug)
            notes = getattr(self.window, "notes_panel", None)
            if notes is not None:
                notes.show_note(slug, focus=False)
            return
        if exists:
            self.window.open_factsheet(slug)
        else:
            self.window.statusBar().showMessage(
                f"That factsheet is {GONE}. Press Delete (or open its menu) to remove the bookmark.",
                6000)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        item = self.currentItem()
        if (event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and item is not None
                and item.data(0, KIND_ROLE) == "bookmark"):
            self.personal.remove_bookmark(item.data(0, SLUG_ROLE))
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Right-click: the menu of the item clicked. The Menu key or Shift+F10: the menu of
        the item selected, shown beside it."""
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            item = self.currentItem()
            pos = self.visualItemRect(item).center() if item is not None else None
        else:
            pos = event.pos()
            item = self.itemAt(pos)
        menu = self.menu_for(item)
        if menu is not None:
            menu.exec(self.viewport().mapToGlobal(pos))

    def menu_for(self, item: QTreeWidgetItem | None) -> QMenu | None:
        """What can be done with a bookmark or note, or None for anything else."""
        if item is None or not item.data(0, SLUG_ROLE):
            return None
        slug, kind = item.data(0, SLUG_ROLE), item.data(0, KIND_ROLE)
        menu = QMenu(self)
        if self.window.store.get(slug) is not None:
            menu.addAction("Open", lambda: self.window.open_factsheet(slug))
        if kind == "bookmark":
            menu.addAction("Remove bookmark", lambda: self.personal.remove_bookmark(slug))
        else:
            notes = getattr(self.window, "notes_panel", None)
            if notes is not None:
                menu.addAction("Show note", lambda: notes.show_note(slug))
        return menu


class RecentList(QWidget):
    """Factsheets viewed lately, latest first, with a button to clear the list."""

    def __init__(self, window, personal) -> None:
        super().__init__()
        self.window = window
        self.personal = personal
        self.setAccessibleName("Recently viewed")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setAccessibleName("Recently viewed factsheets")
        self.list.setAccessibleDescription("Enter opens the factsheet selected.")
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        self.clear_button = QPushButton("Clear recently viewed")
        self.clear_button.setAccessibleName("Clear recently viewed")
        self.clear_button.clicked.connect(personal.clear_recent)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.clear_button)
        personal.recent_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        try:
            visits = self.personal.data.recent()
        except UserDataError as exc:
            log.warning("%s", exc)
            visits = []
        for visit in visits:
            gone = self.window.store.get(visit.slug) is None
            item = QListWidgetItem(f"{visit.title} — {GONE}" if gone else visit.title)
            item.setData(SLUG_ROLE, visit.slug)
            if gone:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        self.clear_button.setEnabled(bool(visits) and self.personal.writable)

    def _activate(self, item: QListWidgetItem) -> None:
        slug = item.data(SLUG_ROLE)
        if slug:
            self.window.open_factsheet(slug)


def install_lists(window, personal) -> None:
    browse = window.browse
    saved = SavedList(window, personal)
    recent = RecentList(window, personal)
    browse.addTab(saved, "Saved")
    browse.addTab(recent, "Recent")
    window.saved_list = saved
    window.recent_list = recent

    def on_tab(index: int) -> None:  # the content may have changed since the list was built
        if browse.widget(index) is saved:
            saved.refresh()
        elif browse.widget(index) is recent:
            recent.refresh()

    browse.currentChanged.connect(on_tab)
    # After a content pack install titles may change and factsheets may go (orphaned notes).
    window.content_changed.connect(lambda _store: (saved.refresh(), recent.refresh()))

    def show_tab(widget, focus_widget, name: str) -> None:
        typed = window.search_field.text().strip()
        if typed:
            window.clear_search()
            # said, not silent: the reader sees where their search went
            window._set_status(html.escape(f"Search for “{typed}” cleared to show {name}."))
        window.left_stack.setCurrentWidget(browse)
        browse.setCurrentWidget(widget)
        focus_widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    show_saved = QAction("&Saved bookmarks and notes", window)
    show_saved.setObjectName("show-saved")
    show_saved.setShortcut(QKeySequence("Ctrl+Shift+B"))
    show_saved.triggered.connect(lambda: show_tab(saved, saved, "your saved factsheets"))
    show_recent = QAction("&Recently viewed", window)
    show_recent.setObjectName("show-recent")
    show_recent.setShortcut(QKeySequence("Ctrl+H"))
    show_recent.triggered.connect(lambda: show_tab(recent, recent.list,
                                                   "your recently viewed factsheets"))
    window.go_menu.addAction(show_saved)
    window.go_menu.addAction(show_recent)
