"""Installing packs: the happy path, and every hostile or broken pack the issue lists, each
refused with a clear message, installed content unchanged and staging cleaned."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import io
import os
import random
import struct
import threading
import unicodedata
import zipfile

import pytest

from reader.packs.active import resolve_content
from reader.packs.errors import PackCancelled, PackError
from reader.packs.format import MAGIC, Limits, canonical_json
from reader.packs.install import AlreadyInstalled
from reader.packs.signing import generate_key
from reader.packs.state import read_state
from tests.packs.conftest import (
    V1,
    V3,
    content_files,
    hand_made,
    manifest_dict,
    write_signed,
    zip_payload,
)

# -- what a good install does -------------------------------------------------------------------


def test_install_switches_to_the_new_pack_and_says_what_changed(env):
    result = env.install(env.build(2))
    assert result.manifest.sequence == 2
    assert result.changes.added == ("Tinnitus",)
    assert result.changes.updated == ("Sciatica",)
    assert result.changes.removed == ()
    assert result.changes.summary() == "1 factsheet added and 1 updated"
    assert result.store.problems == () and result.store.root == result.folder
    shown = resolve_content(env.paths)
    assert shown.source == "active" and shown.store.digest == result.store.digest
    assert read_state(env.paths.packs_root).active == result.folder.name
    assert env.staging_leftovers() == []


def test_previous_pack_is_kept_and_older_ones_are_pruned(env):
    env.install(env.build(2))
    second = env.install(env.build(3, V3))
    assert second.changes.removed == ("Gout",) and second.changes.added == ("Migraine",)
    third = env.install(env.build(4, V1))
    state = read_state(env.paths.packs_root)
    assert state.active == third.folder.name and state.previous == second.folder.name
    installed = sorted(p.name for p in (env.paths.packs_root / "installed").iterdir())
    assert installed == sorted([third.folder.name, second.folder.name])
    assert state.highest == {"org.example.test": 4}


def test_the_same_pack_again_says_already_installed(installed):
    pack = installed.tmp / "seq2.fsrpack"
    error = installed.assert_refused(pack, "already installed")
    assert isinstance(error, AlreadyInstalled)


def test_installing_the_same_pack_again_repairs_a_damaged_copy(installed):
    folder = installed.paths.packs_root / "installed" / read_state(installed.paths.packs_root).active
    (folder / "factsheets" / "gout.md").write_text("damaged", encoding="utf-8")
    shown = resolve_content(installed.paths)
    assert shown.source == "bundled" and "damaged" in shown.notice
    installed.install(installed.tmp / "seq2.fsrpack")
    assert installed.shown_sequence() == 2
    assert resolve_content(installed.paths).notice is None


def test_personal_notes_bookmarks_and_settings_are_untouched(installed):
    data, config = installed.paths.data, installed.paths.config
    config.mkdir(parents=True, exist_ok=True)
    personal = {data / "userdata.sqlite3": b"notes and bookmarks", config / "settings.json": b"{}"}
    for path, body in personal.items():
        path.write_bytes(body)
    installed.install(installed.build(3, V3))
    from reader.packs.status import rollback

    rollback(installed.paths)
    for path, body in personal.items():
        assert path.read_bytes() == body


def test_progress_is_reported_for_each_stage(env):
    seen = []
    env.install(env.build(2), progress=lambda what, done, total: seen.append((what, done, total)))
    assert {"Copying the pack", "Checking the pack", "Unpacking the factsheets"} <= {
        what for what, _, _ in seen}
    assert all(0 <= done <= total for _, done, total in seen)


@pytest.mark.parametrize("stage", ["Copying the pack", "Checking the pack",
                                   "Unpacking the factsheets"])
def test_cancel_stops_the_install_and_changes_nothing(installed, stage):
    cancel = threading.Event()

    def progress(what, done, total):
        if what == stage:
            cancel.set()

    error = installed.assert_refused(installed.build(3, V3), "cancelled; nothing was changed",
                                     progress=progress, cancel=cancel)
    assert isinstance(error, PackCancelled)
    assert installed.shown_sequence() == 2


# -- signature and header -----------------------------------------------------------------------

def _header_end(data: bytes) -> tuple[int, int]:
    """(start of manifest, end of signature) in a pack's bytes."""
    (length,) = struct.unpack(">I", data[24:28])
    return 28, 28 + length + 2 + 64


