"""The signed update list: `index.json` plus `index.json.sig`, published beside the packs.

    index.json      {"type": "factsheet-reader-index", "format": 1, "key_id": "...",
                     "created": "...Z", "expires": "...Z",
                     "packs": [{"pack_id", "sequence", "label", "url", "size", "sha256"}]}
    index.json.sig  one line: "ed25519 <key id> <base64 signature of index.json's exact bytes>"

`url` may be relative to the index's own address. The expiry stops an old list from being
replayed to hold clinics back on old content.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from dataclasses import dataclass

from reader.packs.errors import PackError
from reader.packs.format import (
    FORMAT,
    SIGNATURE_BYTES,
    canonical_json,
    format_time,
    load_json_object,
    parse_time,
)

INDEX_KIND = "factsheet-reader-index"
SIG_SUFFIX = ".sig"
MAX_SIG_BYTES = 512
_SIG_LINE = re.compile(rb"^ed25519 ([0-9a-f]{16}) ([A-Za-z0-9+/=]+)\r?\n?$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class IndexEntry:
    pack_id: str
    sequence: int
    label: str
    url: str
    size: int
    sha256: str

    def to_dict(self) -> dict:
        return {"pack_id": self.pack_id, "sequence": self.sequence, "label": self.label,
                "url": self.url, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True)
class UpdateIndex:
    key_id: str
    created: dt.datetime
    expires: dt.datetime
    packs: tuple[IndexEntry, ...]

    def newest(self, pack_id: str) -> IndexEntry | None:
        """The entry with the highest sequence for `pack_id`."""
        found = [e for e in self.packs if e.pack_id == pack_id]
        return max(found, key=lambda e: e.sequence) if found else None


def index_bytes(index: UpdateIndex) -> bytes:
    return canonical_json({
        "type": INDEX_KIND, "format": FORMAT, "key_id": index.key_id,
        "created": format_time(index.created), "expires": format_time(index.expires),
        "packs": [e.to_dict() for e in index.packs]})


def signature_line(key_id: str, signature: bytes) -> bytes:
    return f"ed25519 {key_id} {base64.b64encode(signature).decode()}\n".encode("ascii")


def parse_signature_line(data: bytes, source: str) -> tuple[str, bytes]:
    """(key id, signature) from an `index.json.sig` file."""
    match = _SIG_LINE.match(data.strip() + b"\n") if data.strip() else None
    if match is None:
        raise PackError(source, "the update list's signature file is missing or malformed")
    try:
        signature = base64.b64decode(match.group(2), validate=True)
    except (binascii.Error, ValueError):
        raise PackError(source, "the update list's signature is not base64") from None
    if len(signature) != SIGNATURE_BYTES:
        raise PackError(source, "the update list's signature has the wrong length")
    return match.group(1).decode("ascii"), signature


def parse_index(data: bytes, source: str, max_pack_bytes: int) -> UpdateIndex:
    """The update list in `data` (its signature already checked)."""
    raw = load_json_object(data, source, "update list")
    if raw.get("type") != INDEX_KIND:
        raise PackError(source, "the signed file is not an update list")
    if raw.get("format") != FORMAT:
        raise PackError(source, f"update list format {raw.get('format')!r} is not one this app "
                                f"reads ({FORMAT}); update Factsheet Reader")
    if set(raw) != {"type", "format", "key_id", "created", "expires", "packs"}:
        raise PackError(source, "the update list has unknown or missing keys")
    created = parse_time(raw["created"], source, "created")
    expires = parse_time(raw["expires"], source, "expires")
    packs = raw["packs"]
    if not isinstance(packs, list):
        raise PackError(source, "'packs' must be a list")
    return UpdateIndex(str(raw["key_id"]), created, expires,
                       tuple(_entry(item, source, max_pack_bytes) for item in packs))


def _entry(item, source: str, max_pack_bytes: int) -> IndexEntry:
    keys = {"pack_id", "sequence", "label", "url", "size", "sha256"}
    if not isinstance(item, dict) or set(item) != keys:
        raise PackError(source, f"each pack in the update list needs exactly {', '.join(sorted(keys))}")
    seq, size = item["sequence"], item["size"]
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in (seq, size)):
        raise PackError(source, "an update list entry has a bad sequence or size")
    if size > max_pack_bytes:
        raise PackError(source, f"the update list offers a pack of {size} bytes (at most "
                                f"{max_pack_bytes})")
    if not all(isinstance(item[k], str) and item[k] for k in ("pack_id", "label", "url")):
        raise PackError(source, "an update list entry has an empty pack id, label or url")
    if not isinstance(item["sha256"], str) or not _HEX64.match(item["sha256"]):
        raise PackError(source, "an update list entry has a malformed SHA-256")
    return IndexEntry(item["pack_id"], seq, item["label"], item["url"], size, item["sha256"])
