"""Import Whoosh without two parts of the standard library it loads and this app never uses.

Whoosh-Reloaded 2.7 binds two names at import time that pull in large modules:
- `whoosh.compat` does `from urllib.request import urlretrieve` (for a download helper the app
  never calls), which loads http.client, email and ssl: about 25 ms and 4 MiB;
- `whoosh.reading` does `from cached_property import cached_property` (one decorator), and that
  package imports asyncio: about 15 ms and 3 MiB.
While Whoosh is imported (and only then), those two modules are stood in for: `urlretrieve` by a
function that imports the real one when called, `cached_property` by the standard library's
`functools.cached_property`, which does the same (computes once, stores the value on the
instance). Any other name looked up on a stand-in comes from the real module. Once Whoosh is
in, the stand-ins are taken out of `sys.modules`, so anything imported later gets the real
modules. If a later Whoosh needs something the stand-ins cannot give at import time, the partly
imported Whoosh is discarded and imported the ordinary way, with a warning in the log
(tests/search/test_lean_whoosh.py covers both).

Every module of ours that imports Whoosh imports this module first.
"""

from __future__ import annotations

import functools
import importlib
import logging
import sys
import types

log = logging.getLogger(__name__)


def _urlretrieve(*args, **kwargs):
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


_urlretrieve.__doc__ = "urllib.request.urlretrieve, imported when first called."

# module name -> the names Whoosh takes from it when it is imported
STAND_INS = {
    "urllib.request": {"urlretrieve": _urlretrieve},
    "cached_property": {"cached_property": functools.cached_property},
}
# the Whoosh modules that import them (importing these imports most of Whoosh's core)
IMPORTERS = ("whoosh.compat", "whoosh.reading")


class _StandIn(types.ModuleType):
    """A module standing in for `name` while Whoosh is imported."""

    def __init__(self, name: str, provides: dict) -> None:
        super().__init__(name, f"stands in for {name} while Whoosh is imported")
        self.__dict__.update(provides)

    def __getattr__(self, attr: str):
        if attr.startswith("__") or sys.modules.get(self.__name__) is self:
            # still standing in: importing the real module now would find us again
            raise AttributeError(f"{self.__name__}.{attr} is not provided while Whoosh loads")
        return getattr(importlib.import_module(self.__name__), attr)


def import_whoosh(stand_ins: dict[str, dict] | None = None) -> bool:
    """Import Whoosh's core with the stand-ins in place; True if it was imported that way,
    False if Whoosh was already imported or had to be imported the ordinary way."""
    if any(name in sys.modules for name in IMPORTERS):
        return False
    placed = {}
    for name, provides in (STAND_INS if stand_ins is None else stand_ins).items():
        if name not in sys.modules:  # a real module already loaded costs nothing more
            placed[name] = sys.modules[name] = _StandIn(name, provides)
    try:
        lean = _import_importers()
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if not lean:
        for name in IMPORTERS:  # the ordinary way, with the real modules
            importlib.import_module(name)
    return lean


def _import_importers() -> bool:
    try:
        for name in IMPORTERS:
            importlib.import_module(name)
    except (ImportError, AttributeError) as exc:
        log.warning("Whoosh needs more than the lean import gives it (%s); importing it in full",
                    exc)
        for name in [m for m in sys.modules if m == "whoosh" or m.startswith("whoosh.")]:
            del sys.modules[name]
        return False
    return True


import_whoosh()
