"""Moving between the window's regions by keyboard.

F6 moves the focus to the next region (search, the side list, the page, the page's contents,
the notes), Shift+F6 to the previous one, as in browsers and office programs; regions that are
hidden (a closed dock, a narrow window's docks) are skipped. Ctrl+J skips straight to the page
(the desktop's "skip to content"), with the page read from the top of what is in view.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget


def regions(window) -> list[QWidget]:
    """The regions F6 visits, in order, leaving out any that cannot be seen now."""
    side = window.left_stack.currentWidget()
    if side is window.browse:
        side = window.browse.currentWidget()
        side = getattr(side, "list", side)  # the Recent tab wraps its list
    candidates = [window.search_field, side, window.page, window.contents_panel,
                  window.notes_panel.editor]
    return [w for w in candidates if w is not None and w.isVisible() and w.isEnabled()]


def move(window, step: int) -> None:
    """Focus the region `step` (1 or -1) from the one holding the focus now."""
    order = regions(window)
    if not order:
        return
    focused = QApplication.focusWidget()
    here = next((i for i, w in enumerate(order)
                 if focused is not None and (focused is w or w.isAncestorOf(focused))), None)
    target = order[0 if here is None and step > 0 else
                   -1 if here is None else (here + step) % len(order)]
    target.setFocus(Qt.FocusReason.ShortcutFocusReason)


def to_page(window) -> None:
    """Focus the page, its caret (where a screen reader reads from) at the top of the view."""
    page = window.page
    if not page.hasFocus():
        line = page.fontMetrics().height()
        cursor = page.cursorForPosition(page.viewport().rect().topLeft() + QPoint(0, line))
        cursor.movePosition(cursor.MoveOperation.StartOfLine)  # a line in view: no scrolling
        page.setTextCursor(cursor)
    page.setFocus(Qt.FocusReason.ShortcutFocusReason)


def install(window) -> None:
    """Needs the contents and notes panels: install after them."""
    skip = QAction("&Jump to the page", window)
    skip.setObjectName("jump-to-page")
    skip.setShortcut(QKeySequence("Ctrl+J"))
    skip.setProperty("shortcut_help", "Move straight to the page, from search or anywhere")
    skip.triggered.connect(lambda: to_page(window))
    window.go_menu.addAction(skip)
    for text, key, step, name in (("Next &region", "F6", 1, "next-region"),
                                  ("Previous r&egion", "Shift+F6", -1, "previous-region")):
        action = QAction(text, window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(key))
        action.setProperty("shortcut_help", "Move to the next part of the window (search, list, "
                           "page, contents, notes)" if step > 0 else
                           "Move to the previous part of the window")
        action.triggered.connect(lambda _=False, s=step: move(window, s))
        window.go_menu.addAction(action)
