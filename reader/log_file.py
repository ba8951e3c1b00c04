"""Logging for a running app: to the terminal and to a rotating file in the per-user log folder.

The file is what a practitioner sends us when something went wrong, so it is kept small (a few
rotated files of 1 MB) and never lives next to the app.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FILE_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"
CONSOLE_FORMAT = "%(levelname)s %(name)s: %(message)s"
_OURS = "_factsheet_reader_handler"  # marks the handlers start_logging added (to replace them)

log = logging.getLogger(__name__)


def start_logging(log_file: Path, level: int = logging.INFO) -> Path | None:
    """Send log records to stderr and to `log_file`, rotated at MAX_BYTES with BACKUP_COUNT
    kept; gives the file, or None when it cannot be written (then the terminal only, and a
    warning says why). Calling it again replaces the handlers it added before."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter(CONSOLE_FORMAT))
    _add(root, console)

    log_file = Path(log_file)
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        to_file = SizeRotatedFile(log_file, MAX_BYTES, BACKUP_COUNT)
    except OSError as exc:
        log.warning("cannot write the log file %s (%s); logging to the terminal only",
                    log_file, exc.strerror or exc)
        return None
    to_file.setFormatter(logging.Formatter(FILE_FORMAT))
    _add(root, to_file)
    # No version here: looking it up costs ~40 ms at start; the crash report logs it.
    frozen = "installed build" if getattr(sys, "frozen", False) else "run from source"
    log.info("Factsheet Reader starting (%s); Python %s on %s", frozen,
             sys.version.split()[0], system_description())
    return log_file


class SizeRotatedFile(logging.FileHandler):
    """A log file that, before a record would take it past `max_bytes`, is renamed to
    name.1 (name.1 to name.2, and so on; `backups` are kept). The same rotation as
    logging.handlers.RotatingFileHandler, without importing that module on the start path
    (it loads socket, queue and selectors for its network handlers: about 5 ms)."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.max_bytes > 0:
                size = len(self.format(record).encode("utf-8")) + 1
                if self.stream.tell() + size > self.max_bytes and self.stream.tell() > 0:
                    self._rotate()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _rotate(self) -> None:
        self.stream.close()
        self.stream = None
        path = Path(self.baseFilename)
        for n in range(self.backups - 1, 0, -1):
            older = path.with_name(f"{path.name}.{n}")
            if older.exists():
                older.replace(path.with_name(f"{path.name}.{n + 1}"))
        if self.backups > 0:
            path.replace(path.with_name(f"{path.name}.1"))
        else:
            path.unlink(missing_ok=True)
        self.stream = self._open()


def system_description() -> str:
    """e.g. 'Linux 6.1.0 x86_64 (glibc 2.36)' or 'Windows 10 AMD64'. Not platform.platform(),
    which on Linux starts a `uname -p` process (about 8 ms at start-up) for the processor; and
    on Linux and macOS not the platform module at all (2 ms to import): os.uname() says it."""
    if hasattr(os, "uname") and sys.platform != "win32":
        name = os.uname()
        text = f"{name.sysname} {name.release} {name.machine}"
        try:
            libc = os.confstr("CS_GNU_LIBC_VERSION") or ""
        except (ValueError, OSError):  # not glibc (musl, macOS)
            libc = ""
        return f"{text} ({libc})" if libc else text
    import platform

    return f"{platform.system()} {platform.release()} {platform.machine()}"


def _add(root: logging.Logger, handler: logging.Handler) -> None:
    setattr(handler, _OURS, True)
    root.addHandler(handler)
