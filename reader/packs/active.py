"""Which content the app shows at start: the active pack, else the previous one, else the
content bundled with the app, with a notice whenever it had to fall back."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from reader.content.store import ContentStore, load_content
from reader.packs.errors import PackError
from reader.packs.format import Manifest
from reader.packs.installed import check_installed, installed_folder
from reader.packs.state import read_state
from reader.paths import AppPaths

log = logging.getLogger(__name__)
REPAIR = "Install the content pack again to repair this."


@dataclass(frozen=True)
class ActiveContent:
    store: ContentStore
    manifest: Manifest | None  # None: the bundled content
    source: str  # "active" | "previous" | "bundled" | "folder" (--content)
    notice: str | None = None


def content_to_show(paths: AppPaths, content_dir: Path | None = None) -> ActiveContent:
    """The content folder given on the command line (--content), else `resolve_content`."""
    if content_dir is not None:
        return ActiveContent(load_content(content_dir, cache=paths.cache), None, "folder")
    return resolve_content(paths)


def resolve_content(paths: AppPaths) -> ActiveContent:
    """The content to show, checked; never raises (the bundled content is the last resort)."""
    root = paths.packs_root
    cache = paths.cache
    try:
        state = read_state(root)
    except PackError as exc:
        log.info("%s", exc)
        return ActiveContent(load_content(paths.bundled_content, cache=cache), None, "bundled",
                             "The record of installed content packs is damaged, so the "
                             f"content that came with the app is shown. {REPAIR}")
    if state.active is None:
        return ActiveContent(load_content(paths.bundled_content, cache=cache), None, "bundled")
    try:
        manifest, store = check_installed(installed_folder(root, state.active), cache)
    except PackError as exc:
        log.info("active content pack is damaged: %s", exc)
        damaged = f"The installed content pack is damaged ({exc.message})"
    else:
        bundled = bundled_pack(paths)
        if bundled is not None and bundled[0] == manifest.pack_id and bundled[1] >= \
                manifest.sequence:
            # The app was updated with newer content than the pack: the newer content wins.
            log.info("bundled content (sequence %d) is newer than the installed pack", bundled[1])
            return ActiveContent(load_content(paths.bundled_content, cache=cache), None,
                                 "bundled")
        return ActiveContent(store, manifest, "active")
    if state.previous is not None:
        try:
            manifest, store = check_installed(installed_folder(root, state.previous), cache)
        except PackError as exc:
            log.info("previous content pack is damaged too: %s", exc)
        else:
            return ActiveContent(store, manifest, "previous",
                                 f"{damaged}, so the previous pack, {manifest.label}, is shown. "
                                 f"{REPAIR}")
    return ActiveContent(load_content(paths.bundled_content, cache=cache), None, "bundled",
                         f"{damaged}, so the content that came with the app is shown. {REPAIR}")


def bundled_pack(paths: AppPaths) -> tuple[str, int] | None:
    """(pack id, sequence) of the bundled content, or None if its pack.toml is unreadable."""
    import tomllib  # only when a TOML file is read: slow to import

    try:
        meta = tomllib.loads((paths.bundled_content / "pack.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    pack_id, sequence = meta.get("id"), meta.get("sequence")
    if isinstance(pack_id, str) and isinstance(sequence, int) and not isinstance(sequence, bool):
        return pack_id, sequence
    return None
