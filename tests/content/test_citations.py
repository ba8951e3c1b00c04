from __future__ import annotations

from reader.content.citations import citation_order, format_vancouver
from reader.content.model import Reference


def ref(**kw) -> Reference:
    base = dict(key="vickers2018", type="ipd-meta-analysis",
                authors=("Vickers AJ", "Vertosick EA"), title="Acupuncture for chronic pain",
                journal="J Pain", year=2018, finding="f", verified=(), et_al=True,
                volume="19", issue="5", pages="455-474", doi="10.1016/j.jpain.2017.11.005",
                pmid="29198932")
    base.update(kw)
    return Reference(**base)


def test_vancouver_full():
    assert format_vancouver(ref()) == (
        "Vickers AJ, Vertosick EA, et al. Acupuncture for chronic pain. "
        "J Pain. 2018;19(5):455-474. doi:10.1016/j.jpain.2017.11.005. PMID: 29198932.")


def test_vancouver_leaves_out_unknown_fields_and_caps_authors():
    r = ref(authors=tuple(f"Author{i} A" for i in range(8)), et_al=False, volume=None,
            issue=None, pages=None, pmid=None, title="Does it work?")
    text = format_vancouver(r)
    assert "Author5 A, et al." in text and "Author6" not in text
    assert "Does it work? J Pain. 2018." in text
    assert "PMID" not in text


def test_numbering_follows_first_citation():
    refs = (ref(key="a"), ref(key="b"), ref(key="c"))
    assert citation_order([("b",), ("a", "b")], refs) == {"b": 1, "a": 2, "c": 3}
