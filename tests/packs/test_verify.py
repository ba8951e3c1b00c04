"""`pack verify`: every check an install makes, short of the installed state, without writing."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.packs.errors import PackError
from reader.packs.verify import verify_pack
from tests.packs.conftest import content_files, hand_made


def test_a_good_pack_verifies_without_writing_anything(env):
    pack = env.build(2)
    verified = verify_pack(pack, env.trust)
    assert verified.manifest.sequence == 2 and verified.key.publisher == "Test publisher"
    assert not env.paths.data.exists()


@pytest.mark.parametrize(("make", "match"), [
    (lambda env: hand_made(env, "x", pack_id="org.other.pack"), "not one key"),
    (lambda env: hand_made(env, "y", expires="2020-01-01T00:00:00Z",
                           created="2019-01-01T00:00:00Z"), "expired on 2020-01-01"),
    (lambda env: hand_made(env, "z", content_files(), listed=content_files()[:-1]),
     "not listed in the manifest"),
])
def test_bad_packs_fail_verification(env, make, match):
    with pytest.raises(PackError, match=match):
        verify_pack(make(env), env.trust)


def test_a_flipped_file_byte_fails(env):
    pack = env.build(2)
    data = bytearray(pack.read_bytes())
    data[-40] ^= 1
    pack.write_bytes(bytes(data))
    with pytest.raises(PackError, match="SHA-256"):
        verify_pack(pack, env.trust)


def test_an_expired_pack_fails_later(env):
    pack = env.build(2, valid_days=1)
    with pytest.raises(PackError, match="expired"):
        verify_pack(pack, env.trust, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=3))
