"""The shape the style guide asks for: the core never imports the GUI, and no module imports
itself round a circle (imports inside functions included: they still tie the two together)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "reader"


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def test_no_import_circles():
    graph = _graph()
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    # A package's __init__ re-exporting its own modules is not a circle between modules.
    circles = [c for c in circles if not any(a.startswith(b + ".") or b.startswith(a + ".")
                                             for a, b in zip(c, c[1:], strict=False))]
    assert circles == [], " | ".join(" -> ".join(c) for c in circles)


def test_the_core_never_imports_the_gui():
    graph = _graph()
    leaks = {name: sorted(t for t in targets if t.startswith("reader.ui"))
             for name, targets in graph.items()
             if not name.startswith("reader.ui") and name not in ("reader.cli", "reader.reading_commands")}
    assert {k: v for k, v in leaks.items() if v} == {}
