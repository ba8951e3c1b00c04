"""The search service's start: the index opens on the worker thread, with one warm-up query."""

from __future__ import annotations

from reader.content import load_content
from reader.paths import AppPaths
from reader.search.index import SearchIndex
from reader.ui.app import create_window


def test_a_failing_warm_up_query_does_not_take_search_away(qtbot, sample_content, tmp_path,
                                                           monkeypatch):
    real_search = SearchIndex.search
    calls = []

    def search(self, text, *args, **kwargs):
        calls.append(text)
        if len(calls) == 1:
            raise RuntimeError("warm-up went wrong")
        return real_search(self, text, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "search", search)
    window = create_window(load_content(sample_content.root), AppPaths.under(tmp_path / "h"))
    qtbot.addWidget(window)
    failures = []
    window.search_service.failed.connect(failures.append)
    with qtbot.waitSignal(window.search_service.ready, timeout=20000):
        window.search_service.start()
    assert calls, "the service warmed the index up"
    with qtbot.waitSignal(window.search_service.results, timeout=20000) as got:
        window.search_service.search("sciatica")
    assert [hit.slug for hit in got.args[0].hits][:1] == ["sciatica"]
    assert failures == []
    window.close()
