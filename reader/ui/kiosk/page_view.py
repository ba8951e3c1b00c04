"""The kiosk's reading pane: follows links between factsheets and within the page, never out."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QScroller, QTextBrowser

from reader.render.page import FACTSHEET_SCHEME
from reader.ui.kiosk.metrics import Metrics
from reader.ui.kiosk.tiles import enable_finger_scrolling

log = logging.getLogger(__name__)
MAX_TEXT_WIDTH = 1120  # px at scale 1: about 80 characters of the kiosk's larger text


class KioskPageView(QTextBrowser):
    factsheet_requested = Signal(str)
    external_link_refused = Signal(str)

    def __init__(self, metrics: Metrics, parent=None) -> None:
        super().__init__(parent)
        self._metrics = metrics
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Links only: no selecting, so no copying and no dragging text out.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Factsheet page")
        self.anchorClicked.connect(self._on_anchor)
        enable_finger_scrolling(self)

    def show_html(self, html: str, scroll: int = 0) -> None:
        QScroller.scroller(self.viewport()).stop()
        self.setHtml(html)
        self._update_margins()
        self.verticalScrollBar().setValue(scroll)

    def clear_page(self) -> None:
        """Forget the page shown, so nothing of it stays in memory or on screen."""
        self.show_html("")

    def scroll_position(self) -> int:
        return self.verticalScrollBar().value()

    def set_scroll_position(self, value: int) -> None:
        QScroller.scroller(self.viewport()).stop()
        self.verticalScrollBar().setValue(value)

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == FACTSHEET_SCHEME:
            self.factsheet_requested.emit(url.path())
        elif url.hasFragment() and not url.scheme() and not url.path():
            self.scrollToAnchor(url.fragment())
        else:
            log.info("kiosk: not opening %s", url.toString())
            self.external_link_refused.emit(url.toString())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._update_margins()

    def _update_margins(self) -> None:
        # Side margins keep lines to a readable length; the top and bottom stay small (one
        # document margin would push the text far down on a wide screen).
        width = self.viewport().width()
        side = max(self._metrics.px(32), (width - self._metrics.px(MAX_TEXT_WIDTH)) // 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if abs(fmt.leftMargin() - side) >= 1 or fmt.topMargin() != self._metrics.px(28):
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(self._metrics.px(28))
            fmt.setBottomMargin(self._metrics.px(48))
            frame.setFrameFormat(fmt)
