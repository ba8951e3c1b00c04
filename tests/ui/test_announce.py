"""What a screen reader is told without the focus moving: the search status once typing pauses,
a long job's steps, and nothing at all that would fail when no screen reader runs."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel

from reader.content import load_content
from reader.paths import AppPaths
from reader.ui import announce
from reader.ui.announce import Announcement, ProgressAnnouncer, SettledAnnouncer
from reader.ui.app import create_window


@pytest.fixture(autouse=True)
def heard():
    announce.recent.clear()
    yield announce.recent
    announce.recent.clear()


def texts(heard) -> list[str]:
    return [a.text for a in heard]


def test_an_announcement_is_kept_and_reaches_qt_when_accessibility_is_on(qtbot, heard):
    label = QLabel("status")
    qtbot.addWidget(label)
    label.show()
    announce.announce(label, "  3 factsheets.\n")
    was_active = QAccessible.isActive()
    QAccessible.setActive(True)  # as when a screen reader is running: the event is built and sent
    try:
        announce.announce(label, "Going back to the start", assertive=True)
    finally:
        QAccessible.setActive(was_active)
    announce.announce(label, "   ")  # nothing to say: nothing said
    assert list(heard) == [Announcement("3 factsheets."),
                           Announcement("Going back to the start", assertive=True)]


def test_a_settled_announcer_speaks_only_the_last_text_once_it_is_quiet(qtbot, heard):
    label = QLabel()
    qtbot.addWidget(label)
    label.show()
    speaker = SettledAnnouncer(label, delay_ms=50)
    for text in ("Preparing search…", "12 factsheets.", "3 factsheets."):
        speaker.say(text)
    assert list(heard) == []  # still typing
    qtbot.waitUntil(lambda: not speaker.pending())
    assert texts(heard) == ["3 factsheets."]


def test_a_status_hidden_before_it_settles_is_not_spoken(qtbot, heard):
    label = QLabel()
    qtbot.addWidget(label)
    label.show()
    speaker = SettledAnnouncer(label, delay_ms=50)
    speaker.say("3 factsheets.")
    label.hide()  # the search was cleared
    qtbot.waitUntil(lambda: not speaker.pending())
    assert list(heard) == []


def test_progress_is_spoken_step_by_step_and_a_long_step_now_and_then(heard):
    now = [0.0]
    speaker = ProgressAnnouncer(object(), every_s=10, clock=lambda: now[0])
    speaker.progress("Copying the pack", 0, 100)
    for second in range(1, 25):
        now[0] = float(second)
        speaker.progress("Copying the pack", second * 4, 100)
    speaker.progress("Checking the pack", 0, 0)  # a step of unknown length
    now[0] = 40.0
    speaker.progress("Checking the pack", 5, 0)
    assert texts(heard) == ["Copying the pack", "Copying the pack, 40%", "Copying the pack, 80%",
                            "Checking the pack"]
    assert not any(a.assertive for a in heard)


@pytest.fixture
def window(qtbot, sample_content, tmp_path):
    sample_content.add("chronic-low-back-pain", aliases=("lumbago",))
    win = create_window(load_content(sample_content.root), AppPaths.under(tmp_path / "home"))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.search_service.ready, timeout=20000):
        win.search_service.start()
    yield win
    win.close()


def spoken_after_typing(qtbot, win, heard, text: str) -> list[str]:
    heard.clear()
    win.search_field.clear()
    qtbot.keyClicks(win.search_field, text)
    speaker = announce.settled(win.status_label)
    qtbot.waitUntil(lambda: win.status_label.isVisible() and bool(heard), timeout=5000)
    assert not speaker.pending()
    return texts(heard)


def test_the_result_count_is_announced_once_typing_pauses(qtbot, window, heard):
    assert spoken_after_typing(qtbot, window, heard, "sciatica") == ["1 factsheet."]


def test_a_corrected_search_says_what_was_searched_instead(qtbot, window, heard):
    said = spoken_after_typing(qtbot, window, heard, "sciatika ")
    assert said == ["Showing results for “sciatica” instead of “sciatika”. 1 factsheet."]


def test_no_results_and_filters_are_announced_in_words(qtbot, window, heard):
    said = spoken_after_typing(qtbot, window, heard, "zzzzqqqq ")
    assert said == ["No factsheets match. Try another word, a symptom, or fewer words."]
    window.search_field.clear()
    heard.clear()
    window.category_filter.setCurrentIndex(1)
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    assert texts(heard)[0].endswith("with these filters, A–Z")


def test_clearing_the_search_before_it_settles_says_nothing(qtbot, window, heard):
    qtbot.keyClicks(window.search_field, "sciatica")
    qtbot.waitUntil(lambda: window.status_label.isVisible())
    window.search_field.clear()  # Escape, or the field emptied
    speaker = announce.settled(window.status_label)
    qtbot.waitUntil(lambda: not speaker.pending(), timeout=5000)
    assert list(heard) == []


def test_index_build_progress_is_shown_but_not_read_out(qtbot, window, heard):
    window.search_field.setText("back")
    speaker = announce.settled(window.status_label)
    qtbot.waitUntil(lambda: not speaker.pending(), timeout=5000)
    heard.clear()
    window.search_service.progress.emit(3, 80)  # as a rebuild after a content update reports
    assert window.status_label.text() == "Preparing search… 3 of 80"
    assert not speaker.pending() and list(heard) == []


def test_search_unavailable_is_announced(qtbot, sample_content, tmp_path, heard):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    paths = AppPaths.under(tmp_path / "h")
    paths = AppPaths(**{**paths.__dict__, "cache": blocker})
    win = create_window(load_content(sample_content.root), paths)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.search_service.failed, timeout=20000):
        win.search_service.start()
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    assert len(heard) == 1 and heard[0].text.startswith("Search is unavailable: ")
    assert heard[0].text.endswith("Browse the list instead.") and not heard[0].assertive
    win.close()
