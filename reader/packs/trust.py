"""The publisher keys the app trusts, and which packs each may sign (no cryptography needed here).

A key file is JSON: one key `{"key_id", "public_key", "publisher", "packs"}` (what `pack keygen`
writes to KEY.pub) or `{"keys": [ ... ]}` (the app's `trusted_keys.json`). `public_key` is the raw
32-byte Ed25519 public key in base64; `key_id` is the first 16 hex digits of its SHA-256.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from reader.packs.errors import PackError
from reader.packs.format import load_json_object

TRUSTED_KEYS_FILE = Path(__file__).with_name("trusted_keys.json")
_PACK_ID = re.compile(r"^[a-z0-9.-]+$")


def key_id_of(public_key: bytes) -> str:
    """The short name of a raw Ed25519 public key: first 16 hex digits of its SHA-256."""
    return hashlib.sha256(public_key).hexdigest()[:16]


@dataclass(frozen=True)
class TrustedKey:
    key_id: str
    public_key: bytes  # raw 32 bytes
    publisher: str
    pack_ids: tuple[str, ...]  # the packs this key may sign

    def to_dict(self) -> dict:
        return {"key_id": self.key_id, "public_key": base64.b64encode(self.public_key).decode(),
                "publisher": self.publisher, "packs": list(self.pack_ids)}


@dataclass(frozen=True)
class Trust:
    """The set of keys an install accepts; pass one in, there is no global list."""

    keys: tuple[TrustedKey, ...]

    def get(self, key_id: str) -> TrustedKey | None:
        return next((k for k in self.keys if k.key_id == key_id), None)


def load_trust(path: Path | None = None) -> Trust:
    """The keys in `path` (default: the app's own `trusted_keys.json`)."""
    path = Path(path) if path is not None else TRUSTED_KEYS_FILE
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PackError(str(path), f"cannot read the key file: {exc.strerror or exc}") from None
    return parse_trust(data, str(path))


def parse_trust(data: bytes, source: str) -> Trust:
    raw = load_json_object(data, source, "key file")
    if "keys" in raw and not set(raw) <= {"keys", "about"}:
        raise PackError(source, "a key list holds only 'keys' (and an 'about' note)")
    entries = raw["keys"] if "keys" in raw else [raw]
    if not isinstance(entries, list):
        raise PackError(source, "'keys' must be a list")
    return Trust(tuple(_parse_key(entry, source) for entry in entries))


def _parse_key(entry, source: str) -> TrustedKey:
    if not isinstance(entry, dict) or set(entry) != {"key_id", "public_key", "publisher", "packs"}:
        raise PackError(source, "each key needs exactly 'key_id', 'public_key', 'publisher', "
                                "'packs'")
    try:
        public = base64.b64decode(entry["public_key"], validate=True)
    except (binascii.Error, TypeError, ValueError):
        raise PackError(source, "'public_key' is not base64") from None
    if len(public) != 32:
        raise PackError(source, "'public_key' is not a 32-byte Ed25519 public key")
    if entry["key_id"] != key_id_of(public):
        raise PackError(source, f"key id {entry['key_id']!r} does not match its public key "
                                f"({key_id_of(public)})")
    packs = entry["packs"]
    if not isinstance(packs, list) or not packs or not all(
            isinstance(p, str) and _PACK_ID.match(p) for p in packs):
        raise PackError(source, "'packs' must list the pack ids this key may sign")
    publisher = entry["publisher"]
    if not isinstance(publisher, str) or not publisher.strip():
        raise PackError(source, "'publisher' must name who holds the key")
    return TrustedKey(entry["key_id"], public, publisher, tuple(packs))
