"""The contents sidebar: the sections of the page on screen; click one to scroll to it.

The list is read from the laid-out page (its h2 and h3 headings), so it always matches what is
shown, home page included. While the reader scrolls, the section in view is highlighted.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem

POSITION_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2
LEVELS = (1, 2, 3)
DOCK_WIDTH = 230  # wide enough for "How acupuncture may help", narrow enough to leave the page


def page_sections(document) -> list[tuple[int, str, int]]:
    """(heading level, text, character position) of each h1–h3 in `document`, in order."""
    out = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        text = block.text().strip()
        if level in LEVELS and text:
            out.append((level, text, block.position()))
        block = block.next()
    return out


class ContentsPanel(QListWidget):
    def __init__(self, page, parent=None) -> None:
        super().__init__(parent)
        self.page = page
        self.setAccessibleName("Sections of this page")
        self.setAccessibleDescription("Enter goes to the section selected.")
        self.setUniformItemSizes(True)
        self.setSpacing(1)
        self.itemActivated.connect(self._go)
        self.itemClicked.connect(self._go)
        page.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        # The page is laid out lazily and again on resizing: follow it, or the highlight is
        # worked out from headings that have no place yet.
        page.document().documentLayout().documentSizeChanged.connect(self._follow_scroll)

    def refresh(self) -> None:
        self.blockSignals(True)
        self.clear()
        for level, text, position in page_sections(self.page.document()):
            item = QListWidgetItem(("      " if level > 2 else "") + text)
            item.setData(POSITION_ROLE, position)
            item.setData(LEVEL_ROLE, level)
            item.setToolTip(text)
            if level == 1:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.addItem(item)
        self.blockSignals(False)
        self._follow_scroll()

    def scroll_to(self, row: int) -> None:
        item = self.item(row)
        if item is not None:
            self._go(item)

    def _go(self, item: QListWidgetItem) -> None:
        doc = self.page.document()
        doc.documentLayout().documentSize()  # finish the layout: it is done lazily
        block = doc.findBlock(int(item.data(POSITION_ROLE)))
        if not block.isValid():
            return
        # The page's (hidden) caret goes to the heading too: a screen reader reads on from the
        # caret, and Tab in the page moves on to the section's first link.
        self.page.setTextCursor(QTextCursor(block))
        top = doc.documentLayout().blockBoundingRect(block).top()
        if item.data(LEVEL_ROLE) == 1:
            top = 0  # the title: the very top of the page, kicker and all
        self.page.verticalScrollBar().setValue(max(0, int(top) - 6))

    def _follow_scroll(self, *_args) -> None:
        if not self.count():
            return
        doc = self.page.document()
        layout = doc.documentLayout()
        layout.documentSize()  # finish the layout, or unplaced headings all count as "above"
        view_top = self.page.verticalScrollBar().value() + 12
        current = 0
        for row in range(self.count()):
            block = doc.findBlock(int(self.item(row).data(POSITION_ROLE)))
            if layout.blockBoundingRect(block).top() <= view_top:
                current = row
            else:
                break
        self.blockSignals(True)
        self.setCurrentRow(current)
        self.blockSignals(False)


def install(window) -> None:
    panel = ContentsPanel(window.page)
    dock = QDockWidget("Contents", window)
    dock.setObjectName("contents-dock")
    dock.setAccessibleName("Contents")
    dock.setWidget(panel)
    dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                         | Qt.DockWidgetArea.RightDockWidgetArea)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resizeDocks([dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
    window.contents_panel = panel
    window.contents_dock = dock
    window.page_shown.connect(lambda _page: panel.refresh())

    toggle = dock.toggleViewAction()
    toggle.setText("&Contents sidebar")
    toggle.setObjectName("toggle-contents")
    window.view_menu.addAction(toggle)
    go = QAction("Go to &contents", window)
    go.setObjectName("focus-contents")
    go.setShortcut(QKeySequence("Ctrl+Shift+T"))

    def focus() -> None:
        dock.show()
        dock.raise_()
        panel.setFocus(Qt.FocusReason.ShortcutFocusReason)

    go.triggered.connect(focus)
    window.go_menu.addAction(go)
    window.focus_contents_action = go
