"""A second reference for start-up and memory: the app's widget set with none of its code.

    python bench/widgets_window.py PAGE.json [--rss]

Builds what the home screen shows — menu bar with four menus, navigation toolbar, search field,
two filter lists, four browse tabs with the A–Z tree of every title, the page (the real home
page's HTML) and the Contents and Notes docks — from PAGE.json (written by `write_page`, which
the benchmarks call in their own process), then exits after the first paint like the floor.
Everything the app does beyond this (its modules, content, settings, features) is the
difference between this and the app. With --rss it prints the peak resident set in KiB.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MENUS = {"&File": 12, "&View": 11, "&Go": 9, "&Help": 2}  # the app's menus and their items


def write_page(path: Path) -> Path:
    """The bundled content's home page HTML and titles, for the child process to show."""
    from reader.content import load_content
    from reader.paths import AppPaths
    from reader.render.home import render_home

    paths = AppPaths.default()
    store = load_content(paths.bundled_content, cache=paths.cache)
    data = {"html": render_home(store), "titles": [sheet.title for sheet in store],
            "categories": sorted({sheet.category for sheet in store})}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QApplication,
        QComboBox,
        QDockWidget,
        QHBoxLayout,
        QLineEdit,
        QListWidget,
        QMainWindow,
        QSplitter,
        QTabWidget,
        QTextBrowser,
        QToolBar,
        QTreeWidget,
        QTreeWidgetItem,
        QVBoxLayout,
        QWidget,
    )

    from bench.floor_window import show_until_first_paint

    data = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 780)
    for title, count in MENUS.items():
        menu = window.menuBar().addMenu(title)
        for n in range(count):
            menu.addAction(QAction(f"Item {n}", window))
    toolbar = QToolBar()
    window.addToolBar(toolbar)
    for name in ("Back", "Forward", "Home", "Bookmark"):
        toolbar.addAction(QAction(name, window))

    left = QWidget()
    layout = QVBoxLayout(left)
    layout.addWidget(QLineEdit())
    filters = QHBoxLayout()
    categories = QComboBox()
    categories.addItems(["All categories", *data["categories"]])
    evidence = QComboBox()
    evidence.addItems(["Any evidence", "High", "Moderate", "Low", "Very low"])
    filters.addWidget(categories)
    filters.addWidget(evidence)
    layout.addLayout(filters)
    tabs = QTabWidget()
    tree = QTreeWidget()
    tree.setHeaderHidden(True)
    letters: dict[str, QTreeWidgetItem] = {}
    for title in sorted(data["titles"]):
        letter = letters.get(title[0]) or QTreeWidgetItem(tree, [title[0]])
        letters[title[0]] = letter
        QTreeWidgetItem(letter, [title])
    tree.expandAll()
    for widget, name in ((tree, "A–Z"), (QTreeWidget(), "Categories"), (QListWidget(), "Saved"),
                         (QListWidget(), "Recent")):
        tabs.addTab(widget, name)
    layout.addWidget(tabs, 1)

    page = QTextBrowser()
    page.setHtml(data["html"])
    splitter = QSplitter()
    splitter.addWidget(left)
    splitter.addWidget(page)
    splitter.setSizes([340, 860])
    window.setCentralWidget(splitter)
    docks = []
    for name in ("Contents", "Notes"):
        dock = QDockWidget(name)
        dock.setWidget(QListWidget())
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        docks.append(dock)
    docks[0].widget().addItems([f"Heading {n}" for n in range(16)])
    window.tabifyDockWidget(docks[0], docks[1])
    docks[0].raise_()

    return show_until_first_paint(app, window, page.viewport())


if __name__ == "__main__":
    sys.exit(main())
