"""Managing feeds and paths from the app and the CLI: finding the feed behind an address,
removing, renaming and moving subscriptions, reading the config again, and the sources
that fail.

The config is the source of truth; the store follows it at once. Removing a feed or a
path on the reader's word deletes its articles except the starred and saved ones, which
stay (with no section) in Starred and Saved. A source that leaves the config by a
hand edit is only orphaned (`Store.assign_sections`): a typo there loses nothing.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from newsreader.config import load_config
from newsreader.config.values import feed_url
from newsreader.core.results import RemoveResult, SourceProblem, Subscription
from newsreader.core.subscriptions import SubscriptionsMixin
from newsreader.errors import NewsreaderError
from newsreader.models import STAMP
from newsreader.paths import user_path
from newsreader.sanitize import clean_inline, clean_name, shown
from newsreader.sources.discovered import Discovery
from newsreader.urls import normalize_feed_url

DISCOVERY_CONCURRENCY = 4
"""Requests at once while looking at a page's feeds (a page links to a few)."""
MAX_TITLE = 300


def _is_url(target: str) -> bool:
    return re.match(r"https?:", target, re.IGNORECASE) is not None


class ManageMixin(SubscriptionsMixin):
    """Discovery, remove, rename, move, reload, failing sources."""

    def discover(self, url: str) -> Discovery:
        """What the address offers to subscribe to: the feed itself, the feeds its web
        page links to (each fetched and parsed), or why there is none. Blocking (runs
        its own event loop): the app calls it off its loop. A URL that is no web
        address newsreader can use is a NewsreaderError; nothing is fetched."""
        import asyncio

        from newsreader.sources.discovery import discover
        from newsreader.sources.http import Fetcher

        try:
            normal = feed_url(url)
        except ValueError as exc:
            raise NewsreaderError(str(exc)) from None

        async def run() -> Discovery:
            async with Fetcher(
                concurrency=DISCOVERY_CONCURRENCY, per_host=self.config.settings.per_host
            ) as fetcher:
                return await discover(normal, fetcher)

        return asyncio.run(run())

    def reload_config(self) -> bool:
        """Read the config file again (feeds added or removed by the CLI or by hand);
        True if anything changed. A config that does not load is a ConfigError, and the
        one in use stays."""
        before = self.config
        self._use_config(load_config(None if before.is_sample else before.path))
        return self.config != before

    def subscription(self, target: str) -> Subscription:
        """The feed (by URL, in any spelling) or the configured path that `target` names,
        or a NewsreaderError saying it is not in the config."""
        if _is_url(target):
            url = normalize_feed_url(target) or target
            for section in self.config.sections:
                for feed in section.feeds:
                    if feed.url == url:
                        return self._subscription("feed", url, section.name, feed.title)
        elif "\x00" not in target:
            wanted = user_path(target).resolve()
            for section in self.config.sections:
                for path in section.paths:
                    if path == wanted or path.resolve() == wanted:
                        return self._subscription("path", str(path), section.name, None)
        raise NewsreaderError(
            f"{shown(target)} is not a feed or path in your config ({self.config.path})"
        )

    def subscription_of(self, source_id: int) -> Subscription | None:
        """The subscription a store source comes from: a feed, or the configured path a
        file was found under. None if it is in the config no more."""
        record = self._store.source_record(source_id)
        if record is None:
            return None
        target = record.key if record.kind == "feed" else record.root
        if target is None:
            return None
        for section in self.config.sections:
            if record.kind == "feed":
                for feed in section.feeds:
                    if feed.url == target:
                        return self._subscription("feed", target, section.name, feed.title)
            elif any(str(path) == target for path in section.paths):
                return self._subscription("path", target, section.name, None)
        return None

    def _subscription(
        self, kind: str, target: str, section: str, title: str | None
    ) -> Subscription:
        articles, kept = self._store.source_article_counts(kind, target)
        if kind == "feed":
            name = title or self._store.feed_titles().get(target) or target
        else:
            name = clean_name(Path(target).name or target)
        return Subscription(kind, target, section, name, title, articles, kept)

    def remove(self, target: str) -> RemoveResult:
        """Take a feed or a path out of the config (comments kept); its articles go, but
        the starred and saved ones, which stay with no section."""
        self._writable("remove a feed or path")
        sub = self.subscription(target)
        editor = self._editor()
        removed = (
            editor.remove_feed(sub.target) if sub.kind == "feed" else editor.remove_path(sub.target)
        )
        if not removed:
            raise NewsreaderError(f"{shown(target)} is not in {editor.path}")
        editor.save()
        self._use_config(load_config(editor.path))
        deleted, kept = self._store.forget_source(sub.kind, sub.target)
        return RemoveResult(sub, deleted, kept, editor.path)

    def rename(self, target: str, title: str) -> Subscription:
        """Give a feed the title shown for it, in the config (`{ url, title }`); an empty
        title gives it back its own (read again at the next refresh)."""
        self._writable("rename a feed")
        sub = self.subscription(target)
        if sub.kind != "feed":
            raise NewsreaderError(
                f"{shown(target)} is a file or folder: the config gives paths no title "
                "(their articles show their files' own)"
            )
        cleaned = clean_inline(title)[:MAX_TITLE] or None
        editor = self._editor()
        editor.set_feed_title(sub.target, cleaned)
        editor.save()
        self._use_config(load_config(editor.path))
        self._store.set_feed_title(sub.target, cleaned)
        return self.subscription(sub.target)

    def move(self, target: str, section: str) -> tuple[Subscription, bool]:
        """Move a feed or a path (with its articles) to `section`, made if need be; the
        subscription as it is now, and False if it was in that section already."""
        self._writable("move a feed or path")
        sub = self.subscription(target)
        editor = self._editor()
        moved = (
            editor.move_feed(sub.target, section)
            if sub.kind == "feed"
            else editor.move_path(sub.target, section)
        )
        if moved:
            editor.save()
            self._use_config(load_config(editor.path))
            self._follow_config()
        return self.subscription(sub.target), moved

    def _follow_config(self) -> None:
        """The store's sections follow the config now, not at the next rescan."""
        from newsreader.storage.sources import file_key

        feeds: dict[str, str] = {}
        roots: dict[str, str] = {}
        for section in self.config.sections:
            for feed in section.feeds:
                feeds.setdefault(feed.url, section.name)
            for path in section.paths:
                roots.setdefault(file_key(str(path)), section.name)
        self._store.assign_sections(feeds, roots)

    def failing_sources(self) -> list[SourceProblem]:
        """Every feed and file whose last read failed, and every configured path that
        is not there, in config order: what went wrong, when it last worked, and when
        it will be tried again."""
        now = datetime.now(UTC).strftime(STAMP)
        order = {s.name: i for i, s in enumerate(self.config.sections)}
        problems = []
        for section in self.config.sections:
            for path in section.paths:
                if not path.exists():
                    problems.append(
                        SourceProblem(
                            None,
                            "path",
                            clean_name(path.name or str(path)),
                            clean_name(str(path)),
                            section.name,
                            "no such file or directory",
                            None,
                            None,
                            None,
                            False,
                        )
                    )
        for status in self._store.failing_sources():
            if status.section not in order:
                continue
            retry = status.cache_until if status.cache_until and status.cache_until > now else None
            problems.append(
                SourceProblem(
                    status.source_id,
                    status.kind,
                    status.title or status.key,
                    status.key,
                    status.section,
                    status.last_error,
                    status.last_attempt,
                    status.last_success,
                    retry,
                    status.disabled,
                )
            )
        problems.sort(key=lambda p: order.get(p.section, len(order)))
        return problems
