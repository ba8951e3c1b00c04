"""GUI flows a reader goes through: search as you type, open a hit, follow links, go back."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextCursor

from reader.content import load_content
from reader.paths import AppPaths
from reader.ui.app import create_window
from tests.conftest import REPO

LONG_BODY = (
    "## What is it?\n\nLower back pain [@smith2020]. See [sciatica](sciatica) and "
    "[an outside page](https://example.org/x).\n\n" + "\n\n".join(
        f"Paragraph {i} about back pain and the lower back in some detail." for i in range(80))
)


@pytest.fixture
def window(qtbot, sample_content, tmp_path):
    sample_content.add("chronic-low-back-pain", related=("sciatica",),
                       aliases=("lumbago", "lower back pain", "LBP"), body=LONG_BODY)
    store = load_content(sample_content.root)
    assert store.problems == ()
    win = create_window(store, AppPaths.under(tmp_path / "home"))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.search_service.ready, timeout=20000):
        win.search_service.start()
    yield win
    win.close()


def type_query(qtbot, win, text):
    win.search_field.clear()
    qtbot.keyClicks(win.search_field, text)
    qtbot.waitUntil(lambda: win.left_stack.currentWidget() is win.results
                    and win.status_label.isVisible(), timeout=5000)


def test_starts_on_the_home_page(window):
    assert window.current_page() == "home"
    assert "Browse by category" in window.page.toPlainText()
    assert not window.back_action.isEnabled()


def test_type_a_query_and_open_the_top_hit(qtbot, window):
    type_query(qtbot, window, "lumbag")  # still typing: the last word is a prefix
    qtbot.waitUntil(lambda: window.results.hit_slugs()[:1] == ["chronic-low-back-pain"])
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_page() == "chronic-low-back-pain"
    assert window.windowTitle().startswith("Chronic low back pain")
    assert "THE BOTTOM LINE" in window.page.toPlainText()


def test_misspelling_shows_what_was_searched_instead(qtbot, window):
    type_query(qtbot, window, "sciatika ")
    qtbot.waitUntil(lambda: "Showing results for" in window.status_label.text())
    assert window.results.hit_slugs()[0] == "sciatica"


def test_a_word_no_factsheet_holds_is_named(qtbot, window):
    type_query(qtbot, window, "sciatica zzyzzx ")
    qtbot.waitUntil(lambda: "No factsheet mentions" in window.status_label.text())
    assert "zzyzzx" in window.status_label.text()
    assert window.results.hit_slugs()[0] == "sciatica"


def test_no_results_gives_a_clear_empty_state(qtbot, window):
    type_query(qtbot, window, "zzzzqqqq ")
    qtbot.waitUntil(lambda: "No factsheets match" in window.status_label.text())
    assert window.results.count() == 0


def test_escape_clears_the_search_and_shows_the_list_again(qtbot, window):
    type_query(qtbot, window, "pain")
    window.clear_search()
    assert window.search_field.text() == ""
    assert window.left_stack.currentWidget() is window.browse


def test_follow_a_citation_then_a_factsheet_link_then_go_back(qtbot, window):
    window.open_factsheet("chronic-low-back-pain")
    assert window.page.scroll_position() == 0
    window.page.anchorClicked.emit(QUrl("#ref-smith2020"))
    assert window.page.scroll_position() > 0
    window.page.anchorClicked.emit(QUrl("factsheet:sciatica"))
    assert window.current_page() == "sciatica"
    window.back_action.trigger()
    assert window.current_page() == "chronic-low-back-pain"
    assert window.page.scroll_position() > 0  # back where the reader was
    window.forward_action.trigger()
    assert window.current_page() == "sciatica"
    window.home_action.trigger()
    assert window.current_page() == "home"


def test_keyboard_shortcuts(qtbot, window):
    window.open_factsheet("sciatica")
    window.open_factsheet("peripheral-neuropathy")
    window.activateWindow()
    window.page.setFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_page() == "sciatica"
    qtbot.keyClick(window.page, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_page() == "peripheral-neuropathy"
    qtbot.keyClick(window.page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    qtbot.keyClicks(window.search_field, "pain")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""


def test_external_links_go_to_the_system_browser(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr("reader.ui.page_view.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toString()) or True)
    window.open_factsheet("chronic-low-back-pain")
    window.page.anchorClicked.emit(QUrl("https://doi.org/10.1000/smith2020"))
    assert opened == ["https://doi.org/10.1000/smith2020"]
    assert window.current_page() == "chronic-low-back-pain"


def test_unknown_factsheet_link_keeps_the_page(window):
    window.open_factsheet("sciatica")
    window.page.anchorClicked.emit(QUrl("factsheet:nowhere"))
    assert window.current_page() == "sciatica"
    assert "nowhere" in window.statusBar().currentMessage()


def test_browse_list_opens_factsheets(qtbot, window):
    tree = window.browse.az
    leaf = tree.topLevelItem(0).child(0)
    tree.itemClicked.emit(leaf, 0)
    assert window.current_page() == "chronic-low-back-pain"
    groups = [window.browse.categories.topLevelItem(i).text(0)
              for i in range(window.browse.categories.topLevelItemCount())]
    assert groups == ["Joints, muscles and back (2)", "Nerves, brain and senses (1)"]


def test_broken_content_is_announced_on_the_home_page(qtbot, sample_content, tmp_path):
    sample_content.add("broken", "+++\ntitle = \n+++\n")
    win = create_window(load_content(sample_content.root), AppPaths.under(tmp_path / "h"))
    qtbot.addWidget(win)
    assert "1 problem(s) were found in the content" in win.page.toPlainText()
    assert win.browse.az.topLevelItemCount() == 3  # C, P, S: the good factsheets are listed


def test_search_unavailable_is_said_calmly(qtbot, sample_content, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    paths = AppPaths.under(tmp_path / "h")
    paths = AppPaths(**{**paths.__dict__, "cache": blocker})
    win = create_window(load_content(sample_content.root), paths)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.search_service.failed, timeout=20000):
        win.search_service.start()
    assert "Search is unavailable" in win.status_label.text()
    win.open_factsheet("sciatica")  # browsing still works
    assert win.current_page() == "sciatica"
    win.close()


def test_quit_after_load_paints_and_exits(sample_content, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "FACTSHEET_READER_HOME": str(tmp_path / "home")}
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "--content", str(sample_content.root),
         "--quit-after-load"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "home" / "cache" / "index").exists(), "no index build on the start path"
    # It paints, then builds what was left for after the paint, and only then exits.
    marks = ("home page painted", "every feature is ready", "exiting (--quit-after-load)")
    seen = [mark for line in proc.stderr.splitlines() for mark in marks if mark in line]
    assert seen == list(marks), proc.stderr


@pytest.mark.parametrize("args, message", [
    (["--content", "{missing}"], "no content found in {missing} (content folder not found)"),
    (["--content", "{content}", "--open", "migrane"], "no factsheet called 'migrane' in {content}"),
], ids=["no-content", "unknown-factsheet"])
def test_quit_after_load_fails_when_a_person_would_see_no_factsheet(sample_content, tmp_path,
                                                                     args, message):
    names = {"missing": tmp_path / "missing", "content": sample_content.root}
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "FACTSHEET_READER_HOME": str(tmp_path / "home")}
    proc = subprocess.run(
        [sys.executable, "-m", "reader", *(a.format(**names) for a in args), "--quit-after-load"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1] == "factsheet-reader: " + message.format(**names)


def test_filters_narrow_the_results(qtbot, window):
    type_query(qtbot, window, "pain ")
    qtbot.waitUntil(lambda: len(window.results.hit_slugs()) >= 2)
    window.category_filter.setCurrentIndex(window.category_filter.findData("neurological"))
    qtbot.waitUntil(lambda: window.results.hit_slugs() == ["peripheral-neuropathy"])
    window.evidence_filter.setCurrentIndex(window.evidence_filter.findData("moderate"))
    qtbot.waitUntil(lambda: window.results.hit_slugs() == ["peripheral-neuropathy"])


def test_filters_offer_only_what_the_content_has_with_counts(window):
    """'Strong evidence' was offered though no factsheet had it: always an empty list."""
    levels = [window.evidence_filter.itemText(i) for i in range(window.evidence_filter.count())]
    assert levels == ["Any evidence (3)", "Moderate evidence (3)"]
    assert window.evidence_filter.findData("high") == -1
    categories = [window.category_filter.itemText(i)
                  for i in range(window.category_filter.count())]
    assert categories == ["All categories (3)", "Joints, muscles and back (2)",
                          "Nerves, brain and senses (1)"]


def test_a_filter_alone_lists_its_factsheets(qtbot, window):
    """With an empty search a chosen filter changed nothing visible."""
    window.category_filter.setCurrentIndex(window.category_filter.findData("musculoskeletal"))
    assert window.left_stack.currentWidget() is window.results
    assert window.results.hit_slugs() == ["chronic-low-back-pain", "sciatica"]  # A–Z
    assert "2 factsheets with these filters, A–Z" in window.status_label.text()
    window.category_filter.setCurrentIndex(0)
    assert window.left_stack.currentWidget() is window.browse
    type_query(qtbot, window, "sciatica")
    window.search_field.clear()  # back to no words: the filter list, or the browse panel
    assert window.left_stack.currentWidget() is window.browse


def test_the_status_line_is_the_one_every_front_end_shows(window, qtbot, sample_content,
                                                          tmp_path):
    from reader.search.filters import result_summary
    from reader.search.index import open_or_build

    type_query(qtbot, window, "sciatika ")
    qtbot.waitUntil(lambda: "Showing results for" in window.status_label.text(), timeout=5000)
    ix = open_or_build(tmp_path / "own-index", load_content(sample_content.root))
    expected = result_summary(ix.search("sciatika ", limit=30))
    ix.close()
    assert window.status_label.text() == expected


def test_a_jump_to_a_reference_keeps_headroom_and_marks_it(qtbot, window):
    from reader.ui.anchor_jump import HEADROOM_LINES, anchor_block

    window.open_factsheet("chronic-low-back-pain")
    window.page.anchorClicked.emit(QUrl("#ref-smith2020"))
    marks = window.page.extraSelections()
    assert len(marks) == 1
    block = anchor_block(window.page, "ref-smith2020")
    assert marks[0].cursor.block().position() == block.position()
    # the reference is not at the very top edge: a few lines above it stay in view
    top = window.page.cursorRect(QTextCursor(block)).top()
    assert top >= HEADROOM_LINES * window.page.fontMetrics().height() - 2
    window.page.anchorClicked.emit(QUrl("factsheet:sciatica"))
    assert window.page.extraSelections() == []  # the mark goes with the page


def test_citation_numbers_are_on_the_line_not_tiny_superscripts(window):
    from PySide6.QtGui import QTextCharFormat

    window.open_factsheet("chronic-low-back-pain")
    block = window.page.document().begin()
    citations = []
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.anchorHref().startswith("#ref-"):
                citations.append(fmt)
            it += 1
        block = block.next()
    assert citations
    for fmt in citations:
        assert fmt.verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignNormal
        assert fmt.fontPointSize() >= 10


def test_alt_c_and_alt_e_jump_to_the_captioned_filters(qtbot, window):
    """Each filter sits under a caption that is its buddy: the caption's key takes the
    focus there, and names the box for a screen reader."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.search_field.setFocus()
    for key, combo in ((Qt.Key.Key_C, window.category_filter),
                       (Qt.Key.Key_E, window.evidence_filter)):
        qtbot.keyClick(window.search_field if combo is window.category_filter
                       else window.category_filter, key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(combo.hasFocus)


def test_typed_before_the_index_opens_names_answer_at_once_then_the_full_text(
        qtbot, sample_content, tmp_path):
    """At start the index takes a moment to open: a query typed then is answered from the
    factsheets' names at once, and by the full text once the index is open."""
    store = load_content(sample_content.root)
    win = create_window(store, AppPaths.under(tmp_path / "home"))
    qtbot.addWidget(win)
    win.show()
    qtbot.keyClicks(win.search_field, "back")
    assert win.left_stack.currentWidget() is win.results  # no debounce, no index yet
    assert win.results.hit_slugs() == ["chronic-low-back-pain"]  # by name
    assert "searching the full text" in win.status_label.text()
    qtbot.keyClick(win.search_field, Qt.Key.Key_Return)  # Enter opens the name match
    assert win.current_page() == "chronic-low-back-pain"
    with qtbot.waitSignal(win.search_service.results, timeout=20000):
        win.search_service.start()
    qtbot.waitUntil(lambda: "searching" not in win.status_label.text())
    assert "sciatica" in win.results.hit_slugs()  # "back" in Sciatica's text, not its name
    win.close()
