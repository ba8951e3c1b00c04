"""The pack header and the manifest: written by the builder, read without trusting anything."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from reader.packs.errors import PackError
from reader.packs.format import (
    FileEntry,
    Manifest,
    manifest_bytes,
    parse_manifest,
    read_header,
    version_tuple,
    write_header,
)

T0 = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)


def _manifest(**kwargs) -> Manifest:
    values = dict(pack_id="org.example.test", sequence=3, label="Test 3", created=T0,
                  expires=T0 + dt.timedelta(days=30), min_app_version="0.1.0",
                  key_id="0123456789abcdef", payload_size=10, payload_sha256="a" * 64,
                  files=(FileEntry("pack.toml", 5, "b" * 64),))
    values.update(kwargs)
    return Manifest(**values)


def test_manifest_round_trips_through_its_canonical_bytes():
    manifest = _manifest()
    data = manifest_bytes(manifest)
    assert parse_manifest(data, "x") == manifest
    assert manifest_bytes(parse_manifest(data, "x")) == data
    assert data.endswith(b"\n") and b'"created": "2026-11-25T10:00:00Z"' in data


def test_header_round_trip_and_payload_offset():
    out = io.BytesIO()
    write_header(out, "0123456789abcdef", b"{}", bytes(64))
    out.write(b"PAYLOAD")
    out.seek(0)
    header = read_header(out, "x")
    assert (header.key_id, header.manifest, header.signature) == ("0123456789abcdef", b"{}",
                                                                   bytes(64))
    assert out.getvalue()[header.payload_offset:] == b"PAYLOAD"


@pytest.mark.parametrize(("change", "match"), [
    ({"expires": T0}, "'expires' is not after 'created'"),
    ({"min_app_version": "one"}, "not like 1.2.3"),
    ({"pack_id": "Not A Pack"}, "not a reverse-DNS name"),
    ({"pack_id": "single"}, "not a reverse-DNS name"),
    ({"label": "x" * 201}, "longer than 200"),
    ({"key_id": "XYZ"}, "16 hex digits"),
    ({"payload_sha256": "A" * 64}, "lower-case hex"),
    ({"files": ()}, "non-empty list"),
])
def test_manifest_rules(change, match):
    with pytest.raises(PackError, match=match):
        parse_manifest(manifest_bytes(_manifest(**change)), "x")


@pytest.mark.parametrize("data", [b"[]", b"1", b"\xff\xfe", b"{\"type\": NaN}", b"[" * 100000])
def test_odd_json_is_refused_cleanly(data):
    with pytest.raises(PackError):
        parse_manifest(data, "x")


def test_version_comparison():
    assert version_tuple("0.1.0") == version_tuple("0.1") == (0, 1)
    assert version_tuple("0.1.0+source") == (0, 1)
    assert version_tuple("1.10") > version_tuple("1.9")
    assert version_tuple("2.0.dev3") == (2,)
