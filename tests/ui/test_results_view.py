"""The results list: weak hits under "Also mentioned in", which cannot be opened or selected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from reader.search.filters import WEAK_HEADING, Hit
from reader.ui.results_view import ResultsView


def hit(slug: str, weak: bool = False) -> Hit:
    return Hit(slug=slug, title=slug.title(), question=f"Can acupuncture help {slug}?",
               category="pain", evidence="low", score=1.0, snippet="", snippet_text="",
               weak=weak)


def test_weak_hits_follow_a_heading_that_cannot_be_chosen(qtbot):
    view = ResultsView()
    qtbot.addWidget(view)
    view.resize(400, 600)
    view.show()
    view.show_hits([hit("heartburn"), hit("gout", weak=True), hit("dyspepsia", weak=True)])
    assert view.count() == 4 and view.hit_count() == 3
    assert view.hit_slugs() == ["heartburn", "gout", "dyspepsia"]
    assert view.weak_slugs() == ["gout", "dyspepsia"]
    heading = view.item(1)
    assert heading.text() == WEAK_HEADING
    assert not heading.flags() & Qt.ItemFlag.ItemIsSelectable
    assert view.currentItem().text() == "Heartburn"
    qtbot.keyClick(view, Qt.Key.Key_Down)  # the arrow key steps over the heading
    assert view.currentItem().text() == "Gout"
    opened = []
    view.open_requested.connect(opened.append)
    view.itemClicked.emit(heading)  # a click on the heading opens nothing
    view.open_current()
    assert opened == ["gout"]


def test_only_weak_hits_still_open_the_first_hit_not_the_heading(qtbot):
    view = ResultsView()
    qtbot.addWidget(view)
    view.show_hits([hit("a", weak=True), hit("b", weak=True)])
    assert view.item(0).text() == WEAK_HEADING
    opened = []
    view.open_requested.connect(opened.append)
    view.open_current()
    assert opened == ["a"]


def test_a_screen_reader_hears_the_whole_result(qtbot):
    """Through the accessibility interface a result reads as title, question, evidence level
    and snippet, not as its title alone."""
    from PySide6.QtGui import QAccessible

    view = ResultsView()
    qtbot.addWidget(view)
    view.resize(400, 600)
    view.show()
    strong = Hit(slug="gout", title="Gout", question="Can acupuncture help gout?",
                 category="pain", evidence="very-low", score=1.0, snippet="",
                 snippet_text="A flare of gout …")
    view.show_hits([strong, hit("heartburn", weak=True)])
    first = QAccessible.queryAccessibleInterface(view).child(0)
    name = first.text(QAccessible.Text.Name)
    assert name == "Gout. Can acupuncture help gout? Very limited evidence. A flare of gout …"
    weak = view.item(2).data(Qt.ItemDataRole.AccessibleTextRole)
    assert weak.startswith("Heartburn. Can acupuncture help heartburn? Limited evidence.")
    assert weak.endswith("Only mentions these words.")


def test_focus_arriving_announces_the_current_result(qtbot, monkeypatch):
    """Down from the search field: Qt says only "Search results"; the hit itself follows."""
    sent = []
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    monkeypatch.setattr(QAccessible, "updateAccessibility",
                        staticmethod(lambda e: sent.append((e.type(), e.child(), e.object()))))
    view = ResultsView()
    qtbot.addWidget(view)
    view.show()
    view.show_hits([hit("gout", weak=True), hit("heartburn", weak=True)])
    assert view.currentRow() == 1  # the first hit, under the "Also mentioned in" heading
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: (QAccessible.Event.Focus, 1, view) in sent)
