"""Linux desktop integration: the .desktop file and AppStream metainfo are valid and agree."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET

import pytest

from reader.ui.app_icon import APP_ID
from tests.conftest import REPO

LINUX = REPO / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.skipif(not shutil.which("desktop-file-validate"),
                    reason="desktop-file-validate not installed (Debian: desktop-file-utils)")
def test_desktop_file_validates():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


@pytest.mark.skipif(not shutil.which("appstreamcli"),
                    reason="appstreamcli not installed (Debian: appstream)")
def test_metainfo_validates():
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_file_starts_the_program_with_our_icon():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "factsheet-reader"
    assert entry["Icon"] == APP_ID
    assert entry["StartupWMClass"] == "factsheet-reader"  # the X11 WM_CLASS Qt sets


def test_metainfo_agrees_with_the_desktop_file_and_pyproject():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("name") == desktop_entry()["Name"]
    assert root.find("provides/binary").text == "factsheet-reader"
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert root.findtext("project_license") == project["license"]  # SPDX expression
    newest = root.find("releases/release")
    assert newest.get("version") == project["version"], "add a <release> for the new version"


def test_install_script_installs_and_uninstalls(tmp_path):
    app = tmp_path / "factsheet-reader"
    (app / "share" / "applications").mkdir(parents=True)
    (app / "share" / "metainfo").mkdir(parents=True)
    (app / "share" / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    shutil.copy(DESKTOP, app / "share" / "applications")
    shutil.copy(METAINFO, app / "share" / "metainfo")
    shutil.copy(REPO / "resources" / "icons" / "factsheet-reader-48.png",
                app / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png")
    program = app / "factsheet-reader"
    program.write_text("#!/bin/sh\necho installed-program-ran\n")
    program.chmod(0o755)
    shutil.copy(LINUX / "install.sh", app / "install.sh")
    prefix = tmp_path / "prefix"

    subprocess.run(["sh", str(app / "install.sh"), "--prefix", str(prefix)], check=True,
                   capture_output=True)
    installed = prefix / "lib" / "factsheet-reader"
    run = subprocess.run([str(prefix / "bin" / "factsheet-reader")], capture_output=True,
                         text=True)
    assert run.stdout.strip() == "installed-program-ran"
    desktop = (prefix / "share" / "applications" / DESKTOP.name).read_text()
    assert f'Exec="{installed}/factsheet-reader"' in desktop
    assert (prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert (prefix / "share" / "metainfo" / METAINFO.name).is_file()

    subprocess.run(["sh", str(installed / "install.sh"), "--prefix", str(prefix), "--uninstall"],
                   check=True, capture_output=True)
    # The desktop's own caches (mimeinfo.cache, icon-theme.cache) are shared and stay.
    left = sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*")
                  if p.is_file() and p.suffix != ".cache")
    assert left == []
