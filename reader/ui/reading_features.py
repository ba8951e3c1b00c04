"""Reading, printing and studying: installs each feature into the main window, in the order they
depend on one another (personal data before the panels that show it; window state after them, so the
panels it restores exist; the narrow layout last, so it sees the restored size and docks)."""

from __future__ import annotations


def install(window) -> None:
    from reader.ui import (
        citation_actions,
        contents_panel,
        find_bar,
        focus_ring,
        handout_actions,
        narrow_layout,
        notes_panel,
        page_style,
        personal_data,
        region_focus,
        shortcuts_dialog,
        window_state,
    )

    for feature in (page_style, find_bar, contents_panel, citation_actions, personal_data,
                    notes_panel, region_focus, focus_ring, handout_actions, shortcuts_dialog,
                    window_state, narrow_layout):
        feature.install(window)
