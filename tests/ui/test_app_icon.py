"""The app icon: every size shipped, rendered from the SVG, and set on the app."""

from __future__ import annotations

import struct

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from reader.ui.app_icon import APP_ID, ICON_SIZES, load_app_icon, set_app_identity
from tests.conftest import REPO

ICONS = REPO / "resources" / "icons"


def test_every_png_size_is_there_and_is_that_size():
    assert (ICONS / "factsheet-reader.svg").is_file()
    for size in ICON_SIZES:
        image = QImage(str(ICONS / f"factsheet-reader-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()


def test_windows_and_macos_icon_files_hold_pngs():
    ico = (ICONS / "factsheet-reader.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    for n in range(count):
        *_, size, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * n: 22 + 16 * n])
        assert ico[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
    icns = (ICONS / "factsheet-reader.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic09" in icns and b"icp4" in icns


def test_the_icon_loads_in_every_size(qapp):
    icon = load_app_icon(REPO / "resources")
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= set(ICON_SIZES)
    assert icon.pixmap(QSize(48, 48)).width() == 48


def test_a_missing_icon_folder_gives_an_empty_icon_and_a_warning(qapp, tmp_path, caplog):
    assert load_app_icon(tmp_path).isNull()
    assert "no app icon" in caplog.text


def test_the_app_carries_the_icon_and_desktop_id(qapp):
    set_app_identity(qapp, REPO / "resources")
    assert not qapp.windowIcon().isNull()
    assert qapp.desktopFileName() == APP_ID
