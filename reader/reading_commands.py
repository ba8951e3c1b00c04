"""Command-line tools for studying and printing: `cite`, `export-pdf` and `userdata`.

    factsheet-reader show SLUG
    factsheet-reader cite SLUG [SLUG ...] --format vancouver|apa|ris|bibtex [-o FILE]
    factsheet-reader cite --bookmarks --format bibtex -o reading-list.bib
    factsheet-reader export-pdf SLUG -o FILE.pdf [--paper A4|Letter]
    factsheet-reader userdata export FILE.json | import FILE.json
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.atomic_write import write_text_atomically

COMMANDS = ("show", "cite", "export-pdf", "userdata")


def add_parsers(sub) -> None:
    show = sub.add_parser("show", help="print a factsheet as text, with its research at a glance",
                          description="Print a factsheet in the terminal: the bottom line, the "
                                      "research at a glance, the text, its studies and what "
                                      "changed.")
    show.add_argument("slug", metavar="SLUG", help="factsheet name, e.g. migraine")
    show.add_argument("--width", type=int, default=88, metavar="N",
                      help="wrap lines at N characters (default 88)")

    cite = sub.add_parser(
        "cite", help="print or save a factsheet's references (Vancouver, APA, RIS, BibTeX)",
        description="Print the references of one or more factsheets, each study once. RIS and "
                    "BibTeX import into Zotero, EndNote, Mendeley and JabRef.")
    cite.add_argument("slugs", nargs="*", metavar="SLUG", help="factsheet name(s), e.g. migraine")
    cite.add_argument("--format", "-f", default="vancouver",
                      choices=("vancouver", "apa", "ris", "bibtex"), help="default: vancouver")
    cite.add_argument("--bookmarks", action="store_true",
                      help="also every bookmarked factsheet")
    cite.add_argument("-o", "--output", type=Path, metavar="FILE",
                      help="write to FILE instead of printing")

    pdf = sub.add_parser("export-pdf", help="save a factsheet as a patient handout PDF",
                         description="The handout has the clinic's name and contact line from "
                                     "the settings at the top and page numbers at the foot.")
    pdf.add_argument("slug", metavar="SLUG", help="factsheet name, e.g. migraine")
    pdf.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    pdf.add_argument("--paper", choices=("A4", "Letter"),
                     help="paper size (default: from the settings, else A4)")

    data = sub.add_parser("userdata", help="export or import bookmarks and notes (JSON)")
    data_sub = data.add_subparsers(dest="userdata_command", metavar="ACTION", required=True)
    exp = data_sub.add_parser("export", help="write bookmarks and notes to a JSON file")
    exp.add_argument("file", type=Path, metavar="FILE.json")
    imp = data_sub.add_parser("import", help="merge bookmarks and notes from a JSON file")
    imp.add_argument("file", type=Path, metavar="FILE.json")


def run_command(args: argparse.Namespace) -> int:
    if args.command == "show":
        return cmd_show(args)
    if args.command == "cite":
        return cmd_cite(args)
    if args.command == "export-pdf":
        return cmd_export_pdf(args)
    return cmd_userdata(args)


def _store(args: argparse.Namespace, paths):
    """The content to read, or None after saying in one line that there is none."""
    from reader.packs.active import content_to_show

    store = content_to_show(paths, args.content).store
    if missing := store.missing_content():
        print(missing, file=sys.stderr)
        return None
    return store


def _one_sheet(args: argparse.Namespace, paths):
    """The factsheet `args.slug` names, or None after saying in one line why there is none."""
    store = _store(args, paths)
    if store is None:
        return None
    sheet = store.get(args.slug)
    if sheet is None:
        print(f"no factsheet called {args.slug!r}; `factsheet-reader search WORDS` finds names",
              file=sys.stderr)
    return sheet


def _unknown(store, slugs: list[str]) -> list[str]:
    return [s for s in slugs if store.get(s) is None]


def cmd_show(args: argparse.Namespace) -> int:
    from reader.paths import AppPaths
    from reader.render.text import render_text

    sheet = _one_sheet(args, AppPaths.default())
    if sheet is None:
        return 1
    sys.stdout.write(render_text(sheet, width=max(40, args.width)))
    return 0


def cmd_cite(args: argparse.Namespace) -> int:
    from reader.content.citations import collect_references, format_reference_list
    from reader.paths import AppPaths

    paths = AppPaths.default()
    store = _store(args, paths)
    if store is None:
        return 1
    slugs = list(dict.fromkeys(args.slugs))
    if args.bookmarks:
        from reader.userdata.database import UserData

        data = UserData.open(paths.userdata_file)
        if data.notice:
            print(data.notice, file=sys.stderr)
        marked = [b.slug for b in data.bookmarks()]
        missing = [s for s in marked if store.get(s) is None]
        if missing:
            print("left out (not in the installed content): " + ", ".join(missing),
                  file=sys.stderr)
        slugs += [s for s in marked if s not in slugs and s not in missing]
    if not slugs:
        print("name at least one factsheet, or use --bookmarks"
              + (" (there are no bookmarks)" if args.bookmarks else ""), file=sys.stderr)
        return 2
    if bad := _unknown(store, slugs):
        print(f"no factsheet called {', '.join(map(repr, bad))}; "
              "`factsheet-reader search WORDS` finds names", file=sys.stderr)
        return 1
    refs = collect_references(store.get(s) for s in slugs)
    if not refs:
        print("these factsheets cite no studies", file=sys.stderr)
        return 1
    text = format_reference_list(refs, args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_text_atomically(args.output, text, newline="\r\n" if args.format == "ris" else "\n")
    except OSError as exc:
        print(f"{args.output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{len(refs)} reference{'s' if len(refs) != 1 else ''} written to {args.output}",
          file=sys.stderr)
    return 0


def cmd_export_pdf(args: argparse.Namespace) -> int:
    from reader.paths import AppPaths
    from reader.render.handout import HandoutHeader
    from reader.settings import FILE_NAME, Settings

    paths = AppPaths.default()
    sheet = _one_sheet(args, paths)
    if sheet is None:
        return 1
    settings = Settings.load(paths.config / FILE_NAME)
    paper = args.paper or settings.paper_size
    from reader.ui.handout import HandoutError, ensure_gui_application, write_handout_pdf

    ensure_gui_application()
    try:
        result = write_handout_pdf(sheet, args.output,
                                   HandoutHeader(settings.clinic_name, settings.clinic_contact),
                                   paper)
    except HandoutError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{args.output}: {sheet.title}, {result.pages} page{'s' if result.pages != 1 else ''} "
          f"({paper})", file=sys.stderr)
    return 0


def cmd_userdata(args: argparse.Namespace) -> int:
    from reader.paths import AppPaths
    from reader.userdata.database import UserData, UserDataError
    from reader.userdata.transfer import TransferError, import_data, read_export, write_export

    data = UserData.open(AppPaths.default().userdata_file)
    if data.notice:
        print(data.notice, file=sys.stderr)
    try:
        if args.userdata_command == "export":
            count = write_export(data, args.file)
            print(f"{count} bookmark(s) and note(s) written to {args.file}", file=sys.stderr)
        else:
            summary = import_data(data, read_export(args.file))
            print(f"{args.file}: {summary.describe()}", file=sys.stderr)
    except (TransferError, UserDataError) as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        data.close()
    return 0
