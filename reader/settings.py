"""User settings: declared once here, read everywhere through one `Settings` object.

Stored as JSON in the per-user config folder and written atomically (write beside, then replace),
so a crash mid-save never leaves a half-written file. Unknown keys are kept as they are (a newer
version's settings survive an older one), and a damaged file is set aside with a warning rather
than silently replaced.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.atomic_write import write_text_atomically

log = logging.getLogger(__name__)
FILE_NAME = "settings.json"


@dataclass
class Settings:
    # Reading
    zoom: int = 0  # steps from the default text size (Ctrl+plus/minus)
    theme: str = "system"  # system | light | dark | high-contrast
    # Printing handouts
    clinic_name: str = ""
    clinic_contact: str = ""
    paper_size: str = "A4"  # A4 | Letter
    # Content updates
    update_url: str = ""
    check_updates_on_start: bool = False
    # Window state (opaque strings from Qt, base64)
    window_geometry: str = ""
    window_state: str = ""
    splitter_state: str = ""
    last_page: str = ""

    path: Path | None = field(default=None, compare=False, repr=False)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Settings from `path`; defaults when it is missing or unreadable (never raises)."""
        path = Path(path)
        known = {f.name: f for f in dataclasses.fields(cls) if f.name not in ("path", "extra")}
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("not a JSON object")
        except FileNotFoundError:
            return cls(path=path)
        except (OSError, ValueError) as exc:
            log.warning("settings file %s is unreadable (%s); using defaults", path, exc)
            _set_aside(path)
            return cls(path=path)
        values, extra = {}, {}
        for key, value in raw.items():
            f = known.get(key)
            if f is None:
                extra[key] = value
            elif isinstance(value, type(f.default)) and not (
                    isinstance(value, bool) and not isinstance(f.default, bool)):
                values[key] = value
            else:
                log.warning("ignoring setting %s=%r: expected %s", key, value,
                            type(f.default).__name__)
        return cls(path=path, extra=extra, **values)

    def save(self) -> None:
        """Write the settings atomically; raises OSError if the folder cannot be written."""
        if self.path is None:
            return
        data = dict(self.extra)
        for f in dataclasses.fields(self):
            if f.name not in ("path", "extra"):
                data[f.name] = getattr(self, f.name)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(self.path, json.dumps(data, indent=2, sort_keys=True))


def _set_aside(path: Path) -> None:
    try:
        os.replace(path, path.with_name(path.name + ".damaged"))
    except OSError:
        pass
