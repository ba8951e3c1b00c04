"""Problems found in content, each carrying the file and line it came from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentError(Exception):
    """One problem in a content file: `path:line: message` (line 0 when it concerns the whole file)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def relative_to(self, root: Path) -> ContentError:
        """The same problem with its path shown relative to `root` where possible."""
        try:
            return ContentError(self.path.relative_to(root), self.line, self.message)
        except ValueError:
            return self
