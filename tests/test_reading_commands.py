"""`factsheet-reader cite`, `export-pdf` and `userdata` from the command line."""

from __future__ import annotations

import json

from reader.cli import main
from reader.paths import AppPaths
from reader.userdata.database import UserData


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cite_in_each_format(sample_content, home, capsys):
    c = ["--content", str(sample_content.root)]
    code, out, _ = run(capsys, *c, "cite", "sciatica")
    assert code == 0 and out.startswith("1. Jones AB, Other CD, et al. Acupuncture for sciatica.")
    code, out, _ = run(capsys, *c, "cite", "sciatica", "--format", "apa")
    assert out.startswith("Jones, A. B., Other, C. D., et al. (2020).")
    code, out, _ = run(capsys, *c, "cite", "sciatica", "-f", "ris")
    assert out.startswith("TY  - JOUR\n") and "\nER  - \n" in out
    code, out, _ = run(capsys, *c, "cite", "sciatica", "chronic-low-back-pain", "-f", "bibtex")
    assert out.count("@article{") == 2


def test_cite_unknown_factsheet_or_nothing_to_cite(sample_content, home, capsys):
    c = ["--content", str(sample_content.root)]
    code, _, err = run(capsys, *c, "cite", "sciatica", "nowhere")
    assert code == 1 and "no factsheet called 'nowhere'" in err
    code, _, err = run(capsys, *c, "cite")
    assert code == 2 and "name at least one factsheet" in err


def test_cite_bookmarks_to_a_file(sample_content, home, capsys, tmp_path):
    data = UserData.open(AppPaths.default().userdata_file)
    data.add_bookmark("sciatica", "Sciatica")
    data.add_bookmark("gone-away", "Gone away")
    data.close()
    out_file = tmp_path / "reading.ris"
    code, out, err = run(capsys, "--content", str(sample_content.root), "cite", "--bookmarks",
                         "peripheral-neuropathy", "-f", "ris", "-o", str(out_file))
    assert code == 0 and out == ""
    assert "left out (not in the installed content): gone-away" in err
    raw = out_file.read_bytes()
    assert raw.count(b"TY  - JOUR\r\n") == 2  # RIS files get the spec's CR LF


def test_export_pdf(qapp, sample_content, home, capsys, tmp_path):
    out_file = tmp_path / "sciatica.pdf"
    code, _, err = run(capsys, "--content", str(sample_content.root), "export-pdf", "sciatica",
                       "-o", str(out_file), "--paper", "Letter")
    assert code == 0, err
    assert out_file.read_bytes().startswith(b"%PDF") and "Letter" in err
    code, _, err = run(capsys, "--content", str(sample_content.root), "export-pdf", "nowhere",
                       "-o", str(out_file))
    assert code == 1 and "no factsheet called" in err
    code, _, err = run(capsys, "--content", str(sample_content.root), "export-pdf", "sciatica",
                       "-o", str(tmp_path / "no" / "such" / "x.pdf"))
    assert code == 1 and "folder does not exist" in err


def test_userdata_export_and_import(home, capsys, tmp_path):
    data = UserData.open(AppPaths.default().userdata_file)
    data.save_note("sciatica", "Sciatica", "my note")
    data.close()
    path = tmp_path / "moved.json"
    assert run(capsys, "userdata", "export", str(path))[0] == 0
    assert json.loads(path.read_text())["notes"][0]["text"] == "my note"
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    code, _, err = run(capsys, "userdata", "import", str(bad))
    assert code == 1 and "not valid JSON" in err
    code, _, err = run(capsys, "userdata", "import", str(path))
    assert code == 0 and "already here" in err
