"""The wheel and the source archive, each installed into a fresh virtual environment outside the
checkout, work as the checkout does: the factsheets, icons and licences come with them.

This is how people install the app (`pip install`, `pipx install`), so it is tested the same
way: build both with `python -m build`, install each with pip, then run the commands a user would
from another folder. About a minute: pip reuses its cache for the dependencies.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, REPO

FACTSHEETS = len(list((BUNDLED / "factsheets").glob("*.md")))


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> dict[str, Path]:
    """The sdist and the wheel, built as a release would be (the wheel from the sdist)."""
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return {"wheel": next(out.glob("*.whl")), "sdist": next(out.glob("*.tar.gz"))}


def _install(artifact: Path, where: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(where)
    python = where / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    proc = subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                           "--disable-pip-version-check", str(artifact)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return python


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_an_installed_copy_carries_its_factsheets_and_works_from_anywhere(artifacts, kind,
                                                                          tmp_path):
    python = _install(artifacts[kind], tmp_path / "venv")
    script = python.parent / ("factsheet-reader.exe" if os.name == "nt" else "factsheet-reader")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "FACTSHEET_READER_HOME": str(tmp_path / "home")}
    env.pop("PYTHONPATH", None)
    env.pop("FACTSHEET_READER_CONTENT", None)

    def run(*args: str) -> subprocess.CompletedProcess:
        proc = subprocess.run([str(script), *args], cwd=elsewhere, env=env, capture_output=True,
                              text=True, timeout=300)
        assert proc.returncode == 0, f"{args}: {proc.stdout[-2000:]}{proc.stderr[-2000:]}"
        return proc

    where = subprocess.run(
        [str(python), "-c", "from reader.paths import AppPaths; p = AppPaths.default(); "
                            "print(p.bundled_content); print(p.resources)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout.split("\n")
    content, resources = Path(where[0]), Path(where[1])
    assert (tmp_path / "venv") in content.parents and REPO not in content.parents
    assert (resources / "icons" / "factsheet-reader-64.png").is_file()
    assert (resources / "licenses" / "LGPL-3.0.txt").is_file()
    licences = list((tmp_path / "venv").rglob("factsheet_reader-*.dist-info/licenses/LICENSE"))
    assert licences and "MIT License" in licences[0].read_text()

    assert "content: Acupuncture research factsheets" in run("--version").stdout
    checked = run("check").stdout.strip()
    assert f": {FACTSHEETS} factsheets, " in checked and checked.endswith(", no problems")
    hits = json.loads(run("search", "--json", "back pain").stdout)
    assert hits[0]["slug"] == "chronic-low-back-pain"
    assert run("cite", "migraine").stdout.startswith("1. ")
    assert "RESEARCH AT A GLANCE" in run("show", "chronic-low-back-pain").stdout
    pdf = elsewhere / "migraine.pdf"
    run("export-pdf", "migraine", "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    run("--quit-after-load")
    run("--quit-after-load", "--open", "migraine")
