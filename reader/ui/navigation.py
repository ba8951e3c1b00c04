"""Back/forward history of visited pages (plain Python, so it is easy to test)."""

from __future__ import annotations

from dataclasses import dataclass

HOME = "home"


@dataclass
class Place:
    """A page the reader showed: `HOME` or a factsheet slug, and where it was scrolled to."""

    page: str
    scroll: int = 0


class History:
    def __init__(self, limit: int = 200) -> None:
        self._back: list[Place] = []
        self._forward: list[Place] = []
        self.current: Place | None = None
        self._limit = limit

    def visit(self, page: str, current_scroll: int = 0) -> Place:
        """Go to `page` as a new step (forward history is dropped, as in a browser)."""
        if self.current is not None:
            if self.current.page == page:
                return self.current
            self.current.scroll = current_scroll
            self._back.append(self.current)
            del self._back[: -self._limit]
        self._forward.clear()
        self.current = Place(page)
        return self.current

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self, current_scroll: int = 0) -> Place | None:
        if not self._back or self.current is None:
            return None
        self.current.scroll = current_scroll
        self._forward.append(self.current)
        self.current = self._back.pop()
        return self.current

    def forward(self, current_scroll: int = 0) -> Place | None:
        if not self._forward or self.current is None:
            return None
        self.current.scroll = current_scroll
        self._back.append(self.current)
        self.current = self._forward.pop()
        return self.current

    def clear(self) -> None:
        self._back.clear()
        self._forward.clear()
        self.current = None
