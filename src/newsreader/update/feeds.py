"""Refreshing subscribed feeds: fetch concurrently, parse on every core, store in batches.

Per feed: skip it when the server asked us to wait (Retry-After, max-age, Expires, the
feed's <ttl>) or its own refresh_minutes has not passed (unless forced); otherwise a
conditional GET. A 304 costs no parsing. A 200 is parsed in a worker process (parsing
is where a feed reader spends its CPU) and written together with the other feeds that
finish meanwhile (group commit). Each feed ends as a value in the report: new, updated,
unchanged, not modified, skipped, gone or an error with a human message. One dead
server, or one feed that crashes its parser, never stops the others, and a refresh
never touches read/starred state.

This module runs the whole (Refresher: fetch, store, report); the parts it hands work
to have rooms of their own: schedule.py (is a feed due), parsing.py (in the workers, with
quarantine), redirects.py (a feed that moved), fulltext.py (a full_text feed's pages).
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from concurrent.futures import Executor, ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial

from newsreader.config import Config, FeedSpec
from newsreader.errors import NewsreaderError, StorageError
from newsreader.models import feed_scope
from newsreader.sanitize import clean_inline
from newsreader.sources.feeditems import ParsedFeed
from newsreader.sources.http import Fetcher, FetchResult, Outcome
from newsreader.storage import FeedState, Store, library_failure
from newsreader.update.fulltext import keep_new_full_texts
from newsreader.update.parsing import PRELOAD, parse_in_workers
from newsreader.update.pool import POOL_FROM, LazyPool
from newsreader.update.redirects import follow_redirect, subscribed
from newsreader.update.report import Progress, RefreshReport, SourceResult, Status
from newsreader.update.schedule import cache_until, is_due
from newsreader.update.writer import GroupWriter


class Refresher:
    """One refresh run over the config's feeds."""

    _quarantine_lock: asyncio.Lock
    """One feed at a time in the quarantine pool (made per run: a lock keeps its loop)."""

    def __init__(
        self, store: Store, config: Config, *, force: bool = False, progress: Progress | None = None
    ) -> None:
        self.store = store
        self.config = config
        self.force = force
        self.progress = progress
        self.report = RefreshReport()
        self._done = 0
        self._total = 0
        self._followed = subscribed(config)
        """Feed URL -> section of every subscription, and of every redirect followed."""

    def run(self) -> RefreshReport:
        """Refresh every feed of the config; blocking (runs its own event loop)."""
        return asyncio.run(self.run_async())

    async def run_async(self) -> RefreshReport:
        feeds = [(spec, s.name) for s in self.config.sections for spec in s.feeds]
        if not feeds:
            return self.report
        loop = asyncio.get_running_loop()
        # One writer thread: the store keeps one connection for the whole run.
        writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsreader-write")
        try:
            await loop.run_in_executor(
                writer,
                self.store.ensure_feed_sources,
                [(spec.url, section, spec.title) for spec, section in feeds],
            )
            states = await loop.run_in_executor(writer, self.store.feed_states)
            now = datetime.now(UTC)
            due = []
            for spec, section in feeds:
                state = states.get(spec.url)
                if (
                    self.force
                    and state is not None
                    and not state.disabled
                    or is_due(state, spec, now)
                ):
                    due.append((spec, section, state))
                else:
                    why = "switched off (the feed is gone)" if state and state.disabled else None
                    self._finish(SourceResult(spec.url, section, Status.SKIPPED, error=why))
            self._total = len(feeds)
            pool = LazyPool(len(due), PRELOAD)
            self._quarantine_lock = asyncio.Lock()
            # Feeds without validators will be parsed (a first refresh: all of them).
            unvalidated = sum(1 for *_, s in due if s is None or not (s.etag or s.last_modified))
            starting = loop.run_in_executor(None, pool.start) if unvalidated >= POOL_FROM else None
            group = GroupWriter(self.store, writer)
            try:
                async with Fetcher(
                    concurrency=self.config.settings.concurrency,
                    per_host=self.config.settings.per_host,
                ) as fetcher:
                    # Backpressure: at most this many feeds between "fetching" and "stored",
                    # so a fast network cannot pile up parsed feeds in memory (a parsed
                    # feed is a few hundred KB); enough to fill a group commit.
                    inflight = asyncio.Semaphore(max(4 * self.config.settings.concurrency, 64))

                    async def bounded(
                        spec: FeedSpec, section: str, state: FeedState | None
                    ) -> None:
                        async with inflight:
                            try:
                                await self._one(fetcher, pool, writer, group, spec, section, state)
                            except Exception as exc:  # noqa: BLE001 - one feed's failure
                                if isinstance(exc, StorageError) and library_failure(exc):
                                    raise  # every other feed would fail the same way
                                await self._failed(writer, group, spec, section, exc)

                    await asyncio.gather(
                        *(bounded(spec, section, state) for spec, section, state in due)
                    )
            except BaseException:
                # Interrupted (Ctrl-C, SIGTERM, a library-wide failure): a worker may be
                # in the middle of a long job, which shutting down would wait for.
                pool.kill_all()
                raise
            finally:
                if starting is not None:
                    with contextlib.suppress(Exception):
                        await starting
                pool.shutdown(wait=True, cancel_futures=True)
        finally:
            await loop.run_in_executor(writer, self.store.close_thread)
            writer.shutdown(wait=True)
        return self.report

    async def _failed(
        self,
        writer: Executor,
        group: GroupWriter,
        spec: FeedSpec,
        section: str,
        exc: Exception,
    ) -> None:
        """A feed whose articles could not be saved (a hostile value SQLite refuses, or a
        bug of ours it triggers): an error on that feed alone, the rest of the run goes on."""
        detail = clean_inline(str(exc))[:160]
        error = (
            exc.message
            if isinstance(exc, NewsreaderError)
            else f"could not save this feed ({type(exc).__name__}{': ' + detail if detail else ''})"
        )
        loop = asyncio.get_running_loop()
        with contextlib.suppress(Exception):  # best effort: the report has it either way
            source_id = await loop.run_in_executor(
                writer, self.store.ensure_feed_source, spec.url, section, spec.title
            )
            await group.write(
                partial(self.store.record_fetch_in, source_id=source_id, ok=False, error=error)
            )
        self._finish(SourceResult(spec.url, section, Status.ERROR, title=spec.title, error=error))

    def _finish(self, result: SourceResult) -> None:
        self.report.results.append(result)
        self._done += 1
        if self.progress is not None:
            self.progress(self._done, self._total or self._done, result.title or result.url)

    async def _one(
        self,
        fetcher: Fetcher,
        pool: LazyPool,
        writer: Executor,
        group: GroupWriter,
        spec: FeedSpec,
        section: str,
        state: FeedState | None,
    ) -> None:
        loop = asyncio.get_running_loop()
        source_id = (
            state.source_id
            if state
            else await loop.run_in_executor(
                writer, self.store.ensure_feed_source, spec.url, section, spec.title
            )
        )
        etag = None if self.force or state is None else state.etag
        modified = None if self.force or state is None else state.last_modified
        fetched = await fetcher.fetch(spec.url, etag=etag, last_modified=modified)
        result = SourceResult(spec.url, section, Status.ERROR, title=spec.title)
        refused = None
        if fetched.permanent_redirect and fetched.outcome in (Outcome.OK, Outcome.NOT_MODIFIED):
            refused = await loop.run_in_executor(
                writer,
                follow_redirect,
                self.store,
                self.config,
                spec.url,
                fetched.permanent_redirect,
                self._followed,
            )
            if refused is None:
                result.moved_to = fetched.permanent_redirect
        if refused is not None:
            # Onto a feed followed already: its articles are that feed's, not stored
            # twice; the entry and its articles stay, and the source says why.
            result.error = refused
            result.redirect_refused = True
            await group.write(
                partial(self.store.record_fetch_in, source_id=source_id, ok=False, error=refused)
            )
        elif fetched.outcome is Outcome.NOT_MODIFIED:
            result.status = Status.NOT_MODIFIED
            await group.write(
                partial(
                    self.store.record_fetch_in,
                    source_id=source_id,
                    ok=True,
                    etag=fetched.etag,
                    last_modified=fetched.last_modified,
                    cache_until=fetched.not_before,
                )
            )
        elif fetched.outcome is not Outcome.OK:
            result.status = Status.GONE if fetched.outcome is Outcome.GONE else Status.ERROR
            result.error = fetched.error
            await group.write(
                partial(
                    self.store.record_fetch_in,
                    source_id=source_id,
                    ok=False,
                    error=fetched.error,
                    cache_until=fetched.not_before,
                    disable=fetched.outcome is Outcome.GONE,
                )
            )
        else:
            parsed = await parse_in_workers(
                pool,
                self._quarantine_lock,
                fetched,
                fetched.final_url or spec.url,
                feed_scope(source_id),
            )
            new_uids = await group.write(
                partial(
                    self._store,
                    source_id=source_id,
                    section=section,
                    fetched=fetched,
                    parsed=parsed,
                    result=result,
                )
            )
            if spec.full_text and new_uids and isinstance(parsed, ParsedFeed):
                await keep_new_full_texts(
                    self.store, fetcher, pool, writer, parsed, new_uids, result
                )
        self._finish(result)

    def _store(
        self,
        conn: sqlite3.Connection,
        *,
        source_id: int,
        section: str,
        fetched: FetchResult,
        parsed: ParsedFeed | str,
        result: SourceResult,
    ) -> list[str]:
        """Write one parsed feed (in the group's transaction); the ids of its new articles."""
        if isinstance(parsed, str):
            result.status = Status.ERROR
            result.error = parsed
            # The validators are not kept: next time the feed is fetched whole again.
            self.store.record_fetch_in(
                conn, source_id, ok=False, error=parsed, cache_until=fetched.not_before
            )
            return []
        counts = self.store.upsert_articles_in(
            conn, source_id, section, parsed.prepared or parsed.articles
        )
        result.new, result.updated = counts.new, counts.updated
        result.title = result.title or parsed.title
        result.warning = parsed.warning
        result.status = (
            Status.NEW if counts.new else Status.UPDATED if counts.updated else Status.UNCHANGED
        )
        self.store.record_fetch_in(
            conn,
            source_id,
            ok=True,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            cache_until=cache_until(fetched.not_before, parsed.ttl_minutes, datetime.now(UTC)),
            warning=parsed.warning,
            title=parsed.title,
        )
        return counts.new_uids
