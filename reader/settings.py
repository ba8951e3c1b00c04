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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.atomic_write import write_text_atomically
from reader.json_text import JSONTextError, parse_json
from reader.set_aside import set_aside

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
            raw = parse_json(path.read_bytes())
            if not isinstance(raw, dict):
                raise JSONTextError("not a JSON object")
        except FileNotFoundError:
            return cls(path=path)
        except OSError as exc:
            log.warning("settings file %s cannot be read (%s); using defaults", path, exc)
            return cls(path=path)
        except JSONTextError as exc:
            aside = set_aside(path)  # kept for a person to look at, never overwritten
            log.warning("settings file %s is damaged (%s); using defaults%s", path, exc,
                        f"; it is kept as {aside.name}" if aside else "")
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

