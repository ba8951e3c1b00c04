"""The `[kiosk]` section of the system-wide config file, parsed once into a frozen `KioskConfig`.

The file is `config.toml` in the first system config folder that has one (`AppPaths.site_config_dirs`,
for example /etc/xdg/FactsheetReader on Linux); docs/kiosk.md documents every key. Only an
administrator can write there, so a plain user cannot switch kiosk mode off.

Bad values never loosen the lock: each one is reported (`KioskConfig.problems`) and replaced by a
safe default. A file that exists but cannot be read or parsed turns kiosk mode on with the defaults,
and a damaged PIN hash leaves staff exit unavailable rather than open.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.kiosk.pin import PinHash

log = logging.getLogger(__name__)

CONFIG_FILE = "config.toml"
SECTION = "kiosk"
STAFF_EXIT_STATUS = 10  # exit code after a staff exit, so a supervisor does not restart the app

DEFAULT_EXIT_KEYS = "Ctrl+Alt+Shift+E"
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_FEATURED = 20
_MODIFIERS = ("Ctrl", "Alt", "Shift", "Meta")
_FUNCTION_KEYS = {f"F{i}" for i in range(1, 25)}


@dataclass(frozen=True)
class ConfigProblem:
    """One problem in the kiosk config: `path: message`."""

    path: Path | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


@dataclass(frozen=True)
class KioskConfig:
    """Everything kiosk mode needs to know, with safe defaults for anything missing or wrong."""

    enabled: bool = False
    idle_seconds: float = 90.0  # no touch for this long returns the kiosk to its start
    countdown_seconds: float = 10.0  # the last seconds of that, shown as a countdown
    clinic_name: str = ""
    logo: Path | None = None
    featured: tuple[str, ...] = ()  # factsheets the attract screen cycles through
    attract_seconds: float = 10.0  # each featured factsheet stays this long
    exit_keys: str = DEFAULT_EXIT_KEYS
    pin_hash: PinHash | None = None  # None: staff exit is not available
    printing: bool = False
    print_limit: int = 2  # printouts per visitor (until the next idle reset)
    source: Path | None = field(default=None, compare=False)
    problems: tuple[ConfigProblem, ...] = field(default=(), compare=False)


def read_kiosk_config(dirs: Iterable[Path]) -> KioskConfig:
    """The kiosk config from the first `config.toml` found in `dirs` (defaults when none)."""
    for folder in dirs:
        path = Path(folder) / CONFIG_FILE
        try:
            data = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            return _unreadable(path, f"cannot read the file ({exc.strerror or exc}); kiosk mode "
                                     "stays on with the default settings")
        import tomllib  # only when a config file exists: slow to import

        try:
            text = data.decode("utf-8")
            raw = tomllib.loads(text)
        except UnicodeDecodeError:
            return _unreadable(path, "the file is not UTF-8 text; kiosk mode stays on with the "
                                     "default settings")
        except tomllib.TOMLDecodeError as exc:
            return _unreadable(path, f"not valid TOML ({exc}); kiosk mode stays on with the "
                                     "default settings")
        return parse_kiosk_section(raw.get(SECTION), path)
    return KioskConfig()


def _unreadable(path: Path, message: str) -> KioskConfig:
    return KioskConfig(enabled=True, source=path, problems=(ConfigProblem(path, message),))


def parse_kiosk_section(section: object, path: Path | None = None) -> KioskConfig:
    """A `KioskConfig` from the parsed `[kiosk]` table (None when the file has no such section)."""
    if section is None:
        return KioskConfig(source=path)
    problems: list[ConfigProblem] = []

    def problem(message: str) -> None:
        problems.append(ConfigProblem(path, message))

    if not isinstance(section, dict):
        problem("'kiosk' must be a table ([kiosk]); kiosk mode stays on with the default settings")
        return KioskConfig(enabled=True, source=path, problems=tuple(problems))

    values: dict[str, object] = {}
    for key, value in section.items():
        parser = _PARSERS.get(key)
        if parser is None:
            import difflib

            close = difflib.get_close_matches(key, _PARSERS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problem(f"unknown key '{key}' in [kiosk]{hint}; it is ignored")
            continue
        try:
            values[key] = parser(value, path)
        except ValueError as exc:
            fallback = _FALLBACK_TEXT[key]
            problem(f"[kiosk] {key}: {exc}; {fallback}")
            if key == "enabled":
                values[key] = True  # meant to be on, written wrongly: never fall open

    idle = float(values.get("idle_seconds", KioskConfig.idle_seconds))  # type: ignore[arg-type]
    countdown = float(values.get("countdown_seconds",  # type: ignore[arg-type]
                                 KioskConfig.countdown_seconds))
    if countdown >= idle:
        problem(f"[kiosk] countdown_seconds ({countdown:g}) must be shorter than idle_seconds "
                f"({idle:g}); using {idle / 3:g}")
        values["countdown_seconds"] = idle / 3
    return KioskConfig(source=path, problems=tuple(problems), **values)  # type: ignore[arg-type]


# -- one parser per key: each returns the value or raises ValueError with a message for the
# administrator ------------------------------------------------------------------------------

def _bool(value: object, _path: Path | None) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false (without quotes), found {value!r}")
    return value


def _seconds(low: float, high: float):
    def parse(value: object, _path: Path | None) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"expected a number of seconds, found {value!r}")
        if not low <= value <= high:
            raise ValueError(f"must be between {low:g} and {high:g} seconds, found {value:g}")
        return float(value)
    return parse


def _clinic_name(value: object, _path: Path | None) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text in quotes, found {value!r}")
    name = " ".join(value.split())
    if len(name) > 80:
        raise ValueError("must be at most 80 characters")
    return name


def _logo(value: object, path: Path | None) -> Path | None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected the path of a PNG or JPEG file, found {value!r}")
    logo = Path(value.strip()).expanduser()
    if not logo.is_absolute() and path is not None:
        logo = path.parent / logo  # relative to the config file, so the two can travel together
    if logo.suffix.lower() not in LOGO_SUFFIXES:
        raise ValueError(f"{logo} is not a PNG or JPEG file")
    if not logo.is_file():
        raise ValueError(f"{logo} does not exist")
    return logo


def _featured(value: object, _path: Path | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError('expected a list of factsheet names, like ["migraine", "insomnia"]')
    slugs = tuple(dict.fromkeys(v.strip() for v in value if v.strip()))
    if len(slugs) > MAX_FEATURED:
        raise ValueError(f"at most {MAX_FEATURED} factsheets")
    return slugs


def _exit_keys(value: object, _path: Path | None) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a key combination like \"{DEFAULT_EXIT_KEYS}\", found {value!r}")
    return parse_key_combination(value)


def _pin_hash(value: object, _path: Path | None) -> PinHash:
    from reader.kiosk.pin import PinHashError, parse_pin_hash  # only when a PIN is configured

    if not isinstance(value, str):
        raise ValueError("expected the text printed by 'factsheet-reader kiosk hash-pin'")
    try:
        return parse_pin_hash(value)
    except PinHashError as exc:
        raise ValueError(str(exc)) from None


def _print_limit(value: object, _path: Path | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, found {value!r}")
    if not 1 <= value <= 20:
        raise ValueError(f"must be between 1 and 20, found {value}")
    return value


_PARSERS = {
    "enabled": _bool,
    "idle_seconds": _seconds(15, 3600),
    "countdown_seconds": _seconds(3, 60),
    "clinic_name": _clinic_name,
    "logo": _logo,
    "featured": _featured,
    "attract_seconds": _seconds(4, 120),
    "exit_keys": _exit_keys,
    "pin_hash": _pin_hash,
    "printing": _bool,
    "print_limit": _print_limit,
}

_FALLBACK_TEXT = {
    "enabled": "kiosk mode stays on",
    "idle_seconds": f"using {KioskConfig.idle_seconds:g}",
    "countdown_seconds": f"using {KioskConfig.countdown_seconds:g}",
    "clinic_name": "no clinic name is shown",
    "logo": "no logo is shown",
    "featured": "no attract screen",
    "attract_seconds": f"using {KioskConfig.attract_seconds:g}",
    "exit_keys": f"using {DEFAULT_EXIT_KEYS}",
    "pin_hash": "staff exit is not available until this is fixed",
    "printing": "printing stays off",
    "print_limit": f"using {KioskConfig.print_limit}",
}


def parse_key_combination(text: str) -> str:
    """`text` as a normalised key combination (`Ctrl+Alt+Shift+E`); raises ValueError.

    At least two modifiers and one letter or function key, so that nobody presses it by
    chance, and never Ctrl+Alt with a function key (that switches consoles on Linux).
    """
    parts = [p.strip() for p in text.split("+")]
    if len(parts) < 2 or not all(parts):
        raise ValueError(f"'{text}' is not a key combination like \"{DEFAULT_EXIT_KEYS}\"")
    *mods, key = parts
    canonical = {m.lower(): m for m in _MODIFIERS} | {"control": "Ctrl", "option": "Alt",
                                                      "super": "Meta", "win": "Meta"}
    seen = []
    for mod in mods:
        name = canonical.get(mod.lower())
        if name is None:
            raise ValueError(f"'{mod}' is not a modifier (use {', '.join(_MODIFIERS)})")
        if name in seen:
            raise ValueError(f"'{name}' appears twice")
        seen.append(name)
    if len(seen) < 2:
        raise ValueError("use at least two modifiers, so nobody presses it by chance")
    key = key.upper()
    # Letters and function keys only: with Shift held a digit key reports its shifted symbol.
    if not ((len(key) == 1 and key.isascii() and key.isalpha()) or key in _FUNCTION_KEYS):
        raise ValueError(f"'{key}' is not a letter (A to Z) or function key (F1 to F24)")
    if key in _FUNCTION_KEYS and {"Ctrl", "Alt"} <= set(seen):
        raise ValueError("Ctrl+Alt with a function key switches consoles; choose another")
    ordered = [m for m in _MODIFIERS if m in seen]
    return "+".join([*ordered, key])
