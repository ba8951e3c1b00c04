"""The peak resident set size of this process, in KiB.

Linux's ru_maxrss survives fork and exec, so a child started by a big parent reports the
parent's peak; /proc/self/status VmHWM belongs to this process alone. Elsewhere ru_maxrss
(KiB on Linux, bytes on macOS) is the fallback.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def peak_rss_kib() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak
