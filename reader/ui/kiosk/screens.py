"""The kiosk's screens: home (topics as big tiles and a search button), one topic's factsheets,
and search with results."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reader.content.model import CATEGORIES
from reader.content.store import ContentStore
from reader.kiosk.config import KioskConfig
from reader.search.filters import SearchFilters, name_hits, result_summary
from reader.ui.announce import settled
from reader.ui.kiosk.metrics import Metrics
from reader.ui.kiosk.tiles import TabButton, TileGrid, enable_finger_scrolling
from reader.ui.results_view import ResultsView
from reader.ui.search_service import SearchService

log = logging.getLogger(__name__)
DEFAULT_TITLE = "Acupuncture research factsheets"
SEARCH_PROMPT = "Search for a condition or symptom"
KIOSK_DISCLAIMER = ("These factsheets summarise published research for information only. They are "
                    "not medical advice: please talk to your practitioner or GP about your own "
                    "health.")
DEBOUNCE_MS = 120
MAX_QUERY = 60


def _label(text: str, name: str, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def magnifier_icon(size: int, color: str) -> QIcon:
    """A drawn magnifying glass (no icon theme on a bare kiosk to borrow one from)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(color), max(2.0, size / 10))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    r = size * 0.3
    centre = QPointF(size * 0.42, size * 0.42)
    painter.drawEllipse(centre, r, r)
    painter.drawLine(QPointF(size * 0.64, size * 0.64), QPointF(size * 0.9, size * 0.9))
    painter.end()
    return QIcon(pixmap)


def topic_examples(titles: list[str], limit: int = 2) -> str:
    """'A, B, C and 4 more' for a tile's second line."""
    shown = ", ".join(titles[:limit])
    more = len(titles) - limit
    return f"{shown} and {more} more" if more > 0 else shown


class HomeScreen(QWidget):
    """Clinic name and logo, a big search button and every topic as a tile."""

    category_chosen = Signal(str)
    search_requested = Signal()

    def __init__(self, store: ContentStore, config: KioskConfig, metrics: Metrics,
                 parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(metrics.margin, metrics.px(32), metrics.margin, metrics.px(20))
        layout.setSpacing(metrics.px(18))

        header = QHBoxLayout()
        header.setSpacing(metrics.px(28))
        self.logo = QLabel()
        self.logo.setAccessibleName("Clinic logo")
        if config.logo is not None:
            pixmap = QPixmap(str(config.logo))
            if pixmap.isNull():
                log.warning("kiosk logo %s could not be read as an image", config.logo)
            else:
                self.logo.setPixmap(pixmap.scaledToHeight(
                    metrics.px(112), Qt.TransformationMode.SmoothTransformation))
                header.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignVCenter)
        titles = QVBoxLayout()
        titles.setSpacing(metrics.px(4))
        title = config.clinic_name or (store.pack.title if store.pack else DEFAULT_TITLE)
        self.title = _label(title, "heading")
        if config.clinic_name:
            lead = ("Acupuncture: what the research says. Choose a topic, or search for a "
                    "condition.")
        else:
            lead = "What the research says about acupuncture. Choose a topic, or search."
        self.lead = _label(lead, "lead")
        titles.addWidget(self.title)
        titles.addWidget(self.lead)
        header.addLayout(titles, 1)
        layout.addLayout(header)

        if not len(store):
            self.search_button = None
            self.tiles = None
            self.empty = _label("The factsheets are not available at the moment. Please ask at "
                                "reception.", "lead")
            layout.addWidget(self.empty)
            layout.addStretch(1)
            return

        self.search_button = TabButton(f"  {SEARCH_PROMPT}…")  # the first stop for Tab
        self.search_button.setObjectName("searchButton")
        self.search_button.setIcon(magnifier_icon(metrics.px(40), "#56606a"))
        self.search_button.setIconSize(QSize(metrics.px(40), metrics.px(40)))
        self.search_button.setAccessibleName("Search")
        self.search_button.clicked.connect(self.search_requested)
        layout.addWidget(self.search_button)

        layout.addSpacing(metrics.px(6))
        layout.addWidget(_label("Choose a topic", "subheading"))
        self.tiles = TileGrid(metrics, columns=4, name="Topics")
        groups = store.by_category()
        self.tiles.set_tiles([
            (label, topic_examples([s.title for s in sheets]),
             lambda cid=cid: self.category_chosen.emit(cid))
            for cid, label, sheets in groups])
        layout.addWidget(self.tiles, 1)
        footer = _label(KIOSK_DISCLAIMER, "muted")
        layout.addWidget(footer)

    def scroll_position(self) -> int:
        return self.tiles.scroll_position() if self.tiles else 0

    def set_scroll_position(self, value: int) -> None:
        if self.tiles:
            self.tiles.set_scroll_position(value)


