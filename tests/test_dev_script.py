"""dev.py, the Quick start's two commands: what a new user meets before the app itself runs."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import REPO


@pytest.fixture
def dev(tmp_path, monkeypatch):
    """dev.py loaded as a module, its .venv moved under tmp_path and pip replaced by a recorder."""
    spec = importlib.util.spec_from_file_location("dev_script", REPO / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "VENV", tmp_path / ".venv")
    monkeypatch.setattr(module, "STAMP", tmp_path / ".venv" / ".installed")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").touch()
    (tmp_path / ".venv" / "Scripts").mkdir()
    (tmp_path / ".venv" / "Scripts" / "python.exe").touch()
    module.installs = []
    monkeypatch.setattr(module.subprocess, "check_call",
                        lambda cmd, **kw: module.installs.append(cmd[-1]))
    module.launched = []
    monkeypatch.setattr(module.subprocess, "call",
                        lambda cmd, **kw: module.launched.append(cmd[3:]) or 0)
    return module


def test_run_after_test_installs_nothing_more(dev):
    dev.ensure_env("test")
    dev.ensure_env("")
    dev.ensure_env("test")
    assert dev.installs == [".[test]"]


class _Digest:
    def __init__(self, data: bytes) -> None:
        pass

    def hexdigest(self) -> str:
        return "changed"


def test_a_changed_pyproject_installs_again(dev, monkeypatch):
    dev.ensure_env("")
    monkeypatch.setattr(dev.hashlib, "sha256", _Digest)
    dev.ensure_env("")
    assert dev.installs == [".", "."]
    assert dev.STAMP.read_text() == "changed:"  # stamps of the old pyproject are dropped


def test_a_leading_double_dash_is_dev_pys_own(dev, monkeypatch):
    monkeypatch.setattr(dev, "gui_problem", lambda args: None)
    assert dev.main(["run", "--", "search", "back pain"]) == 0
    assert dev.launched == [["search", "back pain"]]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 checks are Linux's")
def test_no_display_is_one_line_and_the_window_is_not_started(dev, monkeypatch, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert dev.main(["run"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("dev.py: no display to open the window on")
    assert dev.launched == []
    assert dev.gui_problem(["search", "x"]) is None  # the command line needs no display


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 checks are Linux's")
def test_a_missing_xcb_cursor_library_is_named(dev, monkeypatch):
    monkeypatch.setenv("DISPLAY", ":1")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    import ctypes.util

    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    assert "libxcb-cursor0" in dev.gui_problem([])
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: f"lib{name}.so.0")
    assert dev.gui_problem([]) is None
