"""Printing a factsheet handout straight to the default printer: no print dialog on a kiosk.

The handout itself (clinic name at the top, page numbers, no links) is the one the reading window
prints, from reader/ui/handout.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QPagedPaintDevice

from reader.content.model import Factsheet
from reader.render.handout import HandoutHeader
from reader.ui.handout import HandoutError, paint_handout

log = logging.getLogger(__name__)

PrinterFactory = Callable[[], QPagedPaintDevice | None]


def default_printer() -> QPagedPaintDevice | None:
    """A QPrinter for the system's default printer, or None when there is none."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo  # only when printing is allowed

    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return None
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName("Factsheet")
    return printer


def print_handout(device: QPagedPaintDevice, sheet: Factsheet, clinic_name: str) -> int:
    """Print `sheet` as a handout on `device`; the number of pages. Raises HandoutError."""
    printed = paint_handout(device, sheet, HandoutHeader(clinic_name=clinic_name))
    state = getattr(device, "printerState", None)
    if state is not None:
        from PySide6.QtPrintSupport import QPrinter

        if state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
            raise HandoutError(None, "the printer reported an error")
    return printed.pages
