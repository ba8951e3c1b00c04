"""The command line: check and search, with their exit codes and output formats."""

from __future__ import annotations

import json
import re

from reader.cli import main


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
    assert "Did you mean: sciatica?" in out and "[sciatica]" in out


def test_search_without_content(tmp_path, home, capsys):
    assert main(["--content", str(tmp_path / "none"), "search", "x"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"no content found in {tmp_path / 'none'} (content folder not found)")
