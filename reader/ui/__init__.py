"""The Qt user interface: every widget lives here, and only here.

Importing this package first loads the Qt-free modules the window needs at start-up, before any
PySide6 module. PySide6 wraps Python's import machinery and reads the whole source of every
module imported after it (looking for `from __feature__ import ...`); modules already loaded are
never read. On the start path that was 70 modules and about 15–20 ms (docs/performance.md).
tests/ui/test_start_imports.py checks that no Qt-free module of ours is left to load after Qt
before the first paint. Those only the features built after it need (the handout, moving personal
data in and out) are not loaded here: they load with those features (reader/ui/reading_features.py).
"""

import reader.atomic_write  # noqa: F401
import reader.content  # noqa: F401
import reader.kiosk.config  # noqa: F401
import reader.log_file  # noqa: F401
import reader.packs.active  # noqa: F401
import reader.paths  # noqa: F401
import reader.render.home  # noqa: F401
import reader.render.page_cache  # noqa: F401
import reader.search.filters  # noqa: F401
import reader.settings  # noqa: F401
import reader.ui.navigation  # noqa: F401
import reader.userdata.database  # noqa: F401
import reader.userdata.note_status  # noqa: F401
