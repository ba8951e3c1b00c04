"""Publisher keys: generation, key ids, files on disk, signatures and the trusted list."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat

import pytest

from reader.packs.errors import PackError
from reader.packs.signing import generate_key, load_private_key, verify_signature, write_private_key
from reader.packs.trust import TRUSTED_KEYS_FILE, Trust, key_id_of, load_trust, parse_trust


def test_key_id_is_the_start_of_the_sha256_of_the_raw_public_key():
    key = generate_key()
    assert len(key.public_key) == 32
    assert key.key_id == hashlib.sha256(key.public_key).hexdigest()[:16] == key_id_of(key.public_key)


def test_sign_and_verify():
    key = generate_key()
    trust = Trust((key.trusted("Me", ("org.example.test",)),))
    sig = key.sign(b"manifest")
    assert verify_signature(trust, key.key_id, b"manifest", sig, "x").publisher == "Me"
    with pytest.raises(PackError, match="signature does not match"):
        verify_signature(trust, key.key_id, b"manifesT", sig, "x")
    with pytest.raises(PackError, match="does not trust"):
        verify_signature(trust, "0" * 16, b"manifest", sig, "x")


def test_private_key_file_is_private_and_never_overwritten(tmp_path):
    key = generate_key()
    path = tmp_path / "publisher.key"
    write_private_key(key, path)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_private_key(path).key_id == key.key_id
    with pytest.raises(FileExistsError):
        write_private_key(generate_key(), path)
    assert load_private_key(path).key_id == key.key_id


def test_encrypted_private_key(tmp_path):
    key = generate_key()
    path = tmp_path / "publisher.key"
    write_private_key(key, path, b"correct horse")
    assert b"ENCRYPTED" in path.read_bytes()
    assert load_private_key(path, b"correct horse").key_id == key.key_id
    with pytest.raises(PackError, match="encrypted"):
        load_private_key(path)
    with pytest.raises(PackError, match="passphrase is wrong"):
        load_private_key(path, b"wrong")


def test_a_file_that_is_not_a_key(tmp_path):
    path = tmp_path / "x.key"
    path.write_text("hello")
    with pytest.raises(PackError, match="not an Ed25519 private key"):
        load_private_key(path)


def test_the_apps_trusted_keys_parse_and_hold_no_private_key():
    trust = load_trust()
    assert trust.keys and all("org.factsheet-reader.core" in k.pack_ids for k in trust.keys)
    text = TRUSTED_KEYS_FILE.read_text()
    assert "PRIVATE" not in text


@pytest.mark.parametrize(("change", "match"), [
    ({"key_id": "0" * 16}, "does not match its public key"),
    ({"public_key": "not base64!"}, "not base64"),
    ({"public_key": base64.b64encode(b"short").decode()}, "32-byte"),
    ({"packs": []}, "'packs' must list"),
    ({"publisher": " "}, "'publisher'"),
    ({"extra": 1}, "exactly"),
])
def test_key_file_rules(change, match):
    entry = generate_key().trusted("Me", ("org.example.test",)).to_dict()
    entry.update(change)
    with pytest.raises(PackError, match=match):
        parse_trust(json.dumps({"keys": [entry]}).encode(), "keys.json")
