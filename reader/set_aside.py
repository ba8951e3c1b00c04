"""Moving a damaged file out of the way without ever overwriting an earlier one."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path


def aside_name(path: Path, label: str = "damaged", when: dt.datetime | None = None) -> Path:
    """A free name beside `path`, such as `settings.json.damaged-20261202T181500` (then `-2`,
    `-3` ... if that is taken): a second damaged file must not replace the first."""
    path = Path(path)
    stamp = (when or dt.datetime.now()).strftime("%Y%m%dT%H%M%S")
    candidate = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
        n += 1
    return candidate


def set_aside(path: Path, label: str = "damaged") -> Path | None:
    """Rename `path` to a free `aside_name`; the new path, or None if it could not be moved."""
    target = aside_name(path, label)
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target
