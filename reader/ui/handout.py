"""Lay a handout out on paper and paint it, with "Page n of m" in the footer of every page.

Works on any QPagedPaintDevice: a QPdfWriter (export, `factsheet-reader export-pdf`) or a QPrinter
(File > Print handout). Only QtGui is used here, so the command line can make a PDF with a
QGuiApplication on the offscreen platform and no widgets.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from reader.content.model import Factsheet
from reader.render.handout import NO_HEADER, HandoutHeader, render_handout
from reader.ui.heading_sizes import apply_stylesheet_heading_sizes
from reader.ui.page_breaks import keep_together

log = logging.getLogger(__name__)

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
MARGIN_MM = 14.0
FOOTER_GAP_PT = 10.0
FOOTER_FONT_PT = 8.5
PDF_DPI = 300
PAPER = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
TIGHTEN_BELOW = 0.4  # of the last page
FOOTER_COLOUR = "#4d4d4d"  # 8.5:1 on white paper


class HandoutError(Exception):
    def __init__(self, path: Path | None, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


@dataclass(frozen=True)
class PrintedHandout:
    pages: int


def page_layout(paper: str) -> QPageLayout:
    """Portrait `paper` (A4 or Letter; anything else is A4) with our margins, in millimetres."""
    size = QPageSize(PAPER.get(paper, QPageSize.PageSizeId.A4))
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def paint_handout(device: QPagedPaintDevice, sheet: Factsheet,
                  header: HandoutHeader) -> PrintedHandout:
    """Paint the handout onto `device` (already set to its paper and margins), page by page.

    Every page's footer names the clinic (when set) and the factsheet, so a loose page is still
    the clinic's, and says "Page n of m"."""
    painter = QPainter()
    if not painter.begin(device):
        raise HandoutError(None, "the printer or file could not be opened for writing")
    try:
        paint_rect = device.pageLayout().paintRectPixels(device.resolution())
        width, height = float(paint_rect.width()), float(paint_rect.height())
        footer_font = QFont(FONT)
        footer_font.setPointSizeF(FOOTER_FONT_PT)
        metrics = QFontMetricsF(footer_font, device)
        footer_h = metrics.height() + FOOTER_GAP_PT * device.logicalDpiY() / 72.0
        size = QSizeF(width, height - footer_h)
        doc = _laid_out(device, sheet, header, size, compact=False)
        if doc.pageCount() > 1 and _last_page_fill(doc) < TIGHTEN_BELOW:
            # A last page holding a few lines is a page wasted: set the type a little
            # tighter if that saves it.
            tight = _laid_out(device, sheet, header, size, compact=True)
            if tight.pageCount() < doc.pageCount():
                doc = tight
        pages = max(1, doc.pageCount())
        clinic = header.clinic_name.strip()
        label = f"{clinic} · {sheet.title}" if clinic else sheet.title
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * (height - footer_h))
            clip = QRectF(0, page * (height - footer_h), width, height - footer_h)
            doc.drawContents(painter, clip)
            painter.restore()
            _footer(painter, footer_font, QRectF(0, height - metrics.height(), width,
                                                 metrics.height()), label, page + 1, pages)
    finally:
        painter.end()
    return PrintedHandout(pages)


def _laid_out(device: QPagedPaintDevice, sheet: Factsheet, header: HandoutHeader, size: QSizeF,
              compact: bool) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(QFont(FONT, 10))
    # Lay the text out in the device's own units, so points are points on paper and the
    # stylesheet's pixel lengths are scaled from the screen's 96 dpi.
    doc.documentLayout().setPaintDevice(device)
    doc.setHtml(render_handout(sheet, header, compact=compact))
    apply_stylesheet_heading_sizes(doc)
    doc.setDocumentMargin(0)
    doc.setPageSize(size)
    keep_together(doc)
    return doc


def _last_page_fill(doc: QTextDocument) -> float:
    """How much of the last page the text takes, from 0 to 1."""
    page = doc.pageSize().height()
    used = doc.documentLayout().documentSize().height() - (doc.pageCount() - 1) * page
    return max(0.0, min(1.0, used / page))


def _footer(painter: QPainter, font: QFont, rect: QRectF, label: str, page: int,
            pages: int) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(FOOTER_COLOUR))
    painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
    painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     f"Page {page} of {pages}")
    painter.restore()


def write_handout_pdf(sheet: Factsheet, path: Path, header: HandoutHeader = NO_HEADER,
                      paper: str = "A4") -> PrintedHandout:
    """Write the handout as a PDF at `path` (atomically: a failed export leaves no half file).

    Needs a QGuiApplication (see `ensure_gui_application`). Raises HandoutError."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise HandoutError(path, "the folder does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".handout-", suffix=".pdf", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise HandoutError(path, f"cannot write here: {exc.strerror or exc}") from exc
    try:
        writer = QPdfWriter(tmp)
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(page_layout(paper))
        writer.setTitle(sheet.title)
        writer.setCreator("Factsheet Reader")
        result = paint_handout(writer, sheet, header)
        del writer  # finishes the file
        if Path(tmp).stat().st_size == 0:
            raise HandoutError(path, "the PDF could not be written")
        os.replace(tmp, path)
        return result
    except OSError as exc:
        raise HandoutError(path, f"cannot write the PDF: {exc.strerror or exc}") from exc
    finally:
        Path(tmp).unlink(missing_ok=True)


def ensure_gui_application() -> None:
    """Start a QApplication for painting (offscreen when there is no display) unless one runs.

    The command line uses this; the window already has its QApplication. A QApplication rather
    than a bare QGuiApplication, so that anything later in the same process may use widgets."""
    from PySide6.QtWidgets import QApplication

    if QGuiApplication.instance() is not None:
        return
    args = ["factsheet-reader"]
    if not os.environ.get("QT_QPA_PLATFORM"):
        args += ["-platform", "offscreen"]  # a PDF needs no screen, and there may be none
    app = QApplication(args)
    # Kept alive for the rest of the process, as Qt requires.
    ensure_gui_application._app = app  # type: ignore[attr-defined]
