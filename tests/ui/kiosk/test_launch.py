"""Starting in kiosk mode: from --kiosk or the system config, ending only by a staff exit."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reader.content import load_content
from reader.kiosk.config import CONFIG_FILE, STAFF_EXIT_STATUS, KioskConfig
from reader.paths import AppPaths
from reader.ui.kiosk.launch import CRASH_EXIT_STATUS, CRASH_LIMIT, _Recovery, run_kiosk
from reader.ui.kiosk.window import KioskWindow
from tests.conftest import REPO
from tests.ui.kiosk.conftest import PIN, PIN_HASH


def start(args, home, content):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FACTSHEET_READER_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "reader", "--content", str(content), *args,
                           "--quit-after-load"], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120)


def test_kiosk_flag_starts_the_kiosk(tmp_path, sample_content):
    done = start(["--kiosk"], tmp_path / "home", sample_content.root)
    assert done.returncode == 0, done.stderr
    assert "starting in kiosk mode" in done.stderr and "home page painted" in done.stderr


def test_system_config_turns_the_kiosk_on_without_the_flag(tmp_path, sample_content):
    site = tmp_path / "home" / "site-config"
    site.mkdir(parents=True)
    (site / CONFIG_FILE).write_text("[kiosk]\nenabled = true\nidle_seconds = 2\n")
    done = start([], tmp_path / "home", sample_content.root)
    assert done.returncode == 0, done.stderr
    assert "starting in kiosk mode" in done.stderr
    assert "idle_seconds: must be between 15 and 3600" in done.stderr  # problems are logged


def test_without_either_the_ordinary_window_starts(tmp_path, sample_content):
    done = start([], tmp_path / "home", sample_content.root)
    assert done.returncode == 0, done.stderr
    assert "kiosk mode" not in done.stderr


def test_a_staff_exit_ends_run_kiosk_with_its_own_status(qtbot, sample_content, tmp_path):
    app = QApplication.instance()
    store = load_content(sample_content.root)
    config = KioskConfig(enabled=True, pin_hash=PIN_HASH)
    seen = []

    def staff_exit():
        window = next(w for w in app.topLevelWidgets() if isinstance(w, KioskWindow))
        seen.append(window.close())  # an ordinary close is refused
        window.request_staff_exit()
        for digit in PIN:
            window.pin_pad.press(digit)
        window.pin_pad.submit()

    QTimer.singleShot(100, staff_exit)
    try:
        code = run_kiosk(app, store, AppPaths.under(tmp_path / "home"), config)
    finally:
        app.setQuitOnLastWindowClosed(True)
    assert code == STAFF_EXIT_STATUS == 10
    assert seen == [False]


class FakeApp:
    def __init__(self) -> None:
        self.exit_codes = []

    def exit(self, code):
        self.exit_codes.append(code)


class FakeWindow:
    def __init__(self) -> None:
        self.resets = 0

    def reset_session(self):
        self.resets += 1


def test_an_uncaught_error_starts_the_kiosk_afresh_without_a_dialog(qtbot, monkeypatch):
    app, window = FakeApp(), FakeWindow()
    recovery = _Recovery(app, window)
    scheduled = []
    monkeypatch.setattr("reader.ui.kiosk.launch.QTimer.singleShot",
                        lambda ms, ctx, fn: scheduled.append(fn))
    try:
        raise ValueError("boom")
    except ValueError as exc:
        recovery.handle(ValueError, exc, exc.__traceback__)
    assert len(scheduled) == 1 and app.exit_codes == []
    scheduled[0]()
    assert window.resets == 1
    for _ in range(CRASH_LIMIT - 2):
        recovery.handle(ValueError, ValueError("again"), None)
    assert app.exit_codes == []
    recovery.handle(ValueError, ValueError("once too often"), None)
    assert app.exit_codes == [CRASH_EXIT_STATUS]  # for the supervisor to restart it clean
