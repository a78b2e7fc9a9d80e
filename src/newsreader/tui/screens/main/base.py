"""The main screen's foundation: loading lists and counts, the sidebar's entries, the
refresh (the panes and their layout are `panes.py`).

Widgets post messages up; the screen asks the library (always off the event loop, via
LibraryClient) and pushes results down into the widgets. The keys' actions live in the
mixins beside this module (reading, watches, lists); `MainScreen` puts them together.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from textual import on, work
from textual.widgets import Tree
from textual.worker import Worker, WorkerState

from newsreader.core import Library, LibraryCounts
from newsreader.errors import NewsreaderError
from newsreader.models import Article
from newsreader.present.article import HighlightGroup
from newsreader.query import ArticleQuery, Sort
from newsreader.query.spans import Needle, needles_from_query
from newsreader.tui.client import LibraryClient
from newsreader.tui.entries import ALL, Entry, EntryKind, Target
from newsreader.tui.messages import ScanProgress
from newsreader.tui.screens.main.panes import Panes
from newsreader.tui.watch_styles import watch_marks
from newsreader.tui.widgets import ArticleList
from newsreader.tui.widgets.article_list import PAGE_SIZE

SEARCH_LIMIT = 500
RELOAD_EVERY = 1.0
"""Seconds between list reloads while a refresh brings in articles."""


class MainBase(Panes):
    """What every group of actions needs from the screen: the entry shown, its list
    and counts loaded off the event loop, the refresh."""

    def __init__(
        self,
        client: LibraryClient,
        *,
        clock: Callable[[], datetime] | None = None,
        scan_on_start: bool = True,
        start_section: str | None = None,
        open_first: bool = False,
    ) -> None:
        super().__init__()
        self.client = client
        self.clock = clock
        self.scan_on_start = scan_on_start
        self.start_section = start_section
        """The section to open on (`newsreader PATH`: "Opened"), instead of All."""
        self.open_first = open_first
        """Open its first article too (`newsreader FILE`)."""
        self._entry = ALL
        self.sort = Sort.NEWEST
        self.terms: list[Needle] = []
        self._before_search: tuple[Entry, str | None] | None = None
        self._counts: LibraryCounts | None = None
        self._opening = True
        self._last_reload = 0.0
        self._scans = 0
        self._scanning: int | None = None
        """The refresh running now (its number), if one is."""
        self.show_muted = False
        self.picked: tuple[str, str] | None = None
        """(article uid, word) last clicked in the reading pane, for `w`."""

    @property
    def library(self) -> Library:
        return self.client.library

    @property
    def watch_marks(self) -> list[HighlightGroup]:
        """Each watch's terms in its colour (given, or one of the theme's)."""
        watches = [(w.query, w.color) for w in self.library.config.watches]
        return watch_marks(self.app.current_theme, watches)

    def on_mount(self) -> None:
        share = self.library.preferences().get("list_share")
        if isinstance(share, float) and 0 < share < 1:
            self.list_share = share
        self.watch(self, "maximized", lambda _: self._layout(), init=False)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.articles.watch_marks = self.watch_marks
        config = self.library.config
        self.sidebar.build(
            [s.name for s in config.sections],
            [(w.name, w.query) for w in config.watches],
            mutes=bool(config.mutes),
        )
        self.articles.focus()
        self.status.show("Opening the library…")
        if self.start_section is not None:
            self.start_on_section(self.start_section)
        else:
            self.load_list()
            self.load_counts()
            if self.scan_on_start:
                self.action_refresh()
        minutes = self.library.config.settings.refresh_minutes
        if minutes > 0:
            self.set_interval(minutes * 60, self.action_refresh, name="background refresh")

    def _theme_changed(self, theme: object) -> None:
        """Watches without a colour of their own take the new theme's; the open article
        is drawn again (its muted colours are worked out for the theme's background)."""
        self.articles.watch_marks = self.watch_marks
        self.articles.refresh()
        self.reader.redraw(self.watch_marks)

    def start_on_section(self, name: str) -> None:
        """Open on this section (see `screens/main/opening.py`)."""

    @work(exclusive=True, group="list", exit_on_error=False)
    async def load_list(self, keep_uid: str | None = None) -> None:
        """Count the entry's articles and show the first page (the rest come on demand)."""
        if self.entry.kind is EntryKind.SEARCH:
            await self._run_search(self.entry.query or "", keep_uid)
            return
        first = self._query()
        try:
            total = await self.client.call(self.library.count, first)
            rows = await self.client.call(self.library.articles, first)
            kept = None
            if keep_uid is not None and all(r.uid != keep_uid for r in rows):
                # Keep the cursor on the same article if it is further down.
                index = await self.client.call(self.library.position, first, keep_uid)
                if index is not None:
                    page = index // PAGE_SIZE
                    kept = (
                        page,
                        await self.client.call(
                            self.library.articles, self._query(page * PAGE_SIZE)
                        ),
                    )
        except NewsreaderError as exc:
            self.articles.reset(0, [], empty_message=exc.message)
            self.status.show(exc.message, error=True)
            return
        # A watch's matches are drawn by its own mark, in its colour (a search's mark
        # would cover it up); other queries' matches are the search highlight.
        query = self.entry.query if self.entry.kind is not EntryKind.WATCH else None
        self.terms = needles_from_query(query) if query else []
        empty = {
            EntryKind.STARRED: "No starred articles: press s on an article to star it.",
            EntryKind.UNREAD: "All read.",
            EntryKind.SAVED: "No saved articles.",
        }.get(self.entry.kind, "No articles here.")
        self.articles.reset(
            total,
            rows,
            terms=self.terms,
            keep_uid=keep_uid,
            empty_message=empty,
            page_of_kept=kept,
        )
        if keep_uid is not None:
            self.articles.move_to(self.articles.cursor, center=True)
        self._update_title(total)

    @on(ArticleList.PagesWanted)
    def on_pages_wanted(self, message: ArticleList.PagesWanted) -> None:
        for page in message.pages:
            self.load_page(page, message.generation)

    @work(group="pages", exit_on_error=False)
    async def load_page(self, page: int, generation: int) -> None:
        rows = await self.client.call(self.library.articles, self._query(page * PAGE_SIZE))
        self.articles.add_page(generation, page, rows)

    @work(exclusive=True, group="counts", exit_on_error=False)
    async def load_counts(self) -> None:
        """Counts for the sidebar and the header."""
        counts = await self.client.call(self.library.counts)
        self.sidebar.set_counts(counts)
        for section in self.sidebar.expanded_sections():  # their sources' counts too
            self.sidebar.set_sources(section, await self.client.call(self.library.sources, section))
        self._counts = counts
        self._update_title(self.articles.total)
        summary = f"{counts.total} articles, {counts.unread} unread. Press ? for help."
        if self._opening or self.status.is_summary:
            self._opening = False
            self.status.show_summary(summary)
        else:
            self.status.summary = summary  # current for when a message gives way to it

    def _update_title(self, shown: int) -> None:
        unread = self._counts.unread if self._counts is not None else None
        self.sub_title = f"{self.entry.title} · {shown} article{'s' if shown != 1 else ''}" + (
            f" · {unread} unread in all" if unread is not None else ""
        )

    @work(group="seen", exit_on_error=False)
    async def mark_watch_seen(self, name: str) -> None:
        await self.client.call(self.library.mark_watch_seen, name)
        self.load_counts()

    @on(Tree.NodeSelected, "#sidebar")
    def on_entry_selected(self, event: Tree.NodeSelected[Entry]) -> None:
        entry = event.node.data
        if entry is None or entry.kind is EntryKind.HEADING:
            return
        if entry.kind is EntryKind.WATCH:
            self.mark_watch_seen(entry.name)
        if entry.kind is not EntryKind.SEARCH:
            self.sidebar.hide_search()
            self._before_search = None
        self.entry = entry
        if entry.kind is EntryKind.SOURCE and entry.error:
            self.status.show(f"{entry.name}: {entry.error}", error=True)
        self.load_list()
        if self.drawer_open():
            self.close_drawer()

    @on(Tree.NodeExpanded, "#sidebar")
    def on_section_expanded(self, event: Tree.NodeExpanded[Entry]) -> None:
        entry = event.node.data
        if entry is not None and entry.kind is EntryKind.SECTION:
            self.load_sources(entry.name)

    @work(group="sources", exit_on_error=False)
    async def load_sources(self, section: str) -> None:
        sources = await self.client.call(self.library.sources, section)
        self.sidebar.set_sources(section, sources)

    @on(Worker.StateChanged)
    def on_worker_failed(self, event: Worker.StateChanged) -> None:
        """A library error in background work (a locked or damaged library, a full disk)
        is a message in the status line, not the end of the app; anything else is a bug
        and is raised."""
        error = event.worker.error
        if event.state is not WorkerState.ERROR or error is None:
            return
        if not isinstance(error, NewsreaderError):
            raise error
        self.status.show(error.message, error=True)

    def _target(self) -> Target | None:
        """The article the keys act on: the open article when the reading pane has
        focus, else the list's cursor row."""
        article: Article | None = self.reader.article
        if article is not None and (self.focused is self.reader or self.has_class("-reading")):
            return Target.of(article)
        row = self.articles.current
        return Target.of(row) if row is not None else None

    def _query(self, offset: int = 0, limit: int = PAGE_SIZE) -> ArticleQuery:
        return self.entry.articles(
            sort=self.sort, offset=offset, limit=limit, show_muted=self.show_muted
        )

    async def _run_search(self, query: str, keep_uid: str | None) -> None:
        try:
            hits = await self.client.call(self.library.search, query, limit=SEARCH_LIMIT)
        except NewsreaderError as exc:
            self.articles.reset(0, [], empty_message=exc.message)
            self.status.show(exc.message, error=True)
            return
        self.terms = needles_from_query(query)
        rows = [hit.row for hit in hits]
        self.articles.set_rows(rows, terms=self.terms, empty_message=f"Nothing matches {query}")
        self.status.show(
            f"{len(rows)} result{'s' if len(rows) != 1 else ''} for {query} (escape to go back)"
        )
        self._update_title(len(rows))

    def action_refresh(self) -> None:
        self.refresh_library()

    @work(exclusive=True, group="scan", exit_on_error=False)
    async def refresh_library(self) -> None:
        """Rescan local files and refresh feeds; the lists follow without moving."""
        self.status.show("Refreshing…")
        self._last_reload = time.monotonic()
        self._scans += 1
        scan = self._scanning = self._scans

        def progress(done: int, total: int, name: str) -> None:
            self.post_message(ScanProgress(done, total, name.rsplit("/", 1)[-1], scan))

        try:
            outcome = await self.client.call_long(self.library.refresh, progress=progress)
        except NewsreaderError as exc:
            self.status.show(exc.message, error=True)
            return
        finally:
            if self._scanning == scan:
                self._scanning = None  # its progress from now on is late: dropped
        self._reload_keeping_cursor()
        if outcome.watch_news:
            # One notification for the refresh, naming each watch and its newest headline.
            self.app.notify(
                "\n".join(news.message() for news in outcome.watch_news),
                title="New in your watches",
                markup=False,
            )
        failed = outcome.failures
        message = f"Refreshed: {outcome.summary()}"
        if failed:
            message += f" — {failed[0][0]}: {failed[0][1]}"
        self.status.show(message, error=bool(failed))

    def _reload_keeping_cursor(self) -> None:
        current = self.articles.current
        self.load_list(keep_uid=current.uid if current else None)
        self.load_counts()
        self._last_reload = time.monotonic()

    @on(ScanProgress)
    def on_scan_progress(self, message: ScanProgress) -> None:
        if message.scan != self._scanning:
            return  # from a refresh that has ended: its summary stays
        self.show_progress(message)

    def show_progress(self, message: ScanProgress) -> None:
        self.status.show(f"Refreshing {message.done}/{message.total}: {message.name}", log=False)
        # New articles show up while the refresh goes on, at most once a second.
        if time.monotonic() - self._last_reload > RELOAD_EVERY:
            self._reload_keeping_cursor()

    @property
    def entry(self) -> Entry:
        """What the list shows (a section, a watch, a search...)."""
        return self._entry

    @entry.setter
    def entry(self, entry: Entry) -> None:
        on_watch = entry.kind is EntryKind.WATCH
        changed = on_watch != (self._entry.kind is EntryKind.WATCH)
        self._entry = entry
        if self.is_mounted and changed:
            # The footer shows `x` only on a watch; redrawing it costs ~50 ms, so only
            # when that changes, not on every switch between sections.
            self.refresh_bindings()
