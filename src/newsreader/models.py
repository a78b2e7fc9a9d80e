"""The domain records every layer shares: articles and the structured body they carry.

Leaf module: imports nothing from the rest of the package, so anything may import it.
The body is a flat tuple of blocks rather than HTML so that every consumer (terminal
renderer, TUI, search index, JSON output) walks one small, already-sanitised structure.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

STAMP = "%Y-%m-%dT%H:%M:%S"
"""How the library stores a time: UTC, to the second, no offset (sorts as text)."""


class BlockKind(StrEnum):
    """The kinds of block an article body is made of."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CODE = "code"
    TABLE = "table"
    IMAGE = "image"
    RULE = "rule"


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of inline text with one style; `link` is an absolute URL or None."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article body.

    `level` is the heading level (1-6), the nesting depth of a list item or quote (0-based);
    `ordinal` numbers an ordered list item (0 for bullets); `rows` holds table cells, the
    first row being the header when `header` is set; `text` is the raw text of code blocks
    and the alt text of images (with `src` its address).
    """

    kind: BlockKind
    runs: tuple[Run, ...] = ()
    level: int = 0
    ordinal: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    header: bool = False
    text: str = ""
    src: str | None = None

    @property
    def plain(self) -> str:
        """The block as plain text, as search and `--json` see it."""
        if self.kind is BlockKind.TABLE:
            return "\n".join(" | ".join(row) for row in self.rows)
        if self.kind in (BlockKind.CODE, BlockKind.IMAGE):
            return self.text
        if self.kind is BlockKind.RULE:
            return ""
        return "".join(run.text for run in self.runs)


def paragraph(text: str) -> Block:
    """A plain paragraph block."""
    return Block(BlockKind.PARAGRAPH, (Run(text),))


@dataclass(frozen=True, slots=True)
class Article:
    """An article from any source, with the fields of DESIGN.md filled as far as known.

    Dates are ISO 8601 strings (with an offset when the source gives one) so that they
    print, sort and serialise without losing the source's precision.
    """

    id: str
    source: str
    title: str
    url: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    updated: str | None = None
    section: str | None = None
    site: str | None = None
    dateline: str | None = None
    caption: str | None = None
    editors: tuple[str, ...] = ()
    summary: str | None = None
    body: tuple[Block, ...] = ()
    language: str | None = None
    read: bool = False
    starred: bool = False
    saved: bool = False
    tags: tuple[str, ...] = field(default=())
    full_text: bool = False
    """True when `body` is the full text fetched from the article's page."""
    html: str | None = None
    """The body as the feed's (untrusted) HTML, when its blocks are left to be built
    when read: refresh keeps thousands of items and reads few. `text` is then its text."""
    text: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        """The body as plain paragraph strings, image alt texts included (empty blocks
        left out): the words search and watches see."""
        if not self.body and self.text:
            return [p for p in self.text.split("\n\n") if p]
        return [text for block in self.body if (text := block.plain)]

    @property
    def text_paragraphs(self) -> list[str]:
        """The body's text alone, as `--json` gives it: images and their captions are
        in `images`."""
        if not self.body and self.text:
            return self.paragraphs
        captions = _caption_positions(self.body)
        return [
            text
            for i, block in enumerate(self.body)
            if block.kind is not BlockKind.IMAGE and i not in captions and (text := block.plain)
        ]

    @property
    def images(self) -> list[dict[str, str | None]]:
        """The body's images as `{alt, src, caption}`, in order (from its IMAGE blocks; a
        caption is the italic paragraph right after one, as a <figcaption> becomes)."""
        captions = _caption_positions(self.body)
        return [
            {
                "alt": block.text,
                "src": block.src,
                "caption": self.body[i + 1].plain if i + 1 in captions else None,
            }
            for i, block in enumerate(self.body)
            if block.kind is BlockKind.IMAGE
        ]

    def with_changes(self, **changes: Any) -> Article:
        """A copy with some fields replaced (articles are immutable)."""
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """The fields of DESIGN.md as JSON-ready values, the body as its text
        `paragraphs` and its `images`."""
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "updated": self.updated,
            "section": self.section,
            "site": self.site,
            "dateline": self.dateline,
            "caption": self.caption,
            "editors": list(self.editors),
            "summary": self.summary,
            "paragraphs": self.text_paragraphs,
            "images": self.images,
            "language": self.language,
            "tags": list(self.tags),
            "read": self.read,
            "starred": self.starred,
            "saved": self.saved,
        }


def _caption_positions(body: tuple[Block, ...]) -> set[int]:
    """Indexes of the blocks that caption an image: a paragraph all in italics right
    after an IMAGE block."""
    return {
        i + 1
        for i, block in enumerate(body[:-1])
        if block.kind is BlockKind.IMAGE
        and (nxt := body[i + 1]).kind is BlockKind.PARAGRAPH
        and nxt.runs
        and all(run.italic for run in nxt.runs if run.text.strip())
    }


