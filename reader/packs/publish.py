"""Write the signed update list for packs a publisher puts online (`pack index`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

from reader.packs.durable import replace_file
from reader.packs.errors import PackError
from reader.packs.format import parse_manifest, read_header
from reader.packs.signing import SigningKey, verify_signature
from reader.packs.trust import Trust
from reader.packs.update_index import (
    SIG_SUFFIX,
    IndexEntry,
    UpdateIndex,
    index_bytes,
    signature_line,
)

DEFAULT_INDEX_DAYS = 30


def write_update_index(packs: list[Path], key: SigningKey, out: Path, *,
                       valid_days: int = DEFAULT_INDEX_DAYS,
                       now: dt.datetime | None = None) -> UpdateIndex:
    """Sign an index.json listing `packs` (each signed with `key`) and write it and its .sig.

    Each pack's address is its file name, relative to the index: put the packs beside it.
    """
    own = Trust((key.trusted("self", ("-",)),))
    entries = []
    for path in packs:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PackError(str(path), f"cannot read the pack: {exc.strerror or exc}") from None
        header = read_header(io.BytesIO(data), str(path))
        verify_signature(own, header.key_id, header.manifest, header.signature, str(path))
        manifest = parse_manifest(header.manifest, str(path))
        entries.append(IndexEntry(manifest.pack_id, manifest.sequence, manifest.label, path.name,
                                  len(data), hashlib.sha256(data).hexdigest()))
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    index = UpdateIndex(key.key_id, now, now + dt.timedelta(days=valid_days), tuple(entries))
    body = index_bytes(index)
    out = Path(out)
    try:
        replace_file(out, body)
        replace_file(out.with_name(out.name + SIG_SUFFIX),
                     signature_line(key.key_id, key.sign(body)))
    except OSError as exc:
        raise PackError(str(out), f"cannot write the update list: {exc.strerror or exc}") \
            from None
    return index
