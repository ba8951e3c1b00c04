"""Loading whole content folders: ordering, cross-file links, broken files and missing folders."""

from __future__ import annotations

from reader.content import load_content


def test_loads_every_factsheet_in_title_order(sample_content):
    store = load_content(sample_content.root)
    assert store.problems == ()
    assert [s.slug for s in store] == ["chronic-low-back-pain", "peripheral-neuropathy", "sciatica"]
    assert store.pack.id == "org.example.test"
    assert [(cid, len(items)) for cid, _, items in store.by_category()] == [
        ("musculoskeletal", 2), ("neurological", 1)]


def test_broken_factsheet_is_reported_and_the_rest_still_load(sample_content):
    sample_content.add("broken", "+++\ntitle = \n+++\n")
    store = load_content(sample_content.root)
    assert len(store) == 3
    assert store.get("broken") is None
    (problem,) = store.problems
    assert problem.path.name == "broken.md" and problem.line == 2


def test_unknown_related_slug_and_body_link(sample_content):
    sample_content.add("gout", title="Gout", related=("nowhere",),
                       body="## What is it?\n\nSee [this](also-nowhere) [@smith2020].\n")
    store = load_content(sample_content.root)
    text = [str(p) for p in store.problems]
    assert any("related factsheet 'nowhere' does not exist" in t for t in text)
    assert any("gout.md:" in t and "link to unknown factsheet 'also-nowhere'" in t for t in text)


def test_missing_folder_gives_a_clear_problem(tmp_path):
    store = load_content(tmp_path / "nope")
    assert len(store) == 0
    assert "content folder not found" in str(store.problems[0])


def test_missing_pack_toml_and_factsheets_folder(tmp_path):
    (tmp_path / "c").mkdir()
    store = load_content(tmp_path / "c")
    messages = [p.message for p in store.problems]
    assert "missing pack.toml" in messages and "no 'factsheets' folder" in messages


def test_bad_pack_toml(sample_content):
    (sample_content.root / "pack.toml").write_text('id = "x"\nsequence = "one"\n', "utf-8")
    store = load_content(sample_content.root)
    assert store.pack is None
    assert any("'sequence' must be a int" in p.message for p in store.problems)


def test_digest_changes_with_content(sample_content):
    before = load_content(sample_content.root).digest
    sample_content.add("gout", title="Gout")
    assert load_content(sample_content.root).digest != before


def test_citing_finds_factsheets_by_doi_or_pmid(sample_content):
    store = load_content(sample_content.root)
    assert [s.slug for s in store.citing(doi="10.1000/JONES2019")] == ["sciatica"]
    assert [s.slug for s in store.citing(pmid="333")] == ["peripheral-neuropathy"]


def test_cached_store_is_reused_until_the_content_changes(sample_content, tmp_path, monkeypatch):
    from reader.content import store as store_mod

    cache = tmp_path / "cache"
    first = load_content(sample_content.root, cache=cache)
    assert list((cache / "content").glob("*.pickle"))

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(store_mod, "parse_factsheet", no_parsing)
    again = load_content(sample_content.root, cache=cache)
    assert again == first and [s.slug for s in again] == [s.slug for s in first]
    monkeypatch.undo()
    sample_content.add("gout", title="Gout")
    changed = load_content(sample_content.root, cache=cache)
    assert changed.get("gout") is not None


def test_damaged_cache_entry_is_a_miss(sample_content, tmp_path):
    cache = tmp_path / "cache"
    load_content(sample_content.root, cache=cache)
    (entry,) = (cache / "content").glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    store = load_content(sample_content.root, cache=cache)
    assert len(store) == 3 and store.problems == ()


def test_unwritable_cache_is_not_an_error(sample_content, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert len(load_content(sample_content.root, cache=blocker)) == 3


def test_cache_works_without_source_files(sample_content, tmp_path, monkeypatch):
    """A frozen app has no .py files to fingerprint; caching must still work, not crash."""
    from reader.content import store_cache

    store_cache._code_fingerprint.cache_clear()
    monkeypatch.setattr(store_cache, "_CODE", ("no-such-module.py",))
    try:
        load_content(sample_content.root, cache=tmp_path / "c")
        assert len(load_content(sample_content.root, cache=tmp_path / "c")) == 3
    finally:
        store_cache._code_fingerprint.cache_clear()


def test_of_two_names_differing_in_case_the_valid_slug_wins(sample_content):
    """`Migraine.md` beside `migraine.md`: the stray file is reported, the factsheet stays."""
    good = sample_content.add("migraine", title="Migraine")
    (good.parent / "Migraine.md").write_bytes(good.read_bytes())
    store = load_content(sample_content.root)
    assert store.get("migraine") is not None and store.get("migraine").title == "Migraine"
    (problem,) = store.problems
    assert problem.path.name == "Migraine.md"
    assert "duplicate slug: same as migraine.md" in problem.message


def test_a_failed_cache_write_leaves_no_temporary_file(sample_content, tmp_path, monkeypatch):
    """A nearly full disk: the cache write fails and must not leave its half-written file."""
    import pickle

    cache = tmp_path / "cache"

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pickle, "dumps", lambda *a, **k: b"x" * 1000)
    monkeypatch.setattr("reader.atomic_write.os.replace", disk_full)
    assert len(load_content(sample_content.root, cache=cache)) == 3  # still loads
    assert [p.name for p in (cache / "content").iterdir()] == []
