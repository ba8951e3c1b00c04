"""The kiosk's calm look: one Qt stylesheet built from the touch metrics."""

from __future__ import annotations

from reader.ui.kiosk.metrics import Metrics

BACKGROUND = "#f3f6f5"
SURFACE = "#ffffff"
BORDER = "#cfdcd7"
INK = "#1f2328"
MUTED = "#56606a"
HEADING = "#0b3d5c"
ACCENT = "#2f7d64"
ACCENT_DARK = "#1f5e4a"
PRESSED = "#e1eee9"
WARNING = "#a3231b"  # 7.5:1 on white: messages that need a person's attention
KEY = "#ffffff"
KEY_PANEL = "#dfe6e3"
# The border of whatever a keyboard has focused: the ink colour, 2 px (as wide as a button's own
# border, so nothing moves), at least 3:1 against the screen, a card, the keyboard panel and the
# colour it replaces (tests/render/test_theme_contrast.py).
FOCUS = INK


def kiosk_stylesheet(m: Metrics) -> str:
    """QSS for the kiosk window and everything in it."""
    radius = m.px(16)
    return f"""
#KioskWindow, #KioskWindow QStackedWidget > QWidget {{ background: {BACKGROUND}; }}
#KioskWindow QWidget {{ color: {INK}; font-size: {m.text}px; }}
#KioskWindow QScrollArea, #KioskWindow QScrollArea > QWidget > QWidget {{
    background: transparent; border: none; }}
QLabel#heading {{ color: {HEADING}; font-size: {m.heading}px; font-weight: 600; }}
QLabel#subheading {{ color: {HEADING}; font-size: {m.subheading}px; font-weight: 600; }}
QLabel#lead {{ color: {MUTED}; font-size: {m.px(26)}px; }}
QLabel#muted, QLabel#status {{ color: {MUTED}; font-size: {m.small}px; }}
QLabel#barTitle {{ color: {MUTED}; font-size: {m.px(22)}px; }}
QWidget#topBar {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; }}

QPushButton {{
    background: {SURFACE}; color: {INK}; border: 2px solid {BORDER}; border-radius: {radius}px;
    padding: 0 {m.px(22)}px; min-height: {m.button}px; min-width: {m.button}px;
    font-size: {m.px(24)}px; font-weight: 600; }}
QPushButton:pressed, QPushButton:checked {{ background: {PRESSED}; border-color: {ACCENT}; }}
QPushButton:disabled {{ color: #9aa3ab; border-color: #e1e6e4; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton#primary:pressed {{ background: {ACCENT_DARK}; }}
QPushButton#primary:disabled {{ background: #a9c7bd; border-color: #a9c7bd; }}
QPushButton#searchButton {{
    text-align: left; color: {MUTED}; font-weight: 400; font-size: {m.px(28)}px;
    min-height: {m.px(88)}px; padding-left: {m.px(28)}px; border-radius: {m.px(44)}px; }}

QPushButton#tile {{ min-height: {m.tile}px; text-align: left; padding: 0; }}
QLabel#tileTitle {{ color: {HEADING}; font-size: {m.px(28)}px; font-weight: 600;
                    background: transparent; }}
QLabel#tileSub {{ color: {MUTED}; font-size: {m.px(20)}px; background: transparent; }}

QLineEdit#search {{
    background: {SURFACE}; border: 2px solid {ACCENT}; border-radius: {m.px(44)}px;
    min-height: {m.px(88)}px; padding: 0 {m.px(28)}px; font-size: {m.px(30)}px; }}

#keyboard {{ background: {KEY_PANEL}; border-top: 1px solid {BORDER}; }}
#keyboard QPushButton {{ background: {KEY}; min-height: {m.key}px; min-width: {m.key}px;
    font-size: {m.px(28)}px; font-weight: 500; border-radius: {m.px(12)}px; padding: 0; }}
#keyboard QPushButton#wideKey {{ font-size: {m.px(22)}px; }}

#overlay QFrame#panel {{ background: {SURFACE}; border-radius: {m.px(24)}px; }}
#overlay QLabel {{ background: transparent; }}
QLabel#pinMessage {{ color: {WARNING}; font-size: {m.text}px; font-weight: 600; }}
QLabel#pinDots {{ font-size: {m.px(40)}px; letter-spacing: {m.px(8)}px; color: {HEADING}; }}
#pinPad QPushButton {{ min-width: {m.px(110)}px; min-height: {m.px(84)}px;
                       font-size: {m.px(32)}px; }}

QListWidget {{ background: {SURFACE}; border: 2px solid {BORDER}; border-radius: {radius}px;
               font-size: {m.px(24)}px; }}
QListWidget::item {{ border-bottom: 1px solid {BORDER}; padding: {m.px(6)}px; }}
QListWidget::item:selected {{ background: {PRESSED}; color: {INK}; }}
QTextBrowser {{ background: {SURFACE}; border: 2px solid {SURFACE}; }}

QPushButton:focus, QPushButton#primary:focus, QPushButton#tile:focus,
QPushButton#searchButton:focus, QListWidget:focus, QTextBrowser:focus {{ border-color: {FOCUS}; }}

QScrollBar:vertical {{ background: {BACKGROUND}; width: {m.scrollbar}px; margin: 0; }}
QScrollBar::handle:vertical {{ background: #b7c6c0; border-radius: {m.scrollbar // 2 - 2}px;
                               min-height: {m.px(80)}px; margin: 3px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; width: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QScrollBar:horizontal {{ height: 0; }}
"""
