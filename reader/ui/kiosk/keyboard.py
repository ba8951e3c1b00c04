"""An on-screen keyboard for the search field, so the kiosk needs no hardware keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from reader.ui.kiosk.metrics import Metrics

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl'", "zxcvbnm-")
BACKSPACE = "⌫"
SPACE = "Space"
CLEAR = "Clear"
HIDE = "Hide keyboard"
MAX_WIDTH = 1500  # px at scale 1: wider keys only make the reach longer


class OnScreenKeyboard(QWidget):
    """Letter keys that type into a target QLineEdit; the keys never take the focus from it."""

    hide_requested = Signal()
    typed = Signal()  # after every key, so the owner can treat it as activity

    def __init__(self, metrics: Metrics, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAccessibleName("On-screen keyboard")
        self._target: QLineEdit | None = None
        self._keys: dict[str, QPushButton] = {}
        outer = QHBoxLayout(self)
        outer.setContentsMargins(metrics.gap, metrics.gap, metrics.gap, metrics.gap)
        board = QWidget()
        board.setMaximumWidth(metrics.px(MAX_WIDTH))
        rows = QVBoxLayout(board)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(metrics.px(10))
        outer.addStretch(1)
        outer.addWidget(board, 20)
        outer.addStretch(1)
        for i, letters in enumerate(ROWS):
            row = QHBoxLayout()
            row.setSpacing(metrics.px(10))
            if i == 2:
                row.addSpacing(metrics.px(36))  # the stagger of a real keyboard
            for ch in letters:  # equal stretch: every letter key the same width
                row.addWidget(self._key(ch.upper() if ch.isalpha() else ch, ch), 1)
            if i == len(ROWS) - 1:
                row.addWidget(self._key(BACKSPACE, BACKSPACE, wide=True, accessible="Delete"), 2)
            rows.addLayout(row)
        last = QHBoxLayout()
        last.setSpacing(metrics.px(10))
        last.addWidget(self._key(CLEAR, CLEAR, wide=True), 2)
        last.addWidget(self._key(SPACE, " ", wide=True), 6)
        last.addWidget(self._key(HIDE, HIDE, wide=True), 3)
        rows.addLayout(last)
        self._keys[BACKSPACE].setAutoRepeat(True)

    def _key(self, label: str, value: str, wide: bool = False,
             accessible: str | None = None) -> QPushButton:
        button = QPushButton(label)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setAccessibleName(accessible or (f"Key {label}" if len(label) == 1 else label))
        if wide:
            button.setObjectName("wideKey")
        button.clicked.connect(lambda: self.press(value))
        self._keys[value] = button
        return button

    def key_button(self, value: str) -> QPushButton:
        """The button that types `value` (a lower-case letter, digit, ' ', BACKSPACE, CLEAR, HIDE)."""
        return self._keys[value]

    def set_target(self, field: QLineEdit | None) -> None:
        self._target = field

    def press(self, value: str) -> None:
        """Do what the key `value` does to the target field."""
        field = self._target
        if value == HIDE:
            self.hide_requested.emit()
            return
        if field is None:
            return
        if value == BACKSPACE:
            field.backspace()
        elif value == CLEAR:
            field.clear()
        elif len(field.text()) < field.maxLength():
            field.insert(value)
        self.typed.emit()
