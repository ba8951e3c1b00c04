"""Help > About: version, content pack, personal folders and licences."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLabel

from reader import __version__
from reader.content import load_content
from reader.paths import AppPaths
from reader.ui.about_dialog import AboutDialog
from reader.ui.app import create_window


def test_help_menu_opens_about_with_version_pack_and_licences(qtbot, sample_content, tmp_path,
                                                               monkeypatch):
    paths = AppPaths.under(tmp_path / "home")
    window = create_window(load_content(sample_content.root), paths)
    qtbot.addWidget(window)
    assert window.about_action in window.help_menu.actions()
    opened = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    window.about_action.trigger()
    dialog = opened[0]
    qtbot.addWidget(dialog)
    assert any(f"Version {__version__}" in label.text() for label in dialog.findChildren(QLabel))
    text = dialog.body.toPlainText()
    assert "Test factsheets 1.0 (2026-11-01)" in text and "3 factsheets" in text
    assert "not medical advice" in text
    assert str(paths.log) in text and str(paths.config) in text
    for name in ("Python", "Qt", "Whoosh-Reloaded", "Markdown", "platformdirs"):
        assert name in text, name
    assert "LGPL-3.0-only" in text
    assert "Replacing Qt" in text and "separate shared libraries" in text


def test_licence_links_point_at_files_that_exist(qtbot, sample_content, tmp_path):
    dialog = AboutDialog(load_content(sample_content.root), AppPaths.under(tmp_path / "h"))
    qtbot.addWidget(dialog)
    links = [part.split('"')[0] for part in dialog.body.toHtml().split('href="')[1:]]
    files = [Path(QUrl(link).toLocalFile()) for link in links]
    licences = [f for f in files if "LICEN" in f.name.upper() or f.name.startswith("GPL")]
    assert len(licences) >= 5
    assert all(f.is_file() for f in licences), licences
