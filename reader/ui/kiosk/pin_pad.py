"""Staff exit: a number pad over the kiosk that asks for the admin PIN, with waits after wrong
PINs (the rules are in reader/kiosk/pin.py)."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QWidget

from reader.kiosk.pin import MAX_PIN_DIGITS, PinGate
from reader.ui.kiosk.metrics import Metrics
from reader.ui.kiosk.overlays import Overlay

CLEAR = "Clear"
BACKSPACE = "⌫"
NO_PIN_TEXT = ("No staff PIN is set up on this kiosk, so it cannot be closed from here. An "
               "administrator can set one with 'factsheet-reader kiosk hash-pin' (see docs/kiosk.md).")


class PinPadOverlay(Overlay):
    """Asks for the PIN; emits `unlocked` when the gate accepts it."""

    unlocked = Signal()

    def __init__(self, gate: PinGate, metrics: Metrics, parent: QWidget) -> None:
        super().__init__(metrics, parent, width=640)
        self.setAccessibleName("Staff exit")
        self.gate = gate
        self._digits = ""
        self.title = self.label("Staff exit", "subheading")
        self.prompt = self.label("Enter the staff PIN to close the kiosk.", "lead")
        self.dots = self.label("", "pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setMinimumHeight(metrics.px(56))
        self.message = self.label("", "pinMessage")  # a wrong PIN is said plainly, not in grey
        self.message.setAccessibleName("PIN message")
        for widget in (self.title, self.prompt, self.dots, self.message):
            self.body.addWidget(widget)

        pad = QWidget()
        pad.setObjectName("pinPad")
        grid = QGridLayout(pad)
        grid.setSpacing(metrics.px(12))
        grid.setContentsMargins(0, 0, 0, 0)
        self.keys: dict[str, QPushButton] = {}
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", CLEAR, "0", BACKSPACE]
        for i, label in enumerate(labels):
            button = QPushButton(label)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName({BACKSPACE: "Delete"}.get(label, label))
            button.clicked.connect(lambda _=False, v=label: self.press(v))
            grid.addWidget(button, i // 3, i % 3)
            self.keys[label] = button
        self.body.addWidget(pad)

        actions = QHBoxLayout()
        actions.setSpacing(metrics.gap)
        self.cancel_button = QPushButton("Cancel")
        self.ok_button = QPushButton("Close kiosk")
        self.ok_button.setObjectName("primary")
        for button in (self.cancel_button, self.ok_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            actions.addWidget(button)
        self.cancel_button.clicked.connect(self.close_pad)
        self.ok_button.clicked.connect(self.submit)
        self.body.addLayout(actions)

        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._update_wait)

    # -- what staff do -----------------------------------------------------------------------
    def open(self) -> None:
        self._digits = ""
        self.message.setText("")
        super().open()
        self.setFocus()
        if not self.gate.configured:
            self.prompt.setText(NO_PIN_TEXT)
        else:
            self.prompt.setText("Enter the staff PIN to close the kiosk.")
        self._refresh()
        self._update_wait()

    def close_pad(self) -> None:
        self._digits = ""
        self._tick.stop()
        self.hide()

    def press(self, key: str) -> None:
        if key == CLEAR:
            self._digits = ""
        elif key == BACKSPACE:
            self._digits = self._digits[:-1]
        elif key.isdigit() and len(self._digits) < MAX_PIN_DIGITS:
            self._digits += key
        self._refresh()

    def submit(self) -> None:
        if not self._digits or not self.gate.configured:
            return
        result = self.gate.attempt(self._digits)
        self._digits = ""
        if result.accepted:
            self.close_pad()
            self.unlocked.emit()
            return
        if result.refused_without_check:
            self.message.setText("Please wait before trying again.")
        elif result.wait_seconds > 0:
            self.message.setText("That PIN is not right.")
        else:
            self.message.setText("That PIN is not right. Please try again.")
        self._refresh()
        self._update_wait()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        text = event.text()
        if text.isdigit():
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.press(BACKSPACE)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        elif event.key() == Qt.Key.Key_Escape:
            self.close_pad()

    # -- display -----------------------------------------------------------------------------
    def entered(self) -> str:
        """How many digits are typed, as dots (the digits themselves are never shown)."""
        return self.dots.text()

    def _refresh(self) -> None:
        self.dots.setText("●" * len(self._digits) if self._digits else "")
        waiting = self.gate.wait_seconds() > 0
        usable = self.gate.configured and not waiting
        for button in self.keys.values():
            button.setEnabled(usable)
        self.ok_button.setEnabled(usable and bool(self._digits))

    def _update_wait(self) -> None:
        wait = self.gate.wait_seconds()
        if wait > 0:
            seconds = math.ceil(wait)
            self.message.setText(f"Too many wrong PINs. You can try again in {seconds} "
                                 f"second{'s' if seconds != 1 else ''}.")
            if not self._tick.isActive():
                self._tick.start()
        elif self._tick.isActive():
            self._tick.stop()
            self.message.setText("You can try again now.")
        self._refresh()
