"""The pack file: a fixed binary header, the signed manifest, then the payload archive.

    magic          8 bytes   b"FSRPACK1"
    key id        16 bytes   ASCII hex, names the publisher key that signed the manifest
    manifest len   4 bytes   unsigned big-endian
    manifest       N bytes   UTF-8 JSON: the exact bytes the signature covers
    signature len  2 bytes   unsigned big-endian (64 for Ed25519)
    signature      64 bytes  Ed25519 signature of the manifest bytes
    payload        the rest  a zip archive whose size and SHA-256 the manifest records

Reading the header needs no parsing beyond fixed-size fields, so the signature is checked before
any byte of JSON or zip is interpreted (docs/content-packs.md).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import struct
from dataclasses import dataclass
from typing import BinaryIO

from reader.json_text import JSONTextError, parse_json
from reader.packs.errors import PackError
from reader.packs.names import find_collisions, path_problem

MAGIC = b"FSRPACK1"
FORMAT = 1
KIND = "factsheet-reader-pack"
SIGNATURE_BYTES = 64
KEY_ID_CHARS = 16
MAX_MANIFEST_BYTES = 1 << 20
PACK_SUFFIX = ".fsrpack"

_PACK_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_KEY_ID = re.compile(r"^[0-9a-f]{16}$")
_VERSION = re.compile(r"^\d+(?:\.\d+){0,3}$")


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile or broken pack from filling the disk or memory."""

    pack_bytes: int = 64 << 20  # the whole pack file (and a download)
    files: int = 5000
    file_bytes: int = 16 << 20  # one extracted file
    content_bytes: int = 256 << 20  # all extracted files together
    ratio: int = 100  # largest allowed uncompressed/compressed size of one entry
    index_bytes: int = 1 << 20  # an update index.json


@dataclass(frozen=True)
class FileEntry:
    """One file the pack installs: its relative path, size in bytes and SHA-256 (hex)."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What a pack is, who signed it, and exactly which bytes it installs."""

    pack_id: str
    sequence: int
    label: str
    created: dt.datetime
    expires: dt.datetime
    min_app_version: str
    key_id: str
    payload_size: int
    payload_sha256: str
    files: tuple[FileEntry, ...]
    format: int = FORMAT

    @property
    def folder_name(self) -> str:
        """How installed copies of this pack are named (a random suffix follows)."""
        return f"{self.pack_id}-{self.sequence}"

    @property
    def content_bytes(self) -> int:
        return sum(f.size for f in self.files)

    def to_dict(self) -> dict:
        return {
            "type": KIND,
            "format": self.format,
            "pack_id": self.pack_id,
            "sequence": self.sequence,
            "label": self.label,
            "created": format_time(self.created),
            "expires": format_time(self.expires),
            "min_app_version": self.min_app_version,
            "key_id": self.key_id,
            "payload": {"size": self.payload_size, "sha256": self.payload_sha256},
            "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in self.files],
        }


@dataclass(frozen=True)
class SignedHeader:
    """The fixed-size fields at the start of a pack file, read without interpreting them."""

    key_id: str
    manifest: bytes
    signature: bytes
    payload_offset: int


def manifest_bytes(manifest: Manifest) -> bytes:
    """The canonical bytes of `manifest` (sorted keys, two-space indent, UTF-8, final newline)."""
    return canonical_json(manifest.to_dict())


