"""Reading JSON that a person, a crash or an attacker may have written: one error for every way
it can be unreadable.

`json.loads` fails in more ways than JSONDecodeError: deep nesting raises RecursionError, a
number of more than 4,300 digits raises ValueError, bytes that are not UTF-8 raise
UnicodeDecodeError. Every reader of a JSON file in the app goes through `parse_json`, so each of
them turns all of these into one message for the person instead of a traceback.
"""

from __future__ import annotations

import json
from typing import Any


class JSONTextError(ValueError):
    """The text is not JSON we can read; the message says why in a few words, and `where`
    (`line 3, column 7`) where in the text, when it is known."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(f"{message} at {where}" if where else message)
        self.reason, self.where = message, where


def parse_json(data: str | bytes, *, strict: bool = False) -> Any:
    """The value in `data` (UTF-8 when bytes). With `strict`, duplicate keys and NaN/Infinity
    are refused too (signed manifests, where two readers must see the same object)."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise JSONTextError("not UTF-8 text") from None
    hooks: dict[str, Any] = {}
    if strict:
        hooks = {"object_pairs_hook": _no_duplicates, "parse_constant": _no_constants}
    try:
        return json.loads(text, **hooks)
    except json.JSONDecodeError as exc:
        raise JSONTextError(exc.msg, f"line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise JSONTextError("nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits, or a strict hook
        raise JSONTextError(str(exc).split(";")[0]) from None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        dup = next(k for k in keys if keys.count(k) > 1)
        raise ValueError(f"duplicate key {dup!r}")
    return dict(pairs)


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not allowed")
