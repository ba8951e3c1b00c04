"""The reading pane: a QTextBrowser that keeps a comfortable line length and routes links.

Tab moves the keyboard focus from link to link. Qt does not expose the links inside a
QTextBrowser as accessible objects of their own (reader/ui/page_structure.py gives a screen
reader stand-ins for them and the headings), so the page's accessible description names the
focused link ("Reference 3: Vickers 2018", "Opens doi.org", "Factsheet: Sciatica"; see
reader/render/page.py `link_name`): Qt tells screen readers the description changed, and Orca
speaks the change of the object that has the focus. A 2 px ring in the focus ring's colour marks
the link on screen (Qt's own mark is a faint 1 px dotted box).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPainter, QPen, QTextCursor
from PySide6.QtWidgets import QTextBrowser

from reader.render.page import FACTSHEET_SCHEME, link_name
from reader.ui.anchor_jump import jump_to_anchor
from reader.ui.heading_sizes import apply_stylesheet_heading_sizes
from reader.ui.page_structure import PageStructure
from reader.ui.ring_colour import RING_WIDTH, document_background, ring_colour

MAX_TEXT_WIDTH = 780  # pixels of text per line, about 75–90 characters
MIN_MARGIN = 18
LINK_RING_PAD = 1  # pixel between a focused link's words and its ring (more would cover a bracket)


class PageView(QTextBrowser):
    """Shows rendered HTML; emits `factsheet_requested(slug)` for links to other factsheets."""

    factsheet_requested = Signal(str)
    external_link_opened = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.setAccessibleName("Factsheet page")
        self.setAccessibleDescription("Tab goes from link to link; F6 to the next part of the "
                                      "window.")
        self.text_width = MAX_TEXT_WIDTH  # grows with the zoom (reader/ui/page_style.py)
        self._own_description: str | None = None  # the description a link's name replaced
        self.structure = PageStructure(self, link_name)  # headings and links as objects

    def show_html(self, html: str, scroll: int = 0) -> None:
        self.setExtraSelections([])  # a reference marked on the last page
        self.setHtml(html)
        apply_stylesheet_heading_sizes(self.document())
        self._update_margins()
        self.verticalScrollBar().setValue(scroll)
        self.structure.refresh()
        self._name_focused_link()

    def scroll_position(self) -> int:
        return self.verticalScrollBar().value()

    # -- the link with the keyboard focus ----------------------------------------------------
    def focused_link(self) -> tuple[str, str] | None:
        """(address, name) of the link Tab has moved the focus to, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        probe = QTextCursor(self.document())
        probe.setPosition(cursor.selectionStart() + 1)  # the format of the selection's first letter
        first = probe.charFormat()
        probe.setPosition(cursor.selectionEnd())
        if not first.isAnchor() or probe.charFormat().anchorHref() != first.anchorHref():
            return None  # a selection made with the mouse, not one link
        href = first.anchorHref()
        return href, link_name(href, first.toolTip(), cursor.selectedText())

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt API)
        moved = super().focusNextPrevChild(next)
        self._name_focused_link(again=True)
        self._scroll_to_focused_link()
        self.viewport().update()  # the ring round the link left behind
        return moved

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        self._name_focused_link()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().focusOutEvent(event)
        self._name_focused_link()
        self.viewport().update()

    def _name_focused_link(self, again: bool = False) -> None:
        """The page's description names the focused link (or is the page's own again); with
        `again`, a link named like the last one (the same reference cited twice in a row) is
        said once more: Qt sends no event for an unchanged description, and Orca speaks only
        a description that differs from the last it heard."""
        link = self.focused_link() if self.hasFocus() else None
        if link is None:
            if self._own_description is not None:
                self.setAccessibleDescription(self._own_description)
                self._own_description = None
            return
        if self._own_description is None:
            self._own_description = self.accessibleDescription()
        elif again and self.accessibleDescription() == link[1]:
            self.setAccessibleDescription("")
        self.setAccessibleDescription(link[1])  # Qt sends DescriptionChanged

    def focused_link_rects(self) -> list[QRect]:
        """Where the focused link's words are (viewport coordinates), one rectangle a line."""
        if not self.hasFocus() or self.focused_link() is None:
            return []
        cursor = self.textCursor()
        probe = QTextCursor(self.document())
        lines: dict[int, QRect] = {}
        for pos in range(cursor.selectionStart(), cursor.selectionEnd() + 1):
            probe.setPosition(pos)
            r = self.cursorRect(probe)
            line = lines.get(r.top())
            lines[r.top()] = r if line is None else line.united(r)
        return [r.adjusted(-LINK_RING_PAD - RING_WIDTH, -1, LINK_RING_PAD + RING_WIDTH, 1)
                for r in lines.values() if r.width() > 1]

    def _scroll_to_focused_link(self) -> None:
        """The whole ring in view, a line clear of the edge (Qt scrolls only until the text
        cursor shows, which can leave the link on the bottom edge)."""
        rects = self.focused_link_rects()
        if not rects:
            return
        area = rects[0].united(rects[-1])
        view = self.viewport().rect()
        bar = self.verticalScrollBar()
        if area.bottom() > view.bottom():
            bar.setValue(bar.value() + area.bottom() - view.bottom() + area.height())
        elif area.top() < view.top():
            bar.setValue(bar.value() - (view.top() - area.top()) - area.height())

    def link_ring_colour(self) -> QColor:
        """The focused link's ring: the focus ring's colour, at 3:1 against the page."""
        return ring_colour(self.palette(), [document_background(self)])

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        rects = self.focused_link_rects()
        if not rects:
            return
        painter = QPainter(self.viewport())
        pen = QPen(self.link_ring_colour())
        pen.setWidth(RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = RING_WIDTH // 2
        for rect in rects:
            painter.drawRect(rect.adjusted(half, half, -half, -half))

    # -- links and layout --------------------------------------------------------------------
    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == FACTSHEET_SCHEME:
            self.factsheet_requested.emit(url.path())
        elif url.scheme() in ("http", "https"):
            self.external_link_opened.emit(url.toString())
            QDesktopServices.openUrl(url)
        elif url.hasFragment() and not url.scheme() and not url.path():
            jump_to_anchor(self, url.fragment())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._update_margins()

    def _update_margins(self) -> None:
        width = self.viewport().width()
        margin = max(MIN_MARGIN, (width - self.text_width) // 2)
        doc = self.document()
        if abs(doc.documentMargin() - margin) >= 1:
            doc.setDocumentMargin(margin)