def canonical_json(data: dict) -> bytes:
    return (json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_header(out: BinaryIO, key_id: str, manifest: bytes, signature: bytes) -> None:
    """Write everything before the payload."""
    if not _KEY_ID.match(key_id) or len(signature) != SIGNATURE_BYTES:
        raise ValueError("bad key id or signature length")
    out.write(MAGIC + key_id.encode("ascii"))
    out.write(struct.pack(">I", len(manifest)) + manifest)
    out.write(struct.pack(">H", len(signature)) + signature)


def read_header(fh: BinaryIO, source: str) -> SignedHeader:
    """The key id, manifest bytes and signature at the start of `fh` (positioned at 0).

    Only lengths and fixed fields are read here; nothing is interpreted until the signature has
    been checked.
    """
    head = fh.read(len(MAGIC))
    if not head:
        raise PackError(source, "the file is empty; it is not a content pack")
    if head != MAGIC:
        if MAGIC.startswith(head):
            raise PackError(source, "the file is truncated (it ends inside the header)")
        raise PackError(source, "not a Factsheet Reader content pack (unrecognised file header)")
    key_id = _read_exact(fh, KEY_ID_CHARS, source, "the header")
    try:
        key_text = key_id.decode("ascii")
    except UnicodeDecodeError:
        key_text = ""
    if not _KEY_ID.match(key_text):
        raise PackError(source, "the header's key id is malformed; the file is damaged")
    (length,) = struct.unpack(">I", _read_exact(fh, 4, source, "the header"))
    if length == 0:
        raise PackError(source, "the pack has no manifest")
    if length > MAX_MANIFEST_BYTES:
        raise PackError(source, f"the manifest claims {length} bytes (at most "
                                f"{MAX_MANIFEST_BYTES} allowed); the file is damaged")
    manifest = _read_exact(fh, length, source, "the manifest")
    raw_len = fh.read(2)
    if len(raw_len) < 2:
        raise PackError(source, "the pack is not signed (the file ends after the manifest)"
                        if not raw_len else "the file is truncated (it ends inside the signature)")
    (sig_len,) = struct.unpack(">H", raw_len)
    if sig_len == 0:
        raise PackError(source, "the pack is not signed (its signature is missing)")
    if sig_len != SIGNATURE_BYTES:
        raise PackError(source, f"the signature is {sig_len} bytes long; an Ed25519 signature "
                                f"is {SIGNATURE_BYTES}")
    signature = _read_exact(fh, sig_len, source, "the signature")
    return SignedHeader(key_text, manifest, signature, fh.tell())


def _read_exact(fh: BinaryIO, n: int, source: str, where: str) -> bytes:
    data = fh.read(n)
    if len(data) != n:
        raise PackError(source, f"the file is truncated (it ends inside {where})")
    return data


# -- the manifest, parsed only after its signature has been checked --------------------------------

_MANIFEST_KEYS = {"type", "format", "pack_id", "sequence", "label", "created", "expires",
                  "min_app_version", "key_id", "payload", "files"}


def parse_manifest(data: bytes, source: str, limits: Limits | None = None) -> Manifest:
    """The manifest in `data` (already signature-checked), or PackError saying what is wrong."""
    limits = limits or Limits()
    raw = load_json_object(data, source, "manifest")
    if raw.get("type") != KIND:
        raise PackError(source, "the signed file is not a pack manifest")
    fmt = raw.get("format")
    if not _is_int(fmt):
        raise PackError(source, "manifest: 'format' must be a whole number")
    if fmt != FORMAT:
        newer = "newer than this app understands; update Factsheet Reader" if fmt > FORMAT else \
            "not one this app understands"
        raise PackError(source, f"pack format {fmt} is {newer} (this app reads format {FORMAT})")
    unknown = sorted(set(raw) - _MANIFEST_KEYS)
    missing = sorted(_MANIFEST_KEYS - set(raw))
    if unknown or missing:
        parts = ([f"unknown key(s) {', '.join(unknown)}"] if unknown else []) + \
                ([f"missing key(s) {', '.join(missing)}"] if missing else [])
        raise PackError(source, "manifest: " + "; ".join(parts))
    pack_id = _string(raw, "pack_id", source)
    if not _PACK_ID.match(pack_id):
        raise PackError(source, f"manifest: pack id {pack_id!r} is not a reverse-DNS name")
    sequence = raw["sequence"]
    if not _is_int(sequence) or sequence < 1:
        raise PackError(source, "manifest: 'sequence' must be a whole number of 1 or more")
    label = _string(raw, "label", source)
    if len(label) > 200:
        raise PackError(source, "manifest: 'label' is longer than 200 characters")
    created = parse_time(raw["created"], source, "created")
    expires = parse_time(raw["expires"], source, "expires")
    if expires <= created:
        raise PackError(source, "manifest: 'expires' is not after 'created'")
    min_app = _string(raw, "min_app_version", source)
    if not _VERSION.match(min_app):
        raise PackError(source, f"manifest: minimum app version {min_app!r} is not like 1.2.3")
    key_id = _string(raw, "key_id", source)
    if not _KEY_ID.match(key_id):
        raise PackError(source, "manifest: 'key_id' must be 16 hex digits")
    payload = raw["payload"]
    if not isinstance(payload, dict) or set(payload) != {"size", "sha256"}:
        raise PackError(source, "manifest: 'payload' must hold exactly 'size' and 'sha256'")
    payload_size = _size(payload["size"], source, "payload size", limits.pack_bytes)
    payload_sha = _sha(payload["sha256"], source, "payload")
    files = _files(raw["files"], source, limits)
    return Manifest(pack_id, sequence, label, created, expires, min_app, key_id, payload_size,
                    payload_sha, files, fmt)


def _files(value, source: str, limits: Limits) -> tuple[FileEntry, ...]:
    if not isinstance(value, list) or not value:
        raise PackError(source, "manifest: 'files' must be a non-empty list")
    if len(value) > limits.files:
        raise PackError(source, f"manifest lists {len(value)} files (at most {limits.files})")
    out = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"path", "size", "sha256"}:
            raise PackError(source, "manifest: each file needs exactly 'path', 'size', 'sha256'")
        path = item["path"]
        problem = path_problem(path)
        if problem:
            raise PackError(source, f"manifest: {path!r}: {problem}")
        out.append(FileEntry(path, _size(item["size"], source, path, limits.file_bytes),
                             _sha(item["sha256"], source, path)))
    for first, second in find_collisions(f.path for f in out):
        what = "is listed twice" if first == second else f"collides with {first!r} (same name " \
                                                          "once case or Unicode form is ignored)"
        raise PackError(source, f"manifest: {second!r} {what}")
    total = sum(f.size for f in out)
    if total > limits.content_bytes:
        raise PackError(source, f"manifest: the files add up to {total} bytes "
                                f"(at most {limits.content_bytes})")
    return tuple(out)


