"""Help > Keyboard shortcuts: every shortcut in the window, read from its menus and toolbars when
the dialog opens (so actions added by any feature are listed), plus the keys that work inside
the search field, the find bar and the lists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

# Keys handled by widgets rather than by actions, so no menu can show them.
WIDGET_KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("In the search field", (
        ("Enter", "Open the top result"),
        ("Down", "Move into the results"),
        ("Escape", "Clear the search"),
    )),
    ("In the find bar", (
        ("Enter / Shift+Enter", "Next / previous match"),
        ("Escape", "Close the find bar"),
    )),
    ("On the page", (
        ("Tab / Shift+Tab", "Move between links"),
        ("Enter", "Follow the selected link"),
        ("Page Up / Page Down, Space", "Scroll"),
        ("Ctrl+Home / Ctrl+End", "Top / bottom of the page"),
    )),
    ("In the Saved list", (
        ("Delete", "Remove the selected bookmark"),
    )),
    ("In the notes panel", (
        ("Ctrl+Shift+M", "Preview the note formatted"),
        ("Tab", "Leave the note"),
    )),
)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…")


# Keys from the platform's standard bindings that are media or browser buttons (Back, Forward,
# Zoom In...): listed by Qt by name, and no help to someone reading a keyboard.
_FIRST_SPECIAL_KEY = 0x01000061  # Qt.Key_Back


def _keys(action: QAction) -> str:
    out = []
    for seq in action.shortcuts():
        if seq.isEmpty() or seq[0].key().value >= _FIRST_SPECIAL_KEY:
            continue
        out.append(seq.toString(QKeySequence.SequenceFormat.NativeText))
    return ", ".join(out)


def _does(action: QAction) -> str:
    """What the action's keys do: its `shortcut_help` property for an action whose text
    follows the page ("Remove bookmark" on a bookmarked page), else its text."""
    return action.property("shortcut_help") or _plain(action.text())


def collect_shortcuts(window) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(keys, what they do)]) for every action with a shortcut, menu by menu (a
    submenu right after its menu)."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, title: str) -> None:
        rows: list[tuple[str, str]] = []
        groups.append((title, rows))
        submenus = []
        for act in menu.actions():
            if act.menu() is not None:
                submenus.append(act)
                continue
            keys = _keys(act)
            if keys and id(act) not in seen:
                seen.add(id(act))
                rows.append((keys, _does(act)))
        for act in submenus:
            walk(act.menu(), f"{title} › {_plain(act.text())}")

    for act in window.menuBar().actions():
        if act.menu() is not None:
            walk(act.menu(), _plain(act.text()))
    extra = [(k, _does(a)) for a in window.findChildren(QAction)
             if (k := _keys(a)) and id(a) not in seen and a.parent() is window and a.isVisible()]
    groups.append(("Other", extra))
    groups.extend((title, list(rows)) for title, rows in WIDGET_KEYS)
    return [(title, rows) for title, rows in groups if rows]


class ShortcutsDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Keys", "Does"])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for title, rows in collect_shortcuts(window):
            group = QTreeWidgetItem(self.tree, [title, ""])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for keys, what in rows:
                QTreeWidgetItem(group, [keys, what])
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(560, 620)


def install(window) -> None:
    action = QAction("&Keyboard shortcuts", window)
    action.setObjectName("keyboard-shortcuts")
    action.setShortcuts([QKeySequence("Ctrl+/"), QKeySequence("F1")])
    action.triggered.connect(lambda: ShortcutsDialog(window).exec())
    first = window.help_menu.actions()[0] if window.help_menu.actions() else None
    if first is not None:
        window.help_menu.insertAction(first, action)
    else:
        window.help_menu.addAction(action)
