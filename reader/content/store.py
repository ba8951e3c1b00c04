"""Load a content folder (pack.toml + factsheets/*.md) into an immutable, validated store."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.content import store_cache
from reader.content.errors import ContentError
from reader.content.factsheet_file import parse_factsheet
from reader.content.markup import SLUG_RE, find_factsheet_links
from reader.content.model import CATEGORIES, Factsheet, PackInfo

_PACK_KEYS = {
    "id": str, "title": str, "publisher": str, "sequence": int, "version": str,
    "date": dt.date, "language": str,
}


@dataclass(frozen=True)
class ContentStore:
    """Every usable factsheet of one content folder, plus the problems found while loading it."""

    root: Path
    pack: PackInfo | None
    factsheets: dict[str, Factsheet]
    problems: tuple[ContentError, ...] = ()
    digest: str = ""
    _sorted: tuple[Factsheet, ...] = field(default=(), repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.factsheets)

    def __iter__(self) -> Iterator[Factsheet]:
        """Factsheets in A–Z order of title."""
        return iter(self._sorted)

    def get(self, slug: str) -> Factsheet | None:
        return self.factsheets.get(slug)

    def missing_content(self) -> str | None:
        """`no content found in DIR (why)` when this store has no usable factsheet, else None:
        the one line every command and the window give when that is the cause."""
        if len(self):
            return None
        why = f" ({self.problems[0].message})" if self.problems else " (it holds no factsheets)"
        return f"no content found in {self.root}{why}"

    def by_category(self) -> list[tuple[str, str, list[Factsheet]]]:
        """(category id, label, factsheets A–Z) for every category that has any, in display order."""
        groups: dict[str, list[Factsheet]] = {}
        for sheet in self._sorted:
            groups.setdefault(sheet.category, []).append(sheet)
        return [(cid, label, groups[cid]) for cid, label in CATEGORIES.items() if cid in groups]

    def citing(self, doi: str | None = None, pmid: str | None = None) -> list[Factsheet]:
        """Factsheets that cite the study with this DOI or PMID."""
        out = []
        for sheet in self._sorted:
            for ref in sheet.references:
                if (doi and ref.doi and ref.doi.lower() == doi.lower()) or (
                        pmid and ref.pmid == pmid):
                    out.append(sheet)
                    break
        return out


def sort_key(title: str) -> str:
    """A–Z ordering key for titles: case-, accent- and apostrophe-insensitive."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in folded if ch.isalnum() or ch == " ")


def load_content(root: Path, cache: Path | None = None) -> ContentStore:
    """Load and validate the content folder at `root`; problems are collected, never raised.

    With `cache` (a per-user folder), the parsed store is kept there keyed by the content's digest
    and the app version, so an unchanged folder is read and hashed but not parsed again: parsing
    65 factsheets was a fifth of the start-up time.
    """
    root = Path(root)
    problems: list[ContentError] = []
    if not root.is_dir():
        problems.append(ContentError(root, 0, "content folder not found"))
        return ContentStore(root, None, {}, tuple(problems))
    digest = hashlib.sha256()
    pack_data = _read_pack(root / "pack.toml", problems, digest)
    folder = root / "factsheets"
    files: list[tuple[Path, bytes]] = []
    if folder.is_dir():
        files = _read_factsheets(folder, problems, digest)
    else:
        problems.append(ContentError(folder, 0, "no 'factsheets' folder"))
    key = digest.hexdigest()
    if cache is not None and (cached := store_cache.read(cache, root, key)) is not None:
        return cached
    pack = _parse_pack(root / "pack.toml", pack_data, problems) if pack_data is not None else None
    factsheets: dict[str, Factsheet] = {}
    for path, data in files:
        sheet, errors = parse_factsheet(path, data)
        problems.extend(errors)
        if sheet is not None:
            factsheets[sheet.slug] = sheet
    problems.extend(_cross_check(factsheets.values(), {p.stem for p, _ in files}))
    ordered = tuple(sorted(factsheets.values(), key=lambda s: (sort_key(s.title), s.slug)))
    store = ContentStore(root, pack, factsheets, tuple(problems), key, ordered)
    if cache is not None:
        store_cache.write(cache, store)
    return store


def _read_factsheets(folder: Path, problems: list[ContentError], digest) -> list[tuple[Path, bytes]]:
    files: list[tuple[Path, bytes]] = []
    seen: dict[str, Path] = {}
    # Files whose names are valid slugs first: of `Migraine.md` and `migraine.md`, the valid one
    # is the factsheet and the other is reported as its duplicate (not the other way round).
    for path in sorted(folder.iterdir(), key=lambda p: (not SLUG_RE.match(p.stem), p.name)):
        if path.name.startswith(".") or path.suffix != ".md":
            continue
        if path.is_symlink() or not path.is_file():
            problems.append(ContentError(path, 0, "not a regular file"))
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(ContentError(path, 0, f"cannot read file: {exc.strerror or exc}"))
            continue
        digest.update(path.name.encode("utf-8") + b"\0" + data + b"\0")
        folded = unicodedata.normalize("NFC", path.stem).casefold()
        if folded in seen:
            problems.append(ContentError(path, 0, f"duplicate slug: same as {seen[folded].name}"))
            continue
        seen[folded] = path
        files.append((path, data))
    return files


def _read_pack(path: Path, problems: list[ContentError], digest) -> bytes | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(ContentError(path, 0, "missing pack.toml"))
        return None
    except OSError as exc:
        problems.append(ContentError(path, 0, f"cannot read file: {exc.strerror or exc}"))
        return None
    digest.update(b"pack.toml\0" + data + b"\0")
    return data


def _parse_pack(path: Path, data: bytes, problems: list[ContentError]) -> PackInfo | None:
    import tomllib  # only when a TOML file is read: slow to import

    try:
        meta = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(ContentError(path, 1, f"malformed pack.toml: {exc}"))
        return None
    ok = True
    for key, kind in _PACK_KEYS.items():
        value = meta.get(key)
        valid = isinstance(value, kind) and not isinstance(value, bool) and not (
            kind is dt.date and isinstance(value, dt.datetime))
        if not valid or (isinstance(value, str) and not value.strip()):
            problems.append(ContentError(path, 0, f"pack.toml: {key!r} must be a {kind.__name__}"))
            ok = False
    for key in meta:
        if key not in _PACK_KEYS:
            problems.append(ContentError(path, 0, f"pack.toml: unknown key {key!r}"))
            ok = False
    return PackInfo(**{k: meta[k] for k in _PACK_KEYS}) if ok else None


def _cross_check(sheets: Iterable[Factsheet], slugs_on_disk: set[str]) -> list[ContentError]:
    """Links between factsheets must resolve (to a file present, even if that file has errors)."""
    problems = []
    for sheet in sheets:
        assert sheet.path is not None
        for other in sheet.related:
            if other not in slugs_on_disk:
                problems.append(ContentError(sheet.path, _line_of_related(sheet),
                                             f"related factsheet {other!r} does not exist"))
        for link in find_factsheet_links(sheet.body):
            if link.slug not in slugs_on_disk:
                problems.append(ContentError(sheet.path, sheet.body_line + link.line - 1,
                                             f"link to unknown factsheet {link.slug!r}"))
    return problems


def _line_of_related(sheet: Factsheet) -> int:
    assert sheet.path is not None
    try:
        for i, line in enumerate(sheet.path.read_text(encoding="utf-8").split("\n"), 1):
            if line.lstrip().startswith("related"):
                return i
    except OSError:
        pass
    return 0
