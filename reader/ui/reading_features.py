"""Reading, printing and studying: installs each feature into the main window, in the order they
depend on one another (personal data before the panels that show it; window state after them, so the
panels it restores exist; the narrow layout last, so it sees the restored size and docks).

What is on screen from the start (the theme, the Contents and Notes panels, the bookmark star and
the Saved and Recent tabs, the window's size and layout) is built before the first paint; the rest,
and the modules it needs, right after it (reader/ui/deferred_features.py), each keeping its place
in the menus.
"""

from __future__ import annotations

from importlib import import_module


def _later(window, name: str) -> None:
    """Build the feature in reader/ui/`name`.py after the first paint, importing its module
    then, in its own step (each step keeps to a few milliseconds)."""
    window.features.reserve(name)
    window.features.add(name, lambda: import_module(f"reader.ui.{name}").install(window))


def install_about(window) -> None:
    _later(window, "about_dialog")


def install_reading(window) -> None:
    from reader.ui import (
        contents_panel,
        narrow_layout,
        notes_panel,
        page_style,
        personal_data,
        window_state,
    )

    page_style.install(window)
    _later(window, "find_bar")
    contents_panel.install(window)
    _later(window, "citation_actions")
    personal_data.install(window)
    notes_panel.install(window)
    for name in ("region_focus", "focus_ring", "handout_actions", "shortcuts_dialog"):
        _later(window, name)
    window_state.install(window)
    narrow_layout.install(window)


def install_packs(window) -> None:
    _later(window, "pack_actions")
