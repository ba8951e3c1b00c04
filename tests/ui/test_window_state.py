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


def test_the_first_window_is_sized_for_the_screen_it_opens_on(qtbot, sample_content, tmp_path):
    """A fixed 1200x780 window put its status bar and dock tabs off a 1366x768 screen."""
    from reader.ui.window_state import first_size

    assert first_size(1920, 1040) == (1200, 780)  # room to spare: the preferred size
    assert first_size(1366, 728) == (1200, 669)  # a common laptop, less its task bar
    assert first_size(1024, 560) == (942, 515)
    assert first_size(1080, 1880) == (993, 1588)  # portrait: tall, not a landscape strip
    win = make_window(qtbot, sample_content.root, tmp_path / "home", size=None)
    area = win.screen().availableGeometry()
    qtbot.wait(50)
    assert area.contains(win.geometry())
    assert (win.width(), win.height()) == first_size(area.width(), area.height())
    win.close()


def test_a_saved_size_that_no_longer_fits_the_screen_gives_way(qtbot, sample_content, tmp_path):
    """Closed on a big monitor, opened on the laptop: the window must not hang off the edges."""
    home = tmp_path / "home"
    win = make_window(qtbot, sample_content.root, home, size=None)
    win.setGeometry(3000, 2000, 2400, 1600)  # somewhere no screen here reaches
    assert win.close()
    again = make_window(qtbot, sample_content.root, home, size=None)
    qtbot.waitUntil(lambda: again.screen().availableGeometry().contains(again.geometry()))
    again.close()
