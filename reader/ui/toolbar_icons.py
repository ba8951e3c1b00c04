"""The toolbar's icons, drawn in the window's own text colour so they show in every theme.

The style's standard arrows are black pixmaps: on the dark theme's toolbar they were close to
invisible (about 1.2:1). These are painted from the palette each time the theme changes.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

SIZES = (16, 24, 32, 48)


def _path(kind: str, s: float) -> QPainterPath:
    path = QPainterPath()
    if kind in ("back", "forward"):
        # An arrow: a shaft and a head, pointing left for back.
        sign = -1 if kind == "back" else 1
        cx, cy = s / 2, s / 2
        tip = QPointF(cx + sign * s * 0.36, cy)
        path.moveTo(cx - sign * s * 0.36, cy)
        path.lineTo(tip)
        path.moveTo(cx + sign * s * 0.06, cy - s * 0.3)
        path.lineTo(tip)
        path.lineTo(cx + sign * s * 0.06, cy + s * 0.3)
    elif kind == "home":
        # A house: roof and walls with a door.
        path.moveTo(s * 0.12, s * 0.5)
        path.lineTo(s * 0.5, s * 0.14)
        path.lineTo(s * 0.88, s * 0.5)
        path.moveTo(s * 0.24, s * 0.42)
        path.lineTo(s * 0.24, s * 0.86)
        path.lineTo(s * 0.76, s * 0.86)
        path.lineTo(s * 0.76, s * 0.42)
        path.moveTo(s * 0.43, s * 0.86)
        path.lineTo(s * 0.43, s * 0.62)
        path.lineTo(s * 0.57, s * 0.62)
        path.lineTo(s * 0.57, s * 0.86)
    elif kind == "star":
        for i in range(10):
            r = s * (0.46 if i % 2 == 0 else 0.19)
            a = math.pi / 2 + i * math.pi / 5
            point = QPointF(s / 2 + r * math.cos(a), s * 0.53 - r * math.sin(a))
            path.moveTo(point) if i == 0 else path.lineTo(point)
        path.closeSubpath()
    else:
        raise ValueError(f"no toolbar icon called {kind!r}")
    return path


def _pixmap(kind: str, size: int, colour: QColor, fill: QColor | None = None) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour if fill is None else fill.darker(130))
    pen.setWidthF(1.0 if kind == "star" else max(1.5, size / 11))
    painter.setPen(pen)
    if fill is not None:
        painter.setBrush(fill)
    painter.drawPath(_path(kind, size))
    painter.end()
    return pixmap


def toolbar_icon(kind: str, colour: QColor) -> QIcon:
    """`back`, `forward` or `home` in `colour`, greyed when the action is disabled."""
    disabled = QColor(colour)
    disabled.setAlphaF(0.38)
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(_pixmap(kind, size, colour), QIcon.Mode.Normal)
        icon.addPixmap(_pixmap(kind, size, disabled), QIcon.Mode.Disabled)
    return icon


def star_icon(outline: QColor) -> QIcon:
    """A star: hollow when off, filled gold when on (the bookmark toggle's two states)."""
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(_pixmap("star", size, outline), QIcon.Mode.Normal, QIcon.State.Off)
        icon.addPixmap(_pixmap("star", size, outline, QColor("#e3a008")), QIcon.Mode.Normal,
                       QIcon.State.On)
    return icon


def recolour_toolbar(window) -> None:
    """Paint the toolbar's icons in the window palette's button text colour."""
    colour = window.palette().color(QPalette.ColorRole.ButtonText)
    for name, kind in (("back_action", "back"), ("forward_action", "forward"),
                       ("home_action", "home")):
        action = getattr(window, name, None)
        if action is not None:
            action.setIcon(toolbar_icon(kind, colour))
    bookmark = getattr(window, "bookmark_action", None)
    if bookmark is not None:
        bookmark.setIcon(star_icon(colour))
