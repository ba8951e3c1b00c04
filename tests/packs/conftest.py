"""Fixtures for pack tests: a test publisher key, small content folders, and helpers that build
honest packs with the real builder and hostile ones by hand (signed with the test key, so they
get past the signature and exercise every later check)."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest

from reader.packs.build import build_pack
from reader.packs.errors import PackError
from reader.packs.format import canonical_json, write_header
from reader.packs.install import InstallOptions, InstallResult, install_pack
from reader.packs.signing import SigningKey, generate_key
from reader.packs.trust import Trust
from reader.paths import AppPaths
from tests.conftest import PACK_TOML, ContentFolder

PACK_ID = "org.example.test"  # the id in tests/conftest.py's PACK_TOML


def write_content(root: Path, sequence: int, sheets: dict[str, dict]) -> ContentFolder:
    """A content folder with `sheets` (slug -> factsheet_text kwargs) at `sequence`."""
    folder = ContentFolder(root)
    (root / "pack.toml").write_text(PACK_TOML.replace("sequence = 1", f"sequence = {sequence}"),
                                    encoding="utf-8")
    for slug, kwargs in sheets.items():
        folder.add(slug, **kwargs)
    return folder


V1 = {"sciatica": {"title": "Sciatica"}, "gout": {"title": "Gout"}}
V2 = {"sciatica": {"title": "Sciatica", "summary": "A newer summary."},
      "gout": {"title": "Gout"}, "tinnitus": {"title": "Tinnitus"}}
V3 = {"sciatica": {"title": "Sciatica", "summary": "Newer still.",
                   "tables": '[[changes]]\ndate = 2026-12-02\ntext = "Summary rewritten."\n\n'},
      "tinnitus": {"title": "Tinnitus"}, "migraine": {"title": "Migraine"}}


@dataclasses.dataclass
class PackEnv:
    """A per-user folder tree with tiny bundled content, a test key the installer trusts, and
    helpers to build, install and compare."""

    tmp: Path
    key: SigningKey
    paths: AppPaths
    trust: Trust

    def options(self, **kwargs) -> InstallOptions:
        return InstallOptions(self.paths, self.trust, **kwargs)

    def build(self, sequence: int, sheets: dict[str, dict] = V2, name: str | None = None,
              **kwargs) -> Path:
        """A pack built by `pack build` from content at `sequence`."""
        name = name or f"seq{sequence}"
        content = write_content(self.tmp / "src" / name, sequence, sheets)
        out = self.tmp / f"{name}.fsrpack"
        build_pack(content.root, self.key, out, **kwargs)
        return out

    def install(self, pack: Path, **kwargs) -> InstallResult:
        return install_pack(pack, self.options(**kwargs))

    def snapshot(self) -> dict[str, str]:
        """SHA-256 of every installed file and the state file: "installed content unchanged"."""
        root = self.paths.packs_root
        out = {}
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and not rel.startswith("staging/") and rel != "install.lock":
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        return out

    def staging_leftovers(self) -> list[str]:
        staging = self.paths.packs_root / "staging"
        return sorted(p.name for p in staging.iterdir()) if staging.exists() else []

    def assert_refused(self, pack: Path, match: str, **kwargs) -> PackError:
        """Install `pack`: refused with a message matching `match`, installed content and
        state byte-for-byte unchanged, and no staging folder left behind."""
        before = self.snapshot()
        with pytest.raises(PackError) as info:
            self.install(pack, **kwargs)
        assert re.search(match, str(info.value)), str(info.value)
        assert "\n" not in str(info.value)
        assert self.snapshot() == before
        assert self.staging_leftovers() == []
        return info.value

    def shown_sequence(self) -> int:
        from reader.packs.active import resolve_content

        shown = resolve_content(self.paths)
        assert shown.store.problems == ()
        return shown.store.pack.sequence


@pytest.fixture(scope="session")
def test_key() -> SigningKey:
    return generate_key()


def make_env(tmp_path: Path, key: SigningKey) -> PackEnv:
    """Per-user folders under `tmp_path` with tiny bundled content, trusting `key`."""
    bundled = write_content(tmp_path / "bundled", 1, V1)
    paths = dataclasses.replace(AppPaths.under(tmp_path / "home"), bundled_content=bundled.root)
    trust = Trust((key.trusted("Test publisher", (PACK_ID,)),))
    return PackEnv(tmp_path, key, paths, trust)


@pytest.fixture
def env(tmp_path, test_key) -> PackEnv:
    return make_env(tmp_path, test_key)


@pytest.fixture
def installed(env) -> PackEnv:
    """`env` with pack sequence 2 installed and active."""
    env.install(env.build(2))
    assert env.shown_sequence() == 2
    return env


# -- hostile packs, by hand ------------------------------------------------------------------------

def zip_payload(entries: list[tuple[str | zipfile.ZipInfo, bytes]],
                compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        for name, data in entries:
            if isinstance(name, zipfile.ZipInfo):
                zf.writestr(name, data)
            else:
                zf.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


def manifest_dict(payload: bytes, files: list[tuple[str, bytes]], key: SigningKey,
                  **overrides) -> dict:
    data = {
        "type": "factsheet-reader-pack", "format": 1, "pack_id": PACK_ID, "sequence": 3,
        "label": "Hand-made pack", "created": "2026-01-01T00:00:00Z",
        "expires": "2099-01-01T00:00:00Z", "min_app_version": "0.1.0", "key_id": key.key_id,
        "payload": {"size": len(payload), "sha256": hashlib.sha256(payload).hexdigest()},
        "files": [{"path": p, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
                  for p, d in files],
    }
    data.update(overrides)
    return data


def write_signed(out: Path, key: SigningKey, manifest: dict | bytes, payload: bytes,
                 sign_with: SigningKey | None = None) -> Path:
    """A pack file whose manifest (a dict, or exact bytes) is signed by `sign_with` (default
    `key`); the header names `key`."""
    signed = manifest if isinstance(manifest, bytes) else canonical_json(manifest)
    buffer = io.BytesIO()
    write_header(buffer, key.key_id, signed, (sign_with or key).sign(signed))
    out.write_bytes(buffer.getvalue() + payload)
    return out


def content_files(sequence: int = 3, sheets: dict[str, dict] = V3) -> list[tuple[str, bytes]]:
    """(path, bytes) of a valid content folder, for hand-made payloads."""
    from tests.conftest import factsheet_text

    files = [("pack.toml", PACK_TOML.replace("sequence = 1", f"sequence = {sequence}").encode())]
    files += [(f"factsheets/{slug}.md", factsheet_text(**kw).encode())
              for slug, kw in sorted(sheets.items())]
    return files


def hand_made(env: PackEnv, name: str, files: list[tuple[str, bytes]] | None = None,
              entries: list[tuple[str | zipfile.ZipInfo, bytes]] | None = None,
              listed: list[tuple[str, bytes]] | None = None, **overrides) -> Path:
    """A signed pack: `entries` go in the archive (default: `files`), `listed` in the manifest
    (default: `files`)."""
    files = files if files is not None else content_files()
    payload = zip_payload(entries if entries is not None else files)
    manifest = manifest_dict(payload, listed if listed is not None else files, env.key,
                             **overrides)
    return write_signed(env.tmp / f"{name}.fsrpack", env.key, manifest, payload)
