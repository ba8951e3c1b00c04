"""Render resources/icons/factsheet-reader.svg into the PNG sizes, the Windows .ico and the macOS
.icns that sit beside it. Run after changing the SVG and commit the results:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py

Uses Qt's own SVG renderer (PySide6-Essentials has QtSvg), so no other tool is needed. Both
container formats hold PNG images, which Windows (Vista and later) and macOS (10.7 and later) read.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "factsheet-reader.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# .icns element types that hold a PNG of the given pixel size (ic11..ic14 are the @2x variants).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"ic11", 32), (b"icp6", 64), (b"ic12", 64),
              (b"ic07", 128), (b"ic08", 256), (b"ic13", 256), (b"ic09", 512), (b"ic14", 512),
              (b"ic10", 1024))


def png_name(size: int) -> str:
    return f"factsheet-reader-{size}.png"


def render_png(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows icon file holding the PNG images (size -> PNG bytes)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        png = images[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS icon file holding the PNG images (size -> PNG bytes)."""
    body = b"".join(kind + struct.pack(">I", len(images[size]) + 8) + images[size]
                    for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (needed by QImage)
    images = {size: render_png(size) for size in {*PNG_SIZES, *ICO_SIZES, 1024}}
    for size in PNG_SIZES:
        (ICONS / png_name(size)).write_bytes(images[size])
    (ICONS / "factsheet-reader.ico").write_bytes(ico({s: images[s] for s in ICO_SIZES}))
    (ICONS / "factsheet-reader.icns").write_bytes(icns(images))
    print(f"wrote {len(PNG_SIZES)} PNGs, factsheet-reader.ico and factsheet-reader.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
