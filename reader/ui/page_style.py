"""View > Theme and zoom: light, dark (following the system) or high contrast; Ctrl+plus/minus/0.

Both are kept in Settings (`theme`, `zoom`) and applied by re-rendering the page with the theme's
colours and scaled point sizes, keeping the reader's place. Zoom counts from the desktop's own
text size when that is larger than the page's (reader/render/theme.py), and follows it when it
changes. An explicit dark or high-contrast choice also recolours the window, so the page does
not sit in a light frame.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QKeySequence, QPalette

from reader.render.theme import ZOOM_MAX, ZOOM_MIN, Theme, clamp_zoom, theme_named, zoom_factor
from reader.ui.page_view import MAX_TEXT_WIDTH
from reader.ui.toolbar_icons import recolour_toolbar

log = logging.getLogger(__name__)

THEME_LABELS = (("system", "Follow the &system"), ("light", "&Light"), ("dark", "&Dark"),
                ("high-contrast", "&High contrast"))


def system_is_dark() -> bool:
    """True when the desktop asks for dark colours."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def window_palette(theme: Theme) -> QPalette:
    """A palette for the window's widgets that matches `theme`."""
    base = QColor(theme.background)
    text = QColor(theme.text)
    if theme.name == "high-contrast":
        window = base
        alt = base
        button = base
        highlight = QColor(theme.link)
        highlighted_text = QColor(theme.background)
    else:
        window = base.lighter(125) if theme.dark else QColor("#f3f4f6")
        alt = base.lighter(115) if theme.dark else QColor("#f6f8fa")
        button = base.lighter(140) if theme.dark else QColor("#eceef1")
        highlight = QColor("#1f6feb") if theme.dark else QColor("#0969da")
        highlighted_text = QColor("#ffffff")
    pal = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        pal.setColor(group, QPalette.ColorRole.Window, window)
        pal.setColor(group, QPalette.ColorRole.WindowText, text)
        pal.setColor(group, QPalette.ColorRole.Base, base)
        pal.setColor(group, QPalette.ColorRole.AlternateBase, alt)
        pal.setColor(group, QPalette.ColorRole.Text, text)
        pal.setColor(group, QPalette.ColorRole.Button, button)
        pal.setColor(group, QPalette.ColorRole.ButtonText, text)
        pal.setColor(group, QPalette.ColorRole.ToolTipBase, base)
        pal.setColor(group, QPalette.ColorRole.ToolTipText, text)
        pal.setColor(group, QPalette.ColorRole.Highlight, highlight)
        pal.setColor(group, QPalette.ColorRole.HighlightedText, highlighted_text)
        pal.setColor(group, QPalette.ColorRole.Link, QColor(theme.link))
        pal.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(theme.muted))
    disabled = QColor(theme.muted) if theme.name != "high-contrast" else QColor("#808080")
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, base)
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Window, window)
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, button)
    return pal


class PageStyle:
    """Owns the window's page theme and zoom; see the module docstring."""

    def __init__(self, window) -> None:
        self.window = window
        self.settings = window.settings
        if self.settings.theme not in {name for name, _ in THEME_LABELS}:
            self.settings.theme = "system"
        self.settings.zoom = clamp_zoom(self.settings.zoom)
        self._own_palette = False
        self.on_change = lambda: None  # set by install(): keeps the menu in step
        self._apply(rerender=False)
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_system_scheme_changed)
        QGuiApplication.instance().fontChanged.connect(self._on_system_font_changed)

    # -- zoom ----------------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self.set_zoom(self.settings.zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self.settings.zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(0)

    def set_zoom(self, steps: int) -> None:
        steps = clamp_zoom(steps)
        if steps == self.settings.zoom:
            return
        self.settings.zoom = steps
        self._save()
        self._apply()
        self.window.statusBar().showMessage(f"Text size {round(zoom_factor(steps) * 100)}%", 2000)

    # -- theme ---------------------------------------------------------------------------------
    def set_theme(self, name: str) -> None:
        if name == self.settings.theme:
            return
        self.settings.theme = name
        self._save()
        self._apply()

    def _on_system_scheme_changed(self, *_args) -> None:
        if self.settings.theme in ("system", "high-contrast"):
            self._apply()

    def _on_system_font_changed(self, *_args) -> None:
        if not shiboken6.isValid(self.window):  # the window has gone: stop listening
            QGuiApplication.instance().fontChanged.disconnect(self._on_system_font_changed)
            return
        self._apply()

    def _apply(self, rerender: bool = True) -> None:
        window = self.window
        dark = system_is_dark()  # the application's palette: we only ever recolour the window
        theme = theme_named(self.settings.theme, dark).zoomed(
            self.settings.zoom, QGuiApplication.font().pointSizeF())
        window.page_theme = theme
        window.page.text_width = int(MAX_TEXT_WIDTH * theme.scale)
        if self.settings.theme == "system":
            if self._own_palette:
                window.setPalette(QPalette())  # back to the desktop's own colours
                self._own_palette = False
        else:
            window.setPalette(window_palette(theme))
            self._own_palette = True
        recolour_toolbar(window)  # the icons follow the palette's text colour
        self.on_change()
        if rerender:
            bar = window.page.verticalScrollBar()
            fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
            window.refresh_page()
            bar.setValue(round(fraction * bar.maximum()))

    def _save(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            log.warning("could not save settings: %s", exc)


def install(window) -> None:
    style = PageStyle(window)
    window.page_style = style
    menu = window.view_menu

    def action(text: str, keys: list[QKeySequence], slot, name: str) -> QAction:
        act = QAction(text, window)
        act.setShortcuts(keys)
        act.setObjectName(name)
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    window.zoom_in_action = action(
        "Zoom &in", _unique([QKeySequence("Ctrl++"), QKeySequence("Ctrl+="),
                             *QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn)]),
        style.zoom_in, "zoom-in")
    window.zoom_out_action = action(
        "Zoom &out", _unique([QKeySequence("Ctrl+-"),
                              *QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomOut)]),
        style.zoom_out, "zoom-out")
    window.zoom_reset_action = action("&Actual size", [QKeySequence("Ctrl+0")], style.zoom_reset,
                                      "zoom-reset")

    def update_zoom_actions() -> None:
        window.zoom_in_action.setEnabled(window.settings.zoom < ZOOM_MAX)
        window.zoom_out_action.setEnabled(window.settings.zoom > ZOOM_MIN)

    style.on_change = update_zoom_actions
    update_zoom_actions()

    themes = menu.addMenu("&Theme")
    group = QActionGroup(window)
    group.setExclusive(True)
    window.theme_actions = {}
    for name, label in THEME_LABELS:
        act = QAction(label, window, checkable=True)
        act.setObjectName(f"theme-{name}")
        act.setChecked(window.settings.theme == name)
        act.triggered.connect(lambda _checked=False, n=name: style.set_theme(n))
        group.addAction(act)
        themes.addAction(act)
        window.theme_actions[name] = act
    menu.addSeparator()


def _unique(keys: list[QKeySequence]) -> list[QKeySequence]:
    """Without duplicates: Qt treats a shortcut listed twice as ambiguous and ignores it."""
    out: list[QKeySequence] = []
    for k in keys:
        if not k.isEmpty() and k not in out:
            out.append(k)
    return out
