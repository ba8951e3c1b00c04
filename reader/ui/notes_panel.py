"""The notes panel: private notes on the factsheet being read, saved as you type.

A note is plain text, and Markdown if you like (Preview shows it formatted). It is saved a
moment after typing stops, when another page opens and when the window closes. If saving fails
the text stays in the panel, is saved with the next change, and closing the window warns first;
nothing typed is thrown away. A note whose factsheet is no longer in the content is still shown
(from the Saved list), marked as such.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.render.dates import long_date
from reader.ui.navigation import HOME
from reader.userdata.database import UserDataError
from reader.userdata.note_status import NoteStatus, note_status

log = logging.getLogger(__name__)
SAVE_DELAY_MS = 700


class NotesPanel(QWidget):
    def __init__(self, window, personal) -> None:
        super().__init__()
        self.window = window
        self.personal = personal
        self.slug: str | None = None
        self.title = ""
        self._digest = ""
        self._loading = False
        self._dirty = False
        self.unsaved: dict[str, tuple[str, str, str]] = {}  # slug -> (title, text, digest)
        self.setAccessibleName("Notes")

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setAccessibleName("Notes are about")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Note status")
        self.banner.setStyleSheet("QLabel { background: palette(alternate-base); padding: 6px;"
                                  " border-left: 3px solid #9a6700; }")
        self.banner.hide()
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Your note on this factsheet")
        self.editor.setAccessibleDescription("Private to this computer, saved as you type; "
                                             "plain text or Markdown.")
        self.editor.setPlaceholderText("Your private notes on this factsheet. Plain text or "
                                       "Markdown; saved as you type.")
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._on_edit)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Note, formatted")
        self.preview.setOpenExternalLinks(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.editor)
        self.stack.addWidget(self.preview)

        self.preview_button = QPushButton("Preview")
        self.preview_button.setCheckable(True)
        self.preview_button.setToolTip("Show the note formatted as Markdown (Ctrl+Shift+M)")
        self.preview_button.setAccessibleName("Preview the note formatted")
        self.preview_button.toggled.connect(self._toggle_preview)
        self.status = QLabel()
        self.status.setAccessibleName("Save status")
        self.delete_button = QPushButton("Delete note")
        self.delete_button.setAccessibleName("Delete this note")
        self.delete_button.clicked.connect(lambda: self.delete_current(confirm=True))
        row = QHBoxLayout()
        row.addWidget(self.preview_button)
        row.addWidget(self.status, 1)
        row.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        layout.addLayout(row)

        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        personal.notes_changed.connect(self._reload_if_changed_elsewhere)
        self.show_page(HOME)

    # -- which note ----------------------------------------------------------------------------
    def show_page(self, page: str) -> None:
        """Follow the window to `page` (HOME: no note)."""
        if page == HOME or self.window.store.get(page) is None:
            self.save_now()
            self._load(None)
        else:
            self._switch(page)

    def show_note(self, slug: str, focus: bool = True) -> None:
        """Show the note on `slug`, even if its factsheet is gone, and raise the panel."""
        self._switch(slug)
        dock = self.parentWidget()
        if isinstance(dock, QDockWidget):
            dock.show()
            dock.raise_()
        if focus:
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _switch(self, slug: str) -> None:
        if slug != self.slug:
            self.save_now()
            self._load(slug)

    def _load(self, slug: str | None) -> None:
        self._timer.stop()
        self.slug = slug
        self._dirty = False
        self.preview_button.setChecked(False)
        store = self.window.store
        if slug is None:
            self.title = ""
            self.heading.setText("<i>Open a factsheet to write notes about it.</i>")
            self._set_text("")
            self.editor.setEnabled(False)
            self.delete_button.setEnabled(False)
            self.preview_button.setEnabled(False)
            self.banner.hide()
            self.status.setText("")
            return
        sheet = store.get(slug)
        try:
            note = self.personal.data.note(slug)
        except UserDataError as exc:  # a damaged read: say so, keep going
            log.warning("cannot read note %s: %s", slug, exc)
            note = None
        self.title = sheet.title if sheet else (note.title if note else slug)
        self._digest = sheet.digest if sheet else (note.factsheet_digest if note else "")
        self.heading.setText(f"Notes on <b>{html.escape(self.title)}</b>")
        draft = self.unsaved.get(slug)
        self._set_text(draft[1] if draft else (note.text if note else ""))
        self._dirty = draft is not None
        messages = []
        if note is not None and note_status(note, store) is NoteStatus.ORPHANED:
            messages.append(f"“{note.title}” is no longer in the installed content. Your note "
                            "is kept: copy it somewhere or delete it.")
        elif note is not None and note_status(note, store) is NoteStatus.CHANGED:
            messages.append("This factsheet has been updated since you last saved this note.")
        if not self.personal.writable:
            messages.append(self.personal.data.notice or "Notes are read-only.")
        if draft:
            messages.append("This note has not been saved yet.")
        self._banner(" ".join(messages))
        self.editor.setEnabled(True)
        self.editor.setReadOnly(not self.personal.writable)
        self.preview_button.setEnabled(True)
        self.delete_button.setEnabled(note is not None and self.personal.writable)
        self.status.setText(f"Saved {_when(note.updated)}" if note and not draft else "")

    def _set_text(self, text: str) -> None:
        self._loading = True
        self.editor.setPlainText(text)
        self._loading = False

    def _banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    # -- saving --------------------------------------------------------------------------------
    def _on_edit(self) -> None:
        if self._loading or self.slug is None:
            return
        self._dirty = True
        self.status.setText("Editing…")
        self._timer.start()

    def save_now(self) -> bool:
        """Save the note shown if it changed; False when it could not be saved (kept as a
        draft in the panel)."""
        self._timer.stop()
        if not self._dirty or self.slug is None:
            return True
        slug, text = self.slug, self.editor.toPlainText()
        if not self.personal.writable:
            self.unsaved[slug] = (self.title, text, self._digest)
            self.status.setText("Not saved (read-only)")
            return False
        if self.personal.save_note(slug, self.title, text, self._digest):
            self._dirty = False
            self.unsaved.pop(slug, None)
            self.status.setText("Saved" if text.strip() else "Empty note removed")
            self.delete_button.setEnabled(bool(text.strip()))
            if self.banner.text().endswith("has not been saved yet."):
                self._banner("")
            return True
        self.unsaved[slug] = (self.title, text, self._digest)
        self.status.setText("Not saved")
        self._banner("Your note could not be saved just now. It is kept here and will be saved "
                     "with your next change.")
        return False

    def retry_unsaved(self) -> list[str]:
        """Try every draft again; the titles of those still not saved."""
        self.save_now()
        failed = []
        for slug, (title, text, digest) in list(self.unsaved.items()):
            if self.personal.writable and self.personal.save_note(slug, title, text, digest):
                del self.unsaved[slug]
            else:
                failed.append(title)
        return failed

    def delete_current(self, confirm: bool = True) -> None:
        if self.slug is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self, "Delete note", f"Delete your note on “{self.title}”? This cannot be undone.",
                QMessageBox.StandardButton.Delete | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Delete:
                return
        slug = self.slug
        if self.personal.delete_note(slug):
            self.unsaved.pop(slug, None)
            self._load(slug if self.window.store.get(slug) else None)

    def _reload_if_changed_elsewhere(self) -> None:
        # An import may have merged text into the note on screen; show it unless mid-edit.
        if self.slug is None or self._dirty:
            return
        try:
            note = self.personal.data.note(self.slug)
        except UserDataError as exc:
            log.warning("%s", exc)
            return
        if (note.text if note else "") != self.editor.toPlainText():
            self._load(self.slug)  # never while typing: that would move the cursor

    def _toggle_preview(self, on: bool) -> None:
        if on:
            self.preview.setHtml(_note_html(self.editor.toPlainText()))
        self.stack.setCurrentWidget(self.preview if on else self.editor)


def _note_html(text: str) -> str:
    """The note as HTML: Markdown, with any HTML the note contains shown as typed."""
    import markdown

    if not text.strip():
        return "<p><i>This note is empty.</i></p>"
    safe = text.replace("&", "&amp;").replace("<", "&lt;")
    return markdown.markdown(safe, extensions=["extra"], output_format="html")


def _when(iso: str) -> str:
    import datetime as dt

    try:
        stamp = dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return ""
    if stamp.date() == dt.date.today():
        return f"at {stamp:%H:%M}"
    return f"on {long_date(stamp.date())}"


class _SaveOnClose(QObject):
    """Saves notes when the window closes, and asks first if one cannot be saved."""

    def __init__(self, window, panel: NotesPanel) -> None:
        super().__init__(window)
        self.panel = panel

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Close:
            failed = self.panel.retry_unsaved()
            if failed:
                answer = QMessageBox.warning(
                    obj, "Notes not saved",
                    "These notes could not be saved and will be lost if you close now:\n\n"
                    + "\n".join(f"• {t}" for t in failed)
                    + "\n\nCopy their text somewhere safe first, or close anyway.",
                    QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Cancel)
                if answer != QMessageBox.StandardButton.Close:
                    event.ignore()
                    return True
        return False


def install(window) -> None:
    panel = NotesPanel(window, window.personal)
    dock = QDockWidget("Notes", window)
    dock.setObjectName("notes-dock")
    dock.setAccessibleName("Notes")
    dock.setWidget(panel)
    dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                         | Qt.DockWidgetArea.RightDockWidgetArea
                         | Qt.DockWidgetArea.BottomDockWidgetArea)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    contents = getattr(window, "contents_dock", None)
    if contents is not None:
        # Stacked, not tabbed: a student can follow the outline while writing a note.
        window.splitDockWidget(contents, dock, Qt.Orientation.Vertical)
        window.resizeDocks([contents, dock], [2, 3], Qt.Orientation.Vertical)
    window.notes_panel = panel
    window.notes_dock = dock
    window.page_shown.connect(panel.show_page)
    window._notes_close_guard = _SaveOnClose(window, panel)
    window.installEventFilter(window._notes_close_guard)

    toggle = dock.toggleViewAction()
    toggle.setText("&Notes panel")
    toggle.setObjectName("toggle-notes")
    window.view_menu.addAction(toggle)
    focus = QAction("Write a &note", window)
    focus.setObjectName("focus-notes")
    focus.setShortcut(QKeySequence("Ctrl+Shift+N"))

    def show() -> None:
        dock.show()
        dock.raise_()
        panel.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    focus.triggered.connect(show)
    window.go_menu.addAction(focus)
    window.focus_notes_action = focus
    preview = QAction("Preview note", panel)
    preview.setShortcut(QKeySequence("Ctrl+Shift+M"))
    preview.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    preview.triggered.connect(panel.preview_button.toggle)
    panel.addAction(preview)
