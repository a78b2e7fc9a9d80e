"""What extracting one document yields, whatever its format (plain text, HTML, Markdown)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsreader.models import Block


@dataclass
class ExtractedPage:
    """Article fields found in a document; `title` is None when it has no headline.

    Mutable while an extractor fills it in; `sources.local` turns it into an Article.
    """

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    published: str | None = None
    updated: str | None = None
    section: str | None = None
    dateline: str | None = None
    caption: str | None = None
    editors: list[str] = field(default_factory=list)
    summary: str | None = None
    url: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
