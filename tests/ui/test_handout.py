"""The patient handout as PDF and on a printer: paper size, page numbers, clinic header, and
the pages rendered to images to check they are not blank."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from PySide6.QtGui import QImage

from reader.content import load_content
from reader.content.store import ContentStore
from reader.render.handout import HandoutHeader
from reader.ui.handout import HandoutError, write_handout_pdf
from tests.conftest import BUNDLED

HEADER = HandoutHeader("Riverside Acupuncture Clinic", "12 High Street · 01234 567890")


@pytest.fixture(scope="module")
def bundled() -> ContentStore:
    return load_content(BUNDLED)


def pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_pdf_has_header_page_numbers_and_no_screen_chrome(qapp, bundled, tmp_path):
    path = tmp_path / "handout.pdf"
    result = write_handout_pdf(bundled.get("chronic-low-back-pain"), path, HEADER, "A4")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert result.pages >= 2
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == result.pages
    assert b"/MediaBox [0 0 595" in data  # A4 is 595 x 842 points
    text = pdf_text(path)
    assert text.lstrip().startswith("Riverside Acupuncture Clinic")
    assert "12 High Street · 01234 567890" in text
    for n in range(1, result.pages + 1):
        assert f"Page {n} of {result.pages}" in text
    assert "Reviewed " in text and "Next review due" in text
    assert "not medical advice" in text
    assert "Cite…" not in text and "↩" not in text and "Also cited in" not in text
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left


def test_letter_paper(qapp, bundled, tmp_path):
    path = tmp_path / "letter.pdf"
    write_handout_pdf(bundled.get("migraine"), path, HEADER, "Letter")
    assert b"/MediaBox [0 0 612" in path.read_bytes()  # 8.5 x 11 inches


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_pages_render_with_text_on_them(qapp, bundled, tmp_path):
    path = tmp_path / "h.pdf"
    result = write_handout_pdf(bundled.get("insomnia"), path, HEADER)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")],
                   check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == result.pages
    for n, png in enumerate(pngs, 1):
        image = QImage(str(png))
        dark = sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
                   if image.pixelColor(x, y).lightness() < 128)
        # A full page has thousands of dark samples; the last may hold only the closing lines
        # (the review date and the disclaimer), but never nothing.
        assert dark > (200 if n < len(pngs) else 40), f"{png.name} looks blank"


def test_no_header_when_the_clinic_is_not_set(qapp, bundled, tmp_path):
    path = tmp_path / "plain.pdf"
    write_handout_pdf(bundled.get("migraine"), path)
    text = pdf_text(path)
    assert text.lstrip().startswith("HEADACHE AND MIGRAINE")


def test_a_bad_folder_is_a_clear_error(qapp, bundled, tmp_path):
    with pytest.raises(HandoutError, match="folder does not exist"):
        write_handout_pdf(bundled.get("migraine"), tmp_path / "nope" / "x.pdf")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(HandoutError):
        write_handout_pdf(bundled.get("migraine"), blocker / "x.pdf")


def pages_text(path) -> list[str]:
    """The text of each page, footer included (pdftotext ends each page with a form feed)."""
    return unicodedata.normalize("NFKC", pdf_text(path)).split("\f")[:-1]  # "ﬁ" is "fi"


SECTION_HEADINGS = ("What is it?", "How acupuncture may help", "What the research says",
                    "What to expect", "Safety", "When to see a GP", "Symptoms",
                    "Research at a glance", "The research this sheet is based on")


def test_every_bundled_handout_is_short_and_breaks_pages_cleanly(qapp, bundled, tmp_path):
    """A handout is at most two sheets of paper printed on both sides; no page ends on a
    heading or on the line that introduces a list of warning signs, no page is left empty, and
    every page says whose it is."""
    counts = {}
    for sheet in bundled:
        path = tmp_path / f"{sheet.slug}.pdf"
        counts[sheet.slug] = write_handout_pdf(sheet, path, HEADER).pages
        pages = pages_text(path)
        assert len(pages) == counts[sheet.slug]
        for n, page in enumerate(pages, 1):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            footer, body = lines[-1], lines[:-1]
            assert len(body) >= 5, f"{sheet.slug}: page {n} is (nearly) empty"
            assert footer.startswith(f"Riverside Acupuncture Clinic · {sheet.title}"[:40]), footer
            assert footer.endswith(f"Page {n} of {len(pages)}"), footer
            if n < len(pages):
                assert body[-1] not in SECTION_HEADINGS, f"{sheet.slug}: page {n} ends on a heading"
                assert not body[-1].endswith(":"), f"{sheet.slug}: page {n} ends on {body[-1]!r}"
    assert max(counts.values()) <= 4, sorted(counts.items(), key=lambda kv: -kv[1])[:5]


def test_the_urgent_help_list_is_never_split_from_its_heading(qapp, bundled, tmp_path):
    """"Call 999 or go to A&E if:" and every warning sign after it are on the same page."""
    for slug in ("bedwetting", "chronic-low-back-pain", "labour-pain", "stable-angina"):
        sheet = bundled.get(slug)
        if sheet is None:
            continue
        path = tmp_path / f"{slug}.pdf"
        write_handout_pdf(sheet, path, HEADER)
        pages = pages_text(path)
        signs = sheet.body.split("## When to see a GP", 1)[1]
        last_list = [line[2:].split()[0:3] for line in signs.splitlines() if line.startswith("- ")]
        intro = next(p for p in pages if "999" in p.split("When to see a GP")[-1])
        for words in last_list[-2:]:
            assert " ".join(words) in " ".join(intro.split()), f"{slug}: {words} not with 999"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_the_footer_is_dark_enough_to_read(qapp, bundled, tmp_path):
    path = tmp_path / "f.pdf"
    write_handout_pdf(bundled.get("gout"), path, HEADER)
    subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(path),
                    str(tmp_path / "page")], check=True)
    image = QImage(str(next(tmp_path.glob("page-*.png"))))
    bottom = [image.pixelColor(x, y).lightness() for y in range(int(image.height() * 0.9),
                                                                 image.height())
              for x in range(0, image.width(), 2)]
    assert min(bottom) < 100  # #4d4d4d text; Qt's darkGray (#808080) failed WCAG AA at 8 pt
