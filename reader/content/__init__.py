"""The factsheet model: parsing, validation and the in-memory content store (no Qt)."""

from reader.content.errors import ContentError
from reader.content.model import (
    CATEGORIES,
    EVIDENCE_LEVELS,
    Evidence,
    Factsheet,
    PackInfo,
    Reference,
    Verification,
)
from reader.content.store import ContentStore, load_content

__all__ = [
    "CATEGORIES",
    "EVIDENCE_LEVELS",
    "ContentError",
    "ContentStore",
    "Evidence",
    "Factsheet",
    "PackInfo",
    "Reference",
    "Verification",
    "load_content",
]
