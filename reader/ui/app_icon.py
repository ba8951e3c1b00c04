"""How the desktop recognises the app: its icon and the id of its .desktop file."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

# Reverse-DNS id shared by the .desktop file, the AppStream metainfo and the installed icon name
# (packaging/linux/); Wayland compositors match windows to the .desktop file by it.
APP_ID = "org.factsheetreader.FactsheetReader"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def load_app_icon(resources: Path) -> QIcon:
    """The app icon in every size shipped in resources/icons (an empty icon if none is there)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = Path(resources) / "icons" / f"factsheet-reader-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    if icon.isNull():
        log.warning("no app icon found in %s", Path(resources) / "icons")
    return icon


def set_app_identity(app: QApplication, resources: Path) -> None:
    """Give every window the app icon and tell the desktop which .desktop file is ours."""
    app.setWindowIcon(load_app_icon(resources))
    app.setDesktopFileName(APP_ID)
