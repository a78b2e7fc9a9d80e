"""The one facade the CLI and the TUI call: config + store + updates behind one object.

Widgets and commands never see SQL, file walking or TOML; they ask the Library, and get
typed values back (rows, counts, outcomes), never the store itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from newsreader.config import Config, ConfigEditor, load_config
from newsreader.errors import ConfigError, NewsreaderError, QueryError
from newsreader.models import Article, ArticleRow, SearchHit, SectionCount, SourceInfo
from newsreader.paths import db_path
from newsreader.prefs import load_prefs, save_prefs
from newsreader.query import ArticleQuery
from newsreader.storage import Store
from newsreader.storage.db import read_only_reason
from newsreader.update.local import scan_local
from newsreader.update.report import Progress, RefreshOutcome, RefreshReport, ScanReport, WatchNews

__all__ = [
    "AddResult",
    "Library",
    "LibraryCounts",
    "OpmlImport",
    "RefreshOutcome",
    "WatchNews",
]

FEED_WINDOW = 2000
"""The most items one fetch of a feed stores (update.feeds.MAX_ITEMS): the newest that
many articles of a feed are never pruned, since the feed may still list them and a
pruned article it lists would come back unread."""
NOTIFY_SECONDS = 10.0
"""How long a refresh waits for all its watches' notify commands together; then what is
still running is stopped, with everything it started."""


@dataclass(frozen=True, slots=True)
class LibraryCounts:
    """Everything the sidebar and the header count, in one read."""

    total: int
    unread: int
    starred: int
    saved: int
    muted: int
    sections: list[SectionCount]
    watches: list[tuple[str, int, int]]
    """(watch name, unread matches, all matches); -1 for a watch that does not parse."""
    new: dict[str, int]
    """Per watch, matches added since the reader last looked at it."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `add` did, for a message to the user."""

    section: str
    target: str
    kind: str  # "feed" or "path"
    added: bool
    config_path: Path


@dataclass(frozen=True, slots=True)
class OpmlImport:
    """What `import-opml` did: feeds added, already there, skipped (no usable address)."""

    added: int
    existing: int
    skipped: int
    sections: int


