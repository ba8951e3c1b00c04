"""File > Print handout (Ctrl+P), Print preview, Export handout as PDF and Handout settings.

The handout is the factsheet for a patient to take home: the clinic's name and contact line at
the top, page numbers at the foot, no links, notes or navigation (reader/render/handout.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)

from reader.render.handout import PAPER_SIZES, HandoutHeader
from reader.ui.navigation import HOME

log = logging.getLogger(__name__)


def header_from(settings) -> HandoutHeader:
    return HandoutHeader(settings.clinic_name, settings.clinic_contact)


class HandoutActions:
    def __init__(self, window) -> None:
        self.window = window

    def current_sheet(self):
        return self.window.current_sheet()

    def _need_sheet(self):
        sheet = self.current_sheet()
        if sheet is None:
            self.window.statusBar().showMessage("Open a factsheet to print it as a handout.", 5000)
        return sheet

    def make_printer(self):
        from PySide6.QtPrintSupport import QPrinter

        from reader.ui.handout import page_layout

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(self.window.settings.paper_size))
        sheet = self.current_sheet()
        if sheet is not None:
            printer.setDocName(sheet.title)
        return printer

    def print_to(self, printer) -> int:
        """Paint the current handout on `printer`; returns the number of pages."""
        from reader.ui.handout import HandoutError, paint_handout

        sheet = self.current_sheet()
        if sheet is None:
            return 0
        try:
            return paint_handout(printer, sheet, header_from(self.window.settings)).pages
        except HandoutError as exc:
            QMessageBox.warning(self.window, "Print handout", f"Printing failed: {exc.message}")
            return 0

    def print_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        if self._need_sheet() is None:
            return
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle("Print handout")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            pages = self.print_to(printer)
            if pages:
                self.window.statusBar().showMessage(
                    f"Sent {pages} page{'s' if pages != 1 else ''} to the printer.", 5000)

    def preview_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        if self._need_sheet() is None:
            return
        dialog = QPrintPreviewDialog(self.make_printer(), self.window)
        dialog.setWindowTitle("Handout preview")
        dialog.paintRequested.connect(self.print_to)
        dialog.exec()

    def export_pdf(self, path: Path) -> bool:
        from reader.ui.handout import HandoutError, write_handout_pdf

        sheet = self.current_sheet()
        if sheet is None:
            return False
        try:
            result = write_handout_pdf(sheet, path, header_from(self.window.settings),
                                       self.window.settings.paper_size)
        except HandoutError as exc:
            QMessageBox.warning(self.window, "Export handout", f"The PDF could not be saved.\n\n"
                                                               f"{exc}")
            return False
        self.window.statusBar().showMessage(
            f"Saved a {result.pages}-page handout to {path}.", 6000)
        return True

    def export_dialog(self) -> None:
        sheet = self._need_sheet()
        if sheet is None:
            return
        start = str(Path.home() / f"{sheet.slug}.pdf")
        path, _ = QFileDialog.getSaveFileName(self.window, "Export handout as PDF", start,
                                              "PDF (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.export_pdf(Path(path))

    def settings_dialog(self) -> None:
        dialog = HandoutSettingsDialog(self.window.settings, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            dialog.apply()
            try:
                self.window.settings.save()
            except OSError as exc:
                QMessageBox.warning(self.window, "Handout settings",
                                    f"The settings could not be saved: {exc.strerror or exc}")


class HandoutSettingsDialog(QDialog):
    """The clinic's name and contact line printed at the top, and the paper size."""

    def __init__(self, settings, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Handout settings")
        self.name = QLineEdit(settings.clinic_name)
        self.name.setAccessibleName("Clinic name")
        self.name.setPlaceholderText("e.g. Riverside Acupuncture Clinic")
        self.contact = QLineEdit(settings.clinic_contact)
        self.contact.setAccessibleName("Contact line")
        self.contact.setPlaceholderText("Address · phone · website")
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        self.paper.addItems(PAPER_SIZES)
        self.paper.setCurrentText(settings.paper_size if settings.paper_size in PAPER_SIZES
                                  else "A4")
        form = QFormLayout()
        form.addRow("Clinic &name:", self.name)
        form.addRow("&Contact line:", self.contact)
        form.addRow("&Paper:", self.paper)
        note = QLabel("Printed at the top of every handout. Leave both empty for none.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def apply(self) -> None:
        self.settings.clinic_name = self.name.text().strip()
        self.settings.clinic_contact = self.contact.text().strip()
        self.settings.paper_size = self.paper.currentText()


def install(window) -> None:
    actions = HandoutActions(window)
    window.handout_actions = actions
    menu = window.file_menu
    first = menu.actions()[0] if menu.actions() else None

    def add(text: str, slot, name: str, keys=None) -> QAction:
        act = QAction(text, window)
        act.setObjectName(name)
        if keys:
            act.setShortcuts(keys if isinstance(keys, list) else [keys])
        act.triggered.connect(slot)
        menu.insertAction(first, act) if first else menu.addAction(act)
        return act

    # First in the File menu: printing is what a practitioner in clinic does most.
    window.print_action = add("&Print handout…", actions.print_dialog, "print-handout",
                              QKeySequence(QKeySequence.StandardKey.Print))
    window.print_preview_action = add("Print pre&view…", actions.preview_dialog,
                                      "print-preview")
    window.export_pdf_action = add("&Export handout as PDF…", actions.export_dialog,
                                   "export-handout-pdf", QKeySequence("Ctrl+Shift+P"))
    add("Handout &settings…", actions.settings_dialog, "handout-settings")
    if first:
        menu.insertSeparator(first)

    def update(page: str) -> None:
        has_sheet = page != HOME and window.store.get(page) is not None
        for act in (window.print_action, window.print_preview_action, window.export_pdf_action):
            act.setEnabled(has_sheet)

    window.page_shown.connect(update)
    update(window.current_page() or HOME)