def test_a_flipped_byte_anywhere_is_refused(installed):
    good = installed.build(3, V3).read_bytes()
    manifest_at, payload_at = _header_end(good)
    rng = random.Random(8)
    positions = [0, 9, manifest_at + 5, payload_at - 3, payload_at + 10, len(good) - 1]
    positions += rng.sample(range(len(good)), 20)
    for n, pos in enumerate(positions):
        bad = bytearray(good)
        bad[pos] ^= 0x01
        path = installed.tmp / f"flip{n}.fsrpack"
        path.write_bytes(bytes(bad))
        installed.assert_refused(path, r"signature|SHA-256|header|key|damaged|trust")
    assert installed.shown_sequence() == 2


def test_a_flipped_payload_byte_fails_the_payload_hash(installed):
    data = bytearray(installed.build(3, V3).read_bytes())
    data[-30] ^= 0xFF
    path = installed.tmp / "flipped.fsrpack"
    path.write_bytes(bytes(data))
    installed.assert_refused(path, "payload does not match its SHA-256")


def test_an_edited_manifest_under_the_old_signature_is_refused(installed):
    good = installed.build(3, V3).read_bytes()
    start, end = _header_end(good)
    manifest = good[start:end - 66]
    signature = good[end - 64:end]
    edited = manifest.replace(b'"sequence": 3', b'"sequence": 9')
    assert edited != manifest
    forged = good[:24] + struct.pack(">I", len(edited)) + edited + struct.pack(">H", 64) + \
        signature + good[end:]
    path = installed.tmp / "edited.fsrpack"
    path.write_bytes(forged)
    installed.assert_refused(path, "signature does not match")


def test_a_pack_signed_with_an_unknown_key_is_refused(installed):
    stranger = generate_key()
    payload = zip_payload(content_files())
    manifest = manifest_dict(payload, content_files(), stranger)
    path = write_signed(installed.tmp / "stranger.fsrpack", stranger, manifest, payload)
    installed.assert_refused(path, f"signed with key {stranger.key_id}, which this app does not "
                                   "trust")


def test_a_strangers_signature_under_our_key_id_is_refused(installed):
    payload = zip_payload(content_files())
    manifest = manifest_dict(payload, content_files(), installed.key)
    path = write_signed(installed.tmp / "impostor.fsrpack", installed.key, manifest, payload,
                        sign_with=generate_key())
    installed.assert_refused(path, "signature does not match")


def test_missing_or_truncated_signatures_are_refused(installed):
    good = installed.build(3, V3).read_bytes()
    start, end = _header_end(good)
    no_sig = good[:end - 66] + struct.pack(">H", 0) + good[end:]
    cases = {
        "nosig": (no_sig, "not signed"),
        "endsaftermanifest": (good[:end - 66], "not signed"),
        "halfsig": (good[:end - 30], "truncated.*signature"),
        "shortsig": (good[:end - 66] + struct.pack(">H", 10) + good[end - 64:end - 54] + good[end:],
                     "signature is 10 bytes"),
    }
    for name, (data, match) in cases.items():
        path = installed.tmp / f"{name}.fsrpack"
        path.write_bytes(data)
        installed.assert_refused(path, match)


# -- manifest rules -----------------------------------------------------------------------------

def test_an_older_pack_is_refused_as_a_downgrade(installed):
    installed.assert_refused(installed.build(1, V3, name="older"), "older.*downgrades are refused")


def test_an_equal_sequence_with_different_content_is_refused(installed):
    installed.assert_refused(installed.build(2, V3, name="same-seq"),
                             "sequence 2 of this pack was already installed, with different")


