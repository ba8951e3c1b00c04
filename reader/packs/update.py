"""Check the publisher's update list and install a newer pack from it, only when asked."""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import urljoin

from reader.packs.active import bundled_pack, resolve_content
from reader.packs.download import check_url, download
from reader.packs.errors import PackError
from reader.packs.format import check_dates
from reader.packs.install import (
    Expected,
    InstallOptions,
    InstallResult,
    install_staged,
    staging_folder,
)
from reader.packs.state import PackState, read_state
from reader.packs.update_index import (
    MAX_SIG_BYTES,
    SIG_SUFFIX,
    IndexEntry,
    parse_index,
    parse_signature_line,
)

DEFAULT_TIMEOUT = 20.0  # seconds without a byte before a download is given up
INDEX_DEADLINE = 60.0
PACK_DEADLINE = 30 * 60.0


@dataclass(frozen=True)
class UpdateCheck:
    index_url: str
    pack_id: str | None  # the pack the app shows (None: its content names no pack)
    installed: int  # the highest sequence of that pack already installed or bundled
    entry: IndexEntry | None  # a newer pack, or None when the content is up to date

    @property
    def pack_url(self) -> str | None:
        return urljoin(self.index_url, self.entry.url) if self.entry else None


def check_for_update(index_url: str, options: InstallOptions, *,
                     timeout: float = DEFAULT_TIMEOUT,
                     deadline: float = INDEX_DEADLINE) -> UpdateCheck:
    """Fetch and verify the signed update list; say whether it offers a newer pack."""
    from reader.packs.signing import verify_signature

    index_url = index_url.strip()
    check_url(index_url)
    limits = options.limits
    body, sig = io.BytesIO(), io.BytesIO()
    download(index_url, body, max_bytes=limits.index_bytes, timeout=timeout, deadline=deadline,
             cancel=options.cancel, progress=options.progress, what="Checking for updates")
    download(index_url + SIG_SUFFIX, sig, max_bytes=MAX_SIG_BYTES, timeout=timeout,
             deadline=deadline, cancel=options.cancel)
    key_id, signature = parse_signature_line(sig.getvalue(), index_url + SIG_SUFFIX)
    key = verify_signature(options.trust, key_id, body.getvalue(), signature, index_url)
    index = parse_index(body.getvalue(), index_url, limits.pack_bytes)
    if index.key_id != key_id:
        raise PackError(index_url, "the update list names a different key than the one that "
                                   "signed it")
    try:
        check_dates(index.created, index.expires, options.now, index_url, "the update list")
    except PackError as exc:
        if "expired" in exc.message:
            exc.message += "; the publisher has not refreshed it, so nothing was installed"
        raise
    pack_id, installed = _installed(options)
    entry = index.newest(pack_id) if pack_id else None
    if entry is not None and pack_id not in key.pack_ids:
        raise PackError(index_url, f"the update list's key may not sign pack {pack_id!r}")
    if entry is not None and entry.sequence <= installed:
        entry = None
    return UpdateCheck(index_url, pack_id, installed, entry)


def install_update(check: UpdateCheck, options: InstallOptions, *,
                   timeout: float = DEFAULT_TIMEOUT,
                   deadline: float = PACK_DEADLINE) -> InstallResult:
    """Download the pack `check` found (capped at the size the signed list gives) and install
    it with every check a pack from a file gets, plus: it must be the pack the list announced."""
    if check.entry is None or check.pack_url is None:
        raise PackError(check.index_url, "there is no newer pack to install")
    entry, url = check.entry, check.pack_url
    with staging_folder(options.paths) as work:
        staged = work / "pack"
        try:
            out = open(staged, "xb")
        except OSError as exc:
            from reader.packs.durable import io_error

            raise io_error(work, exc) from None
        with out:
            sha = download(url, out, max_bytes=options.limits.pack_bytes,
                           expected_size=entry.size, timeout=timeout, deadline=deadline,
                           progress=options.progress, cancel=options.cancel)
        if sha != entry.sha256:
            raise PackError(url, "the downloaded pack does not match the SHA-256 in the signed "
                                 "update list")
        options.step("copied")
        return install_staged(staged, work, url, options, Expected(entry.pack_id, entry.sequence))


def _installed(options: InstallOptions) -> tuple[str | None, int]:
    shown = resolve_content(options.paths)
    pack = shown.store.pack
    if pack is None:
        return None, 0
    try:
        state = read_state(options.paths.packs_root)
    except PackError:
        state = PackState()
    bundled = bundled_pack(options.paths)
    app_seq = bundled[1] if bundled is not None and bundled[0] == pack.id else 0
    return pack.id, max(pack.sequence, state.highest_for(pack.id), app_seq)
