"""Feed documents (RSS 0.9x/1.0/2.0, Atom, JSON Feed) to articles.

feedparser reads anything XML-ish, broken or exotic. Its HTML sanitizer and relative-URI
pass are switched off: we never hand its HTML to a browser (our block converter keeps
only an allowlist of structure) and we resolve links ourselves, which halves its time.
A malformed but readable feed keeps its entries with a warning; one with nothing
readable is an error on that source only.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from newsreader.errors import SourceError, UnsupportedFormatError
from newsreader.extraction.charset import (
    charset_from_content_type,
    decode_bytes,
    usable_charset,
    usable_xml_declaration,
)
from newsreader.extraction.dates import iso_from_struct, parse_date
from newsreader.extraction.structure import (
    html_to_blocks,
    html_to_text,
    looks_like_html,
    text_to_blocks,
)
from newsreader.models import Article, Block, BlockKind, article_id
from newsreader.sanitize import clean_inline, safe_url
from newsreader.sources.jsonfeed import is_json_feed, parse_json_feed

MAX_ITEMS = 10_000
PLAIN_PATH = True
"""Read plain RSS 2.0 / Atom 1.0 with plainfeeds.py (ten times faster than feedparser,
same result); the tests switch it off to compare the two."""


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


def _abs(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    if base and not (_PLAIN_ABSOLUTE.match(url) and "/." not in url):
        try:
            url = urljoin(base, url)
        except ValueError:
            return None
    return safe_url(url, schemes=("http", "https"))


def _plain(html_or_text: str | None) -> str | None:
    """Text of a field that may hold HTML (titles, summaries), blocks joined by spaces."""
    if not html_or_text:
        return None
    if looks_like_html(html_or_text) or "&" in html_or_text:
        html_or_text = " ".join(b.plain for b in html_to_blocks(html_or_text))
    return clean_inline(html_or_text) or None


def _summary(summary: str | None, first: str | None, limit: int = 300) -> str | None:
    """The feed's summary, else the opening of the first paragraph, for list previews."""
    if summary:
        return summary
    return _first_words(first, limit)


@dataclass
class _Content:
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


def _content(html: str | None, text: str | None, base: str | None, lazy: bool) -> _Content:
    """Blocks now, or with `lazy` only the text (blocks are built when the item is read)."""
    if lazy:
        source = html or (text if text and looks_like_html(text) else None)
        if source:
            return _Content(html=source, text=html_to_text(source))
    return _Content(body=_body(html, text, base))


def _body(html: str | None, text: str | None, base: str | None) -> tuple[Block, ...]:
    if html:
        return html_to_blocks(html, base)
    if text:
        return html_to_blocks(text, base) if looks_like_html(text) else text_to_blocks(text)
    return ()


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
        parsed = _from_json_feed(
            data, source, base_url, charset_from_content_type(content_type), lazy, scope
        )
    else:
        data, capped = _cap_items(usable_xml_declaration(data), max_items)
        try:
            parsed = _from_feedparser(data, source, base_url, content_type, lazy, scope)
        except UnsupportedFormatError:
            if re.search(rb"<html|<!doctype html", data[:4096], re.I):
                raise UnsupportedFormatError(source, _web_page_reason(data, base_url)) from None
            raise
        if capped:
            parsed.warning = parsed.warning or f"only the first {max_items} items were kept"
    if len(parsed.articles) > max_items:
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
            url = _abs(href.group(1).decode("utf-8", "replace"), base_url)
            if url:
                reason += f"; its feed seems to be {url}"
    return reason


_EMAIL_NAME = re.compile(r"^\s*[^\s@()<>]+@[^\s@()<>]+\s*\(([^()]+)\)\s*$")

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


def _from_json_feed(
    data: bytes,
    source: str,
    base_url: str | None,
    charset: str | None = None,
    lazy: bool = False,
    scope: str | None = None,
) -> ParsedFeed:
    text, _ = decode_bytes(data, charset or "utf-8")
    feed = parse_json_feed(text, source, max_items=MAX_ITEMS)
    base = feed.feed_url or feed.home_page_url or base_url
    title = clean_inline(feed.title or "") or None
    name = title or source
    out = ParsedFeed(title=title, link=_abs(feed.home_page_url, base))
    for item in feed.items:
        link = _abs(item.url or item.external_url, base)
        published = parse_date(item.date_published)
        content = _content(item.content_html, item.content_text, link or base, lazy)
        item_title = (
            _plain(item.title) or _plain(item.summary) or _first_words(content.first_paragraph)
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
                summary=_summary(_plain(item.summary), content.first_paragraph),
                body=content.body,
                html=content.html,
                text=content.text,
                language=clean_inline(item.language or feed.language or "") or None,
                tags=tuple(t for t in (clean_inline(t) for t in item.tags) if t),
            )
        )
    return out


