"""Install a signed pack without ever leaving the reader without working content.

The steps run in this order, each only after the one before has passed:

    copied     the file is copied into a private staging folder (size-capped), so a USB stick
               pulled out or a file changed mid-install cannot change what is checked
    verified   the Ed25519 signature over the exact manifest bytes, before anything is parsed
    checked    pack id (allowed for the signing key), minimum app version, expiry, and a
               sequence higher than any installed before
    payload    the payload's size and SHA-256 against the manifest
    extracted  only the listed files, each hashed as it is written (archive.py)
    placed     the extracted folder renamed into installed/<id>-<sequence>-<random>
    loaded     the installed content loads with no problems and names the same pack
    switched   state.json replaced in one atomic rename: from here on the new pack is active
    cleaned    packs other than the active and previous one removed

A crash or power cut before `switched` leaves the old state file, naming the old pack, untouched;
after it, the new pack is complete on disk (every file and folder was fsynced first).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reader.content.store import ContentStore
from reader.packs.active import bundled_pack, resolve_content
from reader.packs.archive import CHUNK, PayloadWindow, check_entries, extract, open_archive
from reader.packs.changes import ContentChanges, compare
from reader.packs.durable import fsync_dir, io_error
from reader.packs.errors import PackCancelled, PackError
from reader.packs.format import (
    Limits,
    Manifest,
    SignedHeader,
    check_dates,
    parse_manifest,
    read_header,
    version_tuple,
)
from reader.packs.installed import (
    INSTALLED,
    LOCK_FILE,
    RECORD_DIR,
    RECORD_MANIFEST,
    RECORD_SIGNATURE,
    STAGING,
    check_installed,
    installed_folder,
    read_record,
)
from reader.packs.lock import InstallLock
from reader.packs.state import PackState, read_state, write_state
from reader.packs.trust import Trust, TrustedKey
from reader.paths import AppPaths

log = logging.getLogger(__name__)

STEPS = ("copied", "verified", "checked", "payload", "extracted", "placed", "loaded", "switched",
         "cleaned")
Progress = Callable[[str, int, int], None]  # (what is happening, done, total)
StepHook = Callable[[str], None]


class AlreadyInstalled(PackError):
    """The very same pack is installed already; nothing needed doing."""


@dataclass(frozen=True)
class Expected:
    """What an update index promised about the pack being installed."""

    pack_id: str
    sequence: int


@dataclass(frozen=True)
class InstallResult:
    manifest: Manifest
    store: ContentStore  # the newly active content
    changes: ContentChanges  # against the content shown before the install
    folder: Path


@dataclass(frozen=True)
class InstallOptions:
    """Everything an install needs besides the file: pass it in, nothing is global."""

    paths: AppPaths
    trust: Trust
    limits: Limits = Limits()
    app_version: str | None = None  # default: this app's version
    now: dt.datetime | None = None  # default: the current time
    progress: Progress | None = None
    cancel: threading.Event | None = None
    on_step: StepHook | None = None  # called after each step in STEPS (crash tests)

    def step(self, name: str) -> None:
        if self.on_step is not None:
            self.on_step(name)

    def check_cancel(self, source: str) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise PackCancelled(source)


def install_pack(source: Path, options: InstallOptions) -> InstallResult:
    """Install the pack file at `source`; PackError (nothing changed) when it is refused."""
    source = Path(source)
    with staging_folder(options.paths) as work:
        staged = work / "pack"
        copy_capped(source, staged, options)
        options.step("copied")
        return install_staged(staged, work, str(source), options)


@contextmanager
def staging_folder(paths: AppPaths) -> Iterator[Path]:
    """Hold the install lock and give a fresh private folder; both are gone afterwards."""
    root = paths.packs_root
    try:
        (root / STAGING).mkdir(parents=True, exist_ok=True)
        lock = InstallLock(root / LOCK_FILE)
        lock.__enter__()
    except OSError as exc:
        raise io_error(root, exc) from None
    try:
        _remove_children(root / STAGING)  # left behind by an install that was killed
        for temp in root.glob(".state.json.*.tmp"):  # a state write cut short (durable.py)
            temp.unlink(missing_ok=True)
        work = root / STAGING / uuid.uuid4().hex
        try:
            work.mkdir(mode=0o700)
        except OSError as exc:
            raise io_error(root, exc) from None
        try:
            yield work
        finally:
            shutil.rmtree(work, ignore_errors=True)
    finally:
        lock.__exit__(None, None, None)


def copy_capped(source: Path, dest: Path, options: InstallOptions) -> None:
    cap = options.limits.pack_bytes
    try:
        src = open(source, "rb")
    except OSError as exc:
        raise PackError(str(source), f"cannot read the file: {exc.strerror or exc}") from None
    with src:
        try:
            size = os.fstat(src.fileno()).st_size
        except OSError:
            size = 0
        if size > cap:
            raise PackError(str(source), f"the file is {_mb(size)}; a content pack may be at "
                                         f"most {_mb(cap)}")
        copied = 0
        try:
            with open(dest, "xb") as out:
                while True:
                    options.check_cancel(str(source))
                    try:
                        chunk = src.read(CHUNK)
                    except OSError as exc:
                        raise PackError(str(source), "cannot read the file: "
                                                     f"{exc.strerror or exc}") from None
                    if not chunk:
                        break
                    copied += len(chunk)
                    if copied > cap:
                        raise PackError(str(source), f"the file is larger than {_mb(cap)}, "
                                                     "the most a content pack may be")
                    out.write(chunk)
                    if options.progress is not None:
                        options.progress("Copying the pack", copied, max(size, copied))
        except OSError as exc:
            raise io_error(dest.parent, exc) from None


def install_staged(staged: Path, work: Path, source: str, options: InstallOptions,
                   expected: Expected | None = None) -> InstallResult:
    """Steps `verified` to `cleaned` for a pack already copied to `staged` inside `work`
    (the caller holds the install lock: see staging_folder)."""
    paths = options.paths
    root = paths.packs_root
    try:
        state = read_state(root)
    except PackError as exc:
        log.info("%s; installing over it", exc)
        state = PackState()
    try:
        with open(staged, "rb") as fh:
            header = read_header(fh, source)
            from reader.packs.signing import verify_signature  # cryptography, only when needed

            key = verify_signature(options.trust, header.key_id, header.manifest,
                                   header.signature, source)
            options.step("verified")
            manifest = parse_manifest(header.manifest, source, options.limits)
            check_acceptable(manifest, header, key, state, source, options, expected)
            options.step("checked")
            options.check_cancel(source)
            size = fh.seek(0, os.SEEK_END) - header.payload_offset
            _check_payload(fh, header, manifest, size, source, options)
            options.step("payload")
            with open_archive(PayloadWindow(fh, header.payload_offset, size), source) as zf:
                check_entries(zf, manifest, source, options.limits)
                content = work / "content"
                content.mkdir()
                extract(zf, manifest, content, source, options.progress, options.cancel,
                        options.limits.ratio)
            _write_record(content, header)
            options.step("extracted")
            options.check_cancel(source)

        shown = resolve_content(paths)
        # A fresh name every time: an installed folder is never written to once in use, and a
        # damaged copy of the same pack can be replaced by switching, not by overwriting.
        target = installed_folder(root, f"{manifest.folder_name}-{uuid.uuid4().hex[:8]}")
        (root / INSTALLED).mkdir(exist_ok=True)
        os.rename(content, target)
        try:
            fsync_dir(target.parent)
            options.step("placed")
            store = _load_installed(target, manifest, source, paths)
            options.step("loaded")
            options.check_cancel(source)
            previous = {"active": state.active, "previous": state.previous}.get(shown.source)
            highest = dict(state.highest)
            highest[manifest.pack_id] = max(highest.get(manifest.pack_id, 0), manifest.sequence)
            write_state(root, PackState(target.name, previous, highest))
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)  # never switched to: the old state stands
            raise
        options.step("switched")
    except OSError as exc:
        log.info("install failed writing %s: %s", exc.filename, exc)
        raise io_error(root, exc) from None
    log.info("installed content pack %s (%s)", manifest.label, target.name)
    prune(root, keep={target.name, previous})
    options.step("cleaned")
    return InstallResult(manifest, store, compare(shown.store, store), target)


def check_acceptable(manifest: Manifest, header: SignedHeader, key: TrustedKey,
                     state: PackState, source: str, options: InstallOptions,
                     expected: Expected | None = None) -> None:
    """Refuse a correctly signed pack that this app should still not install."""
    if manifest.key_id != header.key_id:
        raise PackError(source, f"the manifest names key {manifest.key_id} but was signed with "
                                f"key {header.key_id}")
    if manifest.pack_id not in key.pack_ids:
        raise PackError(source, f"pack id {manifest.pack_id!r} is not one this app accepts from "
                                f"{key.publisher} (key {key.key_id})")
    if expected is not None and (manifest.pack_id, manifest.sequence) != (
            expected.pack_id, expected.sequence):
        raise PackError(source, "the downloaded pack is not the one the update list announced")
    from reader import __version__

    app_version = options.app_version or __version__
    if version_tuple(manifest.min_app_version) > version_tuple(app_version):
        raise PackError(source, f"this pack needs Factsheet Reader {manifest.min_app_version} or "
                                f"newer (this is {app_version}); update the app first")
    try:
        check_dates(manifest.created, manifest.expires, options.now, source)
    except PackError as exc:
        if "expired" in exc.message:
            exc.message += "; ask the publisher for a current one"
        raise
    _check_sequence(manifest, state, source, options.paths)


def _check_sequence(manifest: Manifest, state: PackState, source: str, paths: AppPaths) -> None:
    """A pack must be newer than any installed before; the same pack again is "already
    installed", unless its installed copy is damaged, when installing it again repairs it."""
    seq = manifest.sequence
    for role, name in (("active", state.active), ("previous", state.previous)):
        if name is None or not name.startswith(f"{manifest.pack_id}-{seq}-"):
            continue
        folder = installed_folder(paths.packs_root, name)
        try:
            recorded = read_record(folder).payload_sha256
        except PackError:
            return  # its record is damaged: a signed copy of the same pack repairs it
        if recorded != manifest.payload_sha256:
            break  # same sequence, different content: refused below
        try:
            check_installed(folder, paths.cache)
        except PackError:
            return  # damaged: installing the same pack again repairs it
        where = "" if role == "active" else " as the previous pack; roll back to return to it"
        raise AlreadyInstalled(source, f"{manifest.label} (sequence {seq}) is already "
                                       f"installed{where}")
    highest = state.highest_for(manifest.pack_id)
    bundled = bundled_pack(paths)
    app_seq = bundled[1] if bundled is not None and bundled[0] == manifest.pack_id else 0
    if seq < max(highest, app_seq):
        raise PackError(source, f"this pack (sequence {seq}) is older than the content already "
                                f"installed (sequence {max(highest, app_seq)}); downgrades are "
                                "refused")
    if seq == highest:
        raise PackError(source, f"sequence {seq} of this pack was already installed, with "
                                "different content; a changed pack needs a higher sequence")
    if seq == app_seq:
        raise PackError(source, f"the app's own content is already sequence {seq} of this pack; "
                                "a newer pack needs a higher sequence")


