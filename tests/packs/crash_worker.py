"""Runs pack installs in forked children so a test can kill them at any moment.

Started by tests/packs/test_crash.py as `python -m tests.packs.crash_worker`. Everything an
install needs is imported once here, then each install runs in a fresh fork (milliseconds, where
a new interpreter would take half a second), so fifty killed installs take seconds.

Protocol, one JSON object per line on stdin:
    {"home": DIR, "bundled": DIR, "pack": FILE, "public_key": B64, "pack_id": ID,
     "exit_at": STEP or null}
The worker forks; the child installs, calling os._exit(EXIT_AT_STEP) right after step `exit_at`
(a crash at a known point), and exits 0 when the install completes, 1 when it is refused. The
worker prints the child's pid, waits for the line "reap" (so the test can SIGKILL the pid
without it being reused), then prints the child's wait status.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
import sys
from pathlib import Path

import reader.packs.archive  # noqa: F401  (imported before forking, like everything below)
import reader.packs.signing  # noqa: F401
from reader.packs.errors import PackError
from reader.packs.install import InstallOptions, install_pack
from reader.packs.trust import Trust, TrustedKey, key_id_of
from reader.paths import AppPaths

EXIT_AT_STEP = 70


def run_child(command: dict) -> None:
    public = base64.b64decode(command["public_key"])
    trust = Trust((TrustedKey(key_id_of(public), public, "Test", (command["pack_id"],)),))
    paths = dataclasses.replace(AppPaths.under(Path(command["home"])),
                                bundled_content=Path(command["bundled"]))

    def on_step(step: str) -> None:
        if step == command["exit_at"]:
            os._exit(EXIT_AT_STEP)

    try:
        install_pack(Path(command["pack"]), InstallOptions(paths, trust, on_step=on_step))
    except PackError as exc:
        print(f"refused: {exc}", file=sys.stderr, flush=True)
        os._exit(1)
    os._exit(0)


def main() -> None:
    for line in sys.stdin:
        command = json.loads(line)
        pid = os.fork()
        if pid == 0:
            try:
                run_child(command)
            finally:
                os._exit(2)
        print(pid, flush=True)
        sys.stdin.readline()  # "reap"
        _, status = os.waitpid(pid, 0)
        print(status, flush=True)


if __name__ == "__main__":
    main()
