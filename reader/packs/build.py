"""Build a signed pack from a content folder that `factsheet-reader check` accepts."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

from reader.content.errors import ContentError
from reader.content.store import load_content
from reader.packs.durable import replace_file
from reader.packs.errors import PackError
from reader.packs.format import (
    FileEntry,
    Limits,
    Manifest,
    manifest_bytes,
    write_header,
)
from reader.packs.names import path_problem
from reader.packs.signing import SigningKey

# The first app version that installs packs; a pack asks for no more unless told to.
FIRST_PACK_APP_VERSION = "0.1.0"
DEFAULT_VALID_DAYS = 730
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same content builds the same payload


class ContentRejected(PackError):
    """The content folder has problems; `problems` lists them as `check` would."""

    def __init__(self, source: str, message: str, problems: tuple[ContentError, ...] = ()):
        super().__init__(source, message)
        self.problems = problems


def build_pack(content_dir: Path, key: SigningKey, out: Path, *,
               valid_days: int = DEFAULT_VALID_DAYS,
               min_app_version: str = FIRST_PACK_APP_VERSION, label: str | None = None,
               now: dt.datetime | None = None, limits: Limits | None = None) -> Manifest:
    """Write a signed pack of `content_dir` to `out`; ContentRejected if `check` would fail."""
    content_dir = Path(content_dir)
    limits = limits or Limits()
    store = load_content(content_dir)
    if store.problems or store.pack is None:
        raise ContentRejected(str(content_dir), f"{len(store.problems)} problem(s) in the "
                              "content; a pack is only built from content that passes `check`",
                              store.problems)
    if not len(store):
        raise ContentRejected(str(content_dir), "the content has no factsheets")
    files = [content_dir / "pack.toml"] + sorted(
        p for p in (content_dir / "factsheets").iterdir()
        if p.suffix == ".md" and not p.name.startswith("."))
    entries, payload = _payload(content_dir, files, str(content_dir))
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    manifest = Manifest(
        pack_id=store.pack.id, sequence=store.pack.sequence,
        label=label or store.pack.label, created=now,
        expires=now + dt.timedelta(days=valid_days), min_app_version=min_app_version,
        key_id=key.key_id, payload_size=len(payload),
        payload_sha256=hashlib.sha256(payload).hexdigest(), files=tuple(entries))
    if len(payload) > limits.pack_bytes:
        raise PackError(str(content_dir), "the content is too large for one pack")
    write_pack(out, manifest, key, payload)
    return manifest


def write_pack(out: Path, manifest: Manifest, key: SigningKey, payload: bytes) -> None:
    """Sign the manifest and write header and payload to `out` (replacing it atomically)."""
    signed = manifest_bytes(manifest)
    buffer = io.BytesIO()
    write_header(buffer, key.key_id, signed, key.sign(signed))
    buffer.write(payload)
    try:
        replace_file(Path(out), buffer.getvalue())
    except OSError as exc:
        raise PackError(str(out), f"cannot write the pack: {exc.strerror or exc}") from None


def _payload(root: Path, files: list[Path], source: str) -> tuple[list[FileEntry], bytes]:
    entries = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            name = path.relative_to(root).as_posix()
            problem = path_problem(name)
            if problem:
                raise PackError(source, f"{name}: {problem}")
            data = path.read_bytes()
            entries.append(FileEntry(name, len(data), hashlib.sha256(data).hexdigest()))
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the mode below means "regular file, rw-r--r--"
            info.external_attr = 0o100644 << 16
            zf.writestr(info, data)
    return entries, buffer.getvalue()
