"""`pack status` and `pack rollback`."""

from __future__ import annotations

import pytest

from reader.packs.errors import PackError
from reader.packs.state import read_state
from reader.packs.status import pack_status, rollback
from tests.packs.conftest import V3


def test_rollback_goes_to_the_previous_pack_and_back(installed):
    installed.install(installed.build(3, V3))
    shown = rollback(installed.paths)
    assert shown.store.pack.sequence == 2 and shown.source == "active"
    shown = rollback(installed.paths)
    assert shown.store.pack.sequence == 3


def test_rollback_from_the_only_pack_goes_to_the_bundled_content(installed):
    shown = rollback(installed.paths)
    assert shown.source == "bundled" and shown.notice is None
    assert read_state(installed.paths.packs_root).previous is not None


def test_rollback_with_nothing_installed_says_so(env):
    with pytest.raises(PackError, match="nothing to roll back"):
        rollback(env.paths)


def test_rollback_to_a_damaged_pack_is_refused_and_changes_nothing(installed):
    installed.install(installed.build(3, V3))
    state = read_state(installed.paths.packs_root)
    (installed.paths.packs_root / "installed" / state.previous / "pack.toml").write_text("x")
    before = installed.snapshot()
    with pytest.raises(PackError, match="previous pack cannot be used.*nothing was changed"):
        rollback(installed.paths)
    assert installed.snapshot() == before


def test_status_describes_active_previous_and_bundled(installed):
    installed.install(installed.build(3, V3))
    status = pack_status(installed.paths)
    assert status.active.manifest.sequence == 3 and status.previous.manifest.sequence == 2
    assert status.bundled == ("org.example.test", 1)
    assert status.highest == {"org.example.test": 3}
    assert status.shown.source == "active" and status.state_problem is None
