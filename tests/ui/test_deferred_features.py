"""Features built after the first paint (reader/ui/deferred_features.py): nobody can tell.

The window the app starts (`build_after_first_paint=True`) must end with the same menus as one
built all at once, and a key, click or menu reached for before the features are built must do
what it always does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.content import load_content
from reader.paths import AppPaths
from reader.ui.app import create_window
from tests.conftest import REPO


def menu_text(window) -> list[str]:
    """Every visible entry of the window's menus and toolbars, with its shortcut, in order."""
    lines = []

    def walk(menu, indent=""):
        for action in menu.actions():
            if action.isVisible():
                lines.append(f"{indent}{action.text() or '---'} {action.shortcut().toString()}")
                if action.menu():
                    walk(action.menu(), indent + "  ")

    for menu in (window.file_menu, window.view_menu, window.go_menu, window.help_menu):
        lines.append(f"== {menu.title()}")
        walk(menu)
    return lines


@pytest.fixture
def make(qtbot, sample_content, tmp_path):
    sample_content.add("chronic-low-back-pain", related=("sciatica",))
    store = load_content(sample_content.root)

    def make(deferred: bool, home: str):
        win = create_window(store, AppPaths.under(tmp_path / home),
                            build_after_first_paint=deferred)
        qtbot.addWidget(win)
        win.resize(1200, 780)
        return win

    return make


def test_built_after_the_first_paint_the_menus_are_the_same(qtbot, make):
    at_once = make(False, "a")
    later = make(True, "b")
    assert not later.features.ready
    assert not hasattr(later, "find_bar")
    later.show()
    later.features.start()
    qtbot.waitUntil(lambda: later.features.ready)
    assert hasattr(later, "find_bar") and hasattr(later, "print_action")
    assert menu_text(later) == menu_text(at_once)


def test_what_is_on_screen_is_there_before_the_first_paint(make):
    win = make(True, "a")
    assert win.contents_dock is not None and win.notes_dock is not None
    assert win.bookmark_action is not None
    assert "Find in page…" not in " ".join(menu_text(win))


def test_a_shortcut_pressed_before_its_feature_is_built_still_works(qtbot, make):
    win = make(True, "a")
    win.show()
    qtbot.waitExposed(win)
    win.open_factsheet("sciatica")
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.page.setFocus()
    assert not win.features.ready
    qtbot.keyClick(win.page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.features.ready
    qtbot.waitUntil(lambda: win.find_bar.isVisible())


def test_typing_a_query_does_not_wait_for_the_features(qtbot, make):
    win = make(True, "a")
    win.show()
    qtbot.waitExposed(win)
    win.search_field.setFocus()
    qtbot.keyClicks(win.search_field, "sciat")
    assert not win.features.ready  # letters are not shortcuts
    assert win.search_field.text() == "sciat"


def test_a_menu_opened_before_the_features_are_built_is_complete(qtbot, make):
    win = make(True, "a")
    win.show()
    qtbot.waitExposed(win)
    win.view_menu.popup(win.mapToGlobal(win.rect().center()))
    try:
        assert win.features.ready
        assert "Find in page…" in [a.text().replace("&", "") for a in win.view_menu.actions()]
    finally:
        win.view_menu.close()


def test_a_click_before_the_features_are_built_builds_them_first(qtbot, make):
    win = make(True, "a")
    win.show()
    qtbot.waitExposed(win)
    qtbot.mouseClick(win.page.viewport(), Qt.MouseButton.LeftButton)
    assert win.features.ready


def test_a_feature_that_fails_to_build_does_not_stop_the_others(qtbot, make, monkeypatch):
    reported = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: reported.append(exc[1]))
    from reader.ui import find_bar

    def broken(window):
        raise RuntimeError("no find bar today")

    monkeypatch.setattr(find_bar, "install", broken)
    win = make(True, "a")
    win.show()
    win.features.start()
    qtbot.waitUntil(lambda: win.features.ready)
    assert [str(e) for e in reported] == ["no find bar today"]
    assert win.print_action is not None  # built after the broken one
    assert "Quit" in " ".join(menu_text(win)).replace("&", "")


def test_each_step_leaves_the_event_loop_free(qtbot, make):
    """Steps run one per turn of the event loop: events queued meanwhile are handled between."""
    win = make(True, "a")
    win.show()
    seen = []
    win.features.start()
    for _ in range(3):
        QApplication.processEvents()
        seen.append(win.features.ready)
    assert seen[0] is False  # one step per turn, not all at once
    qtbot.waitUntil(lambda: win.features.ready)


RUN_APP = r"""
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import reader.ui.app as app
from reader.cli import main

seen = {}
_create = app.create_window
def create_window(*args, **kwargs):
    window = _create(*args, **kwargs)
    seen["deferred"] = not window.features.ready
    def check():
        if window.results.hit_slugs() and window.features.ready:
            seen["hits"] = window.results.hit_slugs()[:1]
            seen["quit_in_menu"] = any(a.text() == "&Quit" for a in window.file_menu.actions())
            QApplication.instance().exit(0)
        else:
            QTimer.singleShot(20, check)
    window.search_field.setText("sciatica")  # typed before the first paint even
    QTimer.singleShot(0, check)
    return window
app.create_window = create_window
code = main(["--content", sys.argv[1]])
print(json.dumps({"code": code, **seen}))
"""


def test_the_app_answers_a_query_typed_at_once_and_then_builds_everything(sample_content,
                                                                           tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "FACTSHEET_READER_HOME": str(tmp_path / "home")}
    proc = subprocess.run([sys.executable, "-c", RUN_APP, str(sample_content.root)], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report == {"code": 0, "deferred": True, "hits": ["sciatica"], "quit_in_menu": True}
    lines = proc.stderr.splitlines()
    painted = next(i for i, line in enumerate(lines) if "home page painted" in line)
    ready = next(i for i, line in enumerate(lines) if "every feature is ready" in line)
    assert painted < ready
