"""Find in page (Ctrl+F): a bar under the page with next/previous and a match count.

Every match is tinted and the current one stands out; Enter and F3 go to the next, Shift+Enter
and Shift+F3 to the previous, Escape closes the bar and returns to the page. Matching ignores
case. The bar stays open as the reader moves between pages and finds again on each.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

MAX_MATCHES = 5000
MATCH_BG, MATCH_FG = "#ffe46b", "#1f2328"
CURRENT_BG, CURRENT_FG = "#ff9f1a", "#000000"


class _FindField(QLineEdit):
    """The search box: Escape closes the bar instead of reaching the window's own Escape."""

    def __init__(self, bar: FindBar) -> None:
        super().__init__(bar)
        self._bar = bar

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_Escape:
            event.accept()  # deliver Escape to keyPressEvent, ahead of window shortcuts
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Escape:
            self._bar.close_bar()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self._bar.find_previous()
            else:
                self._bar.find_next()
        else:
            super().keyPressEvent(event)


class FindBar(QWidget):
    def __init__(self, page, parent=None) -> None:
        super().__init__(parent)
        self.page = page
        self._matches: list[QTextCursor] = []
        self._current = -1
        self.setAccessibleName("Find in page")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(6)
        label = QLabel("Find:")
        self.field = _FindField(self)
        self.field.setPlaceholderText("Find in page")
        self.field.setAccessibleName("Text to find in the page")
        self.field.setClearButtonEnabled(True)
        self.field.setMaximumWidth(320)
        label.setBuddy(self.field)
        self.previous_button = self._button("▲", "Previous match (Shift+F3)", self.find_previous)
        self.next_button = self._button("▼", "Next match (F3)", self.find_next)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Matches found")
        self.count_label.setMinimumWidth(90)
        close = self._button("✕", "Close (Escape)", self.close_bar)
        close.setAutoRaise(True)
        layout.addWidget(label)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count_label)
        layout.addStretch(1)
        layout.addWidget(close)
        self._typing = QTimer(self, singleShot=True, interval=120)
        self._typing.timeout.connect(lambda: self.search(move=True))
        self.field.textChanged.connect(lambda _t: self._typing.start())
        self.hide()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.clicked.connect(slot)
        return button

    # -- opening and closing -------------------------------------------------------------------
    def open_bar(self) -> None:
        selected = self.page.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 100:
            self.field.setText(selected)
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self.search(move=False)

    def close_bar(self) -> None:
        self._typing.stop()
        self.hide()
        self._matches = []
        self._current = -1
        self.page.setExtraSelections([])
        self.page.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- finding -------------------------------------------------------------------------------
    def search(self, move: bool = True) -> None:
        """Find every match of the field's text; with `move`, go to the first one at or after
        the top of the view."""
        self._typing.stop()
        text = self.field.text()
        doc: QTextDocument = self.page.document()
        self._matches = []
        if text:
            cursor = QTextCursor(doc)
            while len(self._matches) < MAX_MATCHES:
                cursor = doc.find(text, cursor)
                if cursor.isNull():
                    break
                self._matches.append(QTextCursor(cursor))
        self._current = -1
        if self._matches and move:
            top = self.page.cursorForPosition(self.page.viewport().rect().topLeft()).position()
            self._current = next((i for i, c in enumerate(self._matches)
                                  if c.selectionStart() >= top), 0)
        self._show()

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.isVisible():
            self.open_bar()
            return
        if self._typing.isActive():
            self.search(move=True)  # still typing: go to the first match from here
            return
        if not self._matches:
            return
        if self._current < 0:
            top = self.page.cursorForPosition(self.page.viewport().rect().topLeft()).position()
            after = [i for i, c in enumerate(self._matches) if c.selectionStart() >= top]
            self._current = (after[0] if after else 0) if delta > 0 else (
                (after[0] - 1) % len(self._matches) if after else len(self._matches) - 1)
        else:
            self._current = (self._current + delta) % len(self._matches)
        self._show()

    def page_changed(self) -> None:
        """The page was replaced: find again there, without jumping away from the top."""
        if self.isVisible():
            self.search(move=False)

    @property
    def match_count(self) -> int:
        return len(self._matches)

    @property
    def current_index(self) -> int:
        return self._current

    def _show(self) -> None:
        selections = []
        match_format = QTextCharFormat()
        match_format.setBackground(QColor(MATCH_BG))
        match_format.setForeground(QColor(MATCH_FG))
        current_format = QTextCharFormat()
        current_format.setBackground(QColor(CURRENT_BG))
        current_format.setForeground(QColor(CURRENT_FG))
        for i, cursor in enumerate(self._matches):
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            sel.format = current_format if i == self._current else match_format
            selections.append(sel)
        self.page.setExtraSelections(selections)
        n = len(self._matches)
        has_text = bool(self.field.text())
        if not has_text:
            self.count_label.setText("")
        elif not n:
            self.count_label.setText("No matches")
        elif self._current >= 0:
            more = "+" if n >= MAX_MATCHES else ""
            self.count_label.setText(f"{self._current + 1} of {n}{more}")
        else:
            self.count_label.setText(f"{n} match{'es' if n != 1 else ''}")
        self.field.setProperty("notFound", has_text and not n)
        self.previous_button.setEnabled(n > 0)
        self.next_button.setEnabled(n > 0)
        if 0 <= self._current < n:
            # Put the (hidden) cursor on the match to scroll it into view, without selecting
            # it: a selection would paint over the current match's own colour.
            cursor = QTextCursor(self._matches[self._current])
            cursor.clearSelection()
            self.page.setTextCursor(cursor)
            self.page.ensureCursorVisible()

    def current_match(self) -> QTextCursor | None:
        return self._matches[self._current] if 0 <= self._current < len(self._matches) else None


