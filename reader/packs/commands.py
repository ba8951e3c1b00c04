"""`factsheet-reader pack ...`: keygen, build, verify, install, status, rollback, index, update.

Each prints one line per error to stderr and exits 1; 0 on success. Heavy modules
(cryptography, zipfile, urllib) are imported only by the command that needs them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

PASSPHRASE_ENV = "FACTSHEET_READER_KEY_PASSPHRASE"


def add_pack_parser(sub) -> None:
    """Add the `pack` command and its actions to the CLI's subparsers."""
    pack = sub.add_parser("pack", help="build, check and install signed content packs "
                                       "(docs/content-packs.md)")
    actions = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)

    keygen = actions.add_parser("keygen", help="make a publisher key pair (keep the private "
                                               "key offline, never in the repository)")
    keygen.add_argument("-o", "--output", type=Path, required=True, metavar="KEY",
                        help="private key file to write; the public half goes beside it as "
                             "KEY.pub (set FACTSHEET_READER_KEY_PASSPHRASE to encrypt it)")
    keygen.add_argument("--publisher", default="Factsheet Reader editorial team",
                        help="who holds the key (shown to people)")
    keygen.add_argument("--pack-id", action="append", dest="pack_ids", metavar="ID",
                        help="a pack id the key may sign (repeat; default: the bundled pack's)")

    build = actions.add_parser("build", help="build a signed pack from a content folder")
    build.add_argument("content_dir", type=Path, metavar="CONTENT_DIR")
    build.add_argument("--key", type=Path, required=True, help="the publisher's private key")
    build.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                       help="pack file to write (.fsrpack)")
    build.add_argument("--valid-days", type=int, default=730, metavar="N",
                       help="the pack can be installed for N days (default 730)")
    build.add_argument("--min-app-version", metavar="VERSION",
                       help="refuse to install on older apps (default: the first with packs)")
    build.add_argument("--label", help="label shown to people (default: from pack.toml)")

    verify = actions.add_parser("verify", help="check a pack file completely, without "
                                               "installing it")
    verify.add_argument("file", type=Path, metavar="FILE")
    verify.add_argument("--trust", type=Path, metavar="KEYFILE",
                        help="check against this key file (KEY.pub) instead of the app's keys")

    install = actions.add_parser("install", help="install a pack file")
    install.add_argument("file", type=Path, metavar="FILE")

    actions.add_parser("status", help="show the content in use, installed packs and rollback")
    actions.add_parser("rollback", help="go back to the previous content")

    index = actions.add_parser("index", help="write a signed update list (index.json and "
                                             "index.json.sig) for packs put online")
    index.add_argument("packs", nargs="+", type=Path, metavar="PACK")
    index.add_argument("--key", type=Path, required=True, help="the publisher's private key")
    index.add_argument("-o", "--output", type=Path, required=True, metavar="INDEX_JSON")
    index.add_argument("--valid-days", type=int, default=30, metavar="N",
                       help="clients refuse the list after N days (default 30): re-sign it "
                            "before then")

    update = actions.add_parser("update", help="check the update address and install a "
                                               "newer pack")
    update.add_argument("--url", help="update list address (default: the one in Settings)")
    update.add_argument("--check", action="store_true", help="only say whether one is available")


