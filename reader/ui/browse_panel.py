"""Browse every condition: A–Z, or grouped by category."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTabWidget, QTreeWidget, QTreeWidgetItem

from reader.content.store import ContentStore
from reader.render.home import letter_of

SLUG_ROLE = Qt.ItemDataRole.UserRole + 1


class BrowsePanel(QTabWidget):
    open_requested = Signal(str)

    def __init__(self, store: ContentStore, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Browse factsheets")  # the tab widget itself can take the focus
        self.setAccessibleDescription("Left and Right change the list shown.")
        self.az = self._tree("Conditions A to Z")
        self.categories = self._tree("Conditions by category")
        self.addTab(self.az, "A–Z")
        self.addTab(self.categories, "Categories")
        self.populate(store)

    def _tree(self, name: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setHeaderHidden(True)
        tree.setAccessibleName(name)
        tree.setAccessibleDescription("Enter opens the factsheet selected.")
        tree.setUniformRowHeights(True)
        tree.itemActivated.connect(self._activate)
        tree.itemClicked.connect(self._activate)
        return tree

    def populate(self, store: ContentStore) -> None:
        self.az.clear()
        self.categories.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for sheet in store:
            letter = letter_of(sheet.title)
            if letter not in groups:
                groups[letter] = QTreeWidgetItem(self.az, [letter])
                groups[letter].setFlags(Qt.ItemFlag.ItemIsEnabled)
            self._leaf(groups[letter], sheet)
        for _cid, label, sheets in store.by_category():
            parent = QTreeWidgetItem(self.categories, [f"{label} ({len(sheets)})"])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for sheet in sheets:
                self._leaf(parent, sheet)
        self.az.expandAll()

    @staticmethod
    def _leaf(parent: QTreeWidgetItem, sheet) -> None:
        item = QTreeWidgetItem(parent, [sheet.title])
        item.setData(0, SLUG_ROLE, sheet.slug)
        item.setToolTip(0, sheet.question)

    def _activate(self, item: QTreeWidgetItem) -> None:
        slug = item.data(0, SLUG_ROLE)
        if slug:
            self.open_requested.emit(slug)
        else:
            item.setExpanded(not item.isExpanded())

    def select(self, slug: str) -> None:
        """Highlight `slug` in both condition trees without emitting anything, whichever tab
        is showing (the Saved and Recent tabs, added by the window, are lists, not trees)."""
        for tree in (self.az, self.categories):
            it = tree.invisibleRootItem()
            for i in range(it.childCount()):
                group = it.child(i)
                for j in range(group.childCount()):
                    if group.child(j).data(0, SLUG_ROLE) == slug:
                        tree.blockSignals(True)
                        tree.setCurrentItem(group.child(j))
                        tree.blockSignals(False)
                        break
