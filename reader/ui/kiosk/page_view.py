"""The kiosk's reading pane: follows links between factsheets and within the page, never out.

Links in running text are only as tall as a line (about 25 px), below the 44 px a finger needs.
A tap that lands on no link opens the nearest link within half a touch target (22 px at 1080p)
of it, so every link answers to a 44 px area around its text without changing how the page
looks. A drag (scrolling) never opens a link.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtWidgets import QScroller, QTextBrowser

from reader.render.page import FACTSHEET_SCHEME, link_name
from reader.ui.anchor_jump import jump_to_anchor
from reader.ui.heading_sizes import apply_stylesheet_heading_sizes
from reader.ui.kiosk.metrics import MIN_TARGET_PX, Metrics
from reader.ui.kiosk.tiles import enable_finger_scrolling
from reader.ui.page_structure import PageStructure

log = logging.getLogger(__name__)
MAX_TEXT_WIDTH = 1120  # px at scale 1: about 80 characters of the kiosk's larger text
TAP_SLOP = 12  # px at scale 1: a press and release further apart than this are a drag


def _offsets(radius: int, step: int) -> list[QPoint]:
    """Points within `radius` of the origin, nearest first."""
    points = [QPoint(dx, dy) for dx in range(-radius, radius + 1, step)
              for dy in range(-radius, radius + 1, step) if dx * dx + dy * dy <= radius * radius]
    return sorted(points, key=lambda p: p.x() * p.x() + p.y() * p.y())


class KioskPageView(QTextBrowser):
    factsheet_requested = Signal(str)
    external_link_refused = Signal(str)

    def __init__(self, metrics: Metrics, parent=None) -> None:
        super().__init__(parent)
        self._metrics = metrics
        self._pressed_at: QPoint | None = None
        self._near = _offsets(metrics.px(MIN_TARGET_PX / 2), max(2, metrics.px(4)))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Links only: no selecting, so no copying and no dragging text out. Tab reaches the
        # page and then link after link (Enter follows one), but a touch never focuses it.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Factsheet page")
        self.anchorClicked.connect(self._on_anchor)
        enable_finger_scrolling(self)
        self.structure = PageStructure(self, link_name)  # headings and links as objects

    def show_html(self, html: str, scroll: int = 0) -> None:
        QScroller.scroller(self.viewport()).stop()
        self.setExtraSelections([])  # a reference marked on the last page
        self.setHtml(html)
        apply_stylesheet_heading_sizes(self.document())
        self._update_margins()
        self.verticalScrollBar().setValue(scroll)
        self.structure.refresh()

    def clear_page(self) -> None:
        """Forget the page shown, so nothing of it stays in memory or on screen."""
        self.show_html("")

    def link_near(self, pos: QPoint) -> str:
        """The link under `pos` (viewport coordinates), else the nearest one within half a
        touch target of it, else ""."""
        for offset in self._near:
            href = self.anchorAt(pos + offset)
            if href:
                return href
        return ""

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        pos = event.position().toPoint()
        pressed, self._pressed_at = self._pressed_at, None
        is_tap = (pressed is not None and event.button() == Qt.MouseButton.LeftButton
                  and (pos - pressed).manhattanLength() <= self._metrics.px(TAP_SLOP))
        if is_tap and not self.anchorAt(pos):
            href = self.link_near(pos)
            if href:
                event.accept()
                self.anchorClicked.emit(QUrl(href))
                return
        super().mouseReleaseEvent(event)

    def scroll_position(self) -> int:
        return self.verticalScrollBar().value()

    def set_scroll_position(self, value: int) -> None:
        QScroller.scroller(self.viewport()).stop()
        self.verticalScrollBar().setValue(value)

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == FACTSHEET_SCHEME:
            self.factsheet_requested.emit(url.path())
        elif url.hasFragment() and not url.scheme() and not url.path():
            jump_to_anchor(self, url.fragment())
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
