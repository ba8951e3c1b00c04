"""The page's headings and links as objects for a screen reader (reader/ui/page_structure.py):
one stand-in each, with the role and name a screen reader lists, over the text it stands for,
and a "go to" that moves the page there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QTextDocument

from reader.render.page import link_name
from reader.ui.page_structure import page_spots
from tests.ui import reading_window

reader_window = reading_window.reader_window  # the fixture


@pytest.fixture
def listening():
    """As when a screen reader is running: Qt's accessibility is on."""
    was = QAccessible.isActive()
    QAccessible.setActive(True)
    yield
    QAccessible.setActive(was)


def objects(page) -> list[tuple[QAccessible.Role, str]]:
    """(role, name) of the heading and link objects under the page, as a screen reader finds
    them: through the page's accessible interface and its children."""
    found, stack = [], [QAccessible.queryAccessibleInterface(page)]
    while stack:
        iface = stack.pop()
        if iface.role() in (QAccessible.Role.Heading, QAccessible.Role.Link):
            found.append((iface.role(), iface.text(QAccessible.Text.Name)))
        kids = [c for c in (iface.child(i) for i in range(iface.childCount())) if c]
        stack.extend(reversed(kids))  # depth first, in reading order
    return found


def test_spots_are_the_headings_and_the_links_in_reading_order():
    doc = QTextDocument()
    doc.setHtml('<h1>Back pain</h1><p>Trials <a href="#ref-a" title="Reference 1: Smith 2020">'
                '1</a> and a <a href="factsheet:sciatica">link <b>in two</b> runs</a>.</p>'
                '<h2>Safety</h2><p>No links.</p>')
    spots = page_spots(doc, link_name)
    assert [(s.name, s.level, s.href) for s in spots] == [
        ("Back pain", 1, ""), ("Reference 1: Smith 2020", 0, "#ref-a"),
        ("Factsheet: link in two runs", 0, "factsheet:sciatica"), ("Safety", 2, "")]
    link = spots[2]
    assert doc.toPlainText()[link.start:link.end] == "link in two runs"


def test_no_screen_reader_no_stand_ins(reader_window):
    if QAccessible.isActive():
        pytest.skip("accessibility is already on in this process")
    reader_window.open_factsheet("chronic-low-back-pain")
    assert reader_window.page.structure.stand_ins() == []
    assert objects(reader_window.page) == []


def test_a_screen_reader_finds_every_heading_and_link_named(listening, reader_window):
    page = reader_window.page
    reader_window.open_factsheet("chronic-low-back-pain")
    found = objects(page)
    headings = [name for role, name in found if role == QAccessible.Role.Heading]
    links = [name for role, name in found if role == QAccessible.Role.Link]
    assert headings[0] == "Chronic low back pain" and "When to see a GP" in headings
    assert "Reference 1: Smith 2020" in links and "Factsheet: Sciatica" in links
    assert not [n for n in links if n.strip("[]() ").isdigit()]
    reader_window.open_factsheet("sciatica")  # the last page's objects go with it
    assert "Factsheet: Sciatica" not in [n for _r, n in objects(page)]
    assert len(page.structure.stand_ins()) == len(objects(page))


def test_stand_ins_sit_over_their_text_and_scroll_with_it(qtbot, listening, reader_window):
    page = reader_window.page
    reader_window.open_factsheet("chronic-low-back-pain")
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() > 0)
    qtbot.wait(10)  # the places are set once the layout settles
    link = next(s for s in page.structure.stand_ins() if s.spot.href == "#ref-smith2020")
    assert page.anchorAt(link.geometry().center()) == "#ref-smith2020"
    before = link.geometry().top()
    page.verticalScrollBar().setValue(40)
    assert link.geometry().top() == before - 40
    assert page.anchorAt(link.geometry().center()) == "#ref-smith2020"


def test_going_to_a_link_object_focuses_it_in_the_page_and_enter_follows(
        qtbot, listening, reader_window):
    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    link = next(s for s in win.page.structure.stand_ins()
                if s.spot.href.startswith("factsheet:"))
    iface = QAccessible.queryAccessibleInterface(link)
    actions = iface.actionInterface()
    assert actions and QAccessibleActionInterface.setFocusAction() in actions.actionNames()
    actions.doAction(QAccessibleActionInterface.setFocusAction())  # what a screen reader's "go to" calls
    assert win.page.hasFocus()
    assert win.page.focused_link()[1] == "Factsheet: Sciatica"
    qtbot.keyClick(win.page, Qt.Key.Key_Return)
    assert win.current_page() == "sciatica"


def test_going_to_a_heading_puts_the_caret_on_it(qtbot, listening, reader_window):
    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    heading = [s for s in win.page.structure.stand_ins() if s.spot.level][-1]
    heading.setFocus(Qt.FocusReason.OtherFocusReason)
    assert win.page.hasFocus()
    caret = win.page.textCursor().position()
    assert win.page.document().findBlock(caret).text().strip() == heading.spot.name
    rect = win.page.cursorRect()
    assert win.page.viewport().rect().contains(rect.center())  # scrolled into view


def test_a_screen_reader_started_later_finds_them_once_the_page_has_the_focus(
        qtbot, reader_window):
    if QAccessible.isActive():
        pytest.skip("accessibility is already on in this process")
    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    assert win.page.structure.stand_ins() == []
    QAccessible.setActive(True)
    try:
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        win.page.setFocus(Qt.FocusReason.OtherFocusReason)
        assert ("Reference 1: Smith 2020" in
                [name for _role, name in objects(win.page)])
    finally:
        QAccessible.setActive(False)


def test_a_page_with_thousands_of_links_gives_only_the_first_ones(qtbot, listening,
                                                                   reader_window, caplog,
                                                                   monkeypatch):
    from reader.ui import page_structure

    monkeypatch.setattr(page_structure, "MAX_STAND_INS", 5)
    reader_window.open_factsheet("chronic-low-back-pain")
    made = reader_window.page.structure.stand_ins()
    assert len(made) == 5 and made[0].spot.name == "Chronic low back pain"
    assert "a screen reader is given the first 5" in caplog.text
