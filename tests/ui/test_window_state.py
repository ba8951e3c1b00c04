"""The window comes back as it was left."""

from __future__ import annotations

from reader.settings import FILE_NAME, Settings
from tests.ui.reading_window import LONG_BODY, make_window


def test_size_split_panels_and_last_page_come_back(qtbot, sample_content, tmp_path):
    sample_content.add("chronic-low-back-pain", related=("sciatica",), body=LONG_BODY)
    home = tmp_path / "home"
    win = make_window(qtbot, sample_content.root, home)
    win.resize(760, 560)  # within the offscreen screen, which restoreGeometry keeps it to
    win.splitter.setSizes([230, 530])
    win.notes_dock.show()
    win.notes_dock.raise_()
    win.open_factsheet("sciatica")
    sizes = win.splitter.sizes()
    assert win.close()
    saved = Settings.load(home / "config" / FILE_NAME)
    assert saved.last_page == "sciatica" and saved.window_geometry and saved.splitter_state

    again = make_window(qtbot, sample_content.root, home, size=None)
    qtbot.waitUntil(lambda: again.current_page() == "sciatica")
    assert again.splitter.sizes()[0] == sizes[0]
    assert (again.width(), again.height()) == (760, 560)
    again.close()


def test_opening_a_page_at_start_wins_over_the_last_page(qtbot, sample_content, tmp_path):
    home = tmp_path / "home"
    settings = Settings.load(home / "config" / FILE_NAME)
    settings.last_page = "sciatica"
    settings.save()
    win = make_window(qtbot, sample_content.root, home)
    win.open_factsheet("peripheral-neuropathy")  # as `--open` does, before the event loop
    qtbot.wait(50)
    assert win.current_page() == "peripheral-neuropathy"
    win.close()


def test_a_last_page_that_has_gone_is_ignored(qtbot, sample_content, tmp_path):
    home = tmp_path / "home"
    settings = Settings.load(home / "config" / FILE_NAME)
    settings.last_page = "no-longer-here"
    settings.window_geometry = "not base64 at all!"
    settings.save()
    win = make_window(qtbot, sample_content.root, home)
    qtbot.wait(50)
    assert win.current_page() == "home"
    win.close()
