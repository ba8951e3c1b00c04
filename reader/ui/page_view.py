"""The reading pane: a QTextBrowser that keeps a comfortable line length and routes links."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser

from reader.render.page import FACTSHEET_SCHEME
from reader.ui.anchor_jump import jump_to_anchor
from reader.ui.heading_sizes import apply_stylesheet_heading_sizes

MAX_TEXT_WIDTH = 780  # pixels of text per line, about 75–90 characters
MIN_MARGIN = 18


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
        self.text_width = MAX_TEXT_WIDTH  # grows with the zoom (reader/ui/page_style.py)

    def show_html(self, html: str, scroll: int = 0) -> None:
        self.setExtraSelections([])  # a reference marked on the last page
        self.setHtml(html)
        apply_stylesheet_heading_sizes(self.document())
        self._update_margins()
        self.verticalScrollBar().setValue(scroll)

    def scroll_position(self) -> int:
        return self.verticalScrollBar().value()

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
