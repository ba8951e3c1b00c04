"""What the app says about itself: `--version` and the bundled libraries' licences."""

from __future__ import annotations

import tomllib

from reader import __version__
from reader.about import bundled_components, runtime_distributions, version_text
from reader.cli import main
from reader.content import load_content
from tests.conftest import BUNDLED, REPO


def test_version_comes_from_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert __version__ == project["version"]


def test_version_option_prints_the_app_version_and_the_pack_label(home, capsys):
    assert main(["--version"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"factsheet-reader {__version__}"
    assert lines[1] == f"content: {load_content(BUNDLED).pack.label}"


def test_version_names_the_pack_of_another_content_folder(sample_content, home, capsys):
    assert main(["--content", str(sample_content.root), "--version"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "content: Test factsheets 1.0 (2026-11-01)"


def test_version_without_a_valid_pack_says_so(tmp_path):
    text = version_text(load_content(tmp_path / "nowhere"))
    assert text.splitlines()[1] == f"content: no valid content pack in {tmp_path / 'nowhere'}"


def test_runtime_libraries_are_listed_with_licences_and_texts():
    components = {c.name.lower().replace("_", "-"): c for c in
                  bundled_components(REPO / "resources")}
    assert list(components)[0] == "python"
    for name in ("pyside6-essentials", "whoosh-reloaded", "markdown", "platformdirs"):
        assert name in components, name
        assert components[name].version and components[name].licence
        assert components[name].licence_files, f"{name}: no licence text found"
        assert all(p.is_file() for p in components[name].licence_files)
    qt = components["pyside6-essentials"]
    assert qt.licence == "LGPL-3.0-only"
    assert [p.name for p in qt.licence_files] == ["LGPL-3.0.txt", "GPL-3.0.txt"]
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt.licence_files[0].read_text()
    assert "Version 3" in qt.licence_files[1].read_text()


def test_test_and_packaging_tools_are_not_counted_as_bundled():
    names = {n.lower() for n in runtime_distributions()}
    assert "whoosh-reloaded" in names
    assert not names & {"pytest", "pytest-qt", "ruff", "hypothesis", "pyinstaller"}
