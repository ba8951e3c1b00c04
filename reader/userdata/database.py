"""The reader's own data: bookmarks, recently viewed factsheets and private notes, in SQLite.

Kept in the per-user data folder, apart from the content, so a content update never touches it.
Everything is keyed by factsheet slug (a factsheet's permanent identity) and stores the title it
had, so a note whose factsheet has gone from the content is still listed by name: it is shown as
orphaned, never dropped.

Every change is one transaction. A database that cannot be read is renamed aside (never deleted)
and a new one started; a folder that cannot be written opens what is there read-only. Either way
`notice` says what happened, in words for the reader.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

RECENT_LIMIT = 30
BUSY_TIMEOUT_S = 5.0


class UserDataError(Exception):
    """A bookmark or note could not be read or saved; says which file and why."""

    def __init__(self, path: Path | None, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Bookmark:
    slug: str
    title: str
    created: str  # ISO 8601, UTC


@dataclass(frozen=True)
class RecentVisit:
    slug: str
    title: str
    viewed: str


@dataclass(frozen=True)
class Note:
    """A private note on one factsheet (plain text or Markdown)."""

    slug: str
    title: str  # the factsheet's title when the note was last saved
    text: str
    created: str
    updated: str
    factsheet_digest: str = ""  # the factsheet file's sha256 when the note was last saved


def _v1(conn: sqlite3.Connection) -> None:
    conn.execute("""CREATE TABLE bookmarks (
        slug TEXT PRIMARY KEY, title TEXT NOT NULL, created TEXT NOT NULL)""")
    conn.execute("""CREATE TABLE recent (
        slug TEXT PRIMARY KEY, title TEXT NOT NULL, viewed TEXT NOT NULL)""")
    conn.execute("CREATE INDEX recent_by_time ON recent (viewed)")
    conn.execute("""CREATE TABLE notes (
        slug TEXT PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL,
        created TEXT NOT NULL, updated TEXT NOT NULL, factsheet_digest TEXT NOT NULL DEFAULT '')""")


# MIGRATIONS[n] brings a database from schema version n to n + 1 (PRAGMA user_version). Append
# new steps; never edit a released one.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1,)
SCHEMA_VERSION = len(MIGRATIONS)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class UserData:
    """Bookmarks, recent visits and notes of one user. Open with `UserData.open(path)`."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, writable: bool,
                 notice: str | None = None) -> None:
        self._conn = conn
        self.path = path
        self.writable = writable
        self.notice = notice  # what went wrong on opening, for the reader; None when all is well

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, clock: Callable[[], str] = now_iso) -> UserData:
        """The database at `path`, created or migrated as needed; never raises for a damaged
        file or an unwritable folder (see `notice` and `writable`)."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("cannot create %s: %s", path.parent, exc)
        if not _can_write(path):
            return cls._open_read_only(
                path, f"Bookmarks and notes are read-only: {path.parent} cannot be written to. "
                      "Changes will not be saved.")
        try:
            conn = _connect(path)
            _check(conn)
        except sqlite3.DatabaseError as exc:
            if _is_corruption(exc):
                return cls._set_aside_and_restart(path, exc, clock)
            # Locked by another program, or an I/O error: leave the file exactly as it is.
            return cls._open_read_only(
                path, f"Bookmarks and notes cannot be saved just now ({exc}). Close other copies "
                      "of Factsheet Reader and start it again.")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                conn.close()
                return cls._open_read_only(
                    path, "Bookmarks and notes were saved by a newer version of Factsheet Reader; "
                          "they are shown read-only so that nothing is lost.")
            _migrate(conn, version)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if _is_corruption(exc):
                return cls._set_aside_and_restart(path, exc, clock)
            return cls._open_read_only(path, f"Bookmarks and notes cannot be saved ({exc}).")
        return cls(conn, path, writable=True)

    @classmethod
    def in_memory(cls) -> UserData:
        """A private, empty database that lasts as long as the object (tests, kiosk)."""
        conn = _connect(":memory:")
        _migrate(conn, 0)
        return cls(conn, None, writable=True)

    @classmethod
    def _open_read_only(cls, path: Path, notice: str) -> UserData:
        log.warning("%s", notice)
        if path.exists():
            try:
                conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S,
                                       isolation_level=None)
                _check(conn)
                if conn.execute("PRAGMA user_version").fetchone()[0] >= 1:
                    return cls(conn, path, writable=False, notice=notice)
                conn.close()
            except sqlite3.DatabaseError as exc:
                log.warning("cannot read %s: %s", path, exc)
        conn = _connect(":memory:")
        _migrate(conn, 0)
        return cls(conn, path, writable=False, notice=notice)

    @classmethod
    def _set_aside_and_restart(cls, path: Path, exc: Exception,
                               clock: Callable[[], str]) -> UserData:
        stamp = clock().replace(":", "").replace("-", "")
        aside = path.with_name(f"{path.name}.damaged-{stamp}")
        n = 2
        while aside.exists():  # a second damaged file must not replace the first
            aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
            n += 1
        log.error("user database %s is damaged (%s); moving it to %s", path, exc, aside)
        try:
            os.replace(path, aside)
            for extra in ("-journal", "-wal", "-shm"):
                side = path.with_name(path.name + extra)
                if side.exists():
                    os.replace(side, aside.with_name(aside.name + extra))
        except OSError as move_error:
            return cls._open_read_only(
                path, f"Bookmarks and notes could not be read ({exc}), and the damaged file could "
                      f"not be moved aside ({move_error.strerror or move_error}). Nothing has been "
                      "changed; changes will not be saved.")
        fresh = cls.open(path, clock)
        fresh.notice = (f"Your bookmarks and notes file was damaged and could not be read. It has "
                        f"been kept as {aside.name} in {path.parent}, and a new, empty one started.")
        return fresh

    def close(self) -> None:
        self._conn.close()

    # -- transactions --------------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if not self.writable:
            raise UserDataError(self.path, self.notice or "bookmarks and notes are read-only")
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise UserDataError(self.path, f"could not save: {exc}") from exc
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            try:
                self._conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if isinstance(exc, sqlite3.Error):
                raise UserDataError(self.path, f"could not save: {exc}") from exc
            raise

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        try:
            return self._conn.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise UserDataError(self.path, f"could not read: {exc}") from exc

    # -- bookmarks -----------------------------------------------------------------------------
    def bookmarks(self) -> list[Bookmark]:
        """Bookmarks, newest first."""
        return [Bookmark(*row) for row in self._read(
            "SELECT slug, title, created FROM bookmarks ORDER BY created DESC, rowid DESC")]

    def is_bookmarked(self, slug: str) -> bool:
        return bool(self._read("SELECT 1 FROM bookmarks WHERE slug = ?", (slug,)))

    def add_bookmark(self, slug: str, title: str, when: str | None = None) -> None:
        with self._write() as conn:
            conn.execute("INSERT INTO bookmarks (slug, title, created) VALUES (?, ?, ?) "
                         "ON CONFLICT (slug) DO UPDATE SET title = excluded.title",
                         (slug, title, when or now_iso()))

    def remove_bookmark(self, slug: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM bookmarks WHERE slug = ?", (slug,))

    def toggle_bookmark(self, slug: str, title: str) -> bool:
        """Bookmark `slug` or remove its bookmark; True when it is now bookmarked."""
        if self.is_bookmarked(slug):
            self.remove_bookmark(slug)
            return False
        self.add_bookmark(slug, title)
        return True

    # -- recently viewed -----------------------------------------------------------------------
    def record_visit(self, slug: str, title: str, when: str | None = None) -> None:
        """Note that `slug` was viewed (keeps the latest RECENT_LIMIT)."""
        with self._write() as conn:
            # Delete and insert (rather than update) so the newest row also has the highest
            # rowid, which orders visits made within the same second.
            conn.execute("DELETE FROM recent WHERE slug = ?", (slug,))
            conn.execute("INSERT INTO recent (slug, title, viewed) VALUES (?, ?, ?)",
                         (slug, title, when or now_iso()))
            conn.execute("DELETE FROM recent WHERE slug NOT IN (SELECT slug FROM recent "
                         "ORDER BY viewed DESC, rowid DESC LIMIT ?)", (RECENT_LIMIT,))

    def recent(self) -> list[RecentVisit]:
        """Recently viewed factsheets, latest first."""
        return [RecentVisit(*row) for row in self._read(
            "SELECT slug, title, viewed FROM recent ORDER BY viewed DESC, rowid DESC")]

    def clear_recent(self) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM recent")

    # -- notes ---------------------------------------------------------------------------------
    def note(self, slug: str) -> Note | None:
        rows = self._read("SELECT slug, title, text, created, updated, factsheet_digest "
                          "FROM notes WHERE slug = ?", (slug,))
        return Note(*rows[0]) if rows else None

    def notes(self) -> list[Note]:
        """Every note, most recently changed first."""
        return [Note(*row) for row in self._read(
            "SELECT slug, title, text, created, updated, factsheet_digest FROM notes "
            "ORDER BY updated DESC, rowid DESC")]

    def save_note(self, slug: str, title: str, text: str, factsheet_digest: str = "",
                  when: str | None = None) -> Note | None:
        """Store the note's new text (an empty text deletes the note); returns what is stored."""
        when = when or now_iso()
        with self._write() as conn:
            if not text.strip():
                conn.execute("DELETE FROM notes WHERE slug = ?", (slug,))
                return None
            conn.execute(
                "INSERT INTO notes (slug, title, text, created, updated, factsheet_digest) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO UPDATE SET title = excluded.title, "
                "text = excluded.text, updated = excluded.updated, "
                "factsheet_digest = excluded.factsheet_digest",
                (slug, title, text, when, when, factsheet_digest))
        return self.note(slug)

    def delete_note(self, slug: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM notes WHERE slug = ?", (slug,))

    # -- bulk (import) -------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[_Batch]:
        """Several changes that are saved together or not at all."""
        with self._write() as conn:
            yield _Batch(conn)


class _Batch:
    """Writes inside one open transaction (see `UserData.transaction`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def put_bookmark(self, bookmark: Bookmark) -> bool:
        """Add the bookmark unless there is one; True when added."""
        cur = self._conn.execute(
            "INSERT INTO bookmarks (slug, title, created) VALUES (?, ?, ?) "
            "ON CONFLICT (slug) DO NOTHING", (bookmark.slug, bookmark.title, bookmark.created))
        return cur.rowcount > 0

    def put_note(self, note: Note) -> None:
        self._conn.execute(
            "INSERT INTO notes (slug, title, text, created, updated, factsheet_digest) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO UPDATE SET title = excluded.title, "
            "text = excluded.text, created = min(notes.created, excluded.created), "
            "updated = excluded.updated, factsheet_digest = excluded.factsheet_digest",
            (note.slug, note.title, note.text, note.created, note.updated, note.factsheet_digest))

    def get_note(self, slug: str) -> Note | None:
        row = self._conn.execute("SELECT slug, title, text, created, updated, factsheet_digest "
                                 "FROM notes WHERE slug = ?", (slug,)).fetchone()
        return Note(*row) if row else None


def _connect(target: Path | str) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so migrations (DDL) are
    # transactional too.
    conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _check(conn: sqlite3.Connection) -> None:
    """Raise sqlite3.DatabaseError unless the file is a sound SQLite database."""
    result = conn.execute("PRAGMA quick_check").fetchone()
    if not result or result[0] != "ok":
        raise sqlite3.DatabaseError(f"integrity check failed: {result[0] if result else '?'}")


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    for step in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {step + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("user database migrated to schema version %d", step + 1)


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return any(w in text for w in ("malformed", "not a database", "corrupt", "integrity check"))


def _can_write(path: Path) -> bool:
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return path.parent.is_dir() and os.access(path.parent, os.W_OK)
