"""Links in the page, one Tab at a time: each is named for a screen reader through the page's
accessible description ("Reference 1: Smith 2020", not "1") and ringed on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from tests.ui import reading_window

reader_window = reading_window.reader_window  # the fixture


def described(widget) -> str:
    """The description an assistive technology reads from `widget`'s accessible interface."""
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Description)


def tab(qtbot, win) -> None:
    qtbot.keyClick(win.focusWidget(), Qt.Key.Key_Tab)


def open_with_focus(qtbot, win, slug: str) -> None:
    win.open_factsheet(slug)
    win.activateWindow()
    win.page.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(win.page.hasFocus)


def test_tabbing_to_a_citation_names_the_reference(qtbot, reader_window):
    win = reader_window
    open_with_focus(qtbot, win, "chronic-low-back-pain")
    own = "Tab goes from link to link; F6 to the next part of the window."
    assert win.page.focused_link() is None and described(win.page) == own
    tab(qtbot, win)
    assert win.page.hasFocus() and win.page.textCursor().selectedText() == "1"
    assert win.page.focused_link() == ("#ref-smith2020", "Reference 1: Smith 2020")
    assert described(win.page) == "Reference 1: Smith 2020"
    tab(qtbot, win)
    assert described(win.page) == "Factsheet: Sciatica"
    names = []
    while win.page.hasFocus() and len(names) < 40:  # on through the references and out
        tab(qtbot, win)
        names.append(described(win.page) if win.page.hasFocus() else None)
    assert "Opens doi.org" in names and "Opens pubmed.ncbi.nlm.nih.gov" in names
    assert "Back to where this is cited" in names
    assert names[-1] is None  # Tab left the page at its last link
    assert described(win.page) == own  # and the page no longer claims a link


def test_the_page_keeps_a_description_of_its_own_between_links(qtbot, reader_window):
    win = reader_window
    win.page.setAccessibleDescription("The factsheet you are reading")
    open_with_focus(qtbot, win, "chronic-low-back-pain")
    tab(qtbot, win)
    assert described(win.page) == "Reference 1: Smith 2020"
    win.open_factsheet("sciatica")  # a new page: no link has the focus
    assert described(win.page) == "The factsheet you are reading"


def test_a_mouse_selection_is_not_taken_for_a_focused_link(qtbot, reader_window):
    from PySide6.QtGui import QTextCursor

    win = reader_window
    open_with_focus(qtbot, win, "chronic-low-back-pain")
    cursor = win.page.document().find("Lower back pain")
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 4)
    win.page.setTextCursor(cursor)  # words and the citation after them
    assert win.page.focused_link() is None


def test_links_on_the_home_page_are_named_from_their_words(qtbot, reader_window):
    win = reader_window
    win.go_home()
    win.activateWindow()
    win.page.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(win.page.hasFocus)
    names = set()
    for _ in range(30):
        tab(qtbot, win)
        if not win.page.hasFocus():
            break
        names.add(described(win.page))
    assert "Factsheet: Sciatica" in names
    assert "" not in names


def test_the_same_reference_twice_in_a_row_is_named_both_times(qtbot, sample_content, tmp_path,
                                                               monkeypatch):
    sample_content.add("gout", title="Gout",
                       body="## What is it?\n\nFirst [@smith2020], and again [@smith2020].\n")
    win = reading_window.make_window(qtbot, sample_content.root, tmp_path / "home")
    open_with_focus(qtbot, win, "gout")
    tab(qtbot, win)
    assert described(win.page) == "Reference 1: Smith 2020"
    first = win.page.textCursor().selectionStart()
    set_to = []
    real = win.page.setAccessibleDescription
    monkeypatch.setattr(win.page, "setAccessibleDescription",
                        lambda text: (set_to.append(text), real(text)))
    tab(qtbot, win)
    assert win.page.textCursor().selectionStart() > first  # the second citation
    assert described(win.page) == "Reference 1: Smith 2020"
    # Cleared, then set again: each is a DescriptionChanged event, so a screen reader hears
    # the second citation too (an unchanged description sends nothing).
    assert set_to == ["", "Reference 1: Smith 2020"]
    win.close()