def _first_words(text: str | None, limit: int = 80) -> str | None:
    if not text:
        return None
    text = clean_inline(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _from_feedparser(
    data: bytes,
    source: str,
    base_url: str | None,
    content_type: str | None = None,
    lazy: bool = False,
    scope: str | None = None,
) -> ParsedFeed:
    import feedparser

    from newsreader.sources.plainfeeds import parse_plain

    charset = charset_from_content_type(content_type)
    plain = (
        parse_plain(data)
        if PLAIN_PATH and (charset or "utf-8").lower() in ("utf-8", "utf8")
        else None
    )
    if plain is not None:
        return _feedparser_result(plain, source, base_url, lazy, scope)
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
        return _feedparser_result(parsed, source, base_url, lazy, scope)


def _feedparser_result(
    parsed: Any,
    source: str,
    base_url: str | None,
    lazy: bool = False,
    scope: str | None = None,
) -> ParsedFeed:
    entries = parsed.get("entries") or []
    feed = parsed.get("feed") or {}
    if not parsed.get("version") and not entries:
        reason = "not an RSS, Atom or JSON feed"
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            reason += f" ({_describe(parsed['bozo_exception'])})"
        raise UnsupportedFormatError(source, reason)
    link = _abs(feed.get("link"), base_url) or base_url
    # Item links are resolved against the feed's own address when it was fetched.
    entry_base = base_url or link
    title = _plain(feed.get("title"))
    name = title or source
    warning = None
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        problem = parsed["bozo_exception"]
        if type(problem).__name__ != "CharacterEncodingOverride":
            warning = f"malformed feed, read what could be: {_describe(problem)}"
    out = ParsedFeed(title=title, link=link, warning=warning)
    ttl = str(feed.get("ttl") or "").strip()
    # ASCII digits, few of them: '²'.isdigit() is True but int('²') raises, and a
    # 5,000-digit number is past int()'s limit; either would lose the whole feed.
    digits = ttl.isascii() and ttl.isdigit() and len(ttl) <= 5
    out.ttl_minutes = int(ttl) if digits and 0 < int(ttl) < 100_000 else None
    language = clean_inline(feed.get("language") or "") or None
    for entry in entries[:MAX_ITEMS]:
        out.articles.append(_entry_article(entry, name, title, entry_base, language, lazy, scope))
    return out


def _describe(exc: BaseException) -> str:
    text = clean_inline(str(exc)) or type(exc).__name__
    return text[:200]


def _entry_article(
    entry: Any,
    name: str,
    site: str | None,
    feed_link: str | None,
    language: str | None,
    lazy: bool = False,
    scope: str | None = None,
) -> Article:
    link = _abs(entry.get("link"), feed_link)
    base = link or feed_link
    content_html = None
    contents = entry.get("content") or []
    if contents:
        # Prefer the richest content element (Atom may carry text and html versions).
        best = max(
            contents, key=lambda c: (c.get("type") == "text/html", len(c.get("value") or ""))
        )
        content_html = best.get("value")
    summary_raw = entry.get("summary")
    if not content_html and summary_raw:
        content_html, summary_raw = summary_raw, None
    elif summary_raw and content_html and summary_raw.strip() == content_html.strip():
        summary_raw = None  # feedparser copies Atom content into summary
    content = _content(content_html, None, base, lazy)
    summary = _summary(_plain(summary_raw), content.first_paragraph)
    title = _plain(entry.get("title")) or summary or _first_words(content.first_paragraph)
    authors = tuple(
        a
        for a in (
            clean_inline(d.get("name") or "")
            for d in entry.get("authors") or []
            if hasattr(d, "get")
        )
        if a
    )
    raw_author = entry.get("author")
    if isinstance(raw_author, str) and len(authors) <= 1 and (m := _EMAIL_NAME.match(raw_author)):
        # RSS's "email (Name)": feedparser misreads some addresses ("ple (Jane Chen"),
        # so the name is taken from the raw text, the same way plainfeeds.py does.
        authors = (clean_inline(m.group(1)),)
    elif not authors and raw_author:
        authors = (clean_inline(raw_author),)
    published = parse_date(entry.get("published")) or iso_from_struct(entry.get("published_parsed"))
    updated = parse_date(entry.get("updated")) or iso_from_struct(entry.get("updated_parsed"))
    tags = tuple(
        t
        for t in (
            clean_inline(d.get("term") or "") for d in entry.get("tags") or [] if hasattr(d, "get")
        )
        if t
    )
    return Article(
        id=article_id(
            name,
            guid=entry.get("id"),
            link=link,
            title=title or "",
            published=published,
            scope=scope,
        ),
        source=name,
        title=title or "(untitled)",
        url=link,
        authors=authors,
        published=published or updated,
        updated=updated if updated != published else None,
        site=site,
        summary=summary,
        body=content.body,
        html=content.html,
        text=content.text,
        language=clean_inline(entry.get("language") or "") or language,
        tags=tags,
    )
