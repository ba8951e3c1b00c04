"""An uncaught exception is logged and shown calmly, with the log file's path."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.ui import crash_dialog
from reader.ui.crash_dialog import EXIT_AFTER_CRASH, CrashReporter


class ShownDialogs(list):
    """Dialogs the reporter showed, as (text, informative text, detailed text, buttons)."""

    choice = "Continue"  # the button the person clicks

    def exec(self, box) -> int:
        self.append((box.text(), box.informativeText(), box.detailedText(),
                     [b.text() for b in box.buttons()]))
        for button in box.buttons():
            if button.text() == self.choice:
                button.click()
        return 0


@pytest.fixture
def shown(monkeypatch):
    dialogs = ShownDialogs()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: dialogs.exec(box))
    return dialogs


@pytest.fixture
def reporter(qapp, tmp_path):
    rep = CrashReporter(tmp_path / "log" / "factsheet-reader.log")
    rep.install()
    yield rep
    rep.uninstall()


def raise_and_report(hook, exc):
    try:
        raise exc
    except type(exc):
        hook(*sys.exc_info())


def test_the_hook_logs_and_shows_a_calm_dialog_with_the_log_path(reporter, shown, caplog):
    assert sys.excepthook == reporter.handle_exception
    raise_and_report(sys.excepthook, ZeroDivisionError("division by zero"))
    assert len(shown) == 1
    text, informative, details, buttons = shown[0]
    assert text == "Something went wrong inside Factsheet Reader."
    assert "ZeroDivisionError: division by zero" in informative
    assert str(reporter.log_file) in informative
    assert "Traceback" in details and "raise_and_report" in details
    assert "Open Log Folder" in buttons
    assert "uncaught exception" in caplog.text and "ZeroDivisionError" in caplog.text


def test_an_exception_in_another_thread_is_shown_on_the_gui_thread(qtbot, reporter, shown):
    worker = threading.Thread(target=lambda: 1 / 0)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
    assert "ZeroDivisionError" in shown[0][1]


def test_while_reading_the_person_can_carry_on_or_quit(reporter, shown, monkeypatch):
    exits = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exits.append(code)))
    monkeypatch.setattr(reporter, "loop_running", lambda: True)
    raise_and_report(sys.excepthook, RuntimeError("boom"))
    assert "You can carry on reading" in shown[0][1] and "Quit" in shown[0][3]
    assert exits == []  # Continue
    shown.choice = "Quit"
    raise_and_report(sys.excepthook, RuntimeError("boom again"))
    assert exits == [EXIT_AFTER_CRASH]


def test_open_log_folder_opens_it(reporter, shown, monkeypatch):
    opened = []
    monkeypatch.setattr(crash_dialog.QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url.toLocalFile())))
    shown.choice = "Open Log Folder"
    raise_and_report(sys.excepthook, RuntimeError("boom"))
    assert opened == [str(reporter.log_file.parent)]


def test_when_the_event_loop_is_not_running_the_dialog_says_the_app_closes(reporter, shown):
    raise_and_report(sys.excepthook, RuntimeError("at start-up"))
    _, informative, _, buttons = shown[0]
    assert "has to close" in informative
    assert "Quit" not in buttons and "Close" in buttons


def test_only_one_dialog_at_a_time(reporter, shown, monkeypatch, caplog):
    original = QMessageBox.exec

    def exec_raising_again(box):
        raise_and_report(sys.excepthook, ValueError("second, while the first is shown"))
        return original(box)

    monkeypatch.setattr(QMessageBox, "exec", exec_raising_again)
    raise_and_report(sys.excepthook, ValueError("first"))
    assert len(shown) == 1 and "first" in shown[0][1]
    assert "second, while the first is shown" in caplog.text  # logged, not shown


def test_unattended_runs_only_log(qapp, tmp_path, shown, caplog):
    rep = CrashReporter(tmp_path / "x.log", interactive=False)
    rep.install()
    try:
        raise_and_report(sys.excepthook, RuntimeError("nobody is watching"))
    finally:
        rep.uninstall()
    assert shown == [] and "nobody is watching" in caplog.text


def test_ctrl_c_is_left_to_python(reporter, shown, monkeypatch):
    seen = []
    reporter._previous = (lambda *exc: seen.append(exc[0]), reporter._previous[1])
    raise_and_report(sys.excepthook, KeyboardInterrupt())
    assert seen == [KeyboardInterrupt] and shown == []


def test_uninstall_restores_the_previous_hooks(qapp, tmp_path):
    before = (sys.excepthook, threading.excepthook)
    rep = CrashReporter(None)
    rep.install()
    assert sys.excepthook != before[0]
    rep.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
