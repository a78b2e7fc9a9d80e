"""Parsing a fetched feed in a worker process, within a budget, and in quarantine when
a worker dies.

Parsing is where a refresh spends its CPU, so it runs in the pool's workers (pool.py);
the stored columns are worked out there too, so the one writing thread only runs SQL.
A worker that dies takes every job it shared the pool with down with it; those feeds
are parsed again one at a time in a quarantine pool, so only the feed that kills a
worker there is blamed. Every outcome is a value: the parsed feed, or a message saying
why there is none.
"""

from __future__ import annotations

import asyncio
from concurrent.futures.process import BrokenProcessPool
from functools import partial

from newsreader.errors import SourceError
from newsreader.sources.feeditems import ParsedFeed
from newsreader.sources.feeds import parse_feed
from newsreader.sources.http import FetchResult
from newsreader.storage import prepare
from newsreader.update.pool import LazyPool, Overrun

MAX_ITEMS = 2000
"""Items kept from one feed document (a hostile feed could list millions)."""
PRELOAD = ("newsreader.sources.feeds",)
"""What a parser worker imports before its first job."""
PARSE_BUDGET = 30.0
"""Seconds one feed document may take to parse; a 20 MB feed takes a few."""


def parse_job(
    data: bytes, url: str, content_type: str | None, scope: str | None = None
) -> ParsedFeed | str:
    """Parse one fetched feed (in a worker process); an error comes back as its message.

    The stored columns are worked out here too (`prepare`), so the writing process
    only runs SQL: on two cores the writer is otherwise the bottleneck.
    """
    try:
        parsed = parse_feed(
            data,
            url,
            base_url=url,
            content_type=content_type,
            max_items=MAX_ITEMS,
            lazy=True,
            scope=scope,
        )
        parsed.prepared = [prepare(a).packed() for a in parsed.articles]
        parsed.articles = []
        return parsed
    except SourceError as exc:
        return exc.reason
    except (RecursionError, MemoryError, ValueError, LookupError, TypeError) as exc:
        return f"could not parse the feed ({type(exc).__name__})"


def _parsed(result: ParsedFeed | str | Overrun) -> ParsedFeed | str:
    return result.message("reading this feed") if isinstance(result, Overrun) else result


async def parse_in_workers(
    pool: LazyPool, quarantine: asyncio.Lock, fetched: FetchResult, url: str, scope: str
) -> ParsedFeed | str:
    """Parse in a worker process, within PARSE_BUDGET. When a worker dies (or is
    stopped for a feed that overran), every feed it was sharing the pool with is
    parsed again in quarantine, one at a time (`quarantine`, the run's one lock), so only
    the feed that kills a worker there is reported as the one that did."""
    job = partial(parse_job, fetched.body, url, fetched.content_type, scope)
    try:
        return _parsed(await pool.run(job, budget=PARSE_BUDGET))
    except BrokenProcessPool:
        pass
    async with quarantine:
        try:
            return _parsed(await pool.quarantine.run(job, budget=PARSE_BUDGET))
        except BrokenProcessPool:
            return "the parser stopped while reading this feed (too large or malformed?)"
