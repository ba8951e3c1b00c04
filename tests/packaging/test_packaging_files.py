"""The packaging recipes, checked without building (a full build takes minutes: it is run by
packaging/build-linux.sh and packaging/smoke-test-linux.sh, see docs/packaging.md)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib

import pytest

from reader.content import load_content
from reader.paths import PREBUILT_INDEX_DIR
from reader.search.index import open_prebuilt
from reader.ui.app_icon import APP_ID
from tests.conftest import REPO

PACKAGING = REPO / "packaging"
SPEC = PACKAGING / "pyinstaller" / "factsheet-reader.spec"
SHELL_SCRIPTS = ["build-linux.sh", "smoke-test-linux.sh", "macos/build-macos.sh",
                 "linux/install.sh"]


def test_pyinstaller_is_a_packaging_extra_not_a_runtime_dependency():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(r.lower().startswith("pyinstaller") for r in
               project["optional-dependencies"]["package"])
    assert not any(r.lower().startswith("pyinstaller") for r in project["dependencies"])


def test_spec_is_python_and_bundles_content_index_and_resources():
    source = SPEC.read_text(encoding="utf-8")
    compile(source, str(SPEC), "exec")
    assert '"content"' in source and '"resources"' in source and "PREBUILT_INDEX_DIR" in source
    assert "copy_metadata" in source and "runtime_distributions" in source
    for icon in re.findall(r'"(factsheet-reader\.\w+)"', source):
        assert (REPO / "resources" / "icons" / icon).is_file(), icon
    assert "BUNDLE(" in source and "bundle_identifier=APP_ID" in source


@pytest.mark.parametrize("script", SHELL_SCRIPTS)
def test_shell_scripts_parse_and_are_executable(script):
    path = PACKAGING / script
    shell = "sh" if script.endswith("install.sh") else "bash"
    assert subprocess.run([shell, "-n", str(path)], capture_output=True).returncode == 0
    if os.name == "posix":
        assert os.access(path, os.X_OK), f"chmod +x {path}"


def test_inno_setup_script_names_what_exists():
    iss = (PACKAGING / "windows" / "factsheet-reader.iss").read_text(encoding="utf-8")
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", iss, re.MULTILINE)
    assert f'AppUserModelID: "{APP_ID}"' in iss
    for path in re.findall(r"\{#Root\}\\([\w\\.-]+\.ico)", iss):
        assert (REPO / path.replace("\\", "/")).is_file(), path
    assert r"dist\factsheet-reader\*" in iss  # what the spec's COLLECT writes
    assert "PrivilegesRequired=lowest" in iss


def run_build_index(*args):
    return subprocess.run([sys.executable, str(PACKAGING / "build_search_index.py"), *args],
                          capture_output=True, text=True, cwd=REPO, timeout=120)


def test_build_search_index_writes_an_index_the_app_opens_read_only(sample_content, tmp_path):
    out = tmp_path / "build" / PREBUILT_INDEX_DIR
    (out / "v0-stale").mkdir(parents=True)
    result = run_build_index(str(sample_content.root), str(out))
    assert result.returncode == 0, result.stderr
    assert "3 factsheets" in result.stdout
    assert not (out / "v0-stale").exists(), "only this content's index ships"
    index = open_prebuilt(out, load_content(sample_content.root))
    assert index is not None and index.doc_count == 3
    index.close()


def test_build_search_index_refuses_content_with_problems(sample_content, tmp_path):
    sample_content.add("gout", title="Gout", category="feet")
    result = run_build_index(str(sample_content.root), str(tmp_path / "out"))
    assert result.returncode == 1
    assert "gout.md" in result.stderr and "fix the content" in result.stderr
    assert not (tmp_path / "out").exists()
