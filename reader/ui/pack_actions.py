"""File > Install Content Pack…, Check for Content Updates… and Content Packs… (status and
rollback). The work is done by reader.packs on a worker thread; this module shows progress, lets
people cancel, and says plainly what happened."""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
)

from reader.paths import AppPaths
from reader.render.dates import long_date
from reader.ui.announce import ProgressAnnouncer, announce

log = logging.getLogger(__name__)
START_CHECK_DELAY_MS = 5000  # a check on start waits until the window has settled
MAX_TITLES = 8  # per list in the "what changed" message


def install(window) -> None:
    """Add the content pack actions to the window's File menu."""
    window.pack_actions = PackActions(window)


class _Job(QThread):
    """Runs `work(progress, cancel)` off the GUI thread; reports back through signals."""

    progressed = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable, parent=None) -> None:
        super().__init__(parent)
        self._work = work
        self.cancel = threading.Event()

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self.cancel)
        except Exception as exc:  # every failure is shown to the person who asked
            if not _is_pack_error(exc):
                log.exception("content pack job failed")
            self.failed.emit(exc)
            return
        self.succeeded.emit(result)


class PackActions(QObject):
    def __init__(self, window, trust=None) -> None:
        super().__init__(window)
        self.window = window
        self.trusted_keys = trust  # None: the app's own keys (trusted_keys.json), read when needed
        self.job: _Job | None = None
        self.status_dialog: ContentPacksDialog | None = None
        self.progress: QProgressDialog | None = None
        self.message: QMessageBox | None = None  # the last message shown (tests read it)

        menu = window.file_menu
        menu.addSeparator()
        self.install_action = QAction("&Install Content Pack…", window)
        self.install_action.setStatusTip("Install a newer set of factsheets from a pack file")
        self.install_action.triggered.connect(self.choose_and_install)
        self.update_action = QAction("Check for Content &Updates…", window)
        self.update_action.triggered.connect(self.check_for_updates)
        self.status_action = QAction("Content &Packs…", window)
        self.status_action.setStatusTip("Which content is in use, and going back to the "
                                        "previous content")
        self.status_action.triggered.connect(self.show_status)
        for action in (self.install_action, self.update_action, self.status_action):
            menu.addAction(action)
        menu.aboutToShow.connect(self._update_enabled)
        self._update_enabled()
        settings = window.settings
        if settings.check_updates_on_start and settings.update_url.strip():
            QTimer.singleShot(START_CHECK_DELAY_MS, self, self.check_quietly)

    # -- helpers ---------------------------------------------------------------------------------
    @property
    def paths(self) -> AppPaths:
        return self.window.paths or AppPaths.default()

    def trust(self):
        if self.trusted_keys is None:
            from reader.packs.trust import load_trust

            self.trusted_keys = load_trust()
        return self.trusted_keys

    def options(self, progress=None, cancel=None):
        from reader.packs.install import InstallOptions

        return InstallOptions(self.paths, self.trust(), progress=progress, cancel=cancel)

    def busy(self) -> bool:
        return self.job is not None and self.job.isRunning()

    def _update_enabled(self) -> None:
        url = self.window.settings.update_url.strip()
        self.update_action.setEnabled(bool(url) and not self.busy())
        self.update_action.setStatusTip(
            "Download a newer content pack from the publisher" if url else
            "Set an update address in Settings to check for content updates")
        self.install_action.setEnabled(not self.busy())

    def _run(self, title: str, work: Callable, on_success: Callable,
             show_progress: bool = True) -> None:
        """Run `work` on a worker thread, with a progress dialog that can cancel it."""
        if self.busy():
            return
        job = _Job(work, self)
        self.job = job
        if show_progress:
            dialog = QProgressDialog(f"{title}…", "Cancel", 0, 0, self.window)
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(400)
            dialog.setMinimumWidth(380)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(job.cancel.set)
            dialog.canceled.connect(lambda: dialog.setLabelText("Cancelling…"))
            job.progressed.connect(lambda what, done, total: _show_progress(dialog, what, done,
                                                                            total))
            # Each step is read out as it begins: a quick install is over before the dialog
            # (and its progress bar) appears at all.
            spoken = ProgressAnnouncer(self.window)

            def speak(what: str, done: int, total: int) -> None:
                if not dialog.wasCanceled():
                    spoken.progress(what, done, total)

            job.progressed.connect(speak)
            self.progress = dialog
        job.succeeded.connect(on_success)
        job.failed.connect(lambda exc: self._failed(title, exc, quiet=not show_progress))
        job.finished.connect(self._job_done)
        job.start()

    def _job_done(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        if self.job is not None:
            self.job.deleteLater()
            self.job = None

    def wait(self, ms: int = 30000) -> None:
        """Block until the running job ends (tests and shutdown)."""
        if self.job is not None:
            self.job.wait(ms)

    def _say(self, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.RichText)
        if details:
            box.setInformativeText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.message = box
        box.open()

    def _failed(self, title: str, exc: Exception, quiet: bool = False) -> None:
        from reader.packs.download import Offline
        from reader.packs.errors import PackCancelled
        from reader.packs.install import AlreadyInstalled

        if quiet:
            log.info("content update check on start: %s", exc)
            return
        if isinstance(exc, PackCancelled):
            self.window.statusBar().showMessage("Cancelled. Nothing was changed.", 8000)
            announce(self.window, "Cancelled. Nothing was changed.")
        elif isinstance(exc, AlreadyInstalled):
            self._say(QMessageBox.Icon.Information, "Already installed",
                      html.escape(_sentence(exc.message)) + ".")
        elif isinstance(exc, Offline):
            self._say(QMessageBox.Icon.Information, "Could not check for updates",
                      "The update server could not be reached. You may be offline; try again "
                      "when you are connected.",
                      f"Your content is unchanged.<br><small>{html.escape(_sentence(exc.message))}"
                      f" ({html.escape(exc.source)})</small>")
        elif _is_pack_error(exc):
            self._say(QMessageBox.Icon.Warning, f"{title}: not done",
                      html.escape(_sentence(exc.message)) + ".",
                      f"Your content is unchanged.<br><small>{html.escape(exc.source)}</small>")
        else:
            self._say(QMessageBox.Icon.Warning, f"{title}: not done",
                      f"Something went wrong: {html.escape(str(exc))}.",
                      "Your content is unchanged. Details are in the log.")

    # -- install from a file ---------------------------------------------------------------------
    def choose_and_install(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Install Content Pack", str(Path.home()),
            "Content packs (*.fsrpack);;All files (*)")
        if path:
            self.install_file(Path(path))

    def install_file(self, path: Path) -> None:
        """Install the pack at `path` in the background, then show what changed."""
        from reader.packs.install import install_pack

        self._run("Install Content Pack",
                  lambda progress, cancel: install_pack(path, self.options(progress, cancel)),
                  self._installed)

    def _installed(self, result) -> None:
        m = result.manifest
        changes = result.changes
        lines = [f"<b>{html.escape(m.label)}</b>",
                 f"Published {long_date(m.created.date())} · {len(result.store)} factsheets",
                 f"{html.escape(_sentence(changes.summary()))}."]
        details = []
        for heading, titles in (("Added", changes.added), ("Updated", changes.updated),
                                ("Removed", changes.removed)):
            if titles:
                shown = ", ".join(html.escape(t) for t in titles[:MAX_TITLES])
                more = f" and {len(titles) - MAX_TITLES} more" if len(titles) > MAX_TITLES else ""
                details.append(f"<b>{heading}:</b> {shown}{more}")
        notes = changes.notes[:MAX_TITLES]
        if notes:
            more = len(changes.notes) - len(notes)
            details.append("<b>What changed:</b><br>" + "<br>".join(
                f"{html.escape(title)} — {html.escape(line)}" for title, line in notes)
                + (f"<br>and {more} more" if more else ""))
        self.window.reload_content(result.store)
        self._say(QMessageBox.Icon.Information, "Content updated", "<br>".join(lines),
                  "<br>".join(details))

    # -- updates ---------------------------------------------------------------------------------
    def check_for_updates(self) -> None:
        from reader.packs.update import check_for_update

        url = self.window.settings.update_url.strip()
        if not url:
            return
        self._run("Check for Content Updates",
                  lambda progress, cancel: check_for_update(url, self.options(progress, cancel)),
                  self._checked)

    def check_quietly(self) -> None:
        """The check on start (when Settings ask for it): no dialogs, a status bar note only
        when an update is waiting."""
        from reader.packs.update import check_for_update

        url = self.window.settings.update_url.strip()
        if url and not self.busy():
            self._run("Check for Content Updates",
                      lambda progress, cancel: check_for_update(url, self.options(None, cancel)),
                      self._checked_quietly, show_progress=False)

    def _checked_quietly(self, check) -> None:
        if check.entry is not None:
            self.window.statusBar().showMessage(
                f"A content update is available: {check.entry.label}. Choose File > Check for "
                "Content Updates… to install it.")

    def _checked(self, check) -> None:
        if check.entry is None:
            label = self.window.store.pack.label if self.window.store.pack else "your content"
            self._say(QMessageBox.Icon.Information, "Content is up to date",
                      f"You have the latest content: {html.escape(label)}.")
            return
        entry = check.entry
        box = QMessageBox(QMessageBox.Icon.Question, "Content update available",
                          f"<b>{html.escape(entry.label)}</b> is available "
                          f"({entry.size / (1 << 20):.1f} MB). Install it now?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.window)
        box.setInformativeText("The content in use now is kept, so you can go back to it.")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.buttonClicked.connect(
            lambda button: box.standardButton(button) == QMessageBox.StandardButton.Yes
            and self.install_update(check))
        self.message = box
        box.open()

    def install_update(self, check) -> None:
        from reader.packs.update import install_update

        self._run("Install Content Update",
                  lambda progress, cancel: install_update(check, self.options(progress, cancel)),
                  self._installed)

    # -- status and rollback ---------------------------------------------------------------------
    def show_status(self) -> None:
        from reader.packs.status import pack_status

        self.status_dialog = ContentPacksDialog(pack_status(self.paths), self.window)
        self.status_dialog.rollback_requested.connect(self.roll_back)
        self.status_dialog.open()

    def roll_back(self) -> None:
        from reader.packs.errors import PackError
        from reader.packs.status import rollback

        if self.busy():
            return
        try:
            shown = rollback(self.paths)
        except PackError as exc:
            self._failed("Go Back to Previous Content", exc)
            return
        self.window.reload_content(shown.store, shown.notice)
        label = shown.manifest.label if shown.manifest else "the content that came with the app"
        self._say(QMessageBox.Icon.Information, "Went back to the previous content",
                  f"Now showing {html.escape(label)}.",
                  "The content you left is kept: Content Packs… can return to it.")


class ContentPacksDialog(QDialog):
    """Which content is in use, where it came from, and a button to go back to the previous."""

    rollback_requested = Signal()

    def __init__(self, status, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Content Packs")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.text = QLabel(status_html(status))
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(460)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.rollback_button = None
        previous = _rollback_target(status)
        if previous is not None:
            self.rollback_button = buttons.addButton(
                "Go Back to Previous Content", QDialogButtonBox.ButtonRole.ActionRole)
            self.rollback_button.setToolTip(f"Show {previous} instead; this content is kept")
            self.rollback_button.clicked.connect(self.accept)
            self.rollback_button.clicked.connect(self.rollback_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


def _rollback_target(status) -> str | None:
    """What a rollback would show, or None when there is nothing to go back to."""
    if status.previous is not None:
        return status.previous.manifest.label if status.previous.manifest else None
    if status.active is not None:
        return "the content that came with the app"
    return None


def status_html(status) -> str:
    e = html.escape
    shown = status.shown
    store = shown.store
    source = {"active": "an installed content pack",
              "previous": "the previous content pack (the newer one is damaged)",
              "bundled": "the content that came with the app",
              "folder": "a folder named on the command line"}[shown.source]
    label = shown.manifest.label if shown.manifest else (store.pack.label if store.pack else
                                                          str(store.root))
    rows = [f"<p><b>In use:</b> {e(label)}<br>From {source} · {len(store)} factsheets"]
    if shown.manifest is not None:
        m = shown.manifest
        rows.append(f"<br>Published {long_date(m.created.date())} · sequence {m.sequence} · "
                    f"signed with key {e(m.key_id)}")
    rows.append("</p>")
    if shown.notice:
        rows.append(f"<p style='color:#8c4a1c'>{e(shown.notice)}</p>")
    if status.previous is not None and status.previous.manifest is not None:
        rows.append(f"<p><b>Previous:</b> {e(status.previous.manifest.label)} (kept, so you can "
                    "go back to it)</p>")
    elif status.previous is not None:
        rows.append(f"<p><b>Previous:</b> damaged ({e(status.previous.problem or '')})</p>")
    elif status.active is not None:
        rows.append("<p><b>Previous:</b> the content that came with the app</p>")
    if status.bundled:
        rows.append(f"<p class='small'>Content that came with the app: sequence "
                    f"{status.bundled[1]}.</p>")
    return "".join(rows)


def _show_progress(dialog: QProgressDialog, what: str, done: int, total: int) -> None:
    if dialog.wasCanceled():
        return
    dialog.setLabelText(f"{what}…")
    dialog.setMaximum(max(0, total))  # sizes are capped far below 2**31 (Limits)
    dialog.setValue(min(done, total))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_pack_error(exc: Exception) -> bool:
    from reader.packs.errors import PackError

    return isinstance(exc, PackError)
