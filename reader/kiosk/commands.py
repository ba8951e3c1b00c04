"""`factsheet-reader kiosk hash-pin` and `factsheet-reader kiosk check`, for administrators."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path


def add_kiosk_parser(sub) -> None:
    """Add the `kiosk` command and its subcommands to the CLI's subparsers."""
    kiosk = sub.add_parser("kiosk", help="set up kiosk mode (see docs/kiosk.md)")
    commands = kiosk.add_subparsers(dest="kiosk_command", metavar="ACTION", required=True)
    commands.add_parser("hash-pin", help="ask for a staff PIN and print its hash for the config")
    commands.add_parser("check", help="show the kiosk config in effect and any problems in it")


def cmd_kiosk(args: argparse.Namespace) -> int:
    if args.kiosk_command == "hash-pin":
        return cmd_hash_pin()
    return cmd_check_config(args.content)


def cmd_hash_pin(ask=None) -> int:
    """Ask for a PIN twice without echo; print the `pin_hash = "..."` line. 0 on success."""
    from reader.kiosk.pin import check_pin_format, hash_pin

    ask = ask or getpass.getpass
    try:
        pin = ask("New staff PIN (4 to 12 digits): ")
        problem = check_pin_format(pin)
        if problem:
            print(f"kiosk hash-pin: {problem}", file=sys.stderr)
            return 1
        if ask("The same PIN again: ") != pin:
            print("kiosk hash-pin: the two PINs differ; nothing was printed", file=sys.stderr)
            return 1
    except (EOFError, KeyboardInterrupt):
        print("\nkiosk hash-pin: cancelled", file=sys.stderr)
        return 1
    print("# Put this line in the [kiosk] section of the system config (docs/kiosk.md):")
    print(f'pin_hash = "{hash_pin(pin)}"')
    return 0


def cmd_check_config(content: Path | None = None) -> int:
    """Print where the kiosk config was looked for, what is in effect and every problem.
    0 when there are no problems, 1 otherwise."""
    from reader.kiosk.config import CONFIG_FILE, read_kiosk_config
    from reader.packs.active import content_to_show
    from reader.paths import AppPaths

    paths = AppPaths.default()
    config = read_kiosk_config(paths.site_config_dirs)
    problems = [str(p) for p in config.problems]
    if config.source is None:
        looked = ", ".join(str(d / CONFIG_FILE) for d in paths.site_config_dirs) or "(nowhere)"
        print(f"No kiosk config file found (looked for {looked}).")
    else:
        print(f"Kiosk config: {config.source}")
    store = content_to_show(paths, content).store  # what the kiosk would show: the active pack
    for slug in config.featured:
        if store.get(slug) is None:
            problems.append(f"{config.source}: [kiosk] featured: there is no factsheet called "
                            f"'{slug}' in {store.root}; it is left out")
    print(f"  enabled           {'yes' if config.enabled else 'no (start with --kiosk to try it)'}")
    print(f"  idle_seconds      {config.idle_seconds:g} (countdown for the last "
          f"{config.countdown_seconds:g})")
    print(f"  clinic_name       {config.clinic_name or '(none)'}")
    print(f"  logo              {config.logo or '(none)'}")
    print(f"  featured          {', '.join(config.featured) or '(none: no attract screen)'}")
    if config.featured:
        print(f"  attract_seconds   {config.attract_seconds:g}")
    print(f"  exit_keys         {config.exit_keys}")
    print(f"  staff PIN         {'set' if config.pin_hash else 'NOT SET: staff cannot exit'}")
    printing = f"yes, up to {config.print_limit} per visitor" if config.printing else "no"
    print(f"  printing          {printing}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0
