"""The small file that says which installed pack is active: switching packs is one os.replace.

    {"format": 1, "active": "org.example.core-3", "previous": "org.example.core-2",
     "highest": {"org.example.core": 3}}

`active` and `previous` name folders under `installed/` (null: the bundled content). `highest`
remembers the highest sequence ever installed per pack id, so a downgrade stays refused after a
rollback or after the folder was pruned.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from reader.json_text import parse_json
from reader.packs.durable import replace_file
from reader.packs.errors import PackError
from reader.packs.names import path_problem

STATE_FILE = "state.json"
STATE_FORMAT = 1


@dataclass(frozen=True)
class PackState:
    active: str | None = None
    previous: str | None = None
    highest: dict[str, int] = field(default_factory=dict)

    def highest_for(self, pack_id: str) -> int:
        return self.highest.get(pack_id, 0)

    def to_bytes(self) -> bytes:
        data = {"format": STATE_FORMAT, "active": self.active, "previous": self.previous,
                "highest": dict(sorted(self.highest.items()))}
        return (json.dumps(data, indent=2) + "\n").encode("utf-8")


def read_state(root: Path) -> PackState:
    """The state in the packs folder `root`; empty when there is none; PackError when damaged."""
    path = Path(root) / STATE_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return PackState()
    except OSError as exc:
        raise PackError(str(path), f"cannot read the pack state: {exc.strerror or exc}") from None
    try:
        raw = parse_json(data)
        if not isinstance(raw, dict) or raw.get("format") != STATE_FORMAT:
            raise ValueError("not a pack state")
        active, previous, highest = raw["active"], raw["previous"], raw["highest"]
        for name in (active, previous):
            if name is not None and (not isinstance(name, str) or "/" in name
                                     or path_problem(name)):
                raise ValueError(f"bad folder name {name!r}")
        if not isinstance(highest, dict) or not all(
                isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
                for k, v in highest.items()):
            raise ValueError("bad 'highest'")
    except (ValueError, KeyError, TypeError) as exc:  # JSONTextError is a ValueError
        raise PackError(str(path), f"the pack state is damaged ({exc})") from None
    return PackState(active, previous, dict(highest))


def write_state(root: Path, state: PackState) -> None:
    """Switch to `state` atomically and durably (the old state stays until the rename)."""
    replace_file(Path(root) / STATE_FILE, state.to_bytes())
