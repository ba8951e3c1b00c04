"""Check a pack file completely without installing it (`factsheet-reader pack verify`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from reader.packs.archive import CHUNK, PayloadWindow, check_entries, extract, open_archive
from reader.packs.errors import PackError
from reader.packs.format import Limits, Manifest, check_dates, parse_manifest, read_header
from reader.packs.signing import verify_signature
from reader.packs.trust import Trust, TrustedKey


@dataclass(frozen=True)
class VerifiedPack:
    manifest: Manifest
    key: TrustedKey


def verify_pack(path: Path, trust: Trust, limits: Limits | None = None,
                now: dt.datetime | None = None) -> VerifiedPack:
    """The pack's manifest and signer once signature, manifest, payload and every file check
    out; PackError naming the first thing that does not."""
    limits = limits or Limits()
    source = str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise PackError(source, f"cannot read the file: {exc.strerror or exc}") from None
    with fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limits.pack_bytes:
            raise PackError(source, f"the file is larger than {limits.pack_bytes} bytes")
        header = read_header(fh, source)
        key = verify_signature(trust, header.key_id, header.manifest, header.signature, source)
        manifest = parse_manifest(header.manifest, source, limits)
        if manifest.key_id != header.key_id:
            raise PackError(source, "the manifest names a different key than the one that "
                                    "signed it")
        if manifest.pack_id not in key.pack_ids:
            raise PackError(source, f"pack id {manifest.pack_id!r} is not one key "
                                    f"{key.key_id} may sign")
        check_dates(manifest.created, manifest.expires, now, source)
        payload_size = size - header.payload_offset
        if payload_size != manifest.payload_size:
            raise PackError(source, f"the payload is {payload_size} bytes; the manifest says "
                                    f"{manifest.payload_size}")
        digest = hashlib.sha256()
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
        if digest.hexdigest() != manifest.payload_sha256:
            raise PackError(source, "the payload does not match its SHA-256 in the manifest")
        with open_archive(PayloadWindow(fh, header.payload_offset, payload_size), source) as zf:
            check_entries(zf, manifest, source, limits)
            extract(zf, manifest, None, source, ratio=limits.ratio)
    return VerifiedPack(manifest, key)
