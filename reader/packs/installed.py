"""The packs folder on disk, and whether an installed pack is still whole.

    <data>/packs/state.json                  which pack is active (state.py)
    <data>/packs/install.lock                held while an install runs (lock.py)
    <data>/packs/installed/<id>-<seq>-<rnd>/ one installed pack: pack.toml, factsheets/, and
                                             .pack/manifest.json + .pack/signature as installed
    <data>/packs/staging/<random>/           private working folder of a running install
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.content.store import ContentStore, load_content
from reader.packs.errors import PackError
from reader.packs.format import Manifest, parse_manifest

INSTALLED = "installed"
STAGING = "staging"
LOCK_FILE = "install.lock"
RECORD_DIR = ".pack"
RECORD_MANIFEST = "manifest.json"
RECORD_SIGNATURE = "signature"


def installed_folder(root: Path, name: str) -> Path:
    return Path(root) / INSTALLED / name


def read_record(folder: Path) -> Manifest:
    """The manifest an installed pack was installed from (its signature was checked then)."""
    path = Path(folder) / RECORD_DIR / RECORD_MANIFEST
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PackError(str(folder), "the installed pack is missing") from None
    except OSError as exc:
        raise PackError(str(folder), f"cannot read the installed pack: {exc.strerror or exc}") \
            from None
    return parse_manifest(data, str(path))


def check_installed(folder: Path, cache: Path | None = None) -> tuple[Manifest, ContentStore]:
    """The manifest and loaded content of an installed pack, or PackError saying what is damaged.

    Every listed file must have its recorded size and SHA-256, no factsheet may have appeared
    that the pack did not bring, and the content must load with its own id and sequence.
    """
    folder = Path(folder)
    manifest = read_record(folder)
    listed = set()
    for entry in manifest.files:
        path = folder / entry.path
        listed.add(entry.path)
        try:
            if path.is_symlink() or not path.is_file():
                raise PackError(str(folder), f"{entry.path} is missing")
            if path.stat().st_size != entry.size:
                raise PackError(str(folder), f"{entry.path} has changed")
            digest = hashlib.sha256()
            with open(path, "rb") as fh:
                while chunk := fh.read(1 << 16):
                    digest.update(chunk)
        except OSError as exc:
            raise PackError(str(folder), f"cannot read {entry.path}: {exc.strerror or exc}") \
                from None
        if digest.hexdigest() != entry.sha256:
            raise PackError(str(folder), f"{entry.path} has changed")
    factsheets = folder / "factsheets"
    if factsheets.is_dir():
        for path in factsheets.iterdir():
            name = f"factsheets/{path.name}"
            if path.suffix == ".md" and not path.name.startswith(".") and name not in listed:
                raise PackError(str(folder), f"{name} does not belong to the pack")
    store = load_content(folder, cache=cache)
    if not len(store):
        raise PackError(str(folder), "no factsheets could be loaded")
    if store.pack is None or (store.pack.id, store.pack.sequence) != (manifest.pack_id,
                                                                      manifest.sequence):
        says = f"{store.pack.id} sequence {store.pack.sequence}" if store.pack else "nothing usable"
        raise PackError(str(folder), f"pack.toml says {says}, but the manifest is "
                                     f"{manifest.pack_id} sequence {manifest.sequence}")
    return manifest, store
