"""Big touch tiles in a grid that scrolls by finger, for browsing categories and factsheets."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reader.ui.kiosk.metrics import Metrics


class TabButton(QPushButton):
    """A kiosk button for a visitor with a keyboard as well as a finger: Tab reaches it and
    Enter or Space presses it, but a touch never gives it the focus (which would take the focus
    from the search field the on-screen keyboard types into)."""

    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.click()  # outside a dialog a button answers only to Space otherwise
            return
        super().keyPressEvent(event)


class Tile(TabButton):
    """A large button with a title and a quieter line under it."""

    def __init__(self, title: str, subtitle: str, metrics: Metrics, parent=None) -> None:
        super().__init__(parent=parent)
        self.setObjectName("tile")
        self.setAccessibleName(title)
        self.setAccessibleDescription(subtitle)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(metrics.px(28), metrics.px(16), metrics.px(24), metrics.px(16))
        layout.setSpacing(metrics.px(6))
        self.title_label = QLabel(title)
        self.title_label.setObjectName("tileTitle")
        self.title_label.setWordWrap(True)
        self.subtitle_label = QLabel(subtitle)
        self.subtitle_label.setObjectName("tileSub")
        self.subtitle_label.setWordWrap(True)
        for label in (self.title_label, self.subtitle_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        layout.addStretch(1)
        if not subtitle:
            self.subtitle_label.hide()
        self.setMinimumHeight(metrics.tile)

    def title(self) -> str:
        return self.title_label.text()


def enable_finger_scrolling(area) -> None:
    """Let a finger (or a mouse drag) scroll `area` with momentum, as on a phone."""
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)


class TileGrid(QScrollArea):
    """Tiles laid out in `columns` columns, top to bottom in rows, named `name` for a screen
    reader. Tab goes from tile to tile (the grid scrolls to the one with the focus); the grid
    itself never takes the focus."""

    def __init__(self, metrics: Metrics, columns: int, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._metrics = metrics
        self._columns = columns
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.tiles: list[Tile] = []
        self._inner = QWidget()
        self._column = QVBoxLayout(self._inner)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.addStretch(1)  # keeps the tiles at the top when they do not fill the height
        self._block: QWidget | None = None
        self.setWidget(self._inner)
        enable_finger_scrolling(self)

    def set_tiles(self, items: list[tuple[str, str, Callable[[], None]]]) -> None:
        """Replace the tiles with one per (title, subtitle, action)."""
        if self._block is not None:
            self._block.deleteLater()
        self._block = QWidget()
        grid = QGridLayout(self._block)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(self._metrics.gap)
        self.tiles = []
        for i, (title, subtitle, action) in enumerate(items):
            tile = Tile(title, subtitle, self._metrics)
            tile.clicked.connect(lambda _checked=False, act=action: act())
            grid.addWidget(tile, i // self._columns, i % self._columns)
            self.tiles.append(tile)
        for c in range(self._columns):
            grid.setColumnStretch(c, 1)
        self._column.insertWidget(0, self._block)
        self.verticalScrollBar().setValue(0)

    def tile(self, title: str) -> Tile | None:
        return next((t for t in self.tiles if t.title() == title), None)

    def scroll_position(self) -> int:
        return self.verticalScrollBar().value()

    def set_scroll_position(self, value: int) -> None:
        QScroller.scroller(self.viewport()).stop()
        self.verticalScrollBar().setValue(value)
