"""Parse one factsheet file (TOML front matter + Markdown body) into a `Factsheet`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

from reader.content.errors import ContentError
from reader.content.markup import KEY_RE, SLUG_RE, find_citations
from reader.content.model import (
    BIBLIOGRAPHIC_FIELDS,
    CATEGORIES,
    CERTAINTY_LEVELS,
    CERTAINTY_SOURCES,
    EVIDENCE_LEVELS,
    REFERENCE_TYPES,
    Change,
    Evidence,
    Factsheet,
    Outcome,
    Reference,
    Verification,
)

FENCE = "+++"
_TOML_LINE_RE = re.compile(r"at line (\d+)")

_TOP_KEYS = {
    "title", "question", "category", "aliases", "symptoms", "summary", "evidence",
    "reviewed", "next_review", "evidence_searched", "related", "treatments", "outcomes", "changes",
    "references",
}
_ARRAY_TABLES = ("references", "outcomes", "changes")
_REQUIRED_TOP = ("title", "question", "category", "aliases", "symptoms", "summary", "evidence",
                 "reviewed", "next_review")
_REF_KEYS = {
    "key", "type", "authors", "et_al", "title", "journal", "year", "volume", "issue", "pages",
    "doi", "pmid", "pmcid", "finding", "verified",
}
_REF_REQUIRED = ("key", "type", "authors", "title", "journal", "year", "finding", "verified")
_OUTCOME_KEYS = {"outcome", "comparison", "result", "studies", "participants", "certainty",
                 "certainty_by", "references"}
_OUTCOME_REQUIRED = ("outcome", "comparison", "result", "certainty", "certainty_by", "references")
_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_PMCID_RE = re.compile(r"^PMC\d+$")


class _Problems:
    """Collects errors for one file and finds the line a front matter key is on."""

    def __init__(self, path: Path, front_lines: list[str], front_start: int) -> None:
        self.path = path
        self.lines = front_lines
        self.start = front_start  # file line number of the first front matter line
        self.errors: list[ContentError] = []
        self._headers = {
            table: [i for i, ln in enumerate(front_lines)
                    if ln.strip().replace(" ", "") == f"[[{table}]]"]
            for table in _ARRAY_TABLES
        }

    def add(self, line: int, message: str) -> None:
        self.errors.append(ContentError(self.path, line, message))

    def line_of(self, key: str, ref_index: int | None = None, table: str = "references") -> int:
        """File line where `key =` (or `[key]`) appears, within entry `ref_index` of the array of
        tables `table` if given."""
        lo, hi = 0, len(self.lines)
        headers = self._headers.get(table, [])
        if ref_index is not None and ref_index < len(headers):
            lo = headers[ref_index]
            # The entry ends where the next array-of-tables header (of any table) begins.
            later = [i for rows in self._headers.values() for i in rows if i > lo]
            if later:
                hi = min(later)
        pattern = re.compile(rf"^\s*(?:{re.escape(key)}\s*=|\[\s*{re.escape(key)}\s*\])")
        for i in range(lo, hi):
            if pattern.match(self.lines[i]):
                return self.start + i
        if ref_index is not None and lo < len(self.lines) and headers:
            return self.start + lo
        return self.start - 1 if self.start > 1 else 1


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, file line where the body starts), or None without `+++` fences."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() == FENCE:
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    return None


def parse_factsheet(path: Path, data: bytes | None = None) -> tuple[Factsheet | None, list[ContentError]]:
    """Parse the file at `path`; return the factsheet (None if unusable) and every problem found."""
    path = Path(path)
    try:
        raw = path.read_bytes() if data is None else data
    except OSError as exc:
        return None, [ContentError(path, 0, f"cannot read file: {exc.strerror or exc}")]
    slug = path.stem
    errors: list[ContentError] = []
    if not SLUG_RE.match(slug):
        errors.append(ContentError(path, 0, f"file name {path.name!r} is not a valid slug "
                                            "(lower-case letters, digits and single hyphens)"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, errors + [ContentError(path, line, "file is not valid UTF-8")]
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    parts = split_front_matter(text)
    if parts is None:
        return None, errors + [ContentError(
            path, 1, "missing front matter: the file must start with a '+++' line and the TOML "
                     "front matter must end with another '+++' line")]
    front, body, body_line = parts
    import tomllib  # only when a file is parsed: start-up reads the cached store instead

    try:
        meta = tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE_RE.search(str(exc))
        # tomllib says "at line N" (of the front matter) or "at end of document".
        line = int(m.group(1)) + 1 if m else len(front.split("\n")) + 1
        message = str(exc).split(" (at ")[0]
        return None, errors + [ContentError(path, line, f"malformed TOML front matter: {message}")]

    p = _Problems(path, front.split("\n"), 2)
    p.errors.extend(errors)
    sheet = _build(slug, meta, body, body_line, p)
    if sheet is None or p.errors:
        return (sheet if sheet is not None and not p.errors else None), p.errors
    return dataclasses.replace(sheet, path=path, digest=hashlib.sha256(raw).hexdigest()), []


def _build(slug: str, meta: dict[str, Any], body: str, body_line: int, p: _Problems) -> Factsheet | None:
    for key in meta:
        if key not in _TOP_KEYS:
            p.add(p.line_of(key), f"unknown key {key!r}")
    for key in _REQUIRED_TOP:
        if key not in meta:
            p.add(p.start - 1, f"missing required key {key!r}")

    def text(key: str) -> str:
        value = meta.get(key, "")
        if not isinstance(value, str) or (key in meta and not value.strip()):
            if key in meta:
                p.add(p.line_of(key), f"{key!r} must be a non-empty string")
            return ""
        return value.strip()

    def str_list(key: str) -> tuple[str, ...]:
        value = meta.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            p.add(p.line_of(key), f"{key!r} must be a list of non-empty strings")
            return ()
        return tuple(v.strip() for v in value)

    def date(key: str) -> dt.date | None:
        value = meta.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            p.add(p.line_of(key), f"{key!r} must be a date like 2026-11-25, not {value!r}")
            return None
        return value

    title, question, summary = text("title"), text("question"), text("summary")
    category = meta.get("category")
    if "category" in meta and category not in CATEGORIES:
        p.add(p.line_of("category"),
              f"unknown category {category!r}; expected one of: {', '.join(CATEGORIES)}")
    aliases, symptoms, related = str_list("aliases"), str_list("symptoms"), str_list("related")
    treatments = str_list("treatments")
    for other in related:
        if not SLUG_RE.match(other):
            p.add(p.line_of("related"), f"related entry {other!r} is not a valid slug")
    if slug in related:
        p.add(p.line_of("related"), "a factsheet cannot be related to itself")
    reviewed, next_review = date("reviewed"), date("next_review")
    evidence_searched = date("evidence_searched")
    if reviewed and next_review and next_review <= reviewed:
        p.add(p.line_of("next_review"), "'next_review' must be after 'reviewed'")

    evidence = _evidence(meta.get("evidence"), p)
    references = _references(meta.get("references", []), p)
    outcomes = _outcomes(meta.get("outcomes", []), {r.key for r in references}, p)
    changes = _changes(meta.get("changes", []), p)
    if not body.strip():
        p.add(body_line, "the body is empty")
    known = {r.key for r in references}
    cited: set[str] = set()
    for citation in find_citations(body):
        for key in citation.keys:
            cited.add(key)
            if key not in known:
                p.add(body_line + citation.line - 1, f"citation [@{key}] names no reference")
    for ref_index, ref in enumerate(references):
        if ref.key not in cited:
            p.add(p.line_of("key", ref_index), f"reference {ref.key!r} is never cited in the body")

    if p.errors or evidence is None or reviewed is None or next_review is None:
        return None
    return Factsheet(
        slug=slug, title=title, question=question, category=str(category), aliases=aliases,
        symptoms=symptoms, summary=summary, evidence=evidence, reviewed=reviewed,
        next_review=next_review, body=body, related=related, treatments=treatments,
        references=tuple(references),
        evidence_searched=evidence_searched, outcomes=outcomes, changes=changes,
        body_line=body_line,
    )


def _evidence(value: Any, p: _Problems) -> Evidence | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        p.add(p.line_of("evidence"), "'evidence' must be a table with 'level' and 'summary'")
        return None
    for key in value:
        if key not in ("level", "summary"):
            p.add(p.line_of("evidence"), f"unknown key {key!r} in 'evidence'")
    level, summary = value.get("level"), value.get("summary")
    ok = True
    if level not in EVIDENCE_LEVELS:
        p.add(p.line_of("level"),
              f"unknown evidence level {level!r}; expected one of: {', '.join(EVIDENCE_LEVELS)}")
        ok = False
    if not isinstance(summary, str) or not summary.strip():
        p.add(p.line_of("evidence"), "'evidence' needs a non-empty 'summary' sentence")
        ok = False
    return Evidence(str(level), summary.strip()) if ok else None


def _outcomes(value: Any, known: set[str], p: _Problems) -> tuple[Outcome, ...]:
    """The rows of "Research at a glance"; each must rest on references the factsheet has."""
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        p.add(p.line_of("outcomes"), "'outcomes' must be an array of tables ([[outcomes]])")
        return ()
    rows = []
    for i, row in enumerate(value):
        before = len(p.errors)

        def bad(field: str, message: str, i: int = i) -> None:
            p.add(p.line_of(field, i, "outcomes"), f"outcome {i + 1}: {message}")

        for key in row:
            if key not in _OUTCOME_KEYS:
                bad(key, f"unknown key {key!r}")
        for key in _OUTCOME_REQUIRED:
            if key not in row:
                bad("outcome", f"missing required key {key!r}")
        for key in ("outcome", "comparison", "result"):
            if key in row and (not isinstance(row[key], str) or not row[key].strip()):
                bad(key, f"{key!r} must be a non-empty string")
        for key in ("studies", "participants"):
            n = row.get(key)
            if n is not None and (not isinstance(n, int) or isinstance(n, bool) or n < 1):
                bad(key, f"{key!r} must be a whole number of at least 1, not {n!r}")
        if "certainty" in row and row["certainty"] not in CERTAINTY_LEVELS:
            bad("certainty", f"unknown certainty {row['certainty']!r}; expected one of: "
                + ", ".join(CERTAINTY_LEVELS))
        if "certainty_by" in row and row["certainty_by"] not in CERTAINTY_SOURCES:
            bad("certainty_by", f"'certainty_by' must be one of: {', '.join(CERTAINTY_SOURCES)}, "
                f"not {row['certainty_by']!r}")
        keys = row.get("references", [])
        if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
            bad("references", "'references' must be a non-empty list of reference keys")
            keys = []
        for key in keys:
            if key not in known:
                bad("references", f"cites {key!r}, which is not one of this factsheet's references")
        if len(p.errors) == before:
            rows.append(Outcome(
                outcome=row["outcome"].strip(), comparison=row["comparison"].strip(),
                result=row["result"].strip(), certainty=row["certainty"],
                certainty_by=row["certainty_by"], references=tuple(keys),
                studies=row.get("studies"), participants=row.get("participants"),
            ))
    return tuple(rows)


def _changes(value: Any, p: _Problems) -> tuple[Change, ...]:
    """The change log, newest first."""
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        p.add(p.line_of("changes"), "'changes' must be an array of tables ([[changes]])")
        return ()
    out = []
    for i, entry in enumerate(value):
        before = len(p.errors)

        def bad(field: str, message: str, i: int = i) -> None:
            p.add(p.line_of(field, i, "changes"), f"change {i + 1}: {message}")

        for key in entry:
            if key not in ("date", "text"):
                bad(key, f"unknown key {key!r}")
        when, text = entry.get("date"), entry.get("text")
        if isinstance(when, dt.datetime) or not isinstance(when, dt.date):
            bad("date", f"'date' must be a date like 2026-11-25, not {when!r}")
        if not isinstance(text, str) or not text.strip():
            bad("text", "'text' must say in a sentence what changed")
        if len(p.errors) == before:
            out.append(Change(when, " ".join(text.split())))
    return tuple(sorted(out, key=lambda c: c.date, reverse=True))


def _references(value: Any, p: _Problems) -> list[Reference]:
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        p.add(p.line_of("references"), "'references' must be an array of tables ([[references]])")
        return []
    refs: list[Reference] = []
    seen: set[str] = set()
    for i, r in enumerate(value):
        ref = _reference(r, i, p)
        if ref is None:
            continue
        if ref.key in seen:
            p.add(p.line_of("key", i), f"duplicate reference key {ref.key!r}")
            continue
        seen.add(ref.key)
        refs.append(ref)
    return refs


def _reference(r: dict[str, Any], i: int, p: _Problems) -> Reference | None:
    before = len(p.errors)
    label = f"reference {r.get('key', i + 1)!r}"

    def bad(field: str, message: str) -> None:
        p.add(p.line_of(field, i), f"{label}: {message}")

    for key in r:
        if key not in _REF_KEYS:
            bad(key, f"unknown key {key!r}")
    for key in _REF_REQUIRED:
        if key not in r:
            bad("key", f"missing required key {key!r}")
    key = r.get("key", "")
    if "key" in r and (not isinstance(key, str) or not KEY_RE.match(key)):
        bad("key", "'key' must be lower-case letters, digits and hyphens")
    if "type" in r and r["type"] not in REFERENCE_TYPES:
        bad("type", f"unknown type {r['type']!r}; expected one of: {', '.join(REFERENCE_TYPES)}")
    authors = r.get("authors", [])
    if not isinstance(authors, list) or not authors or not all(
            isinstance(a, str) and a.strip() for a in authors):
        bad("authors", "'authors' must be a non-empty list of names")
        authors = []
    for field in ("title", "journal", "finding"):
        if field in r and (not isinstance(r[field], str) or not r[field].strip()):
            bad(field, f"{field!r} must be a non-empty string")
    year = r.get("year")
    if "year" in r and (not isinstance(year, int) or isinstance(year, bool)
                        or not 1800 <= year <= 2100):
        bad("year", f"'year' must be a four-digit year, not {year!r}")
    optional: dict[str, str | None] = {}
    for field in ("volume", "issue", "pages", "doi", "pmid", "pmcid"):
        v = r.get(field)
        if v is not None and (not isinstance(v, str) or not v.strip()):
            bad(field, f"{field!r} must be a non-empty string")
            v = None
        optional[field] = v.strip() if isinstance(v, str) else None
    if optional["doi"] and not _DOI_RE.match(optional["doi"]):
        bad("doi", f"'doi' should be a bare DOI like 10.1000/xyz, not {optional['doi']!r}")
    if optional["pmid"] and not optional["pmid"].isdigit():
        bad("pmid", f"'pmid' must be digits only, not {optional['pmid']!r}")
    if optional["pmcid"] and not _PMCID_RE.match(optional["pmcid"]):
        bad("pmcid", f"'pmcid' must look like PMC1234567, not {optional['pmcid']!r}")
    if not optional["doi"] and not optional["pmid"]:
        bad("key", "needs a confirmed 'doi' or 'pmid' so readers can find it")
    et_al = r.get("et_al", False)
    if not isinstance(et_al, bool):
        bad("et_al", "'et_al' must be true or false")

    verified = _verifications(r.get("verified"), bad)
    confirmed = {f for v in verified for f in v.fields}
    present = [f for f in BIBLIOGRAPHIC_FIELDS if r.get(f) not in (None, "", [])]
    unconfirmed = [f for f in present if f not in confirmed]
    if verified and unconfirmed:
        bad("verified", "fields present but not confirmed by any 'verified' page: "
            + ", ".join(unconfirmed) + " (confirm them or leave them out)")

    if len(p.errors) > before:
        return None
    return Reference(
        key=key, type=r["type"], authors=tuple(a.strip() for a in authors),
        title=r["title"].strip(), journal=r["journal"].strip(), year=year,
        finding=r["finding"].strip(), verified=tuple(verified), et_al=et_al, **optional,
    )


def _verifications(value: Any, bad) -> list[Verification]:
    if value is None:
        return []
    if not isinstance(value, list) or not value:
        bad("verified", "'verified' must be a non-empty list of {url, date, fields} tables")
        return []
    out = []
    for v in value:
        if not isinstance(v, dict):
            bad("verified", "each 'verified' entry must be a table {url, date, fields}")
            continue
        url, date, fields = v.get("url"), v.get("date"), v.get("fields")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            bad("verified", "each 'verified' entry needs the 'url' of the page checked")
            continue
        if date is not None and (isinstance(date, dt.datetime) or not isinstance(date, dt.date)):
            bad("verified", f"'date' in 'verified' must be a date like 2026-11-25, not {date!r}")
            continue
        if not isinstance(fields, list) or not fields or not all(
                f in BIBLIOGRAPHIC_FIELDS for f in fields):
            bad("verified", "'fields' in 'verified' must list fields from: "
                + ", ".join(BIBLIOGRAPHIC_FIELDS))
            continue
        extra = set(v) - {"url", "date", "fields"}
        if extra:
            bad("verified", f"unknown key(s) in 'verified': {', '.join(sorted(extra))}")
            continue
        out.append(Verification(url, date, tuple(fields)))
    return out
