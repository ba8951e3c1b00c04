"""What is installed, and going back to the previous content (`pack status`, `pack rollback`)."""

from __future__ import annotations

from dataclasses import dataclass

from reader.packs.active import ActiveContent, bundled_pack, resolve_content
from reader.packs.errors import PackError
from reader.packs.format import Manifest
from reader.packs.install import staging_folder
from reader.packs.installed import check_installed, installed_folder
from reader.packs.state import PackState, read_state, write_state
from reader.paths import AppPaths


@dataclass(frozen=True)
class InstalledPack:
    name: str
    manifest: Manifest | None
    problem: str | None  # why it cannot be used, or None when it checks out


@dataclass(frozen=True)
class PackStatus:
    shown: ActiveContent
    state_problem: str | None
    active: InstalledPack | None
    previous: InstalledPack | None
    bundled: tuple[str, int] | None  # (pack id, sequence) of the app's own content
    highest: dict[str, int]


def pack_status(paths: AppPaths) -> PackStatus:
    shown = resolve_content(paths)
    try:
        state = read_state(paths.packs_root)
        problem = None
    except PackError as exc:
        state, problem = PackState(), str(exc)
    return PackStatus(shown, problem, _describe(paths, state.active),
                      _describe(paths, state.previous), bundled_pack(paths), state.highest)


def _describe(paths: AppPaths, name: str | None) -> InstalledPack | None:
    if name is None:
        return None
    try:
        manifest, _ = check_installed(installed_folder(paths.packs_root, name), paths.cache)
    except PackError as exc:
        return InstalledPack(name, None, exc.message)
    return InstalledPack(name, manifest, None)


def rollback(paths: AppPaths) -> ActiveContent:
    """Make the previous content active (the current pack is kept: rolling back again returns to
    it); PackError, with nothing changed, when there is nothing usable to go back to."""
    root = paths.packs_root
    with staging_folder(paths):  # the install lock: no install may switch meanwhile
        state = read_state(root)
        if state.active is None and state.previous is None:
            raise PackError(str(root), "no content pack is installed, so there is nothing to "
                                       "roll back")
        if state.previous is not None:
            try:
                check_installed(installed_folder(root, state.previous), paths.cache)
            except PackError as exc:
                raise PackError(str(root), f"the previous pack cannot be used ({exc.message}); "
                                           "nothing was changed") from None
        try:
            write_state(root, PackState(state.previous, state.active, state.highest))
        except OSError as exc:
            from reader.packs.durable import io_error

            raise io_error(root, exc) from None
    return resolve_content(paths)
