"""Screen readers can name every control the reading features add."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from tests.ui import reading_window

reader_window = reading_window.reader_window  # the fixture
NAMED = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView, QComboBox)


def test_every_control_has_an_accessible_name(reader_window):
    win = reader_window
    win.open_factsheet("sciatica")
    roots = [win.find_bar, win.notes_panel, win.contents_panel, win.saved_list, win.recent_list,
             win.page]
    unnamed = []
    for root in roots:
        for widget in [root, *root.findChildren(QAbstractButton), *root.findChildren(NAMED[0]),
                       *[w for cls in NAMED[1:] for w in root.findChildren(cls)]]:
            if isinstance(widget, QHeaderView):
                continue  # the lists' own (hidden) column header
            if isinstance(widget, NAMED) and not widget.accessibleName():
                unnamed.append(widget)
            elif isinstance(widget, QAbstractButton) and not (widget.accessibleName()
                                                              or widget.text().strip("&")):
                if not isinstance(widget.parent(), QLineEdit):  # Qt's own clear button
                    unnamed.append((widget, widget.parent(), widget.toolTip()))
    assert unnamed == []
    for dock in (win.contents_dock, win.notes_dock):
        assert dock.accessibleName()


def test_the_main_controls_say_how_to_use_them(reader_window):
    """A screen reader reads a control's description after its name: each says what keys do."""
    from PySide6.QtGui import QAccessible

    win = reader_window
    win.open_factsheet("sciatica")
    controls = [win.search_field, win.category_filter, win.evidence_filter, win.browse,
                win.browse.az, win.browse.categories, win.results, win.page, win.contents_panel,
                win.saved_list, win.recent_list.list, win.notes_panel.editor]
    said = {QAccessible.queryAccessibleInterface(c).text(QAccessible.Text.Description)
            for c in controls}
    assert "" not in said
    assert len(said) >= 7  # not one sentence for all
