"""Reading, printing and studying: installs each feature into the main window, in the order they
depend on one another (personal data before the panels that show it; window state after them, so the
panels it restores exist; the narrow layout last, so it sees the restored size and docks).

What is on screen from the start (the theme, the Contents and Notes panels, the bookmark star and
the Saved and Recent tabs, the window's size and layout) is built before the first paint; the rest,
and the modules it needs, right after it (reader/ui/deferred_features.py), each keeping its place
in the menus.
"""

from __future__ import annotations

# In the order they are installed; those named in ON_SCREEN are built before the first paint.
READING = ("page_style", "find_bar", "contents_panel", "citation_actions", "personal_data",
           "notes_panel", "region_focus", "focus_ring", "handout_actions", "shortcuts_dialog",
           "window_state", "narrow_layout")
ON_SCREEN = frozenset({"page_style", "contents_panel", "personal_data", "notes_panel",
                       "window_state", "narrow_layout"})


def _on_screen_modules() -> dict:
    from reader.ui import (
        contents_panel,
        narrow_layout,
        notes_panel,
        page_style,
        personal_data,
        window_state,
    )

    return {"contents_panel": contents_panel, "narrow_layout": narrow_layout,
            "notes_panel": notes_panel, "page_style": page_style, "personal_data": personal_data,
            "window_state": window_state}


def _later_modules() -> dict:
    """The modules of the features built after the first paint (imported then, not before)."""
    from reader.ui import (
        about_dialog,
        citation_actions,
        find_bar,
        focus_ring,
        handout_actions,
        pack_actions,
        region_focus,
        shortcuts_dialog,
    )

    return {"about_dialog": about_dialog, "citation_actions": citation_actions,
            "find_bar": find_bar, "focus_ring": focus_ring, "handout_actions": handout_actions,
            "pack_actions": pack_actions, "region_focus": region_focus,
            "shortcuts_dialog": shortcuts_dialog}


def _later(window, name: str) -> None:
    window.features.reserve(name)
    window.features.add(name, lambda: _later_modules()[name].install(window))


def install_about(window) -> None:
    _later(window, "about_dialog")


def install_reading(window) -> None:
    on_screen = _on_screen_modules()
    for name in READING:
        if name in ON_SCREEN:
            on_screen[name].install(window)
        else:
            _later(window, name)


def install_packs(window) -> None:
    _later(window, "pack_actions")
