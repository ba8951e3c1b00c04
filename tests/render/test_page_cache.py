from reader.render.page_cache import PageCache


def test_renders_once_per_key_and_evicts_the_least_recent():
    calls = []
    cache = PageCache(size=2)

    def render(name):
        return lambda: calls.append(name) or f"<p>{name}</p>"

    assert cache.get("a", render("a")) == "<p>a</p>"
    assert cache.get("a", render("a")) == "<p>a</p>"
    cache.get("b", render("b"))
    cache.get("a", render("a"))  # a is now the most recent
    cache.get("c", render("c"))  # evicts b
    cache.get("b", render("b"))
    assert calls == ["a", "b", "c", "b"]
    assert len(cache) == 2