def _check_payload(fh, header: SignedHeader, manifest: Manifest, size: int, source: str,
                   options: InstallOptions) -> None:
    if size != manifest.payload_size:
        what = "truncated" if size < manifest.payload_size else "longer than signed"
        raise PackError(source, f"the file is {what}: its payload is {size} bytes, the manifest "
                                f"says {manifest.payload_size}")
    digest = hashlib.sha256()
    fh.seek(header.payload_offset)
    done = 0
    while chunk := fh.read(CHUNK):
        options.check_cancel(source)
        digest.update(chunk)
        done += len(chunk)
        if options.progress is not None:
            options.progress("Checking the pack", done, size)
    if digest.hexdigest() != manifest.payload_sha256:
        raise PackError(source, "the payload does not match its SHA-256 in the signed manifest "
                                "(the file is damaged or was changed)")


def _write_record(content: Path, header: SignedHeader) -> None:
    """Keep the signed manifest and its signature with the installed files (status, checks)."""
    record = content / RECORD_DIR
    record.mkdir()
    for name, data in ((RECORD_MANIFEST, header.manifest), (RECORD_SIGNATURE, header.signature)):
        with open(record / name, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    fsync_dir(record)
    fsync_dir(content)


def _load_installed(target: Path, manifest: Manifest, source: str,
                    paths: AppPaths) -> ContentStore:
    try:
        _, store = check_installed(target, paths.cache)
    except PackError as exc:
        raise PackError(source, exc.message) from None
    if store.problems:
        first = store.problems[0].relative_to(target)
        raise PackError(source, f"the pack's content has {len(store.problems)} problem(s), "
                                f"first: {first}")
    return store


def prune(root: Path, keep: set[str | None]) -> None:
    """Remove installed packs other than `keep` (one still open elsewhere is left for later)."""
    folder = Path(root) / INSTALLED
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)


def _remove_children(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _mb(n: int) -> str:
    """A size for people: `640 bytes`, `12 KB`, `3.4 MB`."""
    if n < 10_000:
        return f"{n} bytes"
    if n < 1 << 20:
        return f"{n // 1024} KB"
    return f"{n / (1 << 20):.1f} MB"
