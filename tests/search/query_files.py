"""The relevance and precision suites' query files (TOML, one `[[query]]` table each)."""

from __future__ import annotations

import tomllib
from pathlib import Path


def load_queries(folder: Path) -> list[dict]:
    """Every `[[query]]` of the TOML files in `folder`, each with the name of its file."""
    queries = []
    for path in sorted(folder.glob("*.toml")):
        for q in tomllib.loads(path.read_text(encoding="utf-8")).get("query", []):
            queries.append({**q, "file": path.name})
    return queries
