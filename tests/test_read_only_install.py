"""The app runs from a read-only install folder and writes only to the per-user folders.

The install is a copy of the package, its content and resources (with a prebuilt search index,
as packaging/ ships it), made read-only. Root ignores file permissions, so the real check is
that every file and folder in the install is unchanged afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys

import pytest

from reader.content import load_content
from reader.paths import PREBUILT_INDEX_DIR
from reader.search.index import build
from tests.conftest import REPO, tree_state


@pytest.fixture
def install(sample_content, tmp_path):
    folder = tmp_path / "install"
    shutil.copytree(REPO / "reader", folder / "reader",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "resources", folder / "resources")
    shutil.copytree(sample_content.root, folder / "content")
    build(folder / PREBUILT_INDEX_DIR, load_content(folder / "content"))
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    yield folder
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


def run_from(install, home, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FACTSHEET_READER_CONTENT")}
    # -B: the interpreter's own bytecode cache is not the app's doing (an installed build has no
    # .py files to cache); with it off, any write in the install folder is the app's.
    env.update(QT_QPA_PLATFORM="offscreen", FACTSHEET_READER_HOME=str(home))
    return subprocess.run([sys.executable, "-B", "-m", "reader", *args], cwd=install, env=env,
                          capture_output=True, text=True, timeout=120)


def test_runs_from_a_read_only_folder_and_writes_nothing_there(install, tmp_path):
    home = tmp_path / "home"
    before = tree_state(install)

    version = run_from(install, home, "--version")
    assert version.returncode == 0, version.stderr
    assert "content: Test factsheets 1.0" in version.stdout, "the copy's content is the one used"

    gui = run_from(install, home, "--quit-after-load")
    assert gui.returncode == 0, gui.stderr
    assert "home page painted" in gui.stderr

    found = run_from(install, home, "search", "lumbago", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)[0]["slug"] == "chronic-low-back-pain"

    assert tree_state(install) == before, "nothing was written inside the install folder"
    assert not (home / "cache" / "index").exists(), "search used the prebuilt index"
    log = (home / "log" / "factsheet-reader.log").read_text(encoding="utf-8")
    assert "home page painted" in log
