"""What the app says about itself: its version, the content pack in use, and the libraries it
bundles with their licences (for `--version` and Help > About)."""

from __future__ import annotations

import re
import sys
import sysconfig
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from reader.content.store import ContentStore

DISTRIBUTION = "factsheet-reader"
# Used when the app runs from a source tree that was never installed (no metadata to walk).
_DIRECT_DEPENDENCIES = ("PySide6-Essentials", "Whoosh-Reloaded", "Markdown", "platformdirs")
# Qt for Python's wheels ship no licence file; the app ships the texts it is used under.
_QT_DISTRIBUTIONS = {"pyside6-essentials", "pyside6", "shiboken6"}
QT_LICENCE = "LGPL-3.0-only"
QT_LICENCE_FILES = ("LGPL-3.0.txt", "GPL-3.0.txt")  # the LGPL v3 is the GPL v3 plus permissions
_LICENCE_FILE = re.compile(r"(^|/)(licen[cs]e|copying|notice)[^/]*$", re.IGNORECASE)

REPLACING_QT = (
    "Qt and Qt for Python (PySide6, Shiboken6) are used under the GNU Lesser General Public "
    "License version 3. You may replace them with a version of your own: the installed app "
    "keeps them as separate shared libraries and modules (on Linux and Windows in the "
    "_internal/PySide6 and _internal/shiboken6 folders of the install folder, on macOS in "
    "Factsheet Reader.app/Contents/Frameworks), so copying your build of the same Qt version "
    "over them is enough; nothing is linked statically. The source code of Qt and Qt for "
    "Python is available from the Qt Project (download.qt.io and code.qt.io)."
)


@dataclass(frozen=True)
class Component:
    """A library bundled with the app, as the About dialog lists it."""

    name: str
    version: str
    licence: str
    licence_files: tuple[Path, ...]


def version_text(store: ContentStore) -> str:
    """Two lines: the app's version and the label of the content pack in use."""
    from reader import __version__

    if store.pack is not None:
        content = store.pack.label
    else:
        content = f"no valid content pack in {store.root}"
    return f"factsheet-reader {__version__}\ncontent: {content}"


def bundled_components(resources: Path) -> list[Component]:
    """The Python runtime and every library the app depends on (directly or through another
    library) that is installed, A–Z after Python, with their declared licences."""
    components = [_python_component(resources)]
    names = runtime_distributions()
    for name in sorted(names, key=str.lower):
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        meta = dist.metadata
        if _normalise(name) in _QT_DISTRIBUTIONS:
            licence = QT_LICENCE
            files = tuple(p for p in (resources / "licenses" / f for f in QT_LICENCE_FILES)
                          if p.is_file())
        else:
            licence = meta.get("License-Expression") or _short(meta.get("License")) or \
                _from_classifiers(meta.get_all("Classifier") or []) or "see its licence file"
            files = _licence_files(dist)
        components.append(Component(meta.get("Name") or name, dist.version, licence, files))
    if getattr(sys, "frozen", False):
        components.append(Component(
            "PyInstaller bootloader", "", "GPL-2.0-or-later WITH Bootloader-exception",
            _files_in(resources / "licenses" / "PyInstaller")))
    return components


def runtime_distributions() -> set[str]:
    """Names of the installed distributions the app needs at run time (the packaging spec
    bundles the metadata and licence files of exactly these)."""
    try:
        roots = _requirement_names(metadata.distribution(DISTRIBUTION))
    except metadata.PackageNotFoundError:
        roots = list(_DIRECT_DEPENDENCIES)
    seen: dict[str, str] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if _normalise(name) in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # not installed: its marker excluded it (another OS or Python version)
        seen[_normalise(name)] = dist.metadata.get("Name") or name
        todo.extend(_requirement_names(dist))
    return set(seen.values())


def _normalise(name: str) -> str:
    """A distribution name as packaging compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_names(dist: metadata.Distribution) -> list[str]:
    names = []
    for requirement in dist.requires or []:
        if re.search(r"\bextra\s*==", requirement):
            continue  # optional extras (tests, packaging) are not bundled
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
        if match:
            names.append(match.group(1))
    return names


def _licence_files(dist: metadata.Distribution) -> tuple[Path, ...]:
    found = []
    for file in dist.files or []:
        if ".dist-info/" in str(file).replace("\\", "/") and _LICENCE_FILE.search(str(file)):
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                found.append(path)
    return tuple(found)


def _python_component(resources: Path) -> Component:
    # An installed build carries the interpreter's licence in resources/licenses/Python
    # (packaging/); a source run finds it beside the standard library.
    files = _files_in(resources / "licenses" / "Python")
    if not files:
        stdlib_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
        files = (stdlib_licence,) if stdlib_licence.is_file() else ()
    return Component("Python", sys.version.split()[0], "PSF-2.0", files)


def _files_in(folder: Path) -> tuple[Path, ...]:
    return tuple(sorted(p for p in folder.iterdir() if p.is_file())) if folder.is_dir() else ()


def _short(text: str | None) -> str | None:
    """A `License:` field that is a name, not the whole licence text pasted in."""
    if not text or text.strip().upper() == "UNKNOWN":
        return None
    first = text.strip().splitlines()[0]
    return first if len(first) <= 60 else None


def _from_classifiers(classifiers: list[str]) -> str | None:
    names = [c.split("::")[-1].strip() for c in classifiers if c.startswith("License ::")]
    return " / ".join(names) or None
