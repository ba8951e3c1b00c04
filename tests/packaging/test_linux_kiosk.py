"""packaging/linux kiosk files: the systemd user service, the restart loop for sessions without
systemd, the autostart entry and the example config."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess

import pytest

from reader.kiosk.config import CONFIG_FILE, STAFF_EXIT_STATUS, read_kiosk_config
from tests.conftest import REPO

LINUX = REPO / "packaging" / "linux"
SERVICE = LINUX / "factsheet-reader-kiosk.service"
LAUNCHER = LINUX / "factsheet-reader-kiosk"
AUTOSTART = LINUX / "factsheet-reader-kiosk.desktop"
EXAMPLE = LINUX / "kiosk-config.example.toml"


def unit(path):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return parser


def test_service_starts_the_kiosk_and_restarts_it_except_after_a_staff_exit():
    service = unit(SERVICE)
    assert service["Service"]["ExecStart"].split()[1:] == ["--kiosk"]
    assert service["Service"]["Restart"] == "always"
    assert service["Service"]["RestartPreventExitStatus"] == str(STAFF_EXIT_STATUS)
    assert service["Unit"]["StartLimitIntervalSec"] == "0"
    assert service["Install"]["WantedBy"] == "graphical-session.target"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze missing")
def test_service_passes_systemd_analyze(tmp_path):
    # verify also checks that ExecStart exists: point it at a program this machine has.
    text = SERVICE.read_text(encoding="utf-8").replace("/usr/local/bin/factsheet-reader",
                                                       shutil.which("true"))
    copy = tmp_path / SERVICE.name
    copy.write_text(text, encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr


def fake_reader(tmp_path, statuses):
    """A stand-in for factsheet-reader that exits with each of `statuses` in turn."""
    script = tmp_path / "fake-reader"
    log = tmp_path / "runs"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> "{log}"\n'
        f'n=$(wc -l < "{log}")\n'
        'case $n in\n'
        + "".join(f"  {i}) exit {code} ;;\n" for i, code in enumerate(statuses, 1))
        + "esac\nexit 99\n")
    script.chmod(0o755)
    return script, log


def test_launcher_restarts_the_reader_until_a_staff_exit(tmp_path):
    script, log = fake_reader(tmp_path, [1, 134, STAFF_EXIT_STATUS])
    env = dict(os.environ, FACTSHEET_READER=str(script), FACTSHEET_READER_RESTART_DELAY="0")
    done = subprocess.run([str(LAUNCHER), "--content", "/srv/content"], env=env,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0
    assert log.read_text().splitlines() == ["--kiosk --content /srv/content"] * 3
    assert done.stderr.count("starting it again") == 2


def test_autostart_entry_runs_the_launcher():
    entry = unit(AUTOSTART)["Desktop Entry"]
    assert entry["Exec"] == LAUNCHER.name and entry["Type"] == "Application"
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(AUTOSTART)], capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout


def test_example_config_is_valid(tmp_path):
    (tmp_path / CONFIG_FILE).write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    config = read_kiosk_config([tmp_path])
    assert config.problems == ()
    assert config.enabled and config.idle_seconds == 90 and config.featured
    bundled = {p.stem for p in (REPO / "content" / "factsheets").glob("*.md")}
    assert set(config.featured) <= bundled
