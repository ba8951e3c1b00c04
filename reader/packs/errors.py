"""Why a pack was refused, carrying the file or address it came from."""

from __future__ import annotations


class PackError(Exception):
    """A pack, index or install that cannot be used: `source: message`.

    Not a frozen dataclass: context managers (the staging folder) set `__traceback__` on the
    exceptions passing through them.
    """

    def __init__(self, source: str, message: str) -> None:
        super().__init__(source, message)
        self.source = source
        self.message = message

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class PackCancelled(PackError):
    """The person asked the install or download to stop; nothing was changed."""

    def __init__(self, source: str = "") -> None:
        super().__init__(source, "cancelled; nothing was changed")