class Library:
    """A user's news library: their config and their store."""

    def __init__(self, config: Config, store: Store) -> None:
        self.config = config
        self._store = store
        self.read_only = read_only_reason(store.path)
        """Why the library can only be read (its file or folder is read-only), or None."""

    @classmethod
    def open(cls, config: Config | None = None, database: Path | None = None) -> Library:
        """Open with the user's config (or the samples') and the default store."""
        return cls(config or load_config(), Store(database or db_path()))

    def close(self) -> None:
        self._store.close()

    def close_thread(self) -> None:
        """Release the calling thread's connection (for a worker thread that is done)."""
        self._store.close_thread()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- ingestion -----------------------------------------------------------------

    def _writable(self, what: str) -> None:
        """A clear error before a write to a library that can only be read."""
        if self.read_only is not None:
            raise NewsreaderError(f"cannot {what}: the library is read-only ({self.read_only})")

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
        commands: list[_Notify] = []
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
                commands.append(_Notify(len(news) - 1, watch.notify_command, news[-1], row.source))
        for notify, error in zip(commands, _run_notify(commands, NOTIFY_SECONDS), strict=True):
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

        A feed that moved for good (301/308) onto an address subscribed already is merged
        into that one once the run is over (while it runs, each feed writes to its own
        source), and the config, which the run rewrote, is read again.
        """
        from newsreader.update.feeds import Refresher
        from newsreader.urls import normalize_feed_url

        self._writable("refresh")
        report = Refresher(self._store, self.config, force=force, progress=progress).run()
        moved = [(r.url, normalize_feed_url(r.moved_to)) for r in report.results if r.moved_to]
        for old, new in moved:
            if new is not None:
                self._store.rename_feed(old, new)
        if moved and not self.config.is_sample:
            try:
                self.config = load_config(self.config.path)
            except ConfigError:
                pass  # the run's config stays in use; the next command reports the file
        return report

    def fetch_full(self, uids: list[str]) -> list[tuple[str, str | None]]:
        """Fetch and keep the full text of these articles: (uid, error or None) each."""
        from newsreader.update.fulltext import fetch_and_store

        self._writable("fetch full texts")
        results = fetch_and_store(self._store, uids, concurrency=self.config.settings.concurrency)
        return [(r.uid, r.error) for r in results]

    # --- reading -------------------------------------------------------------------

    def _muted(self, query: ArticleQuery) -> ArticleQuery:
        """The query with the config's mute rules, unless it brings its own."""
        if query.mutes or not self.config.mutes:
            return query
        return replace(query, mutes=tuple((m.query, m.sections) for m in self.config.mutes))

    def muted_count(self) -> int:
        """How many articles the mute rules hide."""
        if not self.config.mutes:
            return 0
        return self._store.count(self._muted(ArticleQuery(only_muted=True)))

    def sections(self) -> list[SectionCount]:
        """Every configured section in config order, with its counts (zero if empty)."""
        counts = {c.name: c for c in self._store.section_counts(self._muted(ArticleQuery()))}
        return [counts.get(s.name, SectionCount(s.name, 0, 0)) for s in self.config.sections]

    def section_names(self, name: str) -> tuple[str, ...]:
        """The configured section called `name` (case-insensitive), or a clear error."""
        section = self.config.section(name)
        if section is None:
            known = ", ".join(s.name for s in self.config.sections) or "none"
            raise NewsreaderError(f"no section named '{name}' (sections: {known})")
        return (section.name,)

    def watch_query(self, name: str) -> str:
        """The query of the watch called `name`, or a clear error."""
        for watch in self.config.watches:
            if watch.name.casefold() == name.casefold():
                return watch.query
        known = ", ".join(w.name for w in self.config.watches) or "none"
        raise NewsreaderError(f"no watch named '{name}' (watches: {known})")

    def sources(self, section: str) -> list[SourceInfo]:
        """The feeds and files of a section, for the sidebar."""
        return self._store.sources_in_section(section)

    def watch_counts(self) -> list[tuple[str, int, int]]:
        """(watch name, unread matches, all matches) for each configured watch.

        A watch whose query does not parse counts -1, so the sidebar can mark it.
        """
        counts = []
        for watch in self.config.watches:
            try:
                total, unread = self._store.count_with_unread(
                    self._muted(ArticleQuery(text=watch.query))
                )
            except QueryError:
                total = unread = -1
            counts.append((watch.name, unread, total))
        return counts

    def counts(self) -> LibraryCounts:
        """The counts the sidebar and header show; a new watch starts with nothing new."""
        seen = _watch_seen()
        unseen = [w.name for w in self.config.watches if w.name not in seen]
        if unseen:
            last = self._store.last_article_id()
            seen.update((name, last) for name in unseen)
            save_prefs(watch_seen=seen)
        new = self.watch_new_counts(seen)
        return LibraryCounts(
            total=self.count(ArticleQuery()),
            unread=self.count(ArticleQuery(unread=True)),
            starred=self.count(ArticleQuery(starred=True)),
            saved=self.count(ArticleQuery(saved=True)),
            muted=self.muted_count(),
            sections=self.sections(),
            watches=self.watch_counts(),
            new=new,
        )

    def watch_new_counts(self, seen: dict[str, int]) -> dict[str, int]:
        """Per watch, matches added since the reader last looked (`seen`: last row id)."""
        out = {}
        for watch in self.config.watches:
            last = seen.get(watch.name)
            if last is None:
                continue
            try:
                out[watch.name] = self.count(ArticleQuery(text=watch.query, after_id=last))
            except QueryError:
                continue
        return out

    def mark_watch_seen(self, name: str) -> None:
        """The reader looked at the watch: nothing in it is new any more."""
        seen = _watch_seen()
        seen[name] = self._store.last_article_id()
        save_prefs(watch_seen=seen)

    def preferences(self) -> dict[str, object]:
        """The reader's small UI preferences (the theme), kept between runs."""
        return load_prefs()

    def save_preferences(self, **changes: object) -> None:
        """Remember UI preferences; a failure to save is not worth an error."""
        save_prefs(**changes)

    def source_errors(self) -> list[tuple[str, str]]:
        """(source, error) for every feed and file whose last read failed."""
        return self._store.source_errors()

    def articles(self, query: ArticleQuery) -> list[ArticleRow]:
        """Rows for `query`; articles the mute rules hide are left out (or marked)."""
        return self._store.list_articles(self._muted(query))

    def count(self, query: ArticleQuery) -> int:
        return self._store.count(self._muted(query))

    def position(self, query: ArticleQuery, uid: str) -> int | None:
        """Where the article `uid` is in the list `query` gives, None if not in it."""
        return self._store.position(self._muted(query), uid)

    def article(self, uid: str, *, full: bool = True) -> Article | None:
        return self._store.get_article(uid, full=full)

    def search(
        self, text: str, *, limit: int = 50, sections: tuple[str, ...] | None = None
    ) -> list[SearchHit]:
        if not text.strip():
            raise QueryError("the query is empty", 0)
        hits = self._store.search(text, limit=limit, sections=sections)
        if self.config.mutes and hits:
            uids = tuple(h.row.uid for h in hits)
            muted = {
                r.uid
                for r in self._store.list_articles(
                    self._muted(ArticleQuery(uids=uids, only_muted=True))
                )
            }
            hits = [h for h in hits if h.row.uid not in muted]
        return hits

    def resolve_ids(self, ids: list[str]) -> list[str]:
        """Full article ids from ids or unique prefixes (at least 4 characters)."""
        resolved = []
        for given in ids:
            matches = self._store.uids_with_prefix(given.strip().lower())
            if len(given.strip()) < 4 or not matches:
                raise NewsreaderError(f"no article with id '{given}'")
            if len(matches) > 1:
                raise NewsreaderError(f"id '{given}' is ambiguous ({len(matches)} articles match)")
            resolved.append(matches[0])
        return resolved

    def mark(
        self,
        uids: list[str],
        *,
        read: bool | None = None,
        starred: bool | None = None,
        saved: bool | None = None,
    ) -> int:
        self._writable("mark articles")
        return self._store.set_state(uids, read=read, starred=starred, saved=saved)

    # --- subscriptions ---------------------------------------------------------------

    def _editor(self, config_path: Path | None = None) -> ConfigEditor:
        """An editor for the config this library runs on; the samples' is never edited
        (a user config is created from it instead)."""
        if config_path is None and not self.config.is_sample:
            config_path = self.config.path
        return ConfigEditor(config_path)

    def add(self, target: str, section: str, config_path: Path | None = None) -> AddResult:
        """Subscribe to a feed URL or add a local path to `section`, in the user's config.

        A feed's address is written in its normal form (`normalize_feed_url`); one that
        has none (`http://`, `https://x y`) is refused, and the config is left as it was.
        """
        from newsreader.urls import normalize_feed_url

        editor = self._editor(config_path)
        if re.match(r"https?:", target, re.IGNORECASE):
            added = editor.add_feed(section, target)  # ConfigError if it is no address
            kind = "feed"
            target = normalize_feed_url(target) or target
        elif re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", target):
            raise NewsreaderError(f"{target}: only http and https feeds can be added")
        else:
            if "\x00" in target:
                raise NewsreaderError(f"{target!r}: a path cannot hold a NUL character")
            path = Path(target).expanduser().resolve()
            if not path.exists():
                raise NewsreaderError(f"{target}: no such file or directory")
            added = editor.add_path(section, str(path))
            kind = "path"
            target = str(path)
        if added:
            editor.save()
        self.config = load_config(editor.path)
        return AddResult(section, target, kind, added, editor.path)

    def import_opml(self, path: Path, config_path: Path | None = None) -> OpmlImport:
        """Subscribe to every feed in an OPML file. An outline whose address cannot be
        used (`http:foo`, `http://`) is skipped and counted, never written."""
        from newsreader.sources.local import read_bytes
        from newsreader.sources.opml import parse_opml

        feeds = parse_opml(read_bytes(path), str(path))
        editor = self._editor(config_path)
        added = existing = skipped = 0
        sections = set()
        for feed in feeds:
            try:
                if editor.add_feed(feed.section, feed.url, feed.title):
                    added += 1
                else:
                    existing += 1
            except ConfigError:
                skipped += 1
                continue
            sections.add(feed.section)
        if added:
            editor.save()
        self.config = load_config(editor.path)
        return OpmlImport(added, existing, skipped, len(sections))

    def export_opml(self) -> str:
        from newsreader.sources.opml import export_opml

        return export_opml(self.config)

    # --- watches ----------------------------------------------------------------------

    def add_watch(self, name: str, query: str, color: str | None = None) -> bool:
        """Save a watch in the user's config; False if one with this name exists. The name,
        the query (it must parse) and the colour are checked first (ConfigError, QueryError)."""
        editor = self._editor()
        added = editor.add_watch(name, query, color)
        if added:
            editor.save()
            self.config = load_config(editor.path)
        return added

    def remove_watch(self, name: str) -> bool:
        editor = self._editor()
        removed = editor.remove_watch(name)
        if removed:
            editor.save()
            self.config = load_config(editor.path)
        return removed

    def explain(self, uid: str) -> list[str]:
        """Which watches match the article (words and fields), which mutes would hide it."""
        from newsreader.query.matcher import MatchTarget, explain_article

        article = self._store.get_article(uid, full=False)
        rows = self._store.list_articles(ArticleQuery(uids=(uid,)))
        if article is None or not rows:
            raise NewsreaderError(f"no article with id '{uid}'")
        row = rows[0]
        target = MatchTarget(
            title=article.title,
            authors="\n".join(article.authors),
            summary=article.summary or "",
            body="\n\n".join(article.paragraphs),
            source=row.source,
            site=article.site or "",
            section=row.section or "",
        )
        watches = [(w.name, w.query) for w in self.config.watches]
        mutes = [(m.query, m.sections) for m in self.config.mutes]
        return explain_article(target, watches, mutes).lines()


