"""What the reader is looking at: a sidebar entry and the list query it stands for, and
the article the keys act on. Small frozen values the main screen passes around."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from newsreader.core import OPENED_SECTION
from newsreader.models import Article, ArticleRow
from newsreader.query import ArticleQuery, Sort


class EntryKind(StrEnum):
    """What a sidebar entry lists."""

    ALL = "all"
    UNREAD = "unread"
    STARRED = "starred"
    SAVED = "saved"
    SECTION = "section"
    SOURCE = "source"
    WATCH = "watch"
    MUTED = "muted"
    SEARCH = "search"
    HEADING = "heading"


@dataclass(frozen=True, slots=True)
class Entry:
    """A sidebar entry: its kind, its name, and what it needs to build a query."""

    kind: EntryKind
    name: str
    query: str | None = None
    source_id: int | None = None
    section: str | None = None
    error: str | None = None

    @property
    def title(self) -> str:
        """Its name as shown: the built-in Opened's without its invisible tail."""
        return "Opened" if self.name == OPENED_SECTION else self.name

    @property
    def key(self) -> tuple[str, str, int | None]:
        return (self.kind.value, self.name, self.source_id)

    def articles(self, *, sort: Sort, offset: int, limit: int, show_muted: bool) -> ArticleQuery:
        """The query for one page of this entry's list (search results come from search)."""
        base = ArticleQuery(sort=sort, offset=offset, limit=limit, show_muted=show_muted)
        kind = self.kind
        if kind is EntryKind.MUTED:
            return replace(base, only_muted=True, show_muted=False)
        if kind is EntryKind.UNREAD:
            return replace(base, unread=True)
        if kind is EntryKind.STARRED:
            return replace(base, starred=True)
        if kind is EntryKind.SAVED:
            return replace(base, saved=True)
        if kind is EntryKind.SECTION:
            return replace(base, sections=(self.name,))
        if kind is EntryKind.SOURCE:
            return replace(base, sections=(self.section or "",), source_id=self.source_id)
        if kind is EntryKind.WATCH:
            return replace(base, text=self.query)
        return base


ALL = Entry(EntryKind.ALL, "All")


@dataclass(frozen=True, slots=True)
class Target:
    """The article the keys act on: the open one when the reading pane has focus, else
    the list's cursor row."""

    uid: str
    read: bool
    starred: bool
    url: str | None

    @classmethod
    def of(cls, item: Article | ArticleRow) -> Target:
        if isinstance(item, Article):
            return cls(item.id, item.read, item.starred, item.url)
        return cls(item.uid, item.read, item.starred, item.url)