class CategoryScreen(QWidget):
    """One topic's factsheets as tiles."""

    open_requested = Signal(str)

    def __init__(self, store: ContentStore, metrics: Metrics, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self.category: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(metrics.margin, metrics.px(28), metrics.margin, metrics.px(20))
        layout.setSpacing(metrics.px(18))
        self.title = _label("", "heading")
        self.lead = _label("", "lead")
        layout.addWidget(self.title)
        layout.addWidget(self.lead)
        self.tiles = TileGrid(metrics, columns=3, name="Factsheets on this topic")
        layout.addWidget(self.tiles, 1)

    def show_category(self, cid: str) -> bool:
        """Show the factsheets of category `cid`; False when there are none."""
        sheets = next((s for c, _label_, s in self._store.by_category() if c == cid), None)
        if not sheets:
            return False
        if cid != self.category:
            self.category = cid
            self.title.setText(CATEGORIES.get(cid, cid))
            n = len(sheets)
            self.lead.setText(f"{n} factsheet{'s' if n != 1 else ''}. Touch one to read it.")
            self.tiles.set_tiles([
                (s.title, s.evidence.label, lambda slug=s.slug: self.open_requested.emit(slug))
                for s in sheets])
        return True

    def clear(self) -> None:
        self.category = None
        self.tiles.set_tiles([])

    def scroll_position(self) -> int:
        return self.tiles.scroll_position()

    def set_scroll_position(self, value: int) -> None:
        self.tiles.set_scroll_position(value)


class SearchScreen(QWidget):
    """A large search field, a status line and the hits as big rows."""

    open_requested = Signal(str)
    field_touched = Signal()

    def __init__(self, search: SearchService, metrics: Metrics, parent=None) -> None:
        super().__init__(parent)
        self._search = search
        layout = QVBoxLayout(self)
        layout.setContentsMargins(metrics.margin, metrics.px(24), metrics.margin, metrics.px(16))
        layout.setSpacing(metrics.px(14))
        row = QHBoxLayout()
        row.setSpacing(metrics.gap)
        self.field = QLineEdit()
        self.field.setObjectName("search")
        self.field.setPlaceholderText(SEARCH_PROMPT)
        self.field.setAccessibleName("Search factsheets")
        self.field.setMaxLength(MAX_QUERY)
        self.field.setDragEnabled(False)
        self.field.setAcceptDrops(False)
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.installEventFilter(self)
        self.field.textChanged.connect(self._on_text_changed)
        self.field.returnPressed.connect(self._open_first)
        self.clear_button = TabButton("Clear")
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.field, 1)
        row.addWidget(self.clear_button)
        layout.addLayout(row)
        self.status = _label("", "status")
        layout.addWidget(self.status)
        self.results = ResultsView()
        self.results.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Down or Tab from the field
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setDragEnabled(False)
        self.results.setAcceptDrops(False)
        self.results.open_requested.connect(self.open_requested)
        enable_finger_scrolling(self.results)
        layout.addWidget(self.results, 1)
        self._hint = ("Type with the keyboard below: a condition, a symptom or a body part, "
                      "for example back pain, migraine or sleep.")
        self.status.setText(self._hint)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._run_search)
        search.results.connect(self._show_results)
        search.failed.connect(self._on_failed)
        search.ready.connect(lambda _n: self._run_search())

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if obj is self.field and event.type() == QEvent.Type.MouseButtonPress:
            self.field_touched.emit()
        elif (obj is self.field and event.type() == QEvent.Type.KeyPress
              and event.key() == Qt.Key.Key_Down and self.results.hit_count()):
            self.results.select_first_hit()  # a hardware keyboard: Down into the results
            self.results.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return False

    def clear(self) -> None:
        """Empty the field and the results. setText, not clear(): clear() can be undone."""
        self.field.setText("")
        self.results.clear()

    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            self._debounce.stop()
            self._search.latest_generation += 1  # drop any answer still on its way
            self.results.clear()
            self.status.setText(self._hint)
            settled(self.status).cancel()
            return
        self._debounce.start()

    def _run_search(self) -> None:
        text = self.field.text()
        if text.strip():
            self._search.search(text, SearchFilters(), limit=40)
            if self._search.is_ready:
                return
            hits = name_hits(self._search.store, text, SearchFilters())  # until the index opens
            if hits:
                self.results.show_hits(hits)
                self.results.setCurrentRow(-1)
                self.status.setText("Looking through every factsheet…")
            else:
                self.status.setText("Getting search ready…")

    def _show_results(self, result) -> None:
        if not self.field.text().strip():
            return
        self.results.show_hits(result.hits)
        self.results.setCurrentRow(-1)
        summary = result_summary(result)
        self.status.setText(f"{summary} Touch one to read it." if result.hits else summary)
        settled(self.status).say(summary)

    def _on_failed(self, message: str) -> None:
        log.warning("kiosk search unavailable: %s", message)
        self.status.setText("Search is not working at the moment. Please choose a topic from "
                            "the start screen instead.")
        settled(self.status).say(self.status.text())

    def _open_first(self) -> None:
        if self.results.hit_count():
            self.results.select_first_hit()
            self.results.open_current()

    def scroll_position(self) -> int:
        return self.results.verticalScrollBar().value()

    def set_scroll_position(self, value: int) -> None:
        self.results.verticalScrollBar().setValue(value)
