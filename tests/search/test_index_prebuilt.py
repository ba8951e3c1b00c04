"""The read-only index shipped with an installed app: used when it matches, never written to."""

from __future__ import annotations

import os
import stat

import pytest

from reader.content import load_content
from reader.search.index import build, index_folder, open_or_build, open_prebuilt
from tests.conftest import tree_state


@pytest.fixture
def prebuilt(sample_content, tmp_path):
    """An app folder's prebuilt index for sample_content, made read-only like an install."""
    root = tmp_path / "app" / "search-index"
    build(root, load_content(sample_content.root))
    yield root
    for path in [root, *root.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)  # let tmp_path be cleaned up


def make_read_only(root):
    for path in [root, *root.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def test_a_matching_prebuilt_index_is_used_and_nothing_is_built(sample_content, tmp_path,
                                                                  prebuilt):
    make_read_only(prebuilt)
    before = tree_state(prebuilt)
    cache = tmp_path / "cache" / "index"
    ix = open_or_build(cache, load_content(sample_content.root), prebuilt=prebuilt)
    assert ix.folder.parent == prebuilt
    assert [h.slug for h in ix.search("lumbago").hits][:1] == ["chronic-low-back-pain"]
    ix.close()
    assert not cache.exists(), "no build in the cache"
    assert tree_state(prebuilt) == before, "nothing written in the prebuilt folder"


def test_content_that_changed_is_built_in_the_cache(sample_content, tmp_path, prebuilt):
    make_read_only(prebuilt)
    before = tree_state(prebuilt)
    sample_content.add("gout", title="Gout", aliases=("podagra",))
    store = load_content(sample_content.root)
    cache = tmp_path / "cache" / "index"
    ix = open_or_build(cache, store, prebuilt=prebuilt)
    assert ix.folder == index_folder(cache, store.digest)
    assert [h.slug for h in ix.search("podagra").hits] == ["gout"]
    ix.close()
    assert tree_state(prebuilt) == before


@pytest.mark.parametrize("damage", ["garble_meta", "truncate_segments", "other_content_meta"])
def test_a_damaged_prebuilt_index_is_left_alone_and_the_cache_used(sample_content, tmp_path,
                                                                    prebuilt, damage, caplog):
    store = load_content(sample_content.root)
    folder = index_folder(prebuilt, store.digest)
    if damage == "garble_meta":
        (folder / "meta.json").write_text("{not json", encoding="utf-8")
    elif damage == "truncate_segments":
        for f in folder.glob("*.seg"):
            f.write_bytes(f.read_bytes()[:10])
    else:
        (folder / "meta.json").write_text('{"schema": 0, "digest": "x", "documents": 3}')
    make_read_only(prebuilt)
    before = tree_state(prebuilt)
    assert open_prebuilt(prebuilt, store) is None
    ix = open_or_build(tmp_path / "cache", store, prebuilt=prebuilt)
    assert ix.folder.parent == tmp_path / "cache" and ix.doc_count == 3
    ix.close()
    assert tree_state(prebuilt) == before, "a broken prebuilt index is never set aside or fixed"
    assert "prebuilt search index" in caplog.text


def test_no_prebuilt_folder_means_the_cache(sample_content, tmp_path):
    store = load_content(sample_content.root)
    assert open_prebuilt(tmp_path / "missing", store) is None
    ix = open_or_build(tmp_path / "cache", store, prebuilt=tmp_path / "missing")
    assert ix.folder.parent == tmp_path / "cache"
    ix.close()
    assert not (tmp_path / "missing").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root ignores file permissions")
def test_opens_from_a_folder_the_user_cannot_write(sample_content, tmp_path, prebuilt):
    make_read_only(prebuilt)
    ix = open_prebuilt(prebuilt, load_content(sample_content.root))
    assert ix is not None and ix.doc_count == 3
    ix.close()
