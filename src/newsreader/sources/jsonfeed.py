"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org), which feedparser 6 does not read.

Parsed defensively: a JSON Feed is untrusted JSON, so every field is type-checked and a
wrong type is treated as absent rather than crashing. `read_json_feed` then makes its
items articles by the rules every format shares (feeditems.py).
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass, field
from typing import Any

from newsreader.errors import SourceError, UnsupportedFormatError
from newsreader.extraction.charset import decode_bytes
from newsreader.extraction.dates import parse_date
from newsreader.models import Article, article_id
from newsreader.sanitize import clean_inline
from newsreader.sources.feeditems import (
    MAX_ITEMS,
    ParsedFeed,
    first_words,
    item_content,
    list_summary,
    plain_text,
    resolve_link,
)

VERSION_PREFIX = "https://jsonfeed.org/version/"
_VERSION_PREFIXES = (VERSION_PREFIX, "http://jsonfeed.org/version/")  # early feeds used http


@dataclass
class JsonFeedItem:
    """One item, fields as the spec names them (strings already type-checked)."""

    id: str
    url: str | None = None
    external_url: str | None = None
    title: str | None = None
    content_html: str | None = None
    content_text: str | None = None
    summary: str | None = None
    image: str | None = None
    date_published: str | None = None
    date_modified: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str | None = None


@dataclass
class JsonFeed:
    """The feed's own fields and its items."""

    version: str
    title: str | None = None
    home_page_url: str | None = None
    feed_url: str | None = None
    language: str | None = None
    authors: list[str] = field(default_factory=list)
    items: list[JsonFeedItem] = field(default_factory=list)


def _str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _authors(obj: dict[str, Any]) -> list[str]:
    raw = obj.get("authors")
    if not isinstance(raw, list):
        raw = [obj.get("author")]  # JSON Feed 1.0
    names = []
    for author in raw:
        if isinstance(author, dict) and (name := _str(author, "name")):
            names.append(name)
    return names


_WIDE = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Byte order marks of encodings whose ASCII is not ASCII bytes (UTF-32 LE before 16 LE:
its mark starts with the other's)."""


def is_json_feed(data: bytes) -> bool:
    """A cheap check before a full parse: does it mention the JSON Feed version URL?

    A feed saved as UTF-16 or UTF-32 (with a byte order mark, as Windows tools write
    them) is looked at as text, since its version URL is not in ASCII bytes.
    """
    for bom, encoding in _WIDE:
        if data.startswith(bom):
            data = data.decode(encoding, "replace").encode("utf-8", "replace")
            break
    return any(
        marker in data
        for prefix in _VERSION_PREFIXES
        for marker in (prefix.encode(), prefix.replace("/", "\\/").encode())
    )


def parse_json_feed(text: str, source: str, *, max_items: int = 10_000) -> JsonFeed:
    """Parse a JSON Feed document; raises SourceError naming `source` if it is not one."""
    try:
        # strict=False: raw newlines and tabs inside strings are common in real feeds.
        doc = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise SourceError(source, f"not valid JSON ({exc.msg}, {where})") from None
    except RecursionError:
        raise SourceError(source, "JSON nested too deeply") from None
    if not isinstance(doc, dict):
        raise UnsupportedFormatError(source, "JSON but not a JSON Feed (no top-level object)")
    version = _str(doc, "version")
    if not version or not version.startswith(_VERSION_PREFIXES):
        raise UnsupportedFormatError(source, "JSON but not a JSON Feed (no jsonfeed.org version)")
    feed = JsonFeed(
        version=version,
        title=_str(doc, "title"),
        home_page_url=_str(doc, "home_page_url"),
        feed_url=_str(doc, "feed_url"),
        language=_str(doc, "language"),
        authors=_authors(doc),
    )
    raw_items = doc.get("items")
    if not isinstance(raw_items, list):
        raw_items = []
    for raw in raw_items[:max_items]:
        if not isinstance(raw, dict):
            continue
        item_id = _str(raw, "id") or _str(raw, "url")
        if item_id is None:
            continue
        tags = raw.get("tags")
        feed.items.append(
            JsonFeedItem(
                id=item_id,
                url=_str(raw, "url"),
                external_url=_str(raw, "external_url"),
                title=_str(raw, "title"),
                content_html=_str(raw, "content_html"),
                content_text=_str(raw, "content_text"),
                summary=_str(raw, "summary"),
                image=_str(raw, "image") or _str(raw, "banner_image"),
                date_published=_str(raw, "date_published"),
                date_modified=_str(raw, "date_modified"),
                authors=_authors(raw) or feed.authors,
                tags=[t for t in tags if isinstance(t, str)] if isinstance(tags, list) else [],
                language=_str(raw, "language"),
            )
        )
    return feed


def read_json_feed(
    data: bytes,
    source: str,
    base_url: str | None,
    charset: str | None = None,
    lazy: bool = False,
    scope: str | None = None,
) -> ParsedFeed:
    """The articles of a JSON Feed document's bytes (`charset`: the server's, if any)."""
    text, _ = decode_bytes(data, charset or "utf-8")
    feed = parse_json_feed(text, source, max_items=MAX_ITEMS)
    base = feed.feed_url or feed.home_page_url or base_url
    title = clean_inline(feed.title or "") or None
    name = title or source
    out = ParsedFeed(title=title, link=resolve_link(feed.home_page_url, base))
    for item in feed.items:
        link = resolve_link(item.url or item.external_url, base)
        published = parse_date(item.date_published)
        content = item_content(item.content_html, item.content_text, link or base, lazy)
        item_title = (
            plain_text(item.title)
            or plain_text(item.summary)
            or first_words(content.first_paragraph)
        )
        out.articles.append(
            Article(
                id=article_id(name, guid=item.id, link=link, scope=scope),
                source=name,
                title=item_title or "(untitled)",
                url=link,
                authors=tuple(clean_inline(a) for a in item.authors if clean_inline(a)),
                published=published,
                updated=parse_date(item.date_modified),
                site=title,
                summary=list_summary(plain_text(item.summary), content.first_paragraph),
                body=content.body,
                html=content.html,
                text=content.text,
                language=clean_inline(item.language or feed.language or "") or None,
                tags=tuple(t for t in (clean_inline(t) for t in item.tags) if t),
            )
        )
    return out
