"""Kill an install at any moment: on restart exactly the old or exactly the new pack is active
and loads with no problems, and the next install works (no stale lock, staging cleared)."""

from __future__ import annotations

import base64
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from reader.packs.active import resolve_content
from reader.packs.install import STEPS
from tests.conftest import REPO
from tests.packs.conftest import PACK_ID, V3
from tests.packs.crash_worker import EXIT_AT_STEP

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")

RUNS = 50


class Worker:
    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.packs.crash_worker"],
                                     cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)

    def start(self, command: dict) -> int:
        import json

        self.proc.stdin.write(json.dumps(command) + "\n")
        return int(self.proc.stdout.readline())

    def reap(self) -> int:
        self.proc.stdin.write("reap\n")
        return int(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(10)


@pytest.fixture
def worker():
    w = Worker()
    yield w
    w.close()


@pytest.fixture
def crash_env(installed):
    """A template home with sequence 2 active, pack 3 to install, and what each looks like."""
    env = installed
    pack = env.build(3, V3)
    old = resolve_content(env.paths).store.digest
    template = env.tmp / "template"
    shutil.copytree(env.paths.data.parent, template)
    env.install(pack)
    new = resolve_content(env.paths).store.digest
    assert old != new
    return env, pack, template, old, new


def _command(env, pack, home, exit_at=None) -> dict:
    public = env.trust.keys[0].public_key
    return {"home": str(home), "bundled": str(env.paths.bundled_content), "pack": str(pack),
            "public_key": base64.b64encode(public).decode(), "pack_id": PACK_ID,
            "exit_at": exit_at}


def _fresh_home(template, run_dir):
    shutil.copytree(template, run_dir)
    return run_dir


def _check_restart(env, home, old, new, reinstall: bool = True) -> str:
    """What a restarted app shows must be exactly the old or the new pack, intact; and (with
    `reinstall`) the next install must work. Returns "old" or "new"."""
    import dataclasses

    from reader.packs.install import AlreadyInstalled, InstallOptions, install_pack
    from reader.paths import AppPaths

    paths = dataclasses.replace(AppPaths.under(home), bundled_content=env.paths.bundled_content)
    shown = resolve_content(paths)
    assert shown.notice is None, shown.notice
    assert shown.source == "active"
    assert shown.store.problems == ()
    assert shown.store.digest in (old, new)
    outcome = "old" if shown.store.digest == old else "new"
    if not reinstall:
        return outcome
    options = InstallOptions(paths, env.trust)
    if outcome == "old":
        install_pack(env.tmp / "seq3.fsrpack", options)
        assert resolve_content(paths).store.digest == new
    else:
        with pytest.raises(AlreadyInstalled):
            install_pack(env.tmp / "seq3.fsrpack", options)
    assert list((paths.packs_root / "staging").iterdir()) == []
    return outcome


def test_a_crash_after_each_step_leaves_old_or_new_intact(crash_env, worker):
    env, pack, template, old, new = crash_env
    switched = STEPS.index("switched")
    for n, step in enumerate(STEPS):
        home = _fresh_home(template, env.tmp / f"step-{step}")
        worker.start(_command(env, pack, home, exit_at=step))
        status = worker.reap()
        assert os.WEXITSTATUS(status) == EXIT_AT_STEP, step
        outcome = _check_restart(env, home, old, new)
        assert outcome == ("old" if n < switched else "new"), step


def test_sigkill_at_random_moments_leaves_old_or_new_intact(crash_env, worker):
    env, pack, template, old, new = crash_env
    durations = []
    for n in range(3):  # how long an uninterrupted install takes here
        home = _fresh_home(template, env.tmp / f"timing-{n}")
        worker.start(_command(env, pack, home))
        started = time.monotonic()
        assert os.WEXITSTATUS(worker.reap()) == 0
        durations.append(time.monotonic() - started)
        assert _check_restart(env, home, old, new) == "new"
    span = sorted(durations)[1] * 1.3
    rng = random.Random(20261125)
    outcomes = {"old": 0, "new": 0}
    killed = 0
    for n in range(RUNS):
        home = _fresh_home(template, env.tmp / f"run-{n}")
        pid = worker.start(_command(env, pack, home))
        time.sleep(rng.uniform(0, span))
        os.kill(pid, signal.SIGKILL)
        status = worker.reap()
        killed += os.WIFSIGNALED(status)
        if not os.WIFSIGNALED(status):
            assert os.WEXITSTATUS(status) == 0
        outcomes[_check_restart(env, home, old, new, reinstall=n % 5 == 0)] += 1
        shutil.rmtree(home)
    print(f"\nSIGKILL over {RUNS} installs of ~{span / 1.3 * 1000:.0f} ms: {killed} killed "
          f"mid-install; restart showed the old pack {outcomes['old']} times and the new one "
          f"{outcomes['new']} times, intact every time")
