"""Whoosh imported without urllib.request and asyncio (reader/search/lean_whoosh.py): what it
leaves out stays out, what Whoosh uses still works, and a Whoosh that needs more at import time
is imported in full instead of failing."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

LEFT_OUT = ("urllib.request", "http.client", "email.parser", "ssl", "asyncio", "cached_property")


def run(code: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return {"out": json.loads(proc.stdout.strip().splitlines()[-1]), "err": proc.stderr}


def test_the_search_leaves_out_what_whoosh_never_uses_here():
    out = run(f"""
import json, sys
import reader.search.index
print(json.dumps([m for m in {LEFT_OUT!r} if m in sys.modules]))
""")["out"]
    assert out == []


def test_what_whoosh_takes_from_them_still_works(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("downloaded")
    out = run(f"""
import functools, json, sys
import reader.search.index
import whoosh.compat, whoosh.reading
copied, _ = whoosh.compat.urlretrieve({source.as_uri()!r}, {str(tmp_path / "b.txt")!r})
print(json.dumps({{
    "copied": open(copied).read(),
    "cached_property": whoosh.reading.cached_property is functools.cached_property,
    # later imports get the real modules, not the stand-ins
    "real_request": type(sys.modules["urllib.request"]).__name__ == "module"
                    and hasattr(sys.modules["urllib.request"], "Request"),
}}))
""")["out"]
    assert out == {"copied": "downloaded", "cached_property": True, "real_request": True}


def test_the_index_builds_and_answers_with_the_lean_import(sample_content, tmp_path):
    out = run(f"""
import json
from reader.content import load_content
from reader.search.index import open_or_build
index = open_or_build({str(tmp_path / "index")!r}, load_content({str(sample_content.root)!r}))
hits = index.search("sciatica").hits
print(json.dumps([h.slug for h in hits][:1]))
""")["out"]
    assert out == ["sciatica"]


def test_a_whoosh_needing_more_at_import_is_imported_in_full():
    # As if a later Whoosh took another name from urllib.request when it is imported.
    done = run("""
import json, sys
from reader.search import lean_whoosh
for name in [m for m in sys.modules if m.startswith("whoosh")]:
    del sys.modules[name]
lean = lean_whoosh.import_whoosh({"urllib.request": {}, "cached_property": {}})
import whoosh.compat, whoosh.reading
print(json.dumps({"lean": lean, "urlretrieve": whoosh.compat.urlretrieve.__module__,
                  "cached_property": whoosh.reading.cached_property.__module__}))
""")
    assert done["out"] == {"lean": False, "urlretrieve": "urllib.request",
                           "cached_property": "cached_property"}
    assert "importing it in full" in done["err"]
