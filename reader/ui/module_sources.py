"""Give back the memory PySide6 spends reading module sources.

PySide6 wraps Python's import machinery and reads the source of every module imported after it
with `inspect.getsource` (to look for `from __feature__ import ...`). That fills `linecache` with
every line of every such module — Whoosh, Markdown, the standard library modules they pull in —
and keeps it for the life of the process: about 8 MiB of the app's peak memory
(docs/performance.md). Once a batch of imports is done the copy can go; a traceback reads the
file again when it needs a line.
"""

from __future__ import annotations

import linecache


def forget_module_sources() -> None:
    """Drop the cached source lines; call after a batch of imports (start-up, the search
    index, the first rendered factsheet)."""
    linecache.clearcache()
