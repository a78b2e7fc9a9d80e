"""RSS 0.9x/1.0/2.0 and Atom entries to articles, from feedparser's result.

Both readers of XML feeds give a result of feedparser's shape (plainfeeds.py, the fast
path, copies it on purpose), so one mapping serves both and they cannot drift apart.
What feedparser gets wrong is put right here, for both: it misreads some RSS authors
written as "email (Name)", and copies Atom content into the summary.
"""

from __future__ import annotations

from typing import Any

from newsreader.errors import UnsupportedFormatError
from newsreader.extraction.dates import iso_from_struct, parse_date
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
from newsreader.sources.plainfeeds import EMAIL_NAME


def from_feedparser(
    parsed: Any,
    source: str,
    base_url: str | None,
    lazy: bool = False,
    scope: str | None = None,
) -> ParsedFeed:
    """The feed in feedparser's (or plainfeeds') result; raises UnsupportedFormatError
    when it found no feed at all. A malformed one keeps what could be read, with a warning.
    """
    entries = parsed.get("entries") or []
    feed = parsed.get("feed") or {}
    if not parsed.get("version") and not entries:
        reason = "not an RSS, Atom or JSON feed"
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            reason += f" ({_describe(parsed['bozo_exception'])})"
        raise UnsupportedFormatError(source, reason)
    link = resolve_link(feed.get("link"), base_url) or base_url
    # Item links are resolved against the feed's own address when it was fetched.
    entry_base = base_url or link
    title = plain_text(feed.get("title"))
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


def _entry_date(entry: Any, key: str) -> str | None:
    """An entry's date as ISO 8601: ours if we read it, else feedparser's (it repairs
    impossible dates such as July 32nd). Not feedparser's for a bare number that does not
    spell a date: it reads "99999999999999999999" as 1 Dec 9999 and a Unix time such as
    "1700000000" as 1699; those are no date. "20240101" (year first) still is one.
    """
    raw = entry.get(key)
    if found := parse_date(raw):
        return found
    parsed = entry.get(f"{key}_parsed")
    if isinstance(raw, str) and (digits := raw.strip()).isdigit():
        year = getattr(parsed, "tm_year", None)
        if len(digits) > 14 or year != int(digits[:4]):
            return None
    return iso_from_struct(parsed)


def _entry_article(
    entry: Any,
    name: str,
    site: str | None,
    feed_link: str | None,
    language: str | None,
    lazy: bool = False,
    scope: str | None = None,
) -> Article:
    link = resolve_link(entry.get("link"), feed_link)
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
    content = item_content(content_html, None, base, lazy)
    summary = list_summary(plain_text(summary_raw), content.first_paragraph)
    title = plain_text(entry.get("title")) or summary or first_words(content.first_paragraph)
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
    if isinstance(raw_author, str) and len(authors) <= 1 and (m := EMAIL_NAME.match(raw_author)):
        # RSS's "email (Name)": feedparser misreads some addresses ("ple (Jane Chen"),
        # so the name is taken from the raw text, the same way plainfeeds.py does.
        authors = (clean_inline(m.group(1)),)
    elif not authors and raw_author:
        authors = (clean_inline(raw_author),)
    published = _entry_date(entry, "published")
    updated = _entry_date(entry, "updated")
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
