"""Citations for students: copy a reference or all of them (Vancouver or APA), export RIS and
BibTeX for one factsheet or every bookmarked one.

The "Cite…" link under each reference (`cite:KEY`) and a right-click on a reference or a
citation number open the same menu for that one study. All formatting is done by
reader/content/citations.py; this module only moves text to the clipboard or a file.
"""

from __future__ import annotations

import atexit
import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QAction, QCursor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from reader.atomic_write import write_text_atomically
from reader.content.citations import (
    apa_order,
    collect_references,
    format_apa,
    format_apa_html,
    format_reference_list,
    format_vancouver,
    numbered_references,
)
from reader.content.model import Reference
from reader.render.page import CITE_SCHEME
from reader.ui.navigation import HOME

log = logging.getLogger(__name__)
STYLE_LABELS = {"vancouver": "Vancouver", "apa": "APA", "ris": "RIS", "bibtex": "BibTeX"}
FILE_FILTERS = {"ris": "RIS – Zotero, EndNote, Mendeley (*.ris)",
                "bibtex": "BibTeX – LaTeX, JabRef, Zotero (*.bib)"}
EXTENSIONS = {"ris": ".ris", "bibtex": ".bib"}


def copy_references(refs: list[Reference], style: str) -> str:
    """Put `refs` on the clipboard in `style`; returns the plain text copied.

    APA also goes on as HTML, so a word processor keeps its italics."""
    if len(refs) == 1 and style in ("vancouver", "apa"):
        text = (format_vancouver if style == "vancouver" else format_apa)(refs[0])  # no "1."
    else:
        text = format_reference_list(refs, style)
    mime = QMimeData()
    mime.setText(text)
    if style == "apa":
        mime.setHtml("".join(f"<p>{format_apa_html(r)}</p>" for r in apa_order(refs)))
    QGuiApplication.clipboard().setMimeData(mime)
    _release_clipboard_at_exit()
    return text


@cache
def _release_clipboard_at_exit() -> None:
    """Empty the clipboard before Python shuts down.

    PySide6 crashes the process at exit (SIGSEGV) when the clipboard still owns a QMimeData made
    in Python by the time the QApplication is destroyed. Clearing it first avoids that; what was
    copied is gone from the clipboard once the app has quit anyway, unless a clipboard manager
    took a copy, which it does when the text is copied."""
    def clear() -> None:
        app = QGuiApplication.instance()
        if app is not None:
            QGuiApplication.clipboard().clear()

    atexit.register(clear)


def save_references(path: Path, refs: list[Reference], style: str) -> None:
    """Write `refs` to `path` as RIS (CR LF line ends, as the spec asks) or BibTeX; raises
    OSError and then leaves no file behind."""
    write_text_atomically(path, format_reference_list(refs, style),
                          newline="\r\n" if style == "ris" else "\n")


