"""What the start path imports, and in which order (see reader/ui/__init__.py and
docs/performance.md): heavy libraries stay off it, and our Qt-free modules load before PySide6,
which reads the source of every module imported after it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Runs the real start (`--quit-after-load`) and reports the modules loaded, in order, at the
# first paint (the "home page painted" log line) and once it exits (every feature ready).
PROBE = """
import json, logging, sys
at_paint = []
class AtPaint(logging.Handler):
    def emit(self, record):
        if record.getMessage().startswith("home page painted") and not at_paint:
            at_paint.extend(sys.modules)
            # PySide6 makes a class (and its enums) the first time it is named.
            named.extend(f"{m}.{n}" for m in ("PySide6.QtGui", "PySide6.QtWidgets")
                         for n in vars(sys.modules[m]) if n.startswith("Q"))
named = []
logging.getLogger().addHandler(AtPaint())
from reader.cli import main
code = main(["--content", sys.argv[1], "--quit-after-load"])
print(json.dumps({"code": code, "at_paint": at_paint, "at_exit": list(sys.modules),
                  "qt_named_at_paint": named}))
"""


def start_modules(content_root: Path, home: Path) -> dict[str, list[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FACTSHEET_READER_HOME": str(home)}
    proc = subprocess.run([sys.executable, "-c", PROBE, str(content_root)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["code"] == 0, proc.stderr
    assert report["at_paint"], "the home page never painted"
    return report


def uses_qt(module: str) -> bool:
    parts = module.split(".")
    base = REPO.joinpath(*parts)
    source = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
    return "PySide6" in source.read_text(encoding="utf-8")


def test_start_path_leaves_heavy_libraries_for_later(sample_content, tmp_path):
    modules = start_modules(sample_content.root, tmp_path / "home")["at_paint"]
    for heavy in ("whoosh", "markdown", "cryptography", "importlib.metadata", "logging.handlers"):
        assert heavy not in modules, f"{heavy} is imported before the first paint"
    # Nothing on the start path runs another program (platform.platform() ran `uname -p`).
    assert "subprocess" not in modules


def test_core_modules_load_before_pyside(sample_content, tmp_path):
    modules = start_modules(sample_content.root, tmp_path / "home")["at_paint"]
    qt_at = modules.index("PySide6.QtCore")
    late = [m for m in modules[qt_at:]  # the core: everything outside reader.ui
            if m.startswith("reader.") and not m.startswith("reader.ui") and not uses_qt(m)]
    assert late == [], ("import these from reader/ui/__init__.py, before PySide6: "
                        + ", ".join(late))


# Features not on screen at the first paint, and what only they need (reader/ui/reading_features.py).
BUILT_AFTER_PAINT = ("reader.ui.find_bar", "reader.ui.citation_actions", "reader.ui.handout_actions",
                     "reader.render.handout", "reader.ui.shortcuts_dialog", "reader.ui.about_dialog",
                     "reader.ui.pack_actions", "reader.ui.region_focus",
                     "reader.userdata.transfer", "reader.reading_commands", "reader.packs.commands")


def test_features_off_screen_are_built_after_the_first_paint_and_before_the_exit(
        sample_content, tmp_path):
    report = start_modules(sample_content.root, tmp_path / "home")
    early = [m for m in BUILT_AFTER_PAINT if m in report["at_paint"]]
    assert early == [], f"imported before the first paint: {early}"
    # --quit-after-load means everything a person can reach is ready: the features are built.
    missing = [m for m in BUILT_AFTER_PAINT[:-3] if m not in report["at_exit"]]
    assert missing == [], f"never built: {missing}"


def test_qaccessible_waits_for_the_first_paint(sample_content, tmp_path):
    """Naming QAccessible costs PySide6 about 2 ms of enums; nothing needs it before the first
    paint (the page's heading and link objects are made after it, reader/ui/page_structure.py).
    (QStyle is made anyway when a Python class derived from an item view is first built.)"""
    named = set(start_modules(sample_content.root, tmp_path / "home")["qt_named_at_paint"])
    assert "PySide6.QtWidgets.QTextBrowser" in named  # the probe sees what was named
    assert "PySide6.QtGui.QAccessible" not in named