def load_json_object(data: bytes, source: str, what: str) -> dict:
    """A JSON object from UTF-8 `data`, refusing duplicate keys and non-finite numbers."""
    try:
        raw = parse_json(data, strict=True)
    except JSONTextError as exc:
        raise PackError(source, f"the {what} is not valid JSON ({exc})") from None
    if not isinstance(raw, dict):
        raise PackError(source, f"the {what} is not a JSON object")
    return raw


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _string(raw: dict, key: str, source: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise PackError(source, f"manifest: {key!r} must be a non-empty string")
    return value


def _size(value, source: str, what: str, cap: int) -> int:
    if not _is_int(value) or value < 0:
        raise PackError(source, f"manifest: size of {what} must be a whole number of bytes")
    if value > cap:
        raise PackError(source, f"manifest: {what} is {value} bytes (at most {cap} allowed)")
    return value


def _sha(value, source: str, what: str) -> str:
    if not isinstance(value, str) or not _HEX64.match(value):
        raise PackError(source, f"manifest: SHA-256 of {what} must be 64 lower-case hex digits")
    return value


CLOCK_SLACK = dt.timedelta(days=1)  # how far ahead of our clock a signed date may be


def check_dates(created: dt.datetime, expires: dt.datetime, now: dt.datetime | None,
                source: str, what: str = "this pack") -> None:
    """Refuse what has expired, or claims to have been made more than a day in the future: a
    date no honest publisher's clock gives, or a clock here that is badly wrong."""
    now = now or dt.datetime.now(dt.UTC)
    if now >= expires:
        raise PackError(source, f"{what} expired on {format_time(expires)[:10]}")
    if created > now + CLOCK_SLACK:
        raise PackError(source, f"{what} says it was made on {format_time(created)[:10]}, more "
                                f"than a day after this computer's date ({format_time(now)[:10]}); "
                                "check the computer's date and time, or ask the publisher")


def format_time(moment: dt.datetime) -> str:
    """UTC time as `2026-11-25T10:00:00Z`."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value, source: str, key: str) -> dt.datetime:
    if isinstance(value, str) and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", value):
        try:
            return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        except ValueError:
            pass
    raise PackError(source, f"{key!r} must be a UTC time like 2026-11-25T10:00:00Z")


def version_tuple(text: str) -> tuple[int, ...]:
    """(1, 2, 3) for "1.2.3"; a local or pre-release suffix ("0.1.0+source", "1.2.dev3") is
    ignored, so a development build counts as the release it leads to."""
    parts = []
    for part in re.split(r"[.+-]", text):
        if not part.isdigit():
            break
        parts.append(int(part))
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)
