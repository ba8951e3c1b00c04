"""Guard against PySide6 builds that drop a reference to None on every void call.

PySide6-Essentials 6.12.0 on Python 3.11 does this, and the process aborts after a few thousand
calls with "Fatal Python error: none_dealloc". pyproject.toml keeps that pair out; this test fails
if a broken build ever comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QTextBrowser


def test_set_html_does_not_leak_none_references(qtbot):
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    before = sys.getrefcount(None)
    for i in range(10_000):
        browser.setHtml(f"<p>{i}</p>")
    after = sys.getrefcount(None)
    assert after >= before - 100, f"None lost {before - after} references"