def _watch_seen() -> dict[str, int]:
    """Per watch, the last article row id the reader has seen under it (kept with the UI
    preferences: it is the reader's state, not the library's content)."""
    seen = load_prefs().get("watch_seen")
    return {str(k): int(v) for k, v in seen.items()} if isinstance(seen, dict) else {}


@dataclass(frozen=True, slots=True)
class _Notify:
    """A watch's notify command to run for its news (`index`: its place in the news)."""

    index: int
    command: tuple[str, ...]
    news: WatchNews
    source: str


def _run_notify(commands: list[_Notify], budget: float) -> list[str | None]:
    """Run the notify commands side by side, without a shell; each one's error or None.

    Each command gets the watch name, the title and the link as arguments after "--" (a
    title starting with "-" is not an option), and NEWSREADER_* environment variables.
    All of them together get `budget` seconds: a command still running then is stopped
    with everything it started (it runs in its own session, and its process group is
    killed), so a hanging command neither holds up the refresh nor lingers.
    """
    import os
    import signal
    import subprocess
    import time

    errors: list[str | None] = [None] * len(commands)
    running: list[tuple[int, subprocess.Popen[bytes]]] = []
    for i, notify in enumerate(commands):
        news = notify.news
        env = {
            **os.environ,
            "NEWSREADER_WATCH": news.watch,
            "NEWSREADER_TITLE": news.title,
            "NEWSREADER_URL": news.url or "",
            "NEWSREADER_ID": news.uid,
            "NEWSREADER_SOURCE": notify.source,
            "NEWSREADER_COUNT": str(news.count),
        }
        command = list(notify.command)
        if command[-1:] != ["--"]:
            command.append("--")
        try:
            process = subprocess.Popen(
                [*command, news.watch, news.title, news.url or ""],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                shell=False,
                start_new_session=True,
            )
        except (OSError, ValueError, subprocess.SubprocessError) as exc:
            errors[i] = f"notify command for {news.watch} failed: {exc}"
            continue
        running.append((i, process))
    deadline = time.monotonic() + budget
    for i, process in running:
        watch = commands[i].news.watch
        try:
            status = process.wait(timeout=max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:  # already gone
                pass
            process.wait()
            errors[i] = f"notify command for {watch} was stopped after {budget:g} s"
            continue
        if status != 0:
            errors[i] = f"notify command for {watch} failed (exit status {status})"
    return errors
