"""The on-disk index: built into the cache, reused, rebuilt on change or damage, switched atomically."""

from __future__ import annotations

import threading

import pytest

from reader.content import load_content
from reader.search import index as index_mod
from reader.search.index import BuildCancelled, index_folder, open_or_build
from tests.conftest import ContentFolder


def test_builds_into_the_given_root_and_reuses_it(sample_content, tmp_path):
    root = tmp_path / "cache" / "index"
    store = load_content(sample_content.root)
    ix = open_or_build(root, store)
    assert ix.doc_count == 3
    folder = ix.folder
    assert folder.parent == root and (folder / "meta.json").exists()
    ix.close()
    mtime = (folder / "meta.json").stat().st_mtime_ns
    again = open_or_build(root, store)
    assert again.folder == folder and (folder / "meta.json").stat().st_mtime_ns == mtime
    again.close()
    assert not list(sample_content.root.rglob("*.seg")), "never writes into the content folder"


def test_rebuilt_when_content_changes(sample_content, tmp_path):
    root = tmp_path / "index"
    open_or_build(root, load_content(sample_content.root)).close()
    sample_content.add("gout", title="Gout", aliases=("podagra",))
    store = load_content(sample_content.root)
    ix = open_or_build(root, store)
    assert ix.doc_count == 4
    assert [h.slug for h in ix.search("podagra").hits] == ["gout"]
    ix.close()
    assert [p.name for p in root.iterdir() if not p.name.startswith(".")] == [ix.folder.name]


@pytest.mark.parametrize("damage", ["delete_segments", "garble_meta", "truncate_files"])
def test_damaged_index_is_detected_and_rebuilt(sample_content, tmp_path, damage, caplog):
    root = tmp_path / "index"
    store = load_content(sample_content.root)
    open_or_build(root, store).close()
    folder = index_folder(root, store.digest)
    if damage == "delete_segments":
        for f in folder.glob("*.seg"):
            f.unlink()
    elif damage == "garble_meta":
        (folder / "meta.json").write_text("{not json", encoding="utf-8")
    else:
        for f in folder.iterdir():
            if f.name != "meta.json":
                f.write_bytes(f.read_bytes()[:10])
    ix = open_or_build(root, store)
    assert ix.doc_count == 3
    assert [h.slug for h in ix.search("sciatica").hits][0] == "sciatica"
    ix.close()
    assert "rebuilding" in caplog.text


def test_crash_mid_build_leaves_the_old_index_usable(sample_content, tmp_path, monkeypatch):
    root = tmp_path / "index"
    store = load_content(sample_content.root)
    open_or_build(root, store).close()
    sample_content.add("gout", title="Gout")
    new_store = load_content(sample_content.root)

    def exploding_switch(temp, final):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index_mod, "_switch", exploding_switch)
    with pytest.raises(index_mod.IndexError_):
        open_or_build(root, new_store)
    assert not [p for p in root.iterdir() if p.name.startswith(".build-")], "temp folder cleaned"
    old = open_or_build(root, store)  # the old content's index is still there and opens
    assert old.doc_count == 3
    old.close()


def test_cancelled_build_switches_nothing(sample_content, tmp_path):
    root = tmp_path / "index"
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(BuildCancelled):
        open_or_build(root, load_content(sample_content.root), cancel=cancel)
    assert not any(root.iterdir())


def test_two_builders_at_once_both_end_with_a_good_index(sample_content, tmp_path):
    root = tmp_path / "index"
    store = load_content(sample_content.root)
    results, errors = [], []

    def work():
        try:
            ix = open_or_build(root, store)
            results.append(ix.doc_count)
            ix.close()
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and results == [3, 3, 3]


def test_progress_is_reported(sample_content, tmp_path):
    seen = []
    open_or_build(tmp_path / "i", load_content(sample_content.root),
                  progress=lambda done, total: seen.append((done, total))).close()
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_what_a_factsheet_was_compared_with_is_searchable(sample_content, tmp_path):
    """A patient often knows the drug better than the diagnosis: a comparison named only in
    Research at a glance finds its factsheet."""
    sample_content.add("migraine", title="Migraine", tables=(
        '[[outcomes]]\noutcome = "Migraine days"\ncomparison = "Topiramate"\n'
        'result = "About the same"\ncertainty = "low"\ncertainty_by = "ours"\n'
        'references = ["smith2020"]\n\n'))
    ix = open_or_build(tmp_path / "index", load_content(sample_content.root))
    assert [h.slug for h in ix.search("topiramate").hits] == ["migraine"]
    ix.close()


def _damage_inside_a_segment(folder, store, query: str) -> None:
    """Overwrite 300 bytes inside the segment file where the index still opens with the right
    document count but `query` fails while being read (as the outside fault test found)."""
    import random

    from reader.search.index import _open_matching

    (seg,) = folder.glob("*.seg")
    original = seg.read_bytes()
    for tenth in range(1, 20):
        data = bytearray(original)
        start = len(data) * tenth // 20
        rng = random.Random(tenth)
        data[start:start + 300] = bytes(rng.randrange(256) for _ in data[start:start + 300])
        seg.write_bytes(bytes(data))
        try:
            ix = _open_matching(folder, store, readonly=False)
        except Exception:
            continue  # damage that open already notices is covered above
        try:
            ix.search(query)
        except Exception:
            return
        finally:
            ix.close()
    raise AssertionError("no damage that fails only when read was found")


def test_an_index_damaged_inside_is_rebuilt_when_a_search_fails(content, tmp_path, caplog):
    for name in ("sciatica", "gout", "migraine", "tinnitus", "asthma"):
        content.add(name, title=name.capitalize())
    store = load_content(content.root)
    root = tmp_path / "index"
    open_or_build(root, store).close()
    _damage_inside_a_segment(index_folder(root, store.digest), store, "sciatica")

    ix = open_or_build(root, store)
    assert ix.doc_count == 5  # the damage passes the checks made on open
    assert [h.slug for h in ix.search("sciatica").hits] == ["sciatica"]
    assert "failed while reading" in caplog.text
    assert [h.slug for h in ix.search("gout").hits] == ["gout"]
    ix.close()
    again = open_or_build(root, store)  # the next start finds a good index
    assert [h.slug for h in again.search("sciatica").hits] == ["sciatica"]
    again.close()


def test_an_index_another_instance_has_open_is_never_removed(sample_content, content, tmp_path):
    """Two content folders sharing one cache: each instance's index is stale to the other."""
    root = tmp_path / "shared-cache" / "index"
    first = load_content(sample_content.root)
    holder = open_or_build(root, first)
    other = tmp_path / "other"
    ContentFolder(other).add("gout", title="Gout")
    open_or_build(root, load_content(other)).close()  # builds, then tidies the cache
    assert holder.folder.exists()
    assert [h.slug for h in holder.search("sciatica").hits][0] == "sciatica"
    holder.close()

    third = tmp_path / "third"
    ContentFolder(third).add("tinnitus", title="Tinnitus")
    open_or_build(root, load_content(third)).close()
    assert not holder.folder.exists(), "an index nobody has open is tidied away"
