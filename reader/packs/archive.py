"""The payload archive: check it against the manifest, then extract exactly what it lists.

Runs only on a payload whose SHA-256 the signed manifest confirmed; the checks still assume
nothing, so a mistake on the publisher's side cannot write outside the install folder or fill
the disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import stat
import threading
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reader.packs.durable import fsync_dir
from reader.packs.errors import PackCancelled, PackError
from reader.packs.format import Limits, Manifest
from reader.packs.names import path_problem

CHUNK = 64 * 1024
RATIO_FLOOR = 64 * 1024  # below this size an entry's compression ratio does not matter
Progress = Callable[[str, int, int], None]


class PayloadWindow(io.RawIOBase):
    """A read-only view of `size` bytes of `fh` from `offset`, for zipfile."""

    def __init__(self, fh: BinaryIO, offset: int, size: int) -> None:
        super().__init__()
        self._fh, self._offset, self._size, self._pos = fh, offset, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, pos: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + pos)
        return self._pos

    def readinto(self, buffer) -> int:
        n = max(0, min(len(buffer), self._size - self._pos))
        if n == 0:
            return 0
        self._fh.seek(self._offset + self._pos)
        data = self._fh.read(n)
        buffer[:len(data)] = data
        self._pos += len(data)
        return len(data)


def open_archive(window: PayloadWindow, source: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(window)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise PackError(source, f"the payload is not a readable archive ({exc})") from None


def stored_spans(zf: zipfile.ZipFile) -> dict[str, int]:
    """Bytes each entry really occupies in the archive: from its local header to the next entry
    (or the central directory). The compressed sizes the headers declare are only claims; these
    are bounded by the file itself."""
    infos = sorted(zf.infolist(), key=lambda i: i.header_offset)
    ends = [i.header_offset for i in infos[1:]] + [zf.start_dir]
    return {info.filename: max(0, end - info.header_offset) for info, end in zip(infos, ends,
                                                                                strict=True)}


def check_entries(zf: zipfile.ZipFile, manifest: Manifest, source: str, limits: Limits) -> None:
    """Every archive entry is a regular file the manifest lists, with the size it lists, and
    none expands more than `limits.ratio` times the bytes it really takes in the archive."""
    listed = {f.path: f for f in manifest.files}
    infos = zf.infolist()
    spans = stored_spans(zf)
    if len(infos) > limits.files:
        raise PackError(source, f"the archive holds {len(infos)} entries (at most {limits.files})")
    seen: set[str] = set()
    packed = unpacked = 0
    for info in infos:
        name = info.filename
        problem = path_problem(name.rstrip("/") if info.is_dir() else name)
        if problem:
            raise PackError(source, f"archive entry {name!r}: {problem}")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise PackError(source, f"archive entry {name!r} is a symbolic link")
        # No file type in the mode (what many zip writers store) means a plain file.
        if info.is_dir() or (stat.S_IFMT(mode) and not stat.S_ISREG(mode)):
            raise PackError(source, f"archive entry {name!r} is not a regular file")
        if name in seen:
            raise PackError(source, f"archive entry {name!r} appears twice")
        seen.add(name)
        entry = listed.get(name)
        if entry is None:
            raise PackError(source, f"archive entry {name!r} is not listed in the manifest")
        if info.flag_bits & 0x1:
            raise PackError(source, f"archive entry {name!r} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackError(source, f"archive entry {name!r} uses an unsupported compression")
        if info.file_size != entry.size:
            raise PackError(source, f"archive entry {name!r} is {info.file_size} bytes; the "
                                    f"manifest says {entry.size}")
        if info.compress_size > spans[name]:
            raise PackError(source, f"archive entry {name!r} claims {info.compress_size} packed "
                                    f"bytes but takes only {spans[name]} in the archive")
        if info.file_size > RATIO_FLOOR and info.file_size > limits.ratio * max(1, spans[name]):
            raise PackError(source, f"archive entry {name!r} expands more than {limits.ratio} "
                                    "times (a zip bomb?)")
        packed += spans[name]
        unpacked += info.file_size
    if unpacked > RATIO_FLOOR and unpacked > limits.ratio * max(1, packed):
        raise PackError(source, f"the archive expands more than {limits.ratio} times (a zip bomb?)")
    for path in listed.keys() - seen:
        raise PackError(source, f"{path!r} is listed in the manifest but missing from the archive")


def extract(zf: zipfile.ZipFile, manifest: Manifest, dest: Path | None, source: str,
            progress: Progress | None = None, cancel: threading.Event | None = None,
            ratio: int = Limits.ratio) -> None:
    """Write each listed file under `dest` (a new, empty folder), checking size and SHA-256 as
    it is written; fsync files and folders so a power cut cannot leave a half-written file that
    looks whole. With `dest` None the files are only read and checked (`pack verify`)."""
    root = Path(dest).resolve() if dest is not None else None
    total, done = manifest.content_bytes, 0
    # What is written is counted against the bytes the archive really holds (never against the
    # sizes its headers declare), per entry and in all.
    spans = stored_spans(zf)
    limit_all = max(RATIO_FLOOR, ratio * zf.start_dir)
    folders = {dest} if dest is not None else set()
    for entry in manifest.files:
        if cancel is not None and cancel.is_set():
            raise PackCancelled(source)
        target = None
        if dest is not None:
            target = dest / entry.path
            if root not in target.resolve().parents:  # names.py makes this impossible; belt and braces
                raise PackError(source, f"{entry.path!r} would be written outside the pack folder")
            for parent in reversed(target.relative_to(dest).parents[:-1]):
                folder = dest / parent
                if folder not in folders:
                    folder.mkdir()
                    folders.add(folder)
        digest = hashlib.sha256()
        written = 0
        limit_entry = max(RATIO_FLOOR, ratio * spans.get(entry.path, 0))
        try:
            with zf.open(entry.path) as src, _sink(target) as out:
                while True:
                    if cancel is not None and cancel.is_set():
                        raise PackCancelled(source)
                    chunk = src.read(min(CHUNK, entry.size - written + 1))
                    if not chunk:
                        break
                    written += len(chunk)
                    if written > entry.size:
                        raise PackError(source, f"{entry.path!r} unpacks to more than the "
                                                f"{entry.size} bytes the manifest lists")
                    if written > limit_entry or done + written > limit_all:
                        raise PackError(source, f"{entry.path!r} expands more than {ratio} "
                                                "times the bytes it takes (a zip bomb?)")
                    digest.update(chunk)
                    out.write(chunk)
                    if progress is not None:
                        progress("Unpacking the factsheets", done + written, total)
                if target is not None:
                    out.flush()
                    os.fsync(out.fileno())
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise PackError(source, f"{entry.path!r} cannot be unpacked ({exc})") from None
        if written != entry.size or digest.hexdigest() != entry.sha256:
            raise PackError(source, f"{entry.path!r} does not match its size and SHA-256 in the "
                                    "manifest")
        done += written
    for folder in folders:
        fsync_dir(folder)


class _Discard:
    def write(self, data: bytes) -> int:
        return len(data)


def _sink(target: Path | None):
    """A new file at `target` (never an existing one), or a sink that keeps nothing."""
    return open(target, "xb") if target is not None else contextlib.nullcontext(_Discard())
