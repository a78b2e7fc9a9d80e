"""Bringing the library up to date: rescans, refreshes, full texts, watch news."""

from __future__ import annotations

from dataclasses import replace

from newsreader.config import load_config
from newsreader.core.reading import ReadingMixin
from newsreader.errors import ConfigError, QueryError
from newsreader.query import ArticleQuery
from newsreader.update.local import scan_local
from newsreader.update.notify import NOTIFY_SECONDS, Notify, run_notify
from newsreader.update.report import Progress, RefreshOutcome, RefreshReport, ScanReport, WatchNews

FEED_WINDOW = 2000
"""The most items one fetch of a feed stores (update.parsing.MAX_ITEMS): the newest that
many articles of a feed are never pruned, since the feed may still list them and a
pruned article it lists would come back unread."""


class UpdatesMixin(ReadingMixin):
    """Rescanning files, refreshing feeds, fetching full texts, and what watches got."""

    def scan(self, progress: Progress | None = None, workers: int | None = None) -> ScanReport:
        """Read new and changed local files into the store; forget deleted ones.

        A read-only library is not rescanned: what it holds can still be read.
        """
        if self.read_only is not None:
            return ScanReport()
        self._follow_normal_forms()
        self._store.ensure_feed_sources(
            [(feed.url, s.name, feed.title) for s in self.config.sections for feed in s.feeds]
        )
        report = scan_local(self._store, self.config, progress=progress, workers=workers)
        self._store.prune(self.config.settings.keep_read_per_source, feed_window=FEED_WINDOW)
        return report

    def _follow_normal_forms(self) -> None:
        """Feeds stored under an address the config now reads in its normal form (a config
        written before addresses were normalised: "https://Example.org" is now
        "https://example.org/") move to that form, keeping their articles in their section."""
        from newsreader.urls import normalize_feed_url

        wanted = {feed.url for section in self.config.sections for feed in section.feeds}
        for key in self._store.feed_states():
            if key not in wanted:
                normal = normalize_feed_url(key)
                if normal is not None and normal != key and normal in wanted:
                    self._store.rename_feed(key, normal)

    def watch_news(self, after_id: int, *, run_commands: bool = True) -> list[WatchNews]:
        """For each watch, the articles stored after row `after_id`; runs notify commands.

        A watch's notify_command runs with the article's fields as arguments and as
        NEWSREADER_* environment variables, never through a shell, so a hostile title
        cannot inject anything.
        """
        news = []
        commands: list[Notify] = []
        for watch in self.config.watches:
            try:
                query = ArticleQuery(text=watch.query, after_id=after_id, limit=1)
                count = self.count(ArticleQuery(text=watch.query, after_id=after_id))
                rows = self.articles(query) if count else []
            except QueryError:
                continue
            if not rows:
                continue
            row = rows[0]
            news.append(WatchNews(watch.name, count, row.title, row.uid, row.url))
            if run_commands and watch.notify_command:
                commands.append(Notify(len(news) - 1, watch.notify_command, news[-1], row.source))
        for notify, error in zip(commands, run_notify(commands, NOTIFY_SECONDS), strict=True):
            if error is not None:
                news[notify.index] = replace(news[notify.index], notify_error=error)
        return news

    def refresh(
        self, *, force: bool = False, progress: Progress | None = None, feeds: bool = True
    ) -> RefreshOutcome:
        """Rescan local paths, then refresh every feed (concurrently, politely)."""
        self._writable("refresh")
        before = self._store.last_article_id()
        scan = self.scan(progress=progress)
        feed_report = self.refresh_feeds(force=force, progress=progress) if feeds else None
        # A first fill of an empty library is not news; after that, new matches are.
        news = self.watch_news(before) if before else []
        return RefreshOutcome(scan, feed_report or RefreshReport(), news)

    def refresh_feeds(
        self, *, force: bool = False, progress: Progress | None = None
    ) -> RefreshReport:
        """Refresh the subscribed feeds only (no rescan, no watch news).

        A feed that moved for good (301/308) follows its new address, and the config,
        which the run rewrote, is read again. One whose new address is subscribed already
        is not moved (the run leaves it with a message, `update.redirects`): merging it
        would lose the entry's options and store that feed's articles twice. Only a
        source the config no longer names (kept for its articles) is merged into.
        """
        from newsreader.update.feeds import Refresher
        from newsreader.update.redirects import subscribed
        from newsreader.urls import normalize_feed_url

        self._writable("refresh")
        followed = subscribed(self.config)
        report = Refresher(self._store, self.config, force=force, progress=progress).run()
        moved = [(r.url, normalize_feed_url(r.moved_to)) for r in report.results if r.moved_to]
        for old, new in moved:
            if new is not None and new not in followed:
                self._store.rename_feed(old, new)
        if moved and not self.config.is_sample:
            try:
                self._use_config(load_config(self.config.path))
            except ConfigError:
                pass  # the run's config stays in use; the next command reports the file
        return report

    def fetch_full(self, uids: list[str]) -> list[tuple[str, str | None]]:
        """Fetch and keep the full text of these articles: (uid, error or None) each."""
        from newsreader.update.fulltext import fetch_and_store

        self._writable("fetch full texts")
        results = fetch_and_store(self._store, uids, concurrency=self.config.settings.concurrency)
        return [(r.uid, r.error) for r in results]
