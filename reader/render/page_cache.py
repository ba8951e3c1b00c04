"""A small cache of rendered factsheet pages, so going back to a page skips Markdown."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable


class PageCache:
    """Most recently used rendered pages, keyed by whatever decides their HTML."""

    def __init__(self, size: int = 24) -> None:
        self._size = size
        self._pages: OrderedDict[Hashable, str] = OrderedDict()

    def get(self, key: Hashable, render: Callable[[], str]) -> str:
        """The cached HTML for `key`, rendering (and keeping) it on a miss."""
        html = self._pages.get(key)
        if html is None:
            html = render()
            self._pages[key] = html
            if len(self._pages) > self._size:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(key)
        return html

    def clear(self) -> None:
        self._pages.clear()

    def __len__(self) -> int:
        return len(self._pages)
