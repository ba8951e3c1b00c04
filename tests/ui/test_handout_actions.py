"""Printing and exporting the handout from the window, and its settings."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter

from reader.settings import Settings
from reader.ui.handout_actions import HandoutSettingsDialog
from tests.ui import reading_window

reader_window = reading_window.reader_window  # the fixture


def test_print_goes_through_the_same_painter(reader_window, tmp_path):
    win = reader_window
    assert not win.print_action.isEnabled()  # nothing to print on the home page
    win.open_factsheet("sciatica")
    assert win.print_action.isEnabled()
    printer = win.handout_actions.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert win.handout_actions.print_to(printer) >= 1
    assert out.read_bytes().startswith(b"%PDF")
    assert printer.docName() == "Sciatica"


def test_export_uses_the_clinic_settings(reader_window, tmp_path):
    win = reader_window
    win.settings.clinic_name = "Harbour Clinic"
    win.settings.paper_size = "Letter"
    win.open_factsheet("sciatica")
    out = tmp_path / "sciatica.pdf"
    assert win.handout_actions.export_pdf(out)
    data = out.read_bytes()
    assert b"/MediaBox [0 0 612" in data
    assert "Saved a" in win.statusBar().currentMessage()


def test_settings_dialog_saves_clinic_and_paper(qtbot, tmp_path):
    settings = Settings(path=tmp_path / "settings.json")
    dialog = HandoutSettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.name.setText("  Harbour Clinic ")
    dialog.contact.setText("1 Quay Street · 01234 000000")
    dialog.paper.setCurrentText("Letter")
    dialog.apply()
    assert (settings.clinic_name, settings.clinic_contact, settings.paper_size) == (
        "Harbour Clinic", "1 Quay Street · 01234 000000", "Letter")
    assert dialog.name.accessibleName() == "Clinic name"
