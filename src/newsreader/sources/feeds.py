"""Feed documents (RSS 0.9x/1.0/2.0, Atom, JSON Feed) to articles: `parse_feed`, the door.

This module decides what a document is and keeps the readers safe from it; turning
items into articles is each format's own (rssatom.py, jsonfeed.py), by rules they share
(feeditems.py). Here: JSON goes to the JSON Feed reader, XML to plainfeeds.py when it is
plain and to feedparser otherwise; a charset the bytes prove wrong is not believed;
items past the cap are cut out before any parser builds them; and a web page is told
apart from a feed, naming the feed it advertises.

feedparser reads anything XML-ish, broken or exotic. Its HTML sanitizer and relative-URI
pass are switched off: we never hand its HTML to a browser (our block converter keeps
only an allowlist of structure) and we resolve links ourselves, which halves its time.
A malformed but readable feed keeps its entries with a warning; one with nothing
readable is an error on that source only.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from newsreader.errors import SourceError, UnsupportedFormatError
from newsreader.extraction.charset import (
    charset_from_content_type,
    usable_charset,
    usable_xml_declaration,
)
from newsreader.sources.feeditems import MAX_ITEMS, ParsedFeed, resolve_link
from newsreader.sources.jsonfeed import is_json_feed, read_json_feed
from newsreader.sources.rssatom import from_feedparser

PLAIN_PATH = True
"""Read plain RSS 2.0 / Atom 1.0 with plainfeeds.py (ten times faster than feedparser,
same result); the tests switch it off to compare the two."""


def parse_feed(
    data: bytes,
    source: str,
    *,
    base_url: str | None = None,
    content_type: str | None = None,
    max_items: int = MAX_ITEMS,
    lazy: bool = False,
    scope: str | None = None,
) -> ParsedFeed:
    """Articles from a feed document's bytes; raises SourceError if it is not a feed.

    `base_url` resolves relative links (the feed's own URL when fetched); `content_type`
    is the server's header, whose charset is one more hint for decoding. With `lazy`,
    item bodies keep their HTML and text, and blocks are built when an item is read.
    `scope` makes the articles' ids the source's own (see `models.article_id`).
    """
    content_type = _trusted_content_type(content_type, data)
    first = data.lstrip()[:1]
    # A document that opens with "<" is XML: no need to look through it for JSON Feed.
    if first in (b"{", b"[") or (first != b"<" and is_json_feed(data)):
        parsed = read_json_feed(
            data, source, base_url, charset_from_content_type(content_type), lazy, scope
        )
        capped = False
    else:
        data, capped = _cap_items(usable_xml_declaration(data), max_items)
        try:
            parsed = _read_xml(data, source, base_url, content_type, lazy, scope)
        except UnsupportedFormatError:
            if re.search(rb"<html|<!doctype html", data[:4096], re.I):
                raise UnsupportedFormatError(source, _web_page_reason(data, base_url)) from None
            raise
    if capped or len(parsed.articles) > max_items:
        parsed.articles = parsed.articles[:max_items]
        parsed.warning = parsed.warning or f"only the first {max_items} items were kept"
    return parsed


_NAME = rb"(?:[A-Za-z_][\w.-]*:)?(?:item|entry)"
_ITEM_START = re.compile(rb"<" + _NAME + rb"[\s/>]")
_LAST_ITEM_END = re.compile(rb"(?s).*(?:</" + _NAME + rb"\s*>|<" + _NAME + rb"(?:\s[^<>]*)?/>)")
"""Greedy to the last item's end: the regex engine backtracks from the end of the text,
so finding it costs the length of what follows it, not of the document."""


def _cap_items(data: bytes, limit: int) -> tuple[bytes, bool]:
    """The document without the items past the first `limit` (and whether any went).

    Parsers build every item before we could drop the extra ones: 2,000,000 empty
    `<item/>` (14 MB) took 670 MB. Cutting from the (limit+1)th item's start to the end
    of the last item keeps the ancestors' closing tags (and anything after the items).
    """
    starts = _ITEM_START.finditer(data)
    cut = next((m.start() for i, m in enumerate(starts) if i == limit), None)
    if cut is None:
        return data, False
    last = _LAST_ITEM_END.match(data, cut)
    if last is None:
        return data, False
    return data[:cut] + data[last.end() :], True


_ALTERNATE = re.compile(rb"""<link\b[^>]*?type=["']application/(?:rss|atom)\+xml["'][^>]*>""", re.I)
_LINK_OPEN = re.compile(rb"<link\b", re.I)


def _feed_link(data: bytes) -> re.Match[bytes] | None:
    """The first <link> announcing an RSS or Atom feed: `_ALTERNATE.search`, in linear time.

    A match ends at a ">", so there is none past the last one; and where the pattern
    fails at one "<link", it fails at every "<link" before the next ">" (they hold the
    same attributes), so the search resumes after that ">": searched from each of them,
    `b"<link " * 30_000` took a minute.
    """
    pos = 0
    while m := _LINK_OPEN.search(data, pos):
        close = data.find(b">", m.end())
        if close < 0:
            return None
        if hit := _ALTERNATE.match(data, m.start()):
            return hit
        pos = close + 1
    return None


def _web_page_reason(data: bytes, base_url: str | None) -> str:
    """Say it is a web page, and point at the feed the page advertises, if any."""
    reason = "this is a web page, not a feed"
    m = _feed_link(data[:200_000])
    if m:
        href = re.search(rb"""href=["']([^"']+)["']""", m.group(0))
        if href:
            url = resolve_link(href.group(1).decode("utf-8", "replace"), base_url)
            if url:
                reason += f"; its feed seems to be {url}"
    return reason


_SINGLE_BYTE = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"}


def _trusted_content_type(content_type: str | None, data: bytes) -> str | None:
    """The server's Content-Type, minus a charset the bytes prove wrong or that is no
    character set at all ("undefined", "punycode": feedparser would fail on them).

    Servers often label UTF-8 feeds as ISO-8859-1; decoding by that label would turn
    every accent into mojibake. Valid multi-byte UTF-8 is never an accident.
    """
    charset = charset_from_content_type(content_type)
    if content_type and charset and usable_charset(charset) is None:
        return content_type.split(";", 1)[0]
    if content_type and charset and charset.lower() in _SINGLE_BYTE and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return content_type
        return content_type.split(";", 1)[0]
    return content_type


def _read_xml(
    data: bytes,
    source: str,
    base_url: str | None,
    content_type: str | None = None,
    lazy: bool = False,
    scope: str | None = None,
) -> ParsedFeed:
    """An XML feed, read by plainfeeds.py when it can and by feedparser otherwise."""
    import feedparser

    from newsreader.sources.plainfeeds import parse_plain

    charset = charset_from_content_type(content_type)
    plain = (
        parse_plain(data)
        if PLAIN_PATH and (charset or "utf-8").lower() in ("utf-8", "utf8")
        else None
    )
    if plain is not None:
        return from_feedparser(plain, source, base_url, lazy, scope)
    headers = {"content-type": content_type} if content_type else None
    with warnings.catch_warnings():
        # feedparser warns about its own updated/published compatibility mapping.
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            parsed: Any = feedparser.parse(
                data,
                sanitize_html=False,
                resolve_relative_uris=False,
                response_headers=headers,
            )
        except Exception as exc:  # noqa: BLE001 - feedparser may raise anything on hostile input
            raise SourceError(source, f"could not parse feed ({type(exc).__name__})") from None
        return from_feedparser(parsed, source, base_url, lazy, scope)
