"""A kiosk window over the sample content, with a fake clock and a PDF "printer"."""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from reader.content import load_content
from reader.kiosk.config import KioskConfig
from reader.kiosk.pin import hash_pin
from reader.paths import AppPaths
from reader.ui.kiosk.launch import create_kiosk_window
from reader.ui.kiosk.metrics import Metrics

PIN = "2468"
PIN_HASH = hash_pin(PIN, n=2**10)
LONG_BODY = (
    "## What is it?\n\nLower back pain [@smith2020]. See [sciatica](sciatica) and "
    "[an outside page](https://example.org/x).\n\n" + "\n\n".join(
        f"Paragraph {i} about back pain and the lower back in some detail." for i in range(60))
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


class PdfPrinters:
    """Hands out QPrinters that write PDF files, one per print job."""

    def __init__(self, folder) -> None:
        self.folder = folder
        self.files = []

    def __call__(self):
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        path = self.folder / f"print-{len(self.files) + 1}.pdf"
        printer.setOutputFileName(str(path))
        self.files.append(path)
        return printer


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def printers(tmp_path):
    return PdfPrinters(tmp_path)


@pytest.fixture
def make_kiosk(qtbot, sample_content, tmp_path, clock, printers):
    """make_kiosk(**config) -> a shown KioskWindow; closed by a staff exit after the test."""
    sample_content.add("chronic-low-back-pain", related=("sciatica",),
                       aliases=("lumbago", "lower back pain", "LBP"), body=LONG_BODY)
    store = load_content(sample_content.root)
    assert store.problems == ()

    def make(start_search: bool = False, real_time: bool = False,
             metrics: Metrics | None = None, **config):
        config.setdefault("enabled", True)
        config.setdefault("pin_hash", PIN_HASH)
        window = create_kiosk_window(store, AppPaths.under(tmp_path / "home"),
                                     KioskConfig(**config), metrics=metrics or Metrics(1.0),
                                     clock=time.monotonic if real_time else clock,
                                     printer_factory=printers)
        qtbot.addWidget(window, before_close_func=lambda w: w.staff_exit())
        window.show()
        if start_search:
            with qtbot.waitSignal(window.search_service.ready, timeout=20000):
                window.search_service.start()
        return window

    return make
