"""An uncaught exception ends in a calm dialog that says where the log is, not a vanished window.

`CrashReporter.install()` takes over `sys.excepthook` (which PySide6 also calls for an exception
raised in a slot or an event handler) and `threading.excepthook`. Every uncaught exception is
logged with its traceback; the dialog is shown on the GUI thread, one at a time.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)
EXIT_AFTER_CRASH = 70  # EX_SOFTWARE: the person chose to quit after an internal error


class CrashReporter(QObject):
    """Logs uncaught exceptions and tells the person calmly, with the path of the log file."""

    _from_other_thread = Signal(str, str)  # summary, details

    def __init__(self, log_file: Path | None, parent: QObject | None = None,
                 interactive: bool = True) -> None:
        """With `interactive` False (unattended runs such as --quit-after-load) exceptions are
        only logged: a dialog nobody can click would hang the run."""
        super().__init__(parent)
        self.log_file = log_file
        self.interactive = interactive
        self._showing = False
        self._previous: tuple | None = None
        self._from_other_thread.connect(self.show_dialog)

    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle_exception
        threading.excepthook = self._handle_thread_exception

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def handle_exception(self, exc_type, exc, tb) -> None:
        """Log the exception and show the dialog (from any thread)."""
        if issubclass(exc_type, KeyboardInterrupt):
            previous = self._previous[0] if self._previous else sys.__excepthook__
            previous(exc_type, exc, tb)
            return
        from reader import __version__

        log.critical("uncaught exception in Factsheet Reader %s", __version__,
                     exc_info=(exc_type, exc, tb))
        summary = "".join(traceback.format_exception_only(exc_type, exc)).strip()
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        if QThread.currentThread() is self.thread():
            self.show_dialog(summary, details)
        else:
            self._from_other_thread.emit(summary, details)  # queued to the GUI thread

    def loop_running(self) -> bool:
        """Whether the app's event loop runs (reading can go on) or has not started or ended."""
        app = QApplication.instance()
        return app is not None and app.thread().loopLevel() > 0

    def _handle_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.handle_exception(args.exc_type, args.exc_value, args.exc_traceback)

    def show_dialog(self, summary: str, details: str) -> None:
        app = QApplication.instance()
        if self._showing or not self.interactive or not isinstance(app, QApplication):
            return  # already telling the person (the log has this one too), or no GUI left
        self._showing = True
        try:
            box = crash_message_box(summary, details, self.log_file, self.loop_running())
            box.exec()
            clicked = box.clickedButton()
            role = box.buttonRole(clicked) if clicked is not None else None
            if role == QMessageBox.ButtonRole.ActionRole and self.log_file is not None:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))
            elif role == QMessageBox.ButtonRole.DestructiveRole:
                log.info("quitting after an internal error, as asked")
                QApplication.exit(EXIT_AFTER_CRASH)
        except Exception:  # the dialog itself failed: the log still has the first error
            log.exception("could not show the error dialog")
        finally:
            self._showing = False


def crash_message_box(summary: str, details: str, log_file: Path | None,
                      still_running: bool) -> QMessageBox:
    """The dialog for an internal error; `still_running` says whether reading can go on."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Factsheet Reader — something went wrong")
    box.setText("Something went wrong inside Factsheet Reader.")
    where = (f"The details have been saved in the log file:\n{log_file}" if log_file else
             "The details could not be saved to a log file; they are shown below.")
    if still_running:
        advice = ("You can carry on reading. If the app behaves oddly, quit and start it again. "
                  "If this keeps happening, please send us the log file.")
    else:
        advice = "Factsheet Reader has to close. Please start it again."
    box.setInformativeText(f"{summary}\n\n{where}\n\n{advice}")
    box.setDetailedText(details)
    if log_file is not None:
        box.addButton("Open Log Folder", QMessageBox.ButtonRole.ActionRole)
    if still_running:
        box.addButton("Quit", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton("Continue", QMessageBox.ButtonRole.AcceptRole))
    else:
        box.setDefaultButton(box.addButton("Close", QMessageBox.ButtonRole.AcceptRole))
    return box
