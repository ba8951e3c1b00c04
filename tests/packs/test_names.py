"""Which names a pack may carry."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.packs.names import find_collisions, path_problem


@pytest.mark.parametrize("name", ["pack.toml", "factsheets/chronic-low-back-pain.md",
                                  "images/a/b.png", "factsheets/caf\u00e9.md", "con-tips.md",
                                  "consent.md", "factsheets/com10.md"])
def test_ordinary_names_are_allowed(name):
    assert path_problem(name) is None


@pytest.mark.parametrize(("name", "problem"), [
    ("", "empty"), ("a//b", "empty"), ("./a", "'.'"), ("a/./b", "'.'"), ("../a", "outside"),
    ("a/../../b", "outside"), ("/a", "absolute"), ("\\a", "absolute"), ("C:a", "drive"),
    ("c:/a", "drive"), ("a\\b", r"'\\\\'"), ("ab:c", "':'"), ("a*b", "'\\*'"), ("a?", "'\\?'"),
    ('a"b', "'\"'"), ("a<b", "'<'"), ("a|b", "'\\|'"), ("a\nb", "control"), ("a\x7f", "control"),
    ("NUL", "reserved"), ("nul.md", "reserved"), ("Com1.txt", "reserved"), ("lpt9", "reserved"),
    ("x/CON/y.md", "reserved"), ("com\u00b9.md", "reserved"), ("conin$", "reserved"),
    ("a.", "dot or space"), ("a ", "dot or space"), (".git/config", "hidden"),
    ("a" * 121, "longer than 120"), ("a/" * 121 + "b", "longer than 240"),
])
def test_dangerous_names_are_refused(name, problem):
    import re

    found = path_problem(name)
    assert found is not None and re.search(problem, found), found


def test_collisions():
    nfc = "caf\u00e9.md"
    nfd = unicodedata.normalize("NFD", nfc)
    assert find_collisions(["a.md", "b.md", "c/d.md", "c/e.md"]) == []
    assert find_collisions(["a.md", "a.md"]) == [("a.md", "a.md")]
    assert find_collisions(["Gout.md", "gout.md"]) == [("Gout.md", "gout.md")]
    assert find_collisions(["STRASSE.md", "stra\u00dfe.md"]) == [("STRASSE.md", "stra\u00dfe.md")]
    assert find_collisions([nfc, nfd]) == [(nfc, nfd)]
    assert find_collisions(["c", "c/d.md"]) == [("c", "c/d.md")]
    assert find_collisions(["c/d.md", "C/e.md"]) == [("c/d.md", "C/e.md")]


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_any_allowed_name_stays_inside_the_folder(name):
    if path_problem(name) is not None:
        return
    root = Path("/srv/pack-root").resolve()
    target = (root / name).resolve()
    assert root in target.parents
    assert not os.path.isabs(name)
