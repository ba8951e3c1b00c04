"""The command line: check and search, with their exit codes and output formats."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from reader.cli import main, opens_the_window
from tests.conftest import REPO


def test_check_clean_folder(sample_content, capsys):
    assert main(["check", str(sample_content.root)]) == 0
    assert "3 factsheets, 3 references, no problems" in capsys.readouterr().out


def test_check_reports_one_line_per_problem_and_exits_1(sample_content, capsys):
    sample_content.add("gout", title="Gout", category="feet", level="sure")
    assert main(["check", str(sample_content.root)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert all(re.match(r"^.*gout\.md:\d+: ", line) for line in lines)


def test_check_missing_folder(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope")]) == 1
    assert "content folder not found" in capsys.readouterr().out


def test_search_json(sample_content, home, capsys):
    assert main(["--content", str(sample_content.root), "search", "lumbago", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["slug"] == "chronic-low-back-pain"
    assert {"slug", "title", "score", "snippet"} <= hits[0].keys()
    assert (home / "cache" / "index").is_dir()


def test_search_limit_and_odd_queries(sample_content, home, capsys):
    for query in ['"', "((", "AND", "🙂", "-"]:
        assert main(["--content", str(sample_content.root), "search", query, "--json"]) == 0
        assert isinstance(json.loads(capsys.readouterr().out), list)
    main(["--content", str(sample_content.root), "search", "pain", "--limit", "1", "--json"])
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_search_plain_text_with_correction(sample_content, home, capsys):
    assert main(["--content", str(sample_content.root), "search", "sciatika"]) == 0
    out = capsys.readouterr().out
    assert "Showing results for “sciatica” instead of “sciatika”." in out and "[sciatica]" in out


def test_search_without_content(tmp_path, home, capsys):
    assert main(["--content", str(tmp_path / "none"), "search", "x"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"no content found in {tmp_path / 'none'} (content folder not found)")


def test_search_says_in_one_line_when_no_index_can_be_written(sample_content, home, capsys):
    (home / "cache").mkdir(parents=True)
    (home / "cache" / "index").write_text("a file where the index folder should be")
    assert main(["--content", str(sample_content.root), "search", "sciatica"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("search is unavailable: cannot write the search "
                                               "index in ")


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["text", "json"])
def test_output_cut_short_by_a_closed_pipe_is_not_a_traceback(sample_content, tmp_path,
                                                              json_flag):
    env = {**os.environ, "FACTSHEET_READER_HOME": str(tmp_path / "home")}
    reader = subprocess.Popen(
        [sys.executable, "-m", "reader", "--content", str(sample_content.root), "search", "pain",
         "--limit", "100", *json_flag], cwd=REPO, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE)
    reader.stdout.close()  # the reader of the output has gone (`| head -0`)
    _, err = reader.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode()
    assert reader.returncode == 1


@pytest.mark.parametrize("argv, window", [
    ([], True),
    (["--quit-after-load"], True),
    (["--open", "migraine", "--kiosk"], True),
    (["--content", "check", "--open", "search"], True),  # values named like commands
    (["check"], False),
    (["serch", "pain"], False),  # a mistyped command still gets the full parser's message
    (["--help"], False),
])
def test_window_options_alone_open_the_window(argv, window):
    assert opens_the_window(argv) is window


def test_a_mistyped_command_is_named_with_the_commands_there_are(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["serch", "pain"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'serch'" in err and "search" in err


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "export-pdf" in out and "--quit-after-load" in out


def test_an_unknown_window_option_says_so(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--quit-after-lod"])
    assert exit_.value.code == 2
    assert "unrecognized arguments: --quit-after-lod" in capsys.readouterr().err