def article_id(
    source: str,
    *,
    guid: str | None = None,
    link: str | None = None,
    title: str = "",
    published: str | None = None,
    scope: str | None = None,
) -> str:
    """A stable identity: the feed's GUID, else the link, else source + title + date.

    `scope` names the source the article belongs to in the library (a subscribed feed
    is `feed:<its id>`): the same GUID or link in two feeds is then two articles, so
    one feed can never write over another's (its link, its body, its section). Hashed so
    that ids are short, uniform and safe to print or use in file names.
    """
    if guid:
        key = f"guid\0{source}\0{guid}"
    elif link:
        key = f"link\0{link}"
    else:
        key = f"hash\0{source}\0{title}\0{published or ''}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return digest if scope is None else scoped_id(scope, digest)


def scoped_id(scope: str, item_id: str) -> str:
    """An item's id within one source (schema 4 turned stored feed ids into these)."""
    key = f"scope\0{scope}\0{item_id}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def file_scope(resolved: str) -> str:
    """The scope of a local feed file's articles: the file (its resolved path)."""
    return f"file:{resolved}"


def local_file_id(resolved: str) -> str:
    """A file that holds one article is that article (editing it updates, never
    duplicates); `resolved` is its path with links resolved."""
    return article_id("file", guid=resolved)


def feed_scope(source_id: int) -> str:
    """The scope of a subscribed feed's articles: its row in the library, which a
    permanent redirect (a new URL) keeps."""
    return f"feed:{source_id}"


CLOCK_SKEW = timedelta(days=1)
"""How far in the future a date may lie and still be believed (clocks and time zones)."""


def dated_sort_key(article: Article) -> str | None:
    """Where an article sorts: its published date, else its updated date, in UTC ISO
    (second precision). None when it has no date that parses, or one more than
    CLOCK_SKEW in the future (the store then sorts it by when it was first seen)."""
    for value in (article.published, article.updated):
        if not value:
            continue
        try:
            stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
        if stamp.tzinfo is not None:
            try:
                stamp = stamp.astimezone(UTC).replace(tzinfo=None)
            except OverflowError:
                # Only at the ends of the calendar (31 Dec 9999 west of UTC, 1 Jan of
                # year 1 east of it): the article sorts at that end, the feed stays.
                stamp = datetime.max if stamp.year > 1 else datetime.min
        latest = datetime.now(UTC).replace(tzinfo=None) + CLOCK_SKEW
        # A date later than that is not believed: sorted by it, a feed that dates every
        # item 9999 stayed at the top of every list (capped, it went back there each
        # time the feed changed the item). None: by when the article was first seen.
        return stamp.strftime(STAMP) if stamp <= latest else None
    return None


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article as a list shows it: no body, plus the stored state."""

    uid: str
    title: str
    source: str
    section: str | None
    url: str | None
    published: str | None
    sort_key: str
    site: str | None
    authors: tuple[str, ...]
    read: bool
    starred: bool
    saved: bool
    muted_by: str | None = None
    """The mute rule that hides this article, when muted articles are shown."""

    @classmethod
    def from_article(cls, article: Article, *, source: str | None = None) -> ArticleRow:
        """The row a list shows for an article that is not (or not yet) stored."""
        return cls(
            uid=article.id,
            title=article.title,
            source=source or article.site or article.source,
            section=None,
            url=article.url,
            published=article.published,
            sort_key=dated_sort_key(article) or "",
            site=article.site,
            authors=article.authors,
            read=article.read,
            starred=article.starred,
            saved=article.saved,
        )

    def to_json(self) -> dict[str, Any]:
        """Fields for `list --json`."""
        return {
            "id": self.uid,
            "title": self.title,
            "source": self.source,
            "section": self.section,
            "url": self.url,
            "published": self.published,
            "site": self.site,
            "authors": list(self.authors),
            "read": self.read,
            "starred": self.starred,
            "saved": self.saved,
            "muted_by": self.muted_by,
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A search result: the row, its rank score, and a snippet with highlight spans."""

    row: ArticleRow
    score: float
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]
    title_spans: tuple[tuple[int, int], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.row.to_json(),
            "score": self.score,
            "snippet": self.snippet,
            "snippet_spans": [list(s) for s in self.snippet_spans],
            "title_spans": [list(s) for s in self.title_spans],
        }


@dataclass(frozen=True, slots=True)
class SectionCount:
    """A section's article and unread counts, for the sidebar and `list`."""

    name: str
    total: int
    unread: int


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A feed or local file as the sidebar lists it, with its last error if it failed."""

    id: int
    name: str
    kind: str
    key: str
    total: int
    unread: int
    last_error: str | None
    warning: str | None
