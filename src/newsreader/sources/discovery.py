"""From an address a person gives to a feed: the address itself when it answers with a
feed, else the feeds its web page advertises.

A page advertises its feeds with `<link rel="alternate" type="application/rss+xml"
href="...">` (or atom+xml, feed+json) in its head; relative hrefs are resolved against
the page (or its `<base href>`). Nothing is offered on the page's word alone: every
candidate is fetched with the one Fetcher and must parse as a feed (`parse_feed`), so a
link to a dead or broken feed is never subscribed. Every outcome is a value that says
why, for the dialog or the command to show; nothing here raises on what a server sends.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from newsreader.errors import SourceError
from newsreader.extraction.charset import charset_from_content_type, decode_bytes
from newsreader.sanitize import clean_inline, shown
from newsreader.sources.discovered import Discovery, FeedCandidate
from newsreader.sources.feeditems import ParsedFeed
from newsreader.sources.feeds import parse_feed
from newsreader.sources.http import Fetcher, FetchResult, Outcome
from newsreader.urls import normalize_feed_url

FEED_TYPES = {
    "application/rss+xml": "RSS",
    "application/atom+xml": "Atom",
    "application/feed+json": "JSON Feed",
}
"""The link types that name a feed (what browsers and other readers look for)."""
MAX_LINKS = 12
"""Most advertised feeds fetched from one page (a real page has one to four)."""
MAX_RAW_LINKS = 1_000
"""Most distinct feed links read from a page (a link repeated is read once: a page can
name one feed thousands of times, and the others must still be found)."""
MAX_PAGE_CHARS = 500_000
"""How much of a page is looked through for links: they are in its head."""
MAX_TITLE = 200


@dataclass(frozen=True, slots=True)
class FeedLink:
    """A feed a page advertises: its address (normal form) and the link's title."""

    url: str
    title: str | None


class _LinkFinder(HTMLParser):
    """Collects a page's advertised feed links and its `<base href>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str | None]] = []
        self.base: str | None = None
        self.hrefs: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("link", "base") or len(self.links) >= MAX_RAW_LINKS:
            return
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        href = values.get("href", "")
        if not href:
            return
        if tag == "base":
            if self.base is None:
                self.base = href
            return
        rel = values.get("rel", "").lower().split()
        kind = values.get("type", "").split(";", 1)[0].strip().lower()
        if "alternate" in rel and kind in FEED_TYPES and href not in self.hrefs:
            self.hrefs.add(href)
            self.links.append((href, values.get("title") or None))


def feed_links(body: bytes, page_url: str, content_type: str | None = None) -> list[FeedLink]:
    """The feeds a web page advertises, resolved to absolute addresses in normal form,
    each once, in the page's order; links that are no usable web address are dropped."""
    text, _ = decode_bytes(body, charset_from_content_type(content_type))
    finder = _LinkFinder()
    try:
        finder.feed(text[:MAX_PAGE_CHARS])
        finder.close()
    except Exception:  # noqa: BLE001 - html.parser on hostile input; keep what was found
        pass
    base = page_url
    if finder.base is not None:
        base = normalize_feed_url(finder.base, base=page_url) or page_url
    links: list[FeedLink] = []
    seen: set[str] = set()
    for href, title in finder.links:
        url = normalize_feed_url(href, base=base)
        if url is None or url in seen:
            continue
        seen.add(url)
        links.append(FeedLink(url, clean_inline(title or "")[:MAX_TITLE] or None))
        if len(links) == MAX_LINKS:
            break
    return links


_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)", re.I | re.S
)


def _is_web_page(fetched: FetchResult) -> bool:
    kind = (fetched.content_type or "").split(";", 1)[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return True
    return bool(_HTML_START.match(fetched.body[:4096]))


def _failure(fetched: FetchResult) -> str:
    """Why a fetch gave nothing to read, in words for a person adding a feed."""
    if fetched.outcome is Outcome.GONE:
        return "the server says this address is gone for good (HTTP 410)"
    return fetched.error or "the server sent nothing"


def _parse(fetched: FetchResult, url: str) -> ParsedFeed | str:
    """The fetched document as a feed, or why it is not one."""
    try:
        return parse_feed(
            fetched.body,
            url,
            base_url=fetched.final_url or url,
            content_type=fetched.content_type,
            lazy=True,
        )
    except SourceError as exc:
        return exc.reason
    except (RecursionError, MemoryError, ValueError, LookupError, TypeError) as exc:
        return f"could not parse the feed ({type(exc).__name__})"


def _candidate(url: str, parsed: ParsedFeed, link_title: str | None = None) -> FeedCandidate:
    title = clean_inline(parsed.title or "")[:MAX_TITLE] or link_title
    return FeedCandidate(url, title, len(parsed.articles))


async def discover(url: str, fetcher: Fetcher) -> Discovery:
    """What `url` (already in normal form) offers to subscribe to; never raises on
    anything a server sends."""
    fetched = await fetcher.fetch(url)
    if fetched.outcome is not Outcome.OK:
        return Discovery(url, problem=_failure(fetched))
    parsed = _parse(fetched, url)
    if isinstance(parsed, ParsedFeed):
        return Discovery(url, (_candidate(url, parsed),))
    if not _is_web_page(fetched):
        return Discovery(url, problem=f"not a feed: {parsed}")
    links = feed_links(fetched.body, fetched.final_url or url, fetched.content_type)
    if not links:
        return Discovery(
            url,
            from_page=True,
            problem="this is a web page that links to no feed (no RSS, Atom or JSON Feed "
            "link in its head)",
        )
    answers = await asyncio.gather(*(fetcher.fetch(link.url) for link in links))
    candidates: list[FeedCandidate] = []
    failures: list[str] = []
    for link, answer in zip(links, answers, strict=True):
        if answer.outcome is not Outcome.OK:
            failures.append(f"{shown(link.url)}: {_failure(answer)}")
            continue
        feed = _parse(answer, link.url)
        if isinstance(feed, str):
            failures.append(f"{shown(link.url)}: {feed}")
            continue
        candidates.append(_candidate(link.url, feed, link.title))
    if candidates:
        return Discovery(url, tuple(candidates), from_page=True)
    return Discovery(
        url,
        from_page=True,
        problem="this web page links to feeds, but none of them could be read ("
        + "; ".join(failures[:3])
        + ")",
    )
