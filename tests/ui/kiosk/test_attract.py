"""The attract screen moves on by itself, unless the desktop asks for less motion: then it holds
one featured factsheet still, a different one at each rest."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.ui.kiosk import attract

FEATURED = ("sciatica", "peripheral-neuropathy")


@pytest.fixture
def motion(monkeypatch):
    """motion.reduce = True makes the desktop ask for less motion (read at each rest)."""

    class Desktop:
        reduce = False

    desktop = Desktop()
    monkeypatch.setattr(attract, "prefers_reduced_motion", lambda: desktop.reduce)
    return desktop


def rest(qtbot, window) -> str:
    """Leave the attract screen if it shows, come to rest again; the title then shown."""
    if window.attract_showing():
        qtbot.mouseClick(window.attract, Qt.MouseButton.LeftButton)
    window.on_idle()
    assert window.attract_showing()
    return window.attract.title.text()


def test_featured_factsheets_change_by_themselves(qtbot, make_kiosk, motion):
    window = make_kiosk(featured=FEATURED, attract_seconds=4)
    assert rest(qtbot, window) == "Sciatica"
    assert window.attract.cycling() and window.attract.dots.isVisible()
    assert rest(qtbot, window) == "Sciatica"  # each rest starts from the first


def test_with_less_motion_asked_for_the_screen_holds_still(qtbot, make_kiosk, motion):
    motion.reduce = True
    window = make_kiosk(featured=FEATURED, attract_seconds=4)
    assert rest(qtbot, window) == "Sciatica"
    assert not window.attract.cycling() and not window.attract.dots.isVisible()
    assert rest(qtbot, window) == "Peripheral neuropathy"  # the next, at the next rest
    assert not window.attract.cycling()
    assert rest(qtbot, window) == "Sciatica"


def test_a_change_of_the_setting_counts_from_the_next_rest(qtbot, make_kiosk, motion):
    window = make_kiosk(featured=FEATURED, attract_seconds=4)
    rest(qtbot, window)
    assert window.attract.cycling()
    motion.reduce = True
    rest(qtbot, window)
    assert not window.attract.cycling()
    motion.reduce = False
    rest(qtbot, window)
    assert window.attract.cycling() and window.attract.dots.isVisible()
