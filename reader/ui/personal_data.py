"""The reader's bookmarks, history and notes in the window: the database, the bookmark toggle
(Ctrl+D), the Saved and Recent lists, and File > Export / Import bookmarks and notes.

`PersonalData` wraps the core `UserData` for the GUI: it announces changes as signals so every
list stays current, and turns a failed save into a calm message instead of an exception.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolBar

from reader.ui.navigation import HOME
from reader.ui.toolbar_icons import star_icon
from reader.userdata.database import UserData, UserDataError

log = logging.getLogger(__name__)
EXPORT_NAME = "factsheet-reader-bookmarks-and-notes.json"


class PersonalData(QObject):
    """Bookmarks, recent visits and notes for the window; see the module docstring."""

    bookmarks_changed = Signal()
    notes_changed = Signal()
    recent_changed = Signal()
    failed = Signal(str)  # a message for the reader

    def __init__(self, data: UserData, parent=None) -> None:
        super().__init__(parent)
        self.data = data

    @property
    def writable(self) -> bool:
        return self.data.writable

    def _try(self, action, *args):
        try:
            return action(*args)
        except UserDataError as exc:
            log.warning("%s", exc)
            self.failed.emit(f"Not saved: {exc.message}")
            return None

    def toggle_bookmark(self, slug: str, title: str) -> bool | None:
        result = self._try(self.data.toggle_bookmark, slug, title)
        self.bookmarks_changed.emit()
        return result

    def remove_bookmark(self, slug: str) -> None:
        self._try(self.data.remove_bookmark, slug)
        self.bookmarks_changed.emit()

    def is_bookmarked(self, slug: str) -> bool:
        return bool(self._try(self.data.is_bookmarked, slug))

    def record_visit(self, slug: str, title: str) -> None:
        if not self.data.writable:
            return  # history is a convenience: no message for a read-only database
        try:
            self.data.record_visit(slug, title)
        except UserDataError as exc:
            log.info("recently viewed not recorded: %s", exc)
            return
        self.recent_changed.emit()

    def clear_recent(self) -> None:
        self._try(self.data.clear_recent)
        self.recent_changed.emit()

    def save_note(self, slug: str, title: str, text: str, digest: str) -> bool:
        """Save (or, when empty, delete) the note; False when it could not be saved."""
        try:
            self.data.save_note(slug, title, text, digest)
        except UserDataError as exc:
            log.warning("%s", exc)
            self.failed.emit(f"Note not saved: {exc.message}")
            return False
        self.notes_changed.emit()
        return True

    def delete_note(self, slug: str) -> bool:
        try:
            self.data.delete_note(slug)
        except UserDataError as exc:
            log.warning("%s", exc)
            self.failed.emit(f"Note not deleted: {exc.message}")
            return False
        self.notes_changed.emit()
        return True

    def export_to(self, path: Path) -> str:
        """Write the export file; returns what to tell the reader. Raises TransferError."""
        from reader.userdata.transfer import write_export  # only when asked: not at start-up

        count = write_export(self.data, path)
        return f"{count} bookmark{'s' if count != 1 else ''} and notes saved to {path}."

    def import_from(self, path: Path) -> str:
        """Merge an export file; returns what to tell the reader. Raises TransferError or
        UserDataError, and then nothing has been imported."""
        from reader.userdata.transfer import import_data, read_export

        summary = import_data(self.data, read_export(path))
        self.bookmarks_changed.emit()
        self.notes_changed.emit()
        return summary.describe()


def open_personal_data(window) -> PersonalData:
    paths = window.paths
    data = UserData.open(paths.userdata_file) if paths is not None else UserData.in_memory()
    return PersonalData(data, window)


def install(window) -> None:
    personal = open_personal_data(window)
    window.personal = personal
    personal.failed.connect(lambda message: window.statusBar().showMessage(message, 10000))

    # Bookmark toggle: Go menu and the toolbar (a star that shows the state).
    star = QAction("&Bookmark this factsheet", window, checkable=True)
    star.setObjectName("bookmark")
    star.setShortcut(QKeySequence("Ctrl+D"))
    # what the key does whatever the page's state: the menu text says only one half of it
    star.setProperty("shortcut_help", "Bookmark the factsheet, or remove its bookmark")
    star.setIcon(star_icon(window.palette().color(QPalette.ColorRole.ButtonText)))
    star.setToolTip("Bookmark this factsheet (Ctrl+D)")
    star.setIconText("Bookmark")
    window.bookmark_action = star

    def toggle() -> None:
        sheet = window.current_sheet()
        if sheet is None:
            star.setChecked(False)
            return
        now = personal.toggle_bookmark(sheet.slug, sheet.title)
        if now is not None:
            window.statusBar().showMessage(
                f"Bookmarked “{sheet.title}”." if now else f"Bookmark removed: “{sheet.title}”.",
                3000)
        update_star()

    def update_star() -> None:
        sheet = window.current_sheet()
        star.setEnabled(sheet is not None and personal.writable)
        marked = sheet is not None and personal.is_bookmarked(sheet.slug)
        star.blockSignals(True)
        star.setChecked(marked)
        star.blockSignals(False)
        star.setText("Remove &bookmark" if marked else "&Bookmark this factsheet")
        star.setIconText("Bookmarked" if marked else "Bookmark")
        star.setToolTip(("Remove the bookmark" if marked else "Bookmark this factsheet")
                        + " (Ctrl+D)")

    star.triggered.connect(toggle)
    personal.bookmarks_changed.connect(update_star)
    window.go_menu.addSeparator()
    window.go_menu.addAction(star)
    toolbar = window.findChild(QToolBar, "navigation")
    if toolbar is not None:
        toolbar.addSeparator()
        toolbar.addAction(star)

    def on_page(page: str) -> None:
        update_star()
        sheet = window.store.get(page) if page != HOME else None
        if sheet is not None:
            # After the page is on screen: a write waits for the disk, the reader need not.
            QTimer.singleShot(0, personal, lambda: personal.record_visit(sheet.slug, sheet.title))

    window.page_shown.connect(on_page)

    from reader.ui.personal_lists import install_lists

    install_lists(window, personal)

    # File > Export / Import bookmarks and notes
    window.file_menu.addSeparator()
    export = QAction("E&xport bookmarks and notes…", window)
    export.setObjectName("export-userdata")
    export.triggered.connect(lambda: _export_dialog(window, personal))
    imp = QAction("I&mport bookmarks and notes…", window)
    imp.setObjectName("import-userdata")
    imp.triggered.connect(lambda: _import_dialog(window, personal))
    imp.setEnabled(personal.writable)
    window.file_menu.addAction(export)
    window.file_menu.addAction(imp)

    if personal.data.notice:
        QTimer.singleShot(0, lambda: _show_notice(window, personal.data.notice))


def _show_notice(window, notice: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "Bookmarks and notes", notice,
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("userdata-notice")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    window.statusBar().showMessage(notice, 15000)


def _export_dialog(window, personal: PersonalData) -> None:
    start = str(Path.home() / EXPORT_NAME)
    path, _ = QFileDialog.getSaveFileName(window, "Export bookmarks and notes", start,
                                          "Bookmarks and notes (*.json)")
    if not path:
        return
    from reader.userdata.transfer import TransferError

    try:
        message = personal.export_to(Path(path))
    except TransferError as exc:
        QMessageBox.warning(window, "Export bookmarks and notes",
                            f"The file could not be written.\n\n{exc}")
        return
    window.statusBar().showMessage(message, 6000)


def _import_dialog(window, personal: PersonalData) -> None:
    path, _ = QFileDialog.getOpenFileName(window, "Import bookmarks and notes", str(Path.home()),
                                          "Bookmarks and notes (*.json);;All files (*)")
    if not path:
        return
    from reader.userdata.transfer import TransferError

    try:
        message = personal.import_from(Path(path))
    except (TransferError, UserDataError) as exc:
        QMessageBox.warning(window, "Import bookmarks and notes",
                            f"Nothing was imported.\n\n{exc}")
        return
    QMessageBox.information(window, "Import bookmarks and notes", message)