def test_a_pack_no_newer_than_the_apps_own_content_is_refused(env):
    env.assert_refused(env.build(1, V3), "app's own content is already sequence 1")


def test_a_downgrade_stays_refused_after_a_rollback(installed):
    from reader.packs.status import rollback

    installed.install(installed.build(3, V3))
    rollback(installed.paths)
    assert installed.shown_sequence() == 2
    installed.assert_refused(installed.build(3, V1, name="other3"), "already installed, with")


@pytest.mark.parametrize(("overrides", "match"), [
    ({"pack_id": "org.other.pack"}, "pack id 'org.other.pack' is not one this app accepts"),
    ({"format": 2}, "pack format 2 is newer than this app understands"),
    ({"min_app_version": "99.0"}, "needs Factsheet Reader 99.0 or newer"),
    ({"expires": "2020-01-02T00:00:00Z", "created": "2020-01-01T00:00:00Z"}, "expired on 2020-01-02"),
    ({"extra": 1}, "unknown key"),
    ({"sequence": "3"}, "'sequence' must be a whole number"),
    ({"type": "factsheet-reader-index"}, "not a pack manifest"),
])
def test_manifest_rules(installed, overrides, match):
    installed.assert_refused(hand_made(installed, "rules", **overrides), match)


def test_a_manifest_naming_another_key_than_the_signer_is_refused(installed):
    installed.assert_refused(hand_made(installed, "keyid", key_id="0123456789abcdef"),
                             "manifest names key 0123456789abcdef")


def test_manifest_that_is_not_json_is_refused_after_the_signature_check(installed):
    path = write_signed(installed.tmp / "notjson.fsrpack", installed.key, b"{not json", b"")
    installed.assert_refused(path, "manifest is not valid JSON")


def test_duplicate_json_keys_are_refused(installed):
    data = canonical_json(manifest_dict(b"", content_files(), installed.key))
    data = data.replace(b'"sequence": 3', b'"sequence": 3, "sequence": 9')
    installed.assert_refused(write_signed(installed.tmp / "dupkey.fsrpack", installed.key, data,
                                          b""), "duplicate key 'sequence'")


def test_content_whose_pack_toml_disagrees_with_the_manifest_is_refused(installed):
    files = content_files(sequence=7)  # pack.toml says 7, the manifest says 3
    installed.assert_refused(hand_made(installed, "mismatch", files),
                             "pack.toml says org.example.test sequence 7, but the manifest is "
                             "org.example.test sequence 3")


def test_content_with_problems_is_refused(installed):
    files = content_files() + [("factsheets/broken.md", b"no front matter")]
    installed.assert_refused(hand_made(installed, "problems", files), "content has 1 problem")


# -- what the archive may hold -----------------------------------------------------------------

