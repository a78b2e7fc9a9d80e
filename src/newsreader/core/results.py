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


@dataclass(frozen=True, slots=True)
class Subscription:
    """A feed or a path as the config has it, named as the reader sees it, with what
    its articles are (for a question before it is removed)."""

    kind: str
    """"feed" or "path"."""
    target: str
    """The feed's URL (normal form), or the configured path (absolute)."""
    section: str
    name: str
    """The config's title, else the feed's own; a path's file or folder name."""
    title: str | None
    """The title the config gives a feed (None: the feed's own is shown)."""
    articles: int
    kept: int
    """Of the articles, how many are starred or saved (these are never deleted)."""


@dataclass(frozen=True, slots=True)
class RemoveResult:
    """What `remove` did: the subscription gone, articles deleted and kept."""

    subscription: Subscription
    deleted: int
    kept: int
    config_path: Path


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A source whose last read failed, for the errors view."""

    source_id: int | None
    """None for a configured path that is not there (it has no source in the store)."""
    kind: str
    """"feed", "file", or "path" (a configured file or folder that is missing)."""
    name: str
    where: str
    """The feed's URL, the file's or folder's path."""
    section: str
    error: str
    last_attempt: str | None
    """UTC ISO times, as the store keeps them; None: never."""
    last_success: str | None
    retry_after: str | None
    """Not asked again before this (the server's caching hints); None: at the next
    refresh."""
    switched_off: bool
    """The feed is gone (HTTP 410) and is not asked again."""
