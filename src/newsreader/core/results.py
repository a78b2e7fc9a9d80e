"""What the facade hands back: typed values, never the store or a dict of counts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsreader.models import SectionCount


@dataclass(frozen=True, slots=True)
class LibraryCounts:
    """Everything the sidebar and the header count, in one read."""

    total: int
    unread: int
    starred: int
    saved: int
    muted: int
    sections: list[SectionCount]
    watches: list[tuple[str, int, int]]
    """(watch name, unread matches, all matches); -1 for a watch that does not parse."""
    new: dict[str, int]
    """Per watch, matches added since the reader last looked at it."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `add` did, for a message to the user."""

    section: str
    target: str
    kind: str  # "feed" or "path"
    added: bool
    config_path: Path


@dataclass(frozen=True, slots=True)
class OpmlImport:
    """What `import-opml` did: feeds added, already there, skipped (no usable address)."""

    added: int
    existing: int
    skipped: int
    sections: int