class CitationActions:
    def __init__(self, window) -> None:
        self.window = window

    def current_sheet(self):
        return self.window.current_sheet()

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 5000)

    # -- one factsheet -------------------------------------------------------------------------
    def copy_all(self, style: str) -> None:
        sheet = self.current_sheet()
        if sheet is None or not sheet.references:
            self._say("Open a factsheet to copy its references.")
            return
        refs = numbered_references(sheet)
        copy_references(refs, style)
        self._say(f"Copied {len(refs)} reference{'s' if len(refs) != 1 else ''} "
                  f"({STYLE_LABELS[style]}).")

    def export_current(self, style: str) -> None:
        sheet = self.current_sheet()
        if sheet is None or not sheet.references:
            self._say("Open a factsheet to export its references.")
            return
        self._export_dialog(numbered_references(sheet), style, sheet.slug)

    # -- bookmarked factsheets -----------------------------------------------------------------
    def export_bookmarked(self) -> None:
        personal = getattr(self.window, "personal", None)
        marks = personal.data.bookmarks() if personal is not None else []
        sheets = [self.window.store.get(b.slug) for b in marks]
        sheets = [s for s in sheets if s is not None]
        if not sheets:
            QMessageBox.information(self.window, "Export references",
                                    "There are no bookmarked factsheets yet. Bookmark a "
                                    "factsheet with Ctrl+D, then export its references here.")
            return
        self._export_dialog(collect_references(sheets), None, "bookmarked-factsheets")

    def _export_dialog(self, refs: list[Reference], style: str | None, name: str) -> None:
        styles = [style] if style else ["ris", "bibtex"]
        filters = ";;".join(FILE_FILTERS[s] for s in styles)
        start = str(Path.home() / f"{name}{EXTENSIONS[styles[0]]}")
        path, chosen = QFileDialog.getSaveFileName(self.window, "Export references", start,
                                                   filters)
        if not path:
            return
        fmt = next((s for s in styles if FILE_FILTERS[s] == chosen), styles[0])
        if path.lower().endswith(".bib"):
            fmt = "bibtex" if "bibtex" in styles else fmt
        elif path.lower().endswith(".ris"):
            fmt = "ris" if "ris" in styles else fmt
        self.save(Path(path), refs, fmt)

    def save(self, path: Path, refs: list[Reference], style: str) -> bool:
        try:
            save_references(path, refs, style)
        except OSError as exc:
            QMessageBox.warning(self.window, "Export references",
                                f"The references could not be saved to {path}:\n"
                                f"{exc.strerror or exc}")
            return False
        self._say(f"Saved {len(refs)} reference{'s' if len(refs) != 1 else ''} to {path}.")
        return True

    # -- one reference -------------------------------------------------------------------------
    def reference_menu(self, key: str) -> QMenu | None:
        sheet = self.current_sheet()
        ref = sheet.reference(key) if sheet else None
        if ref is None:
            return None
        menu = QMenu(self.window)
        menu.setObjectName("cite-menu")
        menu.setAccessibleName("Cite this study")
        for style in ("vancouver", "apa", "bibtex", "ris"):
            act = menu.addAction(f"Copy as {STYLE_LABELS[style]}")
            act.triggered.connect(lambda _c=False, s=style: self._copy_one(ref, s))
        return menu

    def _copy_one(self, ref: Reference, style: str) -> None:
        copy_references([ref], style)
        self._say(f"Copied the reference ({STYLE_LABELS[style]}).")

    def on_anchor(self, url: QUrl) -> None:
        if url.scheme() == CITE_SCHEME:
            menu = self.reference_menu(url.path())
            if menu is not None:
                menu.popup(QCursor.pos())

    def page_context_menu(self, pos) -> None:
        page = self.window.page
        menu = page.createStandardContextMenu(pos)
        href = page.anchorAt(pos)
        key = None
        if href.startswith(f"{CITE_SCHEME}:"):
            key = href.split(":", 1)[1]
        elif href.startswith("#ref-"):
            key = href[len("#ref-"):]
        cite = self.reference_menu(key) if key else None
        if cite is not None:
            menu.addSeparator()
            for act in cite.actions():
                menu.addAction(act)
        menu.exec(page.viewport().mapToGlobal(pos))


def install(window) -> None:
    actions = CitationActions(window)
    window.citation_actions = actions
    window.page.anchorClicked.connect(actions.on_anchor)
    page = window.page
    from PySide6.QtCore import Qt

    page.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    page.customContextMenuRequested.connect(actions.page_context_menu)

    menu = window.file_menu.addMenu("&References")
    menu.menuAction().setObjectName("references-menu")

    def add(text: str, slot, name: str, keys: str | None = None) -> QAction:
        act = QAction(text, window)
        act.setObjectName(name)
        if keys:
            act.setShortcut(QKeySequence(keys))
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    add("Copy references (&Vancouver)", lambda: actions.copy_all("vancouver"),
        "copy-references-vancouver", "Ctrl+Shift+C")
    add("Copy references (&APA)", lambda: actions.copy_all("apa"), "copy-references-apa",
        "Ctrl+Alt+C")
    menu.addSeparator()
    add("Export references as &RIS…", lambda: actions.export_current("ris"), "export-ris",
        "Ctrl+Shift+R")
    add("Export references as &BibTeX…", lambda: actions.export_current("bibtex"),
        "export-bibtex")
    menu.addSeparator()
    add("Export references of all &bookmarked factsheets…", actions.export_bookmarked,
        "export-bookmarked-references")

    def update(page: str) -> None:
        has_refs = page != HOME and bool(getattr(window.store.get(page), "references", ()))
        for act in menu.actions():
            if act.objectName() in ("copy-references-vancouver", "copy-references-apa",
                                    "export-ris", "export-bibtex"):
                act.setEnabled(has_refs)

    window.page_shown.connect(update)
    update(window.current_page() or HOME)
