"""A real X server for the journeys: Xvfb on a free display number, with Openbox managing its
windows. Shared by every test in tests/journeys/ that starts the real app."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time

import pytest

HAVE_X = bool(shutil.which("Xvfb") and shutil.which("openbox"))
NO_X_REASON = "needs Xvfb and openbox (apt-get install xvfb openbox); .ci/run installs them"


class XServer:
    """Xvfb on a free display number, with Openbox managing its windows."""

    def __init__(self, width: int, height: int) -> None:
        self.size = (width, height)
        self.display = f":{random.randint(200, 900)}"
        self.procs: list[subprocess.Popen] = []

    def __enter__(self) -> XServer:
        for _ in range(5):
            xvfb = subprocess.Popen(["Xvfb", self.display, "-screen", "0",
                                     f"{self.size[0]}x{self.size[1]}x24", "-nolisten", "tcp"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.6)
            if xvfb.poll() is None:
                break
            self.display = f":{random.randint(200, 900)}"
        else:
            pytest.fail("Xvfb would not start")
        self.procs.append(xvfb)
        wm = subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": self.display},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(wm)
        time.sleep(0.6)
        return self

    def __exit__(self, *exc) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
