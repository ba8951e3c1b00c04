"""What an install changed: titles added, updated and removed, and the new change-log lines."""

from __future__ import annotations

from reader.content import load_content
from reader.packs.changes import compare
from tests.conftest import ContentFolder

FIRST = '[[changes]]\ndate = 2026-11-25\ntext = "First published."\n\n'
SECOND = '[[changes]]\ndate = 2026-12-02\ntext = "Added the 2018 Cochrane review."\n\n'
THIRD = '[[changes]]\ndate = 2026-12-02\ntext = "Evidence level lowered to low."\n\n'


def test_the_summary_lists_only_change_log_lines_the_old_content_lacked(tmp_path):
    old = ContentFolder(tmp_path / "old")
    old.add("sciatica", title="Sciatica", tables=FIRST)
    old.add("gout", title="Gout", tables=FIRST)
    old.add("migraine", title="Migraine")
    new = ContentFolder(tmp_path / "new")
    new.add("sciatica", title="Sciatica", tables=FIRST + SECOND + THIRD)
    new.add("gout", title="Gout", tables=FIRST, summary="Reworded, no log line.")
    new.add("tinnitus", title="Tinnitus", tables=FIRST + SECOND)

    changes = compare(load_content(old.root), load_content(new.root))

    assert changes.added == ("Tinnitus",) and changes.removed == ("Migraine",)
    assert changes.updated == ("Gout", "Sciatica")
    assert sorted(changes.notes) == [
        ("Sciatica", "2 December 2026: Added the 2018 Cochrane review."),
        ("Sciatica", "2 December 2026: Evidence level lowered to low."),
        ("Tinnitus", "2 December 2026: Added the 2018 Cochrane review."),  # its latest line only
    ]


def test_a_first_install_has_nothing_to_compare_with(tmp_path):
    new = ContentFolder(tmp_path / "new")
    new.add("sciatica", title="Sciatica", tables=FIRST)
    changes = compare(None, load_content(new.root))
    assert changes.added == ("Sciatica",)
    assert changes.notes == (("Sciatica", "25 November 2026: First published."),)
