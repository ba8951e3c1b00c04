"""Command line: `factsheet-reader [--kiosk] [--quit-after-load]` starts the app; subcommands
(`check`, `search`) run without a window."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

_COMMANDS = ("check", "search", "kiosk", "pack", "show", "cite", "export-pdf", "userdata")


_TAKES_A_VALUE = ("--content", "--open")


def opens_the_window(argv: list[str]) -> bool:
    """True when `argv` holds only the window's own options (`--open SLUG`, `--kiosk`, ...),
    no command: then the subcommands' parsers, about 10 ms to build, are left out."""
    expect_value = False
    for arg in argv:
        if expect_value:
            expect_value = False
        elif arg in ("-h", "--help") or not arg.startswith("-"):
            return False
        elif arg in _TAKES_A_VALUE:
            expect_value = True
    return True


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factsheet-reader",
        description="Offline reader of research-based acupuncture factsheets.",
        epilog="Run without a command to open the reader window.",
    )
    parser.add_argument("--version", action="store_true",
                        help="show the app version and the content pack's label, then exit")
    parser.add_argument("--content", type=Path, metavar="DIR",
                        help="read factsheets from this content folder instead of the bundled one")
    parser.add_argument("--quit-after-load", action="store_true",
                        help="open the window, paint the home page, then exit (smoke tests)")
    parser.add_argument("--kiosk", action="store_true",
                        help="run as a locked, full-screen kiosk for a waiting room (docs/kiosk.md)")
    parser.add_argument("--open", metavar="SLUG", dest="open_slug",
                        help="start on this factsheet instead of the home page")
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="validate a content folder")
    check.add_argument("path", nargs="?", type=Path, metavar="PATH",
                       help="content folder (default: the bundled content)")

    search = sub.add_parser("search", help="search the factsheets")
    search.add_argument("query", nargs="+", help="what to look for")
    search.add_argument("--limit", type=int, default=10, metavar="N", help="at most N hits")
    search.add_argument("--json", action="store_true", help="print hits as a JSON list")
    search.add_argument("--category", help="only factsheets in this category id")
    search.add_argument("--evidence", help="only factsheets with this evidence level id")
    from reader.kiosk.commands import add_kiosk_parser

    add_kiosk_parser(sub)
    from reader.packs.commands import add_pack_parser

    add_pack_parser(sub)
    from reader.reading_commands import add_parsers as add_reading_parsers

    add_reading_parsers(sub)  # show, cite, export-pdf, userdata
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        code = _run(argv)
        sys.stdout.flush()  # a closed pipe shows here, not as a message at interpreter exit
        return code
    except BrokenPipeError:
        # The reader of our output went away (`factsheet-reader search pain | head -1`): stop
        # quietly, as other command-line tools do. Python would report the pipe again when it
        # flushes stdout at exit, so point stdout at nothing first.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _run(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(with_commands=not opens_the_window(argv)).parse_args(argv)
    if args.version:
        return cmd_version(args.content)
    if args.command == "check":
        return cmd_check(args.path or args.content)
    if args.command == "search":
        return cmd_search(args)
    if args.command == "kiosk":
        from reader.kiosk.commands import cmd_kiosk

        return cmd_kiosk(args)
    if args.command == "pack":
        from reader.packs.commands import cmd_pack

        return cmd_pack(args)
    if args.command in ("show", "cite", "export-pdf", "userdata"):
        from reader.reading_commands import run_command

        return run_command(args)
    from reader.ui.app import run_app  # the GUI (and Qt) only when a window is wanted

    return run_app(content_dir=args.content, quit_after_load=args.quit_after_load,
                   open_slug=args.open_slug, kiosk=args.kiosk)


def cmd_version(content: Path | None) -> int:
    """Print the app version and the label of the content pack in use (looked up only when
    asked for: importlib.metadata is slow to import)."""
    from reader.about import version_text
    from reader.packs.active import content_to_show
    from reader.paths import AppPaths

    print(version_text(content_to_show(AppPaths.default(), content).store))
    return 0


def cmd_check(path: Path | None) -> int:
    """Validate a content folder; print one line per problem. 0 when clean, 1 otherwise."""
    from reader.content import load_content
    from reader.paths import AppPaths

    root = path or AppPaths.default().bundled_content
    store = load_content(root)
    if not store.problems and (missing := store.missing_content()):
        print(missing, file=sys.stderr)
        return 1
    if store.problems:
        for problem in store.problems:
            print(problem, file=sys.stdout)
        print(f"{len(store.problems)} problem(s) in {root}", file=sys.stderr)
        return 1
    refs = sum(len(s.references) for s in store)
    print(f"{root}: {len(store)} factsheets, {refs} references, no problems")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from reader.packs.active import content_to_show
    from reader.paths import AppPaths
    from reader.search.filters import WEAK_HEADING, SearchFilters, result_summary
    from reader.search.index import IndexError_, open_or_build

    paths = AppPaths.default()
    shown = content_to_show(paths, args.content)  # the active pack unless --content names one
    if shown.notice:
        print(shown.notice, file=sys.stderr)
    store = shown.store
    if missing := store.missing_content():
        print(missing, file=sys.stderr)
        return 1
    try:
        index = open_or_build(paths.index_root, store, prebuilt=paths.prebuilt_index)
    except IndexError_ as exc:
        print(f"search is unavailable: {exc}", file=sys.stderr)
        return 1
    text = " ".join(args.query)
    filters = SearchFilters(category=args.category, evidence=args.evidence)
    result = index.search(text, limit=max(1, args.limit), filters=filters)
    if args.json:
        print(json.dumps([hit.as_dict() for hit in result.hits], ensure_ascii=False, indent=2))
        return 0
    print(result_summary(result, filtered=filters != SearchFilters()))
    for n, hit in enumerate(result.hits, 1):
        if hit.weak and (n == 1 or not result.hits[n - 2].weak):
            print(f"{WEAK_HEADING}:")
        print(f"{n:2}. {hit.title}  [{hit.slug}]  score {hit.score:.2f}")
        print(f"    {hit.snippet_text}")
    return 0
