"""Full text for offline reading: fetch an article's page and keep its main text.

Feeds often carry only a summary. The page is fetched with the same polite client as
feeds, its main text extracted by trafilatura (keeping structure), and stored beside
the feed's version; the article becomes "saved". A failure keeps the summary and says why.
Two ways in: the articles a person asks for (`fetch_and_store`), and the new articles of a
`full_text = true` feed during a refresh (`keep_new_full_texts`).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from newsreader.extraction.charset import charset_from_content_type, decode_bytes
from newsreader.models import Block
from newsreader.sources.feeditems import ParsedFeed
from newsreader.sources.http import Fetcher, Outcome
from newsreader.storage import Store
from newsreader.update.pool import LazyPool, Overrun
from newsreader.update.report import SourceResult

ACCEPT_PAGE = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
PRELOAD = ("newsreader.extraction.html",)
"""What a worker imports before its first page (trafilatura: ~0.2 s)."""
PARSE_BUDGET = 30.0
"""Seconds one page may take to extract."""


@dataclass(frozen=True, slots=True)
class FullTextResult:
    """One article's attempt: the uid, and an error message when it failed."""

    uid: str
    error: str | None = None


def extract_blocks(body: bytes, url: str, content_type: str | None) -> tuple[Block, ...] | str:
    """The main text of a fetched page as blocks, or why there is none (CPU-heavy)."""
    from newsreader.extraction.html import extract_page

    if content_type and not any(t in content_type for t in ("html", "xml", "text/plain")):
        return f"the page is {content_type.split(';')[0]}, not a web page"
    text, _ = decode_bytes(body, charset_from_content_type(content_type))
    page = extract_page(text, url)
    if not page.body:
        return "no article text was found on the page"
    return tuple(page.body)


async def fetch_full_text(fetcher: Fetcher, pool: LazyPool, url: str) -> tuple[Block, ...] | str:
    """Fetch `url` and extract its main text (in a worker, within the parse budget); an
    error comes back as its message."""
    if not url.lower().startswith(("http://", "https://")):
        return "the article has no web address"
    result = await fetcher.fetch(url, accept=ACCEPT_PAGE)
    if result.outcome is not Outcome.OK:
        return result.error or "the page could not be fetched"
    try:
        blocks = await pool.run(
            extract_blocks,
            result.body,
            result.final_url or url,
            result.content_type,
            budget=PARSE_BUDGET,
        )
    except BrokenProcessPool:
        return "the page could not be read (its worker stopped)"
    return blocks.message("reading the page") if isinstance(blocks, Overrun) else blocks


async def keep_new_full_texts(
    store: Store,
    fetcher: Fetcher,
    pool: LazyPool,
    writer: Executor,
    parsed: ParsedFeed,
    uids: list[str],
    result: SourceResult,
) -> None:
    """A `full_text = true` feed: fetch and keep the page of every new article (saved
    on the run's one `writer` thread); the feed's `result` counts the failures."""
    loop = asyncio.get_running_loop()
    urls = {p.uid: p.url for p in parsed.prepared} or {a.id: a.url for a in parsed.articles}

    async def one(uid: str) -> None:
        url = urls.get(uid)
        blocks = await fetch_full_text(fetcher, pool, url) if url else "no web address"
        if isinstance(blocks, str):
            result.full_text_failed += 1
            return
        await loop.run_in_executor(writer, store.save_full_text, uid, blocks)

    await asyncio.gather(*(one(uid) for uid in uids))
    if result.full_text_failed:
        result.warning = f"full text could not be fetched for {result.full_text_failed} article(s)"


def fetch_and_store(store: Store, uids: list[str], *, concurrency: int = 8) -> list[FullTextResult]:
    """Fetch and keep the full text of these articles (blocking; runs its own loop)."""

    async def run() -> list[FullTextResult]:
        pool = LazyPool(len(uids), PRELOAD)
        try:
            async with Fetcher(concurrency=concurrency) as fetcher:

                async def one(uid: str) -> FullTextResult:
                    article = store.get_article(uid, full=False)
                    if article is None:
                        return FullTextResult(uid, "no such article")
                    blocks = await fetch_full_text(fetcher, pool, article.url or "")
                    if isinstance(blocks, str):
                        return FullTextResult(uid, blocks)
                    store.save_full_text(uid, blocks)
                    return FullTextResult(uid)

                return list(await asyncio.gather(*(one(uid) for uid in uids)))
        except BaseException:
            pool.kill_all()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    return asyncio.run(run())
