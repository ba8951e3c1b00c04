"""The body as plain text, for search and snippets."""

from __future__ import annotations

from reader.content.markup import to_plain_text

BODY = """## What is it?

Sciatica is pain caused by pressure on the
sciatic nerve. It can feel burning, and may come with
pins and needles, numbness or
weakness in the leg [@smith2020].

- a high temperature or feeling
  very unwell
- unexplained weight loss

1. first step
2. second step

See [back pain](chronic-low-back-pain) and **act early**.
"""


def test_wrapped_lines_of_a_paragraph_become_one_line():
    lines = to_plain_text(BODY).splitlines()
    assert ("Sciatica is pain caused by pressure on the sciatic nerve. It can feel burning, and "
            "may come with pins and needles, numbness or weakness in the leg.") in lines


def test_list_items_and_headings_keep_their_own_lines():
    lines = to_plain_text(BODY).splitlines()
    assert lines[0] == "What is it?"
    for item in ("a high temperature or feeling very unwell", "unexplained weight loss",
                 "first step", "second step"):
        assert item in lines


def test_markup_citations_and_link_targets_are_gone():
    text = to_plain_text(BODY)
    assert "See back pain and act early." in text
    for left_out in ("@smith2020", "chronic-low-back-pain", "**", "##", "- "):
        assert left_out not in text


def test_windows_line_endings():
    assert to_plain_text("One line\r\nwrapped.\r\n\r\nNext.") == "One line wrapped.\n\nNext."
