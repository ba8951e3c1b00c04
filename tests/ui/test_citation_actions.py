"""Copying and exporting references from the window."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication, QFileDialog

from reader.ui import citation_actions
from tests.ui import reading_window

reader_window = reading_window.reader_window  # the fixture


def clipboard():
    return QApplication.clipboard().mimeData()


def test_copy_all_references_in_vancouver_and_apa(reader_window):
    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    win.findChild(type(win.find_action), "copy-references-vancouver").trigger()
    # One reference: no list number.
    assert clipboard().text().startswith("Smith AB, Other CD, et al. A review. J Test Med.")
    win.findChild(type(win.find_action), "copy-references-apa").trigger()
    assert clipboard().text().startswith("Smith, A. B., Other, C. D., et al. (2020). A review.")
    assert "<i>J Test Med</i>" in clipboard().html()


def test_reference_actions_are_off_on_the_home_page(reader_window):
    win = reader_window
    act = win.findChild(type(win.find_action), "copy-references-vancouver")
    assert not act.isEnabled()
    win.open_factsheet("sciatica")
    assert act.isEnabled()


def test_the_cite_link_offers_each_format(reader_window):
    win = reader_window
    win.open_factsheet("sciatica")
    assert 'href="cite:jones2019"' in win.page.toHtml() or "Cite…" in win.page.toPlainText()
    menu = win.citation_actions.reference_menu("jones2019")
    labels = [a.text() for a in menu.actions()]
    assert labels == ["Copy as Vancouver", "Copy as APA", "Copy as BibTeX", "Copy as RIS"]
    menu.actions()[2].trigger()
    assert clipboard().text().startswith("@article{jones2019,")
    menu.actions()[0].trigger()
    assert clipboard().text().startswith("Jones AB, Other CD, et al. Acupuncture for sciatica.")
    win.page.anchorClicked.emit(QUrl("cite:jones2019"))  # the link opens that menu
    assert win.current_page() == "sciatica"  # and nothing else happens


def test_export_ris_and_bibtex_for_one_factsheet(reader_window, tmp_path, monkeypatch):
    win = reader_window
    win.open_factsheet("chronic-low-back-pain")
    target = tmp_path / "refs.ris"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), citation_actions.FILE_FILTERS["ris"]))
    win.findChild(type(win.find_action), "export-ris").trigger()
    raw = target.read_bytes()
    assert raw.startswith(b"TY  - JOUR\r\n") and b"ER  - \r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends CR LF


def test_export_references_of_every_bookmark(reader_window, tmp_path, monkeypatch):
    win = reader_window
    for slug in ("sciatica", "chronic-low-back-pain"):
        win.open_factsheet(slug)
        win.bookmark_action.trigger()
    target = tmp_path / "reading-list.bib"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), citation_actions.FILE_FILTERS["ris"]))
    win.findChild(type(win.find_action), "export-bookmarked-references").trigger()
    text = target.read_text(encoding="utf-8")
    assert text.count("@article{") == 2  # .bib chosen: BibTeX whatever the filter said
    assert "@article{smith2020," in text and "@article{jones2019," in text


def test_a_failed_export_says_so_and_leaves_nothing(reader_window, tmp_path, monkeypatch):
    win = reader_window
    win.open_factsheet("sciatica")
    warned = []
    monkeypatch.setattr(citation_actions.QMessageBox, "warning",
                        lambda *a, **k: warned.append(a[2]))
    ok = win.citation_actions.save(tmp_path / "missing" / "x.bib",
                                   list(win.store.get("sciatica").references), "bibtex")
    assert not ok and "could not be saved" in warned[0]
    assert not (tmp_path / "missing").exists()


def test_the_app_exits_cleanly_after_copying(tmp_path):
    """PySide6 segfaulted at exit while the clipboard held our QMimeData."""
    import os
    import subprocess
    import sys

    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "from reader.content.model import Reference\n"
        "from reader.ui.citation_actions import copy_references\n"
        "app = QApplication([])\n"
        "ref = Reference(key='a', type='rct', authors=('Smith AB',), title='T', journal='J',\n"
        "                year=2020, finding='f', verified=(), doi='10.1/x')\n"
        "copy_references([ref], 'apa')\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