class _EscapeClosesBar(QObject):
    """Escape in the page closes an open find bar (before the window's Escape clears search)."""

    def __init__(self, bar: FindBar) -> None:
        super().__init__(bar)
        self._bar = bar

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if (event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
                and self._bar.isVisible() and event.key() == Qt.Key.Key_Escape
                and not event.modifiers()):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
            else:
                self._bar.close_bar()
            return True
        return False


def install(window) -> None:
    """Put the bar under the page and add View > Find in page / next / previous."""
    page = window.page
    bar = FindBar(page, window.page_holder)  # hidden until asked for
    window.page_holder.layout().addWidget(bar)
    window.find_bar = bar
    window.page_shown.connect(lambda _page: bar.page_changed())
    bar._escape_filter = _EscapeClosesBar(bar)
    page.installEventFilter(bar._escape_filter)

    menu = window.view_menu
    find = QAction("&Find in page…", window)
    find.setObjectName("find")
    find.setShortcuts(_keys("Ctrl+F", QKeySequence.StandardKey.Find))
    find.triggered.connect(bar.open_bar)
    nxt = QAction("Find &next", window)
    nxt.setObjectName("find-next")
    nxt.setShortcuts(_keys("F3", QKeySequence.StandardKey.FindNext))
    nxt.triggered.connect(bar.find_next)
    prev = QAction("Find pre&vious", window)
    prev.setObjectName("find-previous")
    prev.setShortcuts(_keys("Shift+F3", QKeySequence.StandardKey.FindPrevious))
    prev.triggered.connect(bar.find_previous)
    for act in (find, nxt, prev):
        menu.addAction(act)
    menu.addSeparator()
    window.find_action, window.find_next_action, window.find_previous_action = find, nxt, prev


def _keys(first: str, standard: QKeySequence.StandardKey) -> list[QKeySequence]:
    out = [QKeySequence(first)]
    for seq in QKeySequence.keyBindings(standard):
        if seq not in out:
            out.append(seq)
    return out
