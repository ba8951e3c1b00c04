"""On a narrow window the side docks give way to the page and come back when there is room."""

from __future__ import annotations

import pytest

from reader.content import load_content
from reader.paths import AppPaths
from reader.ui.app import create_window
from reader.ui.narrow_layout import NARROW_WIDTH, SEARCH_PANEL_NARROW, WIDE_WIDTH
from reader.ui.window_state import save_window_state


@pytest.fixture
def window(qtbot, sample_content, tmp_path):
    win = create_window(load_content(sample_content.root), AppPaths.under(tmp_path / "home"))
    qtbot.addWidget(win)
    win.show()
    qtbot.wait(100)  # the first size is fitted to the (800 px) test screen after showing
    win.resize(1400, 800)
    qtbot.waitUntil(lambda: win.contents_dock.isVisible(), timeout=3000)
    yield win
    win.close()


def resize(qtbot, win, width):
    win.resize(width, 700)
    qtbot.waitUntil(lambda: win.width() == width, timeout=3000)


def test_docks_give_way_on_a_narrow_window_and_come_back(window, qtbot):
    resize(qtbot, window, 1000)
    assert not window.contents_dock.isVisible()
    assert window.splitter.sizes()[0] <= SEARCH_PANEL_NARROW
    qtbot.waitUntil(lambda: window.page.width() >= 600, timeout=3000)  # not five words a line
    resize(qtbot, window, WIDE_WIDTH + 40)
    assert window.contents_dock.isVisible()


def test_a_dock_the_reader_opens_while_narrow_stays_open(window, qtbot):
    resize(qtbot, window, NARROW_WIDTH - 100)
    window.contents_dock.toggleViewAction().trigger()
    assert window.contents_dock.isVisible()
    resize(qtbot, window, NARROW_WIDTH - 50)  # a further resize does not take it away
    assert window.contents_dock.isVisible()


def test_a_dock_the_reader_closed_does_not_come_back(window, qtbot):
    window.contents_dock.close()  # closed by the reader (its close button), window wide
    assert not window.contents_dock.toggleViewAction().isChecked()
    resize(qtbot, window, 1000)
    resize(qtbot, window, 1400)
    assert not window.contents_dock.toggleViewAction().isChecked()
    assert window.notes_dock.isVisible()  # the one left open came back


def test_the_saved_layout_is_the_readers_not_the_narrow_windows(window, qtbot, sample_content,
                                                               tmp_path):
    resize(qtbot, window, 1000)
    save_window_state(window)
    assert not window.contents_dock.isVisible()  # still narrow after saving
    again = create_window(load_content(sample_content.root), AppPaths.under(tmp_path / "home"))
    qtbot.addWidget(again)
    again.show()
    qtbot.wait(100)
    again.resize(1400, 800)
    qtbot.waitUntil(lambda: again.contents_dock.isVisible(), timeout=3000)
    again.close()
