"""The reader's own data: bookmarks, recently viewed and notes (SQLite, no Qt)."""

from reader.userdata.database import (
    Bookmark,
    Note,
    RecentVisit,
    UserData,
    UserDataError,
)

__all__ = ["Bookmark", "Note", "RecentVisit", "UserData", "UserDataError"]