def _with(extra: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    return content_files() + extra


@pytest.mark.parametrize(("name", "match"), [
    ("../evil.md", "path goes outside the pack"),
    ("factsheets/../../evil.md", "path goes outside the pack"),
    ("/etc/evil", "absolute path"),
    ("C:/evil.md", "drive path"),
    ("C:evil.md", "drive path"),
    ("..\\evil.md", r"'\\\\' is not allowed"),
    ("factsheets/con.md", "reserved name on Windows"),
    ("AUX", "reserved name on Windows"),
    ("factsheets/lpt1.txt.md", "reserved name on Windows"),
    ("factsheets/.hidden.md", "hidden file names"),
    ("factsheets/trailing.md.", "ends with a dot or space"),
    ("factsheets/a\x01.md", "control character"),
])
def test_dangerous_names_in_the_manifest_are_refused(installed, name, match):
    files = _with([(name, b"x")])
    installed.assert_refused(hand_made(installed, "badname", files), match)
    assert not (installed.tmp / "evil.md").exists() and not (installed.paths.data / "evil.md").exists()


@pytest.mark.parametrize(("name", "match"), [
    ("../evil.md", "archive entry '../evil.md': path goes outside"),
    ("/abs.md", "archive entry '/abs.md': absolute path"),
    ("notes.txt", "archive entry 'notes.txt' is not listed in the manifest"),
    ("factsheets/", "archive entry 'factsheets/' is not a regular file"),
])
def test_unlisted_or_dangerous_archive_entries_are_refused(installed, name, match):
    files = content_files()
    path = hand_made(installed, "entry", files, entries=files + [(name, b"x")])
    installed.assert_refused(path, match)


def test_symlink_entries_are_refused(installed):
    link = zipfile.ZipInfo("factsheets/link.md")
    link.create_system = 3
    link.external_attr = 0o120777 << 16
    files = content_files()
    path = hand_made(installed, "symlink", files + [("factsheets/link.md", b"/etc/passwd")],
                     entries=files + [(link, b"/etc/passwd")])
    installed.assert_refused(path, "'factsheets/link.md' is a symbolic link")


def test_duplicate_archive_entries_are_refused(installed):
    files = content_files()
    with pytest.warns(UserWarning, match="Duplicate name"):
        payload = zip_payload(files + [files[-1]])
    manifest = manifest_dict(payload, files, installed.key)
    path = write_signed(installed.tmp / "dup.fsrpack", installed.key, manifest, payload)
    installed.assert_refused(path, "appears twice")


def test_a_file_listed_twice_is_refused(installed):
    files = content_files()
    path = hand_made(installed, "listed-twice", files, listed=files + [files[-1]])
    installed.assert_refused(path, "is listed twice")


@pytest.mark.parametrize(("first", "second"), [
    ("factsheets/gout.md", "factsheets/Gout.md"),
    ("factsheets/caf\u00e9.md", unicodedata.normalize("NFD", "factsheets/caf\u00e9.md")),
    ("factsheets/x.md", "Factsheets/y.md"),
    ("notes", "notes/a.md"),
])
def test_names_colliding_by_case_or_unicode_are_refused(installed, first, second):
    files = _with([(first, b"one"), (second, b"two")])
    installed.assert_refused(hand_made(installed, "collide", files), "collides with")


def test_a_listed_file_missing_from_the_archive_is_refused(installed):
    files = content_files()
    path = hand_made(installed, "missing", files, entries=files[:-1])
    installed.assert_refused(path, "listed in the manifest but missing from the archive")


def test_an_entry_whose_size_differs_from_the_manifest_is_refused(installed):
    files = content_files()
    listed = files[:-1] + [(files[-1][0], files[-1][1] + b" more")]
    installed.assert_refused(hand_made(installed, "size", files, listed=listed),
                             "bytes; the manifest says")


def test_an_entry_whose_bytes_differ_from_the_manifest_hash_is_refused(installed):
    files = content_files()
    path_, data = files[-1]
    listed = files[:-1] + [(path_, data.replace(b"A plain", b"B plain"))]
    installed.assert_refused(hand_made(installed, "hash", files, listed=listed),
                             "does not match its size and SHA-256")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(installed):
    bomb = ("factsheets/bomb.md", bytes(8 << 20))  # 8 MB of zeros packs into ~8 KB
    installed.assert_refused(hand_made(installed, "bomb", _with([bomb])),
                             "expands more than 100 times")
    assert installed.staging_leftovers() == []


def test_an_entry_that_unpacks_to_more_than_its_header_says_is_refused(installed):
    files = content_files()
    name, data = files[-1]
    payload = bytearray(zip_payload(files))
    # Shrink the archive's own record of the last entry's size (local header and central
    # directory) to 10 bytes, and list those 10 bytes in the manifest: unpacking must stop.
    info = zipfile.ZipFile(io.BytesIO(bytes(payload))).getinfo(name)
    for offset in (info.header_offset + 22, _central_offset(payload, name) + 24):
        payload[offset:offset + 4] = struct.pack("<I", 10)
    manifest = manifest_dict(bytes(payload), files[:-1] + [(name, data[:10])], installed.key)
    path = write_signed(installed.tmp / "lying.fsrpack", installed.key, manifest, bytes(payload))
    installed.assert_refused(path, "cannot be unpacked|does not match|unpacks to more")


def test_a_zip_bomb_whose_headers_understate_its_expansion_is_refused(installed):
    """The outside fault test's bomb: entries that claim ~99x expansion but really expand
    ~1,000x. The headers' compressed sizes are raised to 1/99 of the unpacked size; the bytes the
    archive really holds are what count."""
    files = _with([("factsheets/bomb.md", bytes(4 << 20))])
    payload = bytearray(zip_payload(files))
    name = "factsheets/bomb.md"
    info = zipfile.ZipFile(io.BytesIO(bytes(payload))).getinfo(name)
    claimed = info.file_size // 99
    assert info.compress_size * 500 < info.file_size  # it really expands far more than 100x
    for offset in (info.header_offset + 18, _central_offset(payload, name) + 20):
        payload[offset:offset + 4] = struct.pack("<I", claimed)
    manifest = manifest_dict(bytes(payload), files, installed.key)
    path = write_signed(installed.tmp / "lying-bomb.fsrpack", installed.key, manifest,
                        bytes(payload))
    installed.assert_refused(path, "claims .* packed bytes but takes only|expands more than")
    assert installed.staging_leftovers() == []


def _central_offset(payload: bytearray, name: str) -> int:
    return bytes(payload).rindex(b"PK\x01\x02", 0, bytes(payload).rindex(name.encode()))


def test_size_caps(installed):
    pack = installed.build(3, V3)
    small = Limits(pack_bytes=1000)
    installed.assert_refused(pack, "a content pack may be at most", limits=small)
    installed.assert_refused(pack, r"at most 100 allowed", limits=Limits(file_bytes=100))
    installed.assert_refused(pack, r"files add up to", limits=Limits(content_bytes=500))
    installed.assert_refused(pack, r"lists \d+ files \(at most 2\)", limits=Limits(files=2))


# -- broken files -------------------------------------------------------------------------------

def test_empty_truncated_and_random_files_are_refused(installed):
    good = installed.build(3, V3).read_bytes()
    start, end = _header_end(good)
    rng = random.Random(3)
    cases = {
        "empty": (b"", "the file is empty"),
        "magic-only": (good[:5], "truncated.*header"),
        "in-key-id": (good[:15], "truncated.*header"),
        "in-manifest": (good[:start + 40], "truncated.*manifest"),
        "in-payload": (good[:end + 100], "truncated: its payload is 100 bytes"),
        "longer": (good + b"extra", "longer than signed"),
        "random": (rng.randbytes(5000), "not a Factsheet Reader content pack"),
        "random-after-magic": (MAGIC + rng.randbytes(5000), "key id is malformed|damaged"),
        "text": (b"hello, I am a text file\n", "not a Factsheet Reader content pack"),
        "zip": (zip_payload(content_files()), "not a Factsheet Reader content pack"),
    }
    for name, (data, match) in cases.items():
        path = installed.tmp / f"{name}.fsrpack"
        path.write_bytes(data)
        installed.assert_refused(path, match)


def test_a_missing_file_is_refused(installed):
    installed.assert_refused(installed.tmp / "nowhere.fsrpack", "cannot read the file: No such")


def test_a_folder_instead_of_a_file_is_refused(installed):
    installed.assert_refused(installed.tmp, "cannot read the file")


def test_a_huge_manifest_length_is_refused(installed):
    path = installed.tmp / "huge.fsrpack"
    path.write_bytes(MAGIC + b"0123456789abcdef" + struct.pack(">I", 0xFFFFFFF0))
    installed.assert_refused(path, "the manifest claims")


# -- the disk, and other installs ---------------------------------------------------------------

class _FullDisk:
    """A file that accepts `room` bytes and then fails the way a full disk does."""

    def __init__(self, real, room):
        self._real, self._room = real, room

    def write(self, data):
        if len(data) > self._room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room -= len(data)
        return self._real.write(data)

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._real.close()


def _fill_disk_for(monkeypatch, module, room=100):
    import builtins

    def full_open(path, mode="r", *args, **kwargs):
        real = builtins.open(path, mode, *args, **kwargs)
        return _FullDisk(real, room) if "x" in mode or "w" in mode else real

    monkeypatch.setattr(module, "open", full_open, raising=False)


@pytest.mark.parametrize("module", ["reader.packs.install", "reader.packs.archive",
                                    "reader.packs.durable"])
def test_a_full_disk_at_any_write_changes_nothing(installed, monkeypatch, module):
    import importlib

    pack = installed.build(3, V3)
    _fill_disk_for(monkeypatch, importlib.import_module(module))
    installed.assert_refused(pack, "the disk is full; nothing was changed")
    assert installed.shown_sequence() == 2
    assert sorted(p.name for p in (installed.paths.packs_root / "installed").iterdir()) == \
        [read_state(installed.paths.packs_root).active]


def test_a_read_only_data_folder_is_reported(env, monkeypatch):
    from pathlib import Path

    real_mkdir = Path.mkdir

    def read_only(self, *args, **kwargs):
        if env.paths.data in (self, *self.parents):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only)
    env.assert_refused(env.build(2), "the folder is read-only; nothing was changed")
    assert resolve_content(env.paths).source == "bundled"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply (root ignores them)")
