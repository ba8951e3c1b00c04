"""Help > About: the version, the content pack, where personal files are kept, and the licences
of the libraries the app bundles (with how to replace Qt, as its LGPL allows)."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
)

from reader.content.store import ContentStore
from reader.paths import AppPaths
from reader.ui.app_icon import load_app_icon

APP_LICENCE = "MIT"


def install(window) -> None:
    """Add Help > About Factsheet Reader to the main window."""
    action = QAction("&About Factsheet Reader", window)
    action.setMenuRole(QAction.MenuRole.AboutRole)  # the application menu on macOS
    action.triggered.connect(lambda: show_about(window))
    window.help_menu.addAction(action)
    window.about_action = action


def show_about(window) -> None:
    """Open the About dialog for this window's content and paths."""
    paths = window.paths or AppPaths.default()
    AboutDialog(window.store, paths, parent=window).exec()


class AboutDialog(QDialog):
    def __init__(self, store: ContentStore, paths: AppPaths, parent=None) -> None:
        super().__init__(parent)
        # Looked up when the dialog opens, not at start (importlib.metadata is slow to import).
        from reader import __version__
        from reader.about import QT_LICENCE, Component, bundled_components

        self.setWindowTitle("About Factsheet Reader")
        self.resize(620, 560)
        icon = QLabel()
        icon.setPixmap(load_app_icon(paths.resources).pixmap(QSize(64, 64)))
        heading = QLabel(f"<h2 style='margin:0'>Factsheet Reader</h2>"
                         f"<div>Version {html.escape(__version__)}</div>")
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(heading, 1)

        self.body = QTextBrowser()
        self.body.setOpenLinks(False)  # local files and folders open in the system's apps
        self.body.anchorClicked.connect(lambda url: QDesktopServices.openUrl(url))
        components = bundled_components(paths.resources)
        qt_texts = next((c.licence_files for c in components if c.name == "shiboken6"), ())
        components.insert(1, Component("Qt", qVersion(), QT_LICENCE, qt_texts))
        self.body.setHtml(about_html(store, paths, components))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)


def about_html(store: ContentStore, paths: AppPaths, components: list) -> str:
    """The About text: content pack, the disclaimer, personal folders and licences
    (`components` from reader.about.bundled_components)."""
    from reader.about import REPLACING_QT

    e = html.escape
    if store.pack is not None:
        pack = (f"<p><b>Content:</b> {e(store.pack.label)}<br>"
                f"Published by {e(store.pack.publisher)} · {len(store)} factsheets</p>")
    else:
        pack = f"<p><b>Content:</b> no valid content pack in {e(str(store.root))}</p>"
    rows = "".join(
        f"<tr><td>{e(c.name)}</td><td>{e(c.version)}</td><td>{e(c.licence)}</td>"
        f"<td>{_file_links(c)}</td></tr>" for c in components)
    folders = "".join(
        f"<li>{label}: {_folder_link(path)}</li>" for label, path in (
            ("Settings", paths.config), ("Notes, bookmarks and history", paths.data),
            ("Search index and other caches", paths.cache), ("Log files", paths.log)))
    return f"""
{pack}
<p>Factsheets summarise research for information. They are not medical advice and do not
replace a consultation with a GP or another qualified health professional.</p>
<h3>Where your files are kept</h3>
<p>Factsheet Reader never writes into its install folder.</p>
<ul>{folders}</ul>
<h3>Licences</h3>
<p>Factsheet Reader is free software under the {APP_LICENCE} licence. It includes:</p>
<table cellspacing="0" cellpadding="3">
<tr><th align="left">Component</th><th align="left">Version</th><th align="left">Licence</th>
<th align="left">Text</th></tr>
{rows}
</table>
<h3>Replacing Qt</h3>
<p>{e(REPLACING_QT)}</p>
"""


def _file_links(component) -> str:
    return ", ".join(f'<a href="{QUrl.fromLocalFile(str(p)).toString()}">{html.escape(p.name)}</a>'
                     for p in component.licence_files)


def _folder_link(path) -> str:
    return f'<a href="{QUrl.fromLocalFile(str(path)).toString()}">{html.escape(str(path))}</a>'
