"""Which file names a pack may carry: relative, portable, and unable to escape its folder.

The same rules run on the manifest's list (before anything is written) and guard extraction. A
name that would mean something else on another system (a drive, a reserved Windows device, a
name two files share once case or Unicode normalisation is folded) is refused everywhere, so a
pack that installs on one machine installs the same way on all of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_PATH_CHARS = 240
MAX_PART_CHARS = 120

# Device names Windows reserves in every folder, with or without an extension.
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$",
                       re.IGNORECASE)
_FORBIDDEN_CHARS = set('<>:"\\|?*')


def path_problem(path: str) -> str | None:
    """Why `path` cannot be a file name in a pack, or None when it is fine."""
    if not isinstance(path, str) or not path:
        return "empty file name"
    if len(path) > MAX_PATH_CHARS:
        return f"file name longer than {MAX_PATH_CHARS} characters"
    if path.startswith("/") or path.startswith("\\"):
        return "absolute path"
    if len(path) >= 2 and path[1] == ":":
        return "drive path"
    for ch in path:
        if ord(ch) < 32 or ord(ch) == 127:
            return "control character in file name"
        if ch in _FORBIDDEN_CHARS:
            return f"character {ch!r} is not allowed in file names"
    for part in path.split("/"):
        if part in ("", ".", ".."):
            return "path goes outside the pack" if part == ".." else "empty or '.' path part"
        if part.startswith("."):
            return "hidden file names (starting with '.') are not allowed"
        if part != part.rstrip(". "):
            return "file name ends with a dot or space"
        if len(part) > MAX_PART_CHARS:
            return f"path part longer than {MAX_PART_CHARS} characters"
        if _RESERVED.match(part) or _RESERVED.match(part.split(".")[0]):
            return f"{part!r} is a reserved name on Windows"
    return None


def collision_key(path: str) -> str:
    """The form under which two names are the same file on some system (case, Unicode form)."""
    return unicodedata.normalize("NFC", path).casefold()


def find_collisions(paths: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs (earlier, later) of names that would be the same file or folder on some system.

    Exact duplicates, names that differ only in case or Unicode form ("Gout.md", "gout.md"), a
    file and a folder of the same name, and folders spelt two ways ("a/x", "A/y") all collide.
    """
    seen: dict[str, tuple[str, str, str]] = {}  # folded name -> (as written, kind, whole path)
    out = []
    for path in paths:
        parts = path.split("/")
        for n in range(1, len(parts) + 1):
            name = "/".join(parts[:n])
            kind = "file" if n == len(parts) else "folder"
            key = collision_key(name)
            if key not in seen:
                seen[key] = (name, kind, path)
                continue
            other_name, other_kind, other_path = seen[key]
            if other_name != name or kind == "file" or other_kind == "file":
                out.append((other_path, path))
                break
    return out
