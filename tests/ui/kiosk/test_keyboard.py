"""The on-screen keyboard on its own: what each key does to its field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from reader.ui.kiosk.keyboard import BACKSPACE, CLEAR, HIDE, ROWS, OnScreenKeyboard
from reader.ui.kiosk.metrics import Metrics


def make(qtbot, max_length=10):
    field = QLineEdit()
    field.setMaxLength(max_length)
    keyboard = OnScreenKeyboard(Metrics())
    keyboard.set_target(field)
    qtbot.addWidget(field)
    qtbot.addWidget(keyboard)
    keyboard.show()
    return field, keyboard


def tap(qtbot, keyboard, value):
    qtbot.mouseClick(keyboard.key_button(value), Qt.MouseButton.LeftButton)


def test_every_key_types_its_character(qtbot):
    field, keyboard = make(qtbot, max_length=100)
    everything = "".join(ROWS)
    for ch in everything:
        tap(qtbot, keyboard, ch)
    assert field.text() == everything
    assert keyboard.key_button("q").text() == "Q"  # shown as on a real keyboard
    assert all(not keyboard.key_button(ch).focusPolicy() & Qt.FocusPolicy.ClickFocus
               for ch in everything)


def test_editing_keys(qtbot):
    field, keyboard = make(qtbot)
    for ch in "ab":
        tap(qtbot, keyboard, ch)
    tap(qtbot, keyboard, " ")
    tap(qtbot, keyboard, "c")
    assert field.text() == "ab c"
    field.setCursorPosition(2)
    tap(qtbot, keyboard, BACKSPACE)
    assert field.text() == "a c" and field.cursorPosition() == 1  # at the cursor, like a real key
    tap(qtbot, keyboard, CLEAR)
    assert field.text() == ""
    tap(qtbot, keyboard, BACKSPACE)  # nothing to delete: nothing happens
    assert field.text() == ""


def test_the_field_length_limit_holds(qtbot):
    field, keyboard = make(qtbot, max_length=3)
    for ch in "abcdef":
        tap(qtbot, keyboard, ch)
    assert field.text() == "abc"


def test_hide_key_asks_to_hide(qtbot):
    _field, keyboard = make(qtbot)
    with qtbot.waitSignal(keyboard.hide_requested):
        tap(qtbot, keyboard, HIDE)


def test_without_a_target_keys_do_nothing(qtbot):
    keyboard = OnScreenKeyboard(Metrics())
    qtbot.addWidget(keyboard)
    keyboard.press("a")  # no field: no error
