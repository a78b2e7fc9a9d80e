"""What reading a feed makes (ParsedFeed), and the fields of its articles, worked out
one way for every format.

RSS, Atom and JSON Feed name their fields differently but mean the same things by them;
the rules for what those things become live here, once, so an item reads the same
whichever format it came in: links resolved against the feed (and only http(s) kept),
titles and summaries that may hold HTML as one line of plain text, a summary for the
list when the feed gives none, and the body as blocks (or, for a refresh, its HTML
and text, the blocks being built when the item is read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newsreader.extraction.structure import (
    html_to_blocks,
    html_to_text,
    looks_like_html,
    text_to_blocks,
)
from newsreader.models import Article, Block, BlockKind
from newsreader.sanitize import clean_inline, safe_url
from newsreader.urls import join_url

MAX_ITEMS = 10_000
"""Items read from one feed document at the most (a hostile feed could list millions)."""


@dataclass
class ParsedFeed:
    """A feed's title and link, its articles, and a warning if it was malformed."""

    title: str | None
    link: str | None
    articles: list[Article] = field(default_factory=list)
    warning: str | None = None
    ttl_minutes: int | None = None
    prepared: list[Any] = field(default_factory=list)
    """The articles with their stored columns worked out (refresh's workers fill it)."""


# An absolute http(s) URL that urljoin would give back unchanged (no dot segments, no
# params, no IPv6 brackets): feeds link every item this way, and urljoin is slow.
_PLAIN_ABSOLUTE = re.compile(r"https?://[^/?#;\s\\\[\]]+(?:/[^?#;\s\\]*)?\Z")


def resolve_link(url: str | None, base: str | None) -> str | None:
    """`url` made absolute against `base`; None unless it is a usable http(s) address."""
    if not url:
        return None
    url = url.strip()
    if base and not (_PLAIN_ABSOLUTE.match(url) and "/." not in url):
        joined = join_url(base, url)
        if joined is None:
            return None
        url = joined
    return safe_url(url, schemes=("http", "https"))


def plain_text(html_or_text: str | None) -> str | None:
    """Text of a field that may hold HTML (titles, summaries), blocks joined by spaces."""
    if not html_or_text:
        return None
    if looks_like_html(html_or_text) or "&" in html_or_text:
        html_or_text = " ".join(b.plain for b in html_to_blocks(html_or_text))
    return clean_inline(html_or_text) or None


def first_words(text: str | None, limit: int = 80) -> str | None:
    """The opening of `text` on one line, cut with an ellipsis past `limit` characters."""
    if not text:
        return None
    text = clean_inline(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def list_summary(summary: str | None, first: str | None, limit: int = 300) -> str | None:
    """The feed's summary, else the opening of the first paragraph, for list previews."""
    if summary:
        return summary
    return first_words(first, limit)


@dataclass
class Content:
    """An item's body: blocks, or (lazily) its HTML and that HTML's text."""

    body: tuple[Block, ...] = ()
    html: str | None = None
    text: str | None = None

    @property
    def first_paragraph(self) -> str | None:
        if self.text:
            return self.text.split("\n\n", 1)[0]
        return next(
            (b.plain for b in self.body if b.kind is BlockKind.PARAGRAPH and b.plain), None
        ) or next((b.plain for b in self.body if b.plain), None)


def item_content(html: str | None, text: str | None, base: str | None, lazy: bool) -> Content:
    """Blocks now, or with `lazy` only the text (blocks are built when the item is read)."""
    if lazy:
        source = html or (text if text and looks_like_html(text) else None)
        if source:
            return Content(html=source, text=html_to_text(source))
    return Content(body=_body(html, text, base))


def _body(html: str | None, text: str | None, base: str | None) -> tuple[Block, ...]:
    if html:
        return html_to_blocks(html, base)
    if text:
        return html_to_blocks(text, base) if looks_like_html(text) else text_to_blocks(text)
    return ()
