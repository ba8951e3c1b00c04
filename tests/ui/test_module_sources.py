"""The copies of module sources that PySide6's import hook leaves in linecache are given back
after start-up's batches of imports (reader/ui/module_sources.py)."""

from __future__ import annotations

import linecache

from reader.content import load_content
from reader.paths import AppPaths
from reader.ui.app import create_window

STALE = "/nowhere/imported_after_pyside.py"


def plant_source() -> None:
    linecache.cache[STALE] = (12, None, ["x = 1\n", "y = 2\n"], STALE)


def test_opening_the_search_index_gives_back_module_sources(qtbot, sample_content, tmp_path):
    window = create_window(load_content(sample_content.root), AppPaths.under(tmp_path / "h"))
    qtbot.addWidget(window)
    plant_source()
    with qtbot.waitSignal(window.search_service.ready, timeout=20000):
        window.search_service.start()
    assert STALE not in linecache.cache
    window.close()


def test_rendering_a_factsheet_gives_back_module_sources(qtbot, sample_content, tmp_path):
    window = create_window(load_content(sample_content.root), AppPaths.under(tmp_path / "h"))
    qtbot.addWidget(window)
    plant_source()
    window.open_factsheet("sciatica")
    assert STALE not in linecache.cache
    window.close()