def test_a_read_only_packs_folder_is_reported(installed):
    root = installed.paths.packs_root
    folders = [root, root / "staging", root / "installed"]
    for folder in folders:
        folder.chmod(0o555)
    try:
        installed.assert_refused(installed.build(3, V3), "permission denied|read-only")
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert installed.shown_sequence() == 2


def test_two_installs_at_once(installed):
    """The second install is refused while the first runs; the first then completes."""
    first_waiting, release = threading.Event(), threading.Event()

    def hold(step):
        if step == "verified":
            first_waiting.set()
            assert release.wait(10)

    results = []
    pack3, pack4 = installed.build(3, V3), installed.build(4, V1)
    worker = threading.Thread(target=lambda: results.append(installed.install(pack3,
                                                                              on_step=hold)))
    worker.start()
    try:
        assert first_waiting.wait(10)
        before = installed.snapshot()
        with pytest.raises(PackError, match="another content pack install is in progress"):
            installed.install(pack4)
        assert installed.snapshot() == before
    finally:
        release.set()
        worker.join(10)
    assert results and results[0].manifest.sequence == 3
    assert installed.shown_sequence() == 3
    installed.install(pack4)  # the lock was released
    assert installed.shown_sequence() == 4


def test_leftovers_of_a_killed_install_are_cleared_by_the_next(installed):
    stale = installed.paths.packs_root / "staging" / "0123abcd"
    (stale / "content").mkdir(parents=True)
    (stale / "pack").write_bytes(b"half a pack")
    installed.install(installed.build(3, V3))
    assert installed.staging_leftovers() == []


def test_an_expired_pack_is_refused_even_if_otherwise_good(installed):
    pack = installed.build(3, V3, valid_days=1)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    installed.assert_refused(pack, "expired on", now=later)


def test_options_do_not_leak_between_installs(env):
    """Two environments with different trust do not see each other's keys (no global state)."""
    other = dataclasses.replace(env, trust=dataclasses.replace(env.trust, keys=()))
    with pytest.raises(PackError, match="does not trust"):
        other.install(env.build(2))
    env.install(env.tmp / "seq2.fsrpack")


def test_a_pack_made_more_than_a_day_in_the_future_is_refused(installed):
    """A validly signed pack 'created' a year ahead once installed and showed that date."""
    now = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)
    ahead = hand_made(installed, "ahead", sequence=3, created="2027-12-02T00:00:00Z")
    installed.assert_refused(ahead, "says it was made on 2027-12-02, more than a day after this "
                                    "computer's date \\(2026-12-02\\)", now=now)
    slightly = hand_made(installed, "slightly", sequence=3, created="2026-12-03T06:00:00Z")
    assert installed.install(slightly, now=now).manifest.sequence == 3  # clocks differ a little
