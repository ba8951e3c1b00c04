"""Every location the app reads from or writes to, decided in one place.

The install folder (bundled content, resources) is only ever read. Everything the app writes goes to
the per-user folders that platformdirs names for this OS. Setting FACTSHEET_READER_HOME puts all
per-user folders under one directory instead (portable installs, tests).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "FactsheetReader"
APP_AUTHOR = "FactsheetReader"
HOME_ENV = "FACTSHEET_READER_HOME"
CONTENT_ENV = "FACTSHEET_READER_CONTENT"

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class AppPaths:
    """The folders the app uses; build one with `AppPaths.default()` or `AppPaths.under(dir)`."""

    bundled_content: Path
    resources: Path
    config: Path
    data: Path
    cache: Path
    log: Path

    @property
    def index_root(self) -> Path:
        """Folder holding the search index (rebuildable, so it lives in the cache)."""
        return self.cache / "index"

    @classmethod
    def default(cls) -> AppPaths:
        """Paths for this user on this OS, honouring FACTSHEET_READER_HOME."""
        home = os.environ.get(HOME_ENV)
        if home:
            return cls.under(Path(home))
        import platformdirs

        dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR)
        return cls(
            bundled_content=_bundled_content(),
            resources=_SOURCE_ROOT / "resources",
            config=Path(dirs.user_config_dir),
            data=Path(dirs.user_data_dir),
            cache=Path(dirs.user_cache_dir),
            log=Path(dirs.user_log_dir),
        )

    @classmethod
    def under(cls, home: Path) -> AppPaths:
        """Paths with every per-user folder below `home`."""
        home = Path(home)
        return cls(
            bundled_content=_bundled_content(),
            resources=_SOURCE_ROOT / "resources",
            config=home / "config",
            data=home / "data",
            cache=home / "cache",
            log=home / "log",
        )


def _bundled_content() -> Path:
    override = os.environ.get(CONTENT_ENV)
    return Path(override) if override else _SOURCE_ROOT / "content"
