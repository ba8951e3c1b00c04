"""The rotating log file in the per-user log folder."""

from __future__ import annotations

import logging
import re

import pytest

from reader import log_file
from reader.log_file import start_logging
from reader.paths import AppPaths


@pytest.fixture
def clean_root_logger():
    root = logging.getLogger()
    level = root.level
    yield
    for handler in list(root.handlers):
        if getattr(handler, log_file._OURS, False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_writes_to_the_log_folder_and_rotates(tmp_path, monkeypatch, clean_root_logger):
    monkeypatch.setattr(log_file, "MAX_BYTES", 2000)
    paths = AppPaths.under(tmp_path / "home")
    assert start_logging(paths.log_file) == paths.log_file
    logging.getLogger("reader.test").info("hello from the test")
    assert "hello from the test" in paths.log_file.read_text(encoding="utf-8")
    for n in range(200):
        logging.getLogger("reader.test").info("line %d of a long session", n)
    rotated = sorted(p.name for p in paths.log.iterdir())
    assert rotated == ["factsheet-reader.log", "factsheet-reader.log.1",
                       "factsheet-reader.log.2", "factsheet-reader.log.3"]
    assert all(p.stat().st_size <= 2000 for p in paths.log.iterdir())
    # Oldest in .3, newest in the file itself, and no line lost between them.
    numbers = [int(n) for name in [*reversed(rotated[1:]), rotated[0]]
               for n in re.findall(r"line (\d+) of", (paths.log / name).read_text("utf-8"))]
    assert numbers == list(range(numbers[0], 200))


def test_starting_twice_does_not_duplicate_lines(tmp_path, clean_root_logger):
    path = tmp_path / "log" / "factsheet-reader.log"
    start_logging(path)
    start_logging(path)
    logging.getLogger("reader.test").warning("only once")
    assert path.read_text(encoding="utf-8").count("only once") == 1


def test_an_unwritable_log_folder_falls_back_to_the_terminal(tmp_path, caplog,
                                                             clean_root_logger):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert start_logging(blocker / "factsheet-reader.log") is None
    assert "cannot write the log file" in caplog.text
    logging.getLogger("reader.test").info("still logged")  # no exception


def test_the_first_line_names_the_system(tmp_path, clean_root_logger):
    import platform

    path = tmp_path / "log" / "factsheet-reader.log"
    start_logging(path)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert "Factsheet Reader starting" in first
    assert f"Python {platform.python_version()} on {platform.system()} {platform.release()}" in first
