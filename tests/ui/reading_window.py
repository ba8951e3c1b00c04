"""A reader window on the small sample content, for the reading-feature tests."""

from __future__ import annotations

import pytest

from reader.content import load_content
from reader.paths import AppPaths
from reader.settings import FILE_NAME, Settings
from reader.ui.app import create_window

LONG_BODY = (
    "## What is it?\n\nLower back pain [@smith2020]. See [sciatica](sciatica).\n\n"
    + "\n\n".join(f"Paragraph {i} about the lower back, needles and pain." for i in range(60))
    + "\n\n## When to see a GP\n\nSee your GP if the pain spreads.\n"
)


def make_window(qtbot, content_root, home, settings: Settings | None = None, size=(1200, 780)):
    store = load_content(content_root)
    assert store.problems == ()
    paths = AppPaths.under(home)
    win = create_window(store, paths, settings or Settings.load(paths.config / FILE_NAME))
    qtbot.addWidget(win)
    if size:
        win.resize(*size)
    win.show()
    return win


@pytest.fixture
def reader_window(qtbot, sample_content, tmp_path):
    sample_content.add("chronic-low-back-pain", related=("sciatica",),
                       aliases=("lumbago",), body=LONG_BODY)
    win = make_window(qtbot, sample_content.root, tmp_path / "home")
    yield win
    win.close()
