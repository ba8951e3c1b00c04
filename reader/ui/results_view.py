"""The list of search hits: title, question and a highlighted snippet for each.

Weak hits (the query's words only mentioned in the text) follow a heading, "Also mentioned in",
that cannot be selected or opened: the first results are the ones a practitioner would pick.

QAccessible is imported where it is used, when a result is announced: the list is built before
the window's first paint, and PySide6 spends about 2 ms making QAccessible's enums the first
time it is named (tests/ui/test_start_imports.py)."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QStyledItemDelegate

from reader.content.model import EVIDENCE_LEVELS
from reader.search.filters import WEAK_HEADING

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class _HitDelegate(QStyledItemDelegate):
    def _document(self, option, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(8)
        doc.setDefaultFont(option.font)
        hit = index.data(HIT_ROLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = option.palette.color(role).name()
        muted = color if selected else option.palette.color(QPalette.ColorRole.PlaceholderText).name()
        if hit is None:  # the heading above the weak hits
            doc.setHtml(f'<div style="color:{color}"><hr/><b>{html.escape(WEAK_HEADING)}</b>'
                        f'<br/><span style="color:{muted}; font-size:small">These factsheets '
                        f'only mention the words.</span></div>')
            doc.setTextWidth(max(120, option.rect.width()))
            return doc
        doc.setHtml(
            f'<div style="color:{color}"><b>{html.escape(hit.title)}</b><br/>'
            f'<span style="color:{muted}">{html.escape(hit.question)}</span><br/>'
            f'<span style="font-size:small">{hit.snippet}</span></div>')
        doc.setTextWidth(max(120, option.rect.width()))
        return doc

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option_text = option.text
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = option_text
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        doc.drawContents(painter, QRectF(0, 0, option.rect.width(), option.rect.height()))
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt API)
        width = option.widget.viewport().width() if option.widget else 300
        option.rect.setWidth(width)
        doc = self._document(option, index)
        return QSize(width, int(doc.size().height()) + 2)


def accessible_text(hit) -> str:
    """A result as a screen reader reads it: title, question, evidence level and snippet
    ("Also mentioned in" results say so)."""
    level = EVIDENCE_LEVELS.get(hit.evidence, ("", ""))[0]
    parts = [hit.title, hit.question, level, hit.snippet_text,
             "Only mentions these words." if getattr(hit, "weak", False) else ""]
    sentences = [p.strip() for p in parts if p and p.strip()]
    return " ".join(p if p.endswith((".", "?", "!", "…")) else p + "." for p in sentences)


class ResultsView(QListWidget):
    """Shows `Hit`s; emits `open_requested(slug)` on click or Enter."""

    open_requested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_HitDelegate(self))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.setAccessibleName("Search results")
        self.setAccessibleDescription("Enter opens the factsheet selected.")
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._activate)

    def show_hits(self, hits) -> None:
        """List `hits` (strong ones first, as search returns them), the weak ones under the
        "Also mentioned in" heading, and select the first hit."""
        self.clear()
        heading_added = False
        for hit in hits:
            if getattr(hit, "weak", False) and not heading_added:
                heading = QListWidgetItem(WEAK_HEADING)
                heading.setFlags(Qt.ItemFlag.NoItemFlags)  # not selectable, never opened
                self.addItem(heading)
                heading_added = True
            item = QListWidgetItem(hit.title)
            item.setData(HIT_ROLE, hit)
            item.setToolTip(hit.question)
            # What a screen reader says: the whole result, not only the title it is drawn with.
            item.setData(Qt.ItemDataRole.AccessibleTextRole, accessible_text(hit))
            self.addItem(item)
        self.select_first_hit()

    def _hit_items(self) -> list[QListWidgetItem]:
        return [item for i in range(self.count())
                if (item := self.item(i)).data(HIT_ROLE) is not None]

    def hit_count(self) -> int:
        return len(self._hit_items())

    def hit_slugs(self) -> list[str]:
        return [item.data(HIT_ROLE).slug for item in self._hit_items()]

    def weak_slugs(self) -> list[str]:
        """The hits listed under "Also mentioned in"."""
        return [item.data(HIT_ROLE).slug for item in self._hit_items()
                if item.data(HIT_ROLE).weak]

    def select_first_hit(self) -> None:
        items = self._hit_items()
        if items:
            self.setCurrentItem(items[0])

    def open_current(self) -> None:
        item = self.currentItem()
        if item is None or item.data(HIT_ROLE) is None:
            items = self._hit_items()
            item = items[0] if items else None
        if item is not None:
            self._activate(item)

    def _activate(self, item: QListWidgetItem) -> None:
        hit = item.data(HIT_ROLE)
        if hit is not None:
            self.open_requested.emit(hit.slug)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.doItemsLayout()  # heights depend on the width

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        # The first hit is already current when Down moves here from the search field, so Qt
        # announces only "Search results". Announce the hit too, once Qt has announced the list
        # (it does so after this handler): a screen reader then reads the result itself.
        QTimer.singleShot(0, self, self.announce_current)

    def announce_current(self) -> None:
        """Tell assistive technology that the current result has the focus."""
        from PySide6.QtGui import QAccessible, QAccessibleEvent

        row = self.currentRow()
        if row < 0 or not self.hasFocus() or not QAccessible.isActive():
            return
        event = QAccessibleEvent(self, QAccessible.Event.Focus)
        event.setChild(row)
        QAccessible.updateAccessibility(event)
