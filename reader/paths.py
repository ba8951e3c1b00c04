"""Every location the app reads from or writes to, decided in one place.

The install folder (bundled content, resources) is only ever read. Everything the app writes goes to
the per-user folders that platformdirs names for this OS. Setting FACTSHEET_READER_HOME puts all
per-user folders under one directory instead (portable installs, tests).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "FactsheetReader"
APP_AUTHOR = "FactsheetReader"
HOME_ENV = "FACTSHEET_READER_HOME"
CONTENT_ENV = "FACTSHEET_READER_CONTENT"
PREBUILT_INDEX_DIR = "search-index"  # beside content/ in an installed app (packaging/)

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE.parent
# An installed wheel carries content/ and resources/ inside the package (setup.py copies them
# there at build time); a checkout (editable or not) and the PyInstaller bundle have them beside
# the package instead.
_PACKAGED_DATA = _PACKAGE / "_bundled"


def install_folder(name: str) -> Path:
    """Where the read-only `content` or `resources` folder of this copy of the app is."""
    packaged = _PACKAGED_DATA / name
    return packaged if packaged.is_dir() else _SOURCE_ROOT / name


@dataclass(frozen=True)
class AppPaths:
    """The folders the app uses; build one with `AppPaths.default()` or `AppPaths.under(dir)`."""

    bundled_content: Path
    resources: Path
    config: Path
    data: Path
    cache: Path
    log: Path
    # Read-only search index shipped with an installed app (see reader/search/index.py); a
    # source checkout has none, and then the index is built in the cache on first use.
    prebuilt_index: Path | None = None
    # System-wide config folders written by an administrator (kiosk mode, docs/kiosk.md), most
    # important first: on Linux every $XDG_CONFIG_DIRS entry is searched, not only the first.
    site_config_dirs: tuple[Path, ...] = ()

    @property
    def index_root(self) -> Path:
        """Folder holding the search index (rebuildable, so it lives in the cache)."""
        return self.cache / "index"

    @property
    def packs_root(self) -> Path:
        """Installed content packs and the state file naming the active one (reader/packs/)."""
        return self.data / "packs"

    @property
    def log_file(self) -> Path:
        """The current log file (older ones rotate beside it as .1, .2, ...)."""
        return self.log / "factsheet-reader.log"

    @property
    def userdata_file(self) -> Path:
        """The SQLite database of bookmarks, recently viewed and notes (reader/userdata/)."""
        return self.data / "userdata.sqlite3"

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
            resources=install_folder("resources"),
            config=Path(dirs.user_config_dir),
            data=Path(dirs.user_data_dir),
            cache=Path(dirs.user_cache_dir),
            log=Path(dirs.user_log_dir),
            prebuilt_index=_SOURCE_ROOT / PREBUILT_INDEX_DIR,
            site_config_dirs=_site_config_dirs(),
        )

    @classmethod
    def under(cls, home: Path) -> AppPaths:
        """Paths with every per-user folder below `home`."""
        home = Path(home)
        return cls(
            bundled_content=_bundled_content(),
            resources=install_folder("resources"),
            config=home / "config",
            data=home / "data",
            cache=home / "cache",
            log=home / "log",
            prebuilt_index=_SOURCE_ROOT / PREBUILT_INDEX_DIR,
            site_config_dirs=(home / "site-config",),
        )


def _site_config_dirs() -> tuple[Path, ...]:
    import platformdirs

    joined = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR, multipath=True).site_config_dir
    found = [Path(p) for p in joined.split(os.pathsep) if p]
    # Some desktops put their own folder first in $XDG_CONFIG_DIRS (Ubuntu: /etc/xdg/xdg-ubuntu);
    # the folder the docs name must work whatever the session sets.
    if sys.platform.startswith("linux") and Path("/etc/xdg", APP_NAME) not in found:
        found.append(Path("/etc/xdg", APP_NAME))
    return tuple(found)


def _bundled_content() -> Path:
    override = os.environ.get(CONTENT_ENV)
    return Path(override) if override else install_folder("content")
