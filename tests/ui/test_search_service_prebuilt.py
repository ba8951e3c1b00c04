"""The window's search uses the prebuilt index an installed app ships, with no build."""

from __future__ import annotations

import dataclasses

from reader.content import load_content
from reader.paths import AppPaths
from reader.search.index import build
from reader.ui.app import create_window


def test_search_is_ready_from_the_prebuilt_index_without_a_build(qtbot, sample_content, tmp_path):
    store = load_content(sample_content.root)
    prebuilt = tmp_path / "app" / "search-index"
    build(prebuilt, store)
    paths = dataclasses.replace(AppPaths.under(tmp_path / "home"), prebuilt_index=prebuilt)
    window = create_window(store, paths)
    qtbot.addWidget(window)
    progress = []
    window.search_service.progress.connect(lambda done, total: progress.append(done))
    with qtbot.waitSignal(window.search_service.ready, timeout=20000) as ready:
        window.search_service.start()
    assert ready.args == [3]
    assert progress == [], "no index build was reported"
    assert not paths.index_root.exists()
    window.close()