def cmd_pack(args: argparse.Namespace) -> int:
    from reader.packs.errors import PackError

    command = {"keygen": _keygen, "build": _build, "verify": _verify, "install": _install,
               "status": _status, "rollback": _rollback, "index": _index,
               "update": _update}[args.pack_command]
    try:
        return command(args)
    except PackError as exc:
        for problem in getattr(exc, "problems", ()):
            print(problem, file=sys.stdout)
        print(f"pack {args.pack_command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"pack {args.pack_command}: interrupted; the content in use is whole (see `pack "
              "status`)", file=sys.stderr)
        return 1


def _passphrase() -> bytes | None:
    value = os.environ.get(PASSPHRASE_ENV)
    return value.encode("utf-8") if value else None


def _paths():
    from reader.paths import AppPaths

    return AppPaths.default()


def _keygen(args) -> int:
    from reader.packs.active import bundled_pack
    from reader.packs.errors import PackError
    from reader.packs.format import canonical_json
    from reader.packs.signing import generate_key, write_private_key

    private = args.output
    public = private.with_suffix(".pub")
    if private == public:
        raise PackError(str(private), "name the private key file something other than *.pub")
    for path in (private, public):
        if path.exists():
            raise PackError(str(path), "already exists; it was not overwritten")
    pack_ids = args.pack_ids
    if not pack_ids:
        bundled = bundled_pack(_paths())
        if bundled is None:
            raise PackError("", "give the pack id(s) the key may sign with --pack-id")
        pack_ids = [bundled[0]]
    key = generate_key()
    try:
        write_private_key(key, private, _passphrase())
        public.write_bytes(canonical_json(key.trusted(args.publisher, tuple(pack_ids)).to_dict()))
    except OSError as exc:
        raise PackError(str(exc.filename or private), f"cannot write: {exc.strerror}") from None
    print(f"Key {key.key_id} for {', '.join(pack_ids)}")
    print(f"  private: {private}  (keep it offline and backed up; never commit it)")
    print(f"  public:  {public}  (add it to reader/packs/trusted_keys.json)")
    return 0


def _build(args) -> int:
    from reader.packs.build import FIRST_PACK_APP_VERSION, build_pack
    from reader.packs.signing import load_private_key

    key = load_private_key(args.key, _passphrase())
    manifest = build_pack(args.content_dir, key, args.output, valid_days=args.valid_days,
                          min_app_version=args.min_app_version or FIRST_PACK_APP_VERSION,
                          label=args.label)
    print(f"{args.output}: {manifest.label}: {manifest.pack_id} sequence {manifest.sequence}, "
          f"{len(manifest.files)} files, signed with key {manifest.key_id}, "
          f"installable until {manifest.expires.date().isoformat()}")
    return 0


def _verify(args) -> int:
    from reader.packs.trust import load_trust
    from reader.packs.verify import verify_pack

    trust = load_trust(args.trust)
    verified = verify_pack(args.file, trust)
    m = verified.manifest
    print(f"{args.file}: good pack: {m.label}")
    print(f"  pack {m.pack_id} sequence {m.sequence}, {len(m.files)} files, "
          f"{m.content_bytes} bytes")
    print(f"  signed by {verified.key.publisher} (key {m.key_id}) on {m.created.date()}; "
          f"installable until {m.expires.date()}; needs app {m.min_app_version} or newer")
    return 0


def _install(args) -> int:
    from reader.packs.install import AlreadyInstalled, InstallOptions, install_pack
    from reader.packs.trust import load_trust

    paths = _paths()
    try:
        result = install_pack(args.file, InstallOptions(paths, load_trust()))
    except AlreadyInstalled as exc:
        print(exc.message)
        return 0
    _report_install(result, paths)
    return 0


def _report_install(result, paths) -> None:
    m = result.manifest
    print(f"Installed {m.label} ({m.pack_id}, sequence {m.sequence}).")
    print(f"{result.changes.summary().capitalize()}.")
    for heading, titles in (("added", result.changes.added), ("updated", result.changes.updated),
                            ("removed", result.changes.removed)):
        if titles:
            print(f"  {heading}: {', '.join(titles)}")
    if result.changes.notes:
        print("What changed:")
        for title, line in result.changes.notes:
            print(f"  {title} — {line}")
    try:
        from reader.search.index import open_or_build

        open_or_build(paths.index_root, result.store).close()
        print("Search index rebuilt.")
    except Exception as exc:  # the app rebuilds it at start anyway
        print(f"The search index will be rebuilt when the app starts ({exc}).", file=sys.stderr)


def _status(args) -> int:
    from reader.packs.status import pack_status

    status = pack_status(_paths())
    shown = status.shown
    store = shown.store
    where = {"active": "the installed pack", "previous": "the previous pack (fallback)",
             "bundled": "the app's own content"}[shown.source]
    label = shown.manifest.label if shown.manifest else (store.pack.label if store.pack else
                                                          str(store.root))
    print(f"Showing: {label}, from {where}; {len(store)} factsheets")
    if shown.notice:
        print(f"Notice: {shown.notice}")
    if status.state_problem:
        print(f"Problem: {status.state_problem}")
    for role, pack in (("Active pack", status.active), ("Previous pack", status.previous)):
        if pack is None:
            print(f"{role}: none" + (" (rollback goes to the app's own content)"
                                     if role == "Previous pack" and status.active else ""))
        elif pack.manifest is None:
            print(f"{role}: {pack.name}: DAMAGED ({pack.problem})")
        else:
            m = pack.manifest
            print(f"{role}: {m.label} ({m.pack_id} sequence {m.sequence}, created "
                  f"{m.created.date()}, key {m.key_id})")
    if status.bundled:
        print(f"App's own content: {status.bundled[0]} sequence {status.bundled[1]}")
    for pack_id, seq in sorted(status.highest.items()):
        print(f"Highest installed: {pack_id} sequence {seq} (older packs are refused)")
    return 0


def _rollback(args) -> int:
    from reader.packs.status import rollback

    shown = rollback(_paths())
    store = shown.store
    label = shown.manifest.label if shown.manifest else (
        f"the app's own content ({store.pack.label})" if store.pack else "the app's own content")
    print(f"Rolled back: now showing {label}. Run `pack rollback` again to undo.")
    return 0


def _index(args) -> int:
    from reader.packs.publish import write_update_index
    from reader.packs.signing import load_private_key

    key = load_private_key(args.key, _passphrase())
    index = write_update_index(args.packs, key, args.output, valid_days=args.valid_days)
    print(f"{args.output} (+ .sig): {len(index.packs)} pack(s), signed with key {key.key_id}, "
          f"valid until {index.expires.date()}; put the packs beside it")
    return 0


def _update(args) -> int:
    from reader.packs.errors import PackError
    from reader.packs.install import InstallOptions
    from reader.packs.trust import load_trust
    from reader.packs.update import check_for_update, install_update
    from reader.settings import FILE_NAME, Settings

    paths = _paths()
    url = args.url or Settings.load(paths.config / FILE_NAME).update_url
    if not url:
        raise PackError("", "no update address: set one in Settings or pass --url")
    options = InstallOptions(paths, load_trust())
    check = check_for_update(url, options)
    if check.entry is None:
        print(f"Up to date: no pack newer than sequence {check.installed} of {check.pack_id}.")
        return 0
    print(f"Available: {check.entry.label} (sequence {check.entry.sequence}, "
          f"{check.entry.size} bytes)")
    if args.check:
        return 0
    _report_install(install_update(check, options), paths)
    return 0
