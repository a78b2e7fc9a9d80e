"""What to list: the one filter object the store understands (reader's EntryFilter idea)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Sort(StrEnum):
    """Article list orders."""

    NEWEST = "newest"
    OLDEST = "oldest"
    TITLE = "title"


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """A filter over stored articles; fields left as None do not filter.

    `sections` limits to articles of these config sections; `text` is a full-text query
    (the search syntax); `uids` picks articles by id.
    """

    sections: tuple[str, ...] | None = None
    source_id: int | None = None
    unread: bool = False
    starred: bool = False
    saved: bool = False
    text: str | None = None
    uids: tuple[str, ...] | None = None
    after_id: int | None = None
    """Only articles stored after the one with this row id (new since a point in time)."""
    mutes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(query, sections) of the mute rules: matching articles are hidden (rows say which
    rule hid them when shown)."""
    show_muted: bool = False
    only_muted: bool = False
    sort: Sort = Sort.NEWEST
    limit: int | None = None
    offset: int = 0
