"""One malloc heap for every thread, on Linux with glibc.

glibc gives each new thread that allocates its own heap ("arena"), up to eight a core; the
search thread's arena then holds freed blocks the main thread could have reused. Asking for one
arena before the search thread starts lowered the peak resident memory of bench/memory.py by
about 2 MiB (docs/performance-notes.md). reader/ui/search_service.py asks just before it
starts its thread. Python's own lock already lets only one thread run
Python at a time, so sharing the heap costs nothing noticeable. Elsewhere (musl, macOS,
Windows) this does nothing.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)
M_ARENA_MAX = -8  # glibc's mallopt parameter number


def share_one_arena(platform: str = sys.platform) -> bool:
    """Threads started after this allocate from the main heap; True if the C library took it."""
    if not platform.startswith("linux"):
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no C library to ask, or one without mallopt (musl)
        return False
    taken = bool(mallopt(M_ARENA_MAX, 1))
    if not taken:
        log.info("the C library refused one malloc arena for all threads")
    return taken
