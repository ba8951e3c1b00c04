"""`pack build`: only content that `check` accepts, signed, listing exactly its files."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from reader.packs.build import ContentRejected, build_pack
from reader.packs.format import read_header
from reader.packs.verify import verify_pack
from tests.packs.conftest import V2, write_content

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def test_build_lists_every_file_and_verifies(env):
    content = write_content(env.tmp / "c", 2, V2)
    (content.root / "README.txt").write_text("editor's notes are not shipped")
    out = env.tmp / "p.fsrpack"
    manifest = build_pack(content.root, env.key, out, now=NOW, valid_days=10)
    assert [f.path for f in manifest.files] == [
        "pack.toml", "factsheets/gout.md", "factsheets/sciatica.md", "factsheets/tinnitus.md"]
    assert (manifest.pack_id, manifest.sequence) == ("org.example.test", 2)
    assert manifest.label == "Test factsheets 1.0 (2026-11-01)"
    assert manifest.expires == NOW + dt.timedelta(days=10)
    assert verify_pack(out, env.trust, now=NOW).manifest == manifest
    with open(out, "rb") as fh:
        header = read_header(fh, str(out))
        names = zipfile.ZipFile(io.BytesIO(fh.read())).namelist()
    assert header.key_id == env.key.key_id
    assert sorted(names) == sorted(f.path for f in manifest.files)


def test_the_same_content_builds_the_same_payload(env):
    content = write_content(env.tmp / "c", 2, V2)
    a = build_pack(content.root, env.key, env.tmp / "a.fsrpack", now=NOW)
    b = build_pack(content.root, env.key, env.tmp / "b.fsrpack", now=NOW)
    assert a.payload_sha256 == b.payload_sha256
    assert (env.tmp / "a.fsrpack").read_bytes() == (env.tmp / "b.fsrpack").read_bytes()


def test_content_that_check_rejects_is_refused(env):
    content = write_content(env.tmp / "c", 2, V2)
    content.add("broken", title="Broken", category="no-such-category")
    out = env.tmp / "p.fsrpack"
    with pytest.raises(ContentRejected, match="only built from content that passes") as info:
        build_pack(content.root, env.key, out)
    assert any("no-such-category" in str(p) for p in info.value.problems)
    assert not out.exists()


def test_a_missing_folder_is_refused(env):
    with pytest.raises(ContentRejected, match="1 problem"):
        build_pack(env.tmp / "nowhere", env.key, env.tmp / "p.fsrpack")
