"""Panels that appear over the whole kiosk window (never separate dialogs, which a window manager
could move, stack or close): the idle countdown and calm messages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reader.ui.announce import announce
from reader.ui.kiosk.metrics import Metrics
from reader.ui.kiosk.tiles import TabButton


def plain_label(text: str = "", name: str = "") -> QLabel:
    """A word-wrapped plain-text label, styled by its object name (see kiosk/style.py)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


class Overlay(QWidget):
    """A dimmed layer over its parent with a centred panel; it keeps every touch to itself."""

    def __init__(self, metrics: Metrics, parent: QWidget, width: int = 900) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.metrics = metrics
        self.panel = QFrame()
        self.panel.setObjectName("panel")
        self.panel.setFixedWidth(metrics.px(width))
        self.body = QVBoxLayout(self.panel)
        m = metrics.px(40)
        self.body.setContentsMargins(m, m, m, m)
        self.body.setSpacing(metrics.px(20))
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.panel)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def label(self, text: str = "", name: str = "") -> QLabel:
        return plain_label(text, name)

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(16, 32, 28, 150))

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        event.accept()  # nothing under the overlay may be touched while it is up


class CountdownOverlay(Overlay):
    """"Still reading?" with the seconds left before the kiosk starts again for the next person."""

    keep_reading = Signal()

    def __init__(self, metrics: Metrics, parent: QWidget) -> None:
        super().__init__(metrics, parent)
        self.setAccessibleName("Returning to the start")
        self.title = self.label("Are you still reading?", "subheading")
        self.text = self.label("", "lead")
        self.button = TabButton("Keep reading")  # any key keeps reading too (the idle reset)
        self.button.setObjectName("primary")
        self.button.clicked.connect(self.keep_reading)
        self.body.addWidget(self.title)
        self.body.addWidget(self.text)
        self.body.addWidget(self.button)

    def set_seconds(self, seconds: int) -> None:
        unit = "second" if seconds == 1 else "seconds"
        self.text.setText(f"To keep your reading private, this screen will go back to the start "
                          f"in {seconds} {unit}. Touch anywhere to carry on.")

    def open(self) -> None:
        """Show the warning and say it at once, interrupting whatever a screen reader was
        reading: it matters within seconds. The countdown's ticks are not read out."""
        super().open()
        announce(self, f"{self.title.text()} {self.text.text()}", assertive=True)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        event.accept()
        self.keep_reading.emit()


class MessageOverlay(Overlay):
    """A short message with up to three buttons; any button closes it and then runs its action."""

    def __init__(self, metrics: Metrics, parent: QWidget) -> None:
        super().__init__(metrics, parent)
        self.title = self.label("", "subheading")
        self.text = self.label("", "lead")
        self.body.addWidget(self.title)
        self.body.addWidget(self.text)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(metrics.gap)
        self.body.addLayout(self._buttons)
        self.buttons: list[QPushButton] = []

    def show_message(self, title: str, text: str,
                     buttons: list[tuple[str, Callable[[], None] | None]] | None = None) -> None:
        """Show `title` and `text` with (label, action) buttons; the last one is the main one."""
        for button in self.buttons:
            self._buttons.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self.title.setText(title)
        self.text.setText(text)
        for i, (label, action) in enumerate(buttons or [("OK", None)]):
            button = TabButton(label)
            if i == len(buttons or [None]) - 1:
                button.setObjectName("primary")
            button.clicked.connect(lambda _=False, a=action: self._choose(a))
            self._buttons.addWidget(button)
            self.buttons.append(button)
        self.open()
        # A keyboard answers the main button with Enter or Space, Tab reaches the others and
        # Escape closes the message, doing nothing.
        self.buttons[-1].setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.key() == Qt.Key.Key_Escape:
            self._choose(None)
            return
        super().keyPressEvent(event)

    def button(self, label: str) -> QPushButton:
        return next(b for b in self.buttons if b.text() == label)

    def _choose(self, action: Callable[[], None] | None) -> None:
        self.hide()
        self.parentWidget().setFocus(Qt.FocusReason.OtherFocusReason)  # not lost with the panel
        if action is not None:
            action()
