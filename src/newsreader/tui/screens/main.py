"""The main screen: sidebar, article list and reading pane, and the router between them.

Widgets post messages up; this screen asks the library (always off the event loop, via
LibraryClient) and pushes results down into the widgets. Every state change (opening
marks read, m, s) is written to the store at once, so a crash loses nothing.
"""

from __future__ import annotations

import asyncio
import time
import webbrowser
from collections.abc import Callable
from datetime import datetime

from rich.color import Color, ColorParseError
from rich.style import Style
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Header, Tree
from textual.worker import Worker, WorkerState

from newsreader.core import Library, LibraryCounts
from newsreader.errors import NewsreaderError
from newsreader.models import Article, ArticleRow
from newsreader.present.article import HighlightGroup
from newsreader.query import ArticleQuery, Sort
from newsreader.query.language import query_for_text
from newsreader.query.spans import Needle, needles_from_query
from newsreader.tui.client import LibraryClient
from newsreader.tui.messages import ScanProgress
from newsreader.tui.screens.dialogs import ConfirmScreen, ExplainScreen, WatchDialog
from newsreader.tui.screens.search import SearchDialog
from newsreader.tui.widgets import ArticleList, Entry, EntryKind, ReadingPane, Sidebar, StatusBar
from newsreader.tui.widgets.article_list import PAGE_SIZE

NARROW = 100
"""Below this many columns the sidebar folds away (ctrl+b shows it)."""
TINY = 60
"""Below this many columns the open article takes the whole screen."""
SEARCH_LIMIT = 500
RELOAD_EVERY = 1.0
"""Seconds between list reloads while a refresh brings in articles."""

_SORTS = [Sort.NEWEST, Sort.OLDEST, Sort.TITLE]


def _color(value: str | None) -> Color | None:
    """A Rich colour from a config or theme value (CSS names like "orange" too)."""
    if not value:
        return None
    from textual.color import Color as CssColor
    from textual.color import ColorParseError as CssColorParseError

    try:
        return Color.parse(CssColor.parse(value).hex)
    except (CssColorParseError, ColorParseError):
        return None


class MainScreen(Screen[None]):
    """The three panes."""

    BINDINGS = [
        Binding("n", "next_unread", "Next unread"),
        Binding("p", "previous_unread", "Prev unread", show=False),
        Binding("m", "toggle_read", "Read"),
        Binding("s", "toggle_star", "Star"),
        Binding("o", "open_browser", "Browser"),
        Binding("f", "full_text", "Full text"),
        Binding("c", "copy_link", "Copy link", show=False),
        Binding("slash", "search", "Search"),
        Binding("w", "new_watch", "Watch", show=False),
        Binding("e", "explain", "Explain", show=False),
        Binding("x", "remove_watch", "Remove watch"),
        Binding("r", "refresh", "Refresh"),
        Binding("space", "page_down", "Page", show=False),
        Binding("b", "page_up", "Page up", show=False),
        Binding("S", "cycle_sort", "Sort", show=False),
        Binding("M", "toggle_muted", "Show muted", show=False),
        Binding("right_square_bracket", "next_match", "Next match", show=False),
        Binding("left_square_bracket", "previous_match", "Previous match", show=False),
        Binding("ctrl+b", "toggle_sidebar", "Sidebar", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self,
        client: LibraryClient,
        *,
        clock: Callable[[], datetime] | None = None,
        scan_on_start: bool = True,
    ) -> None:
        super().__init__()
        self.client = client
        self.clock = clock
        self.scan_on_start = scan_on_start
        self._entry = Entry(EntryKind.ALL, "All")
        self.sort = Sort.NEWEST
        self.terms: list[Needle] = []
        self._before_search: tuple[Entry, str | None] | None = None
        self._counts: LibraryCounts | None = None
        self._opening = True
        self._last_reload = 0.0
        self.show_muted = False
        self.picked: tuple[str, str] | None = None
        """(article uid, word) last clicked in the reading pane, for `w`."""

    @property
    def library(self) -> Library:
        return self.client.library

    # --- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield Sidebar(id="sidebar")
            yield ArticleList(id="articles", clock=self.clock)
            yield ReadingPane(id="reader")
        yield StatusBar(id="status")
        yield Footer()

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReadingPane:
        return self.query_one(ReadingPane)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    @property
    def watch_marks(self) -> list[HighlightGroup]:
        """Each watch's terms in its colour (given, or one of the theme's)."""
        theme = self.app.current_theme
        defaults = [
            c
            for c in (
                theme.warning,
                theme.success,
                theme.secondary,
                theme.primary,
                theme.error,
                theme.accent,
            )
            if c
        ]
        marks: list[HighlightGroup] = []
        for i, watch in enumerate(self.library.config.watches):
            color = _color(watch.color) or _color(defaults[i % len(defaults)] if defaults else None)
            if color is None:
                continue
            r, g, b = color.get_truecolor()
            ink = "black" if (0.299 * r + 0.587 * g + 0.114 * b) > 140 else "white"
            marks.append((needles_from_query(watch.query), Style(bgcolor=color, color=ink)))
        return marks

    def on_mount(self) -> None:
        self.articles.watch_marks = self.watch_marks
        config = self.library.config
        self.sidebar.build(
            [s.name for s in config.sections],
            [(w.name, w.query) for w in config.watches],
            mutes=bool(config.mutes),
        )
        self.articles.focus()
        self.status.show("Opening the library…")
        self.load_list()
        self.load_counts()
        if self.scan_on_start:
            self.action_refresh()
        minutes = self.library.config.settings.refresh_minutes
        if minutes > 0:
            self.set_interval(minutes * 60, self.action_refresh, name="background refresh")

    def on_resize(self, event: Resize) -> None:
        width = event.size.width
        self.set_class(width < NARROW, "-narrow")
        self.set_class(width < TINY, "-tiny")

    # --- loading -------------------------------------------------------------------

    def _query(self, offset: int = 0, limit: int = PAGE_SIZE) -> ArticleQuery:
        entry = self.entry
        base = {"sort": self.sort, "offset": offset, "limit": limit, "show_muted": self.show_muted}
        if entry.kind is EntryKind.MUTED:
            return ArticleQuery(sort=self.sort, offset=offset, limit=limit, only_muted=True)
        if entry.kind is EntryKind.UNREAD:
            return ArticleQuery(unread=True, **base)  # type: ignore[arg-type]
        if entry.kind is EntryKind.STARRED:
            return ArticleQuery(starred=True, **base)  # type: ignore[arg-type]
        if entry.kind is EntryKind.SAVED:
            return ArticleQuery(saved=True, **base)  # type: ignore[arg-type]
        if entry.kind is EntryKind.SECTION:
            return ArticleQuery(sections=(entry.name,), **base)  # type: ignore[arg-type]
        if entry.kind is EntryKind.SOURCE:
            return ArticleQuery(
                sections=(entry.section or "",),
                source_id=entry.source_id,
                **base,  # type: ignore[arg-type]
            )
        if entry.kind is EntryKind.WATCH:
            return ArticleQuery(text=entry.query, **base)  # type: ignore[arg-type]
        return ArticleQuery(**base)  # type: ignore[arg-type]

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
        self.terms = needles_from_query(self.entry.query) if self.entry.query else []
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
        self._counts = counts
        self._update_title(self.articles.total)
        if self._opening or self.status.is_summary:
            self._opening = False
            self.status.show_summary(
                f"{counts.total} articles, {counts.unread} unread. Press ? for help."
            )

    def _update_title(self, shown: int) -> None:
        unread = self._counts.unread if self._counts is not None else None
        self.sub_title = f"{self.entry.name} · {shown} article{'s' if shown != 1 else ''}" + (
            f" · {unread} unread in all" if unread is not None else ""
        )

    # --- sidebar -------------------------------------------------------------------

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
        if self.has_class("-narrow"):
            self.remove_class("-show-sidebar")
            self.articles.focus()

    @on(Tree.NodeExpanded, "#sidebar")
    def on_section_expanded(self, event: Tree.NodeExpanded[Entry]) -> None:
        entry = event.node.data
        if entry is not None and entry.kind is EntryKind.SECTION:
            self.load_sources(entry.name)

    @work(group="sources", exit_on_error=False)
    async def load_sources(self, section: str) -> None:
        sources = await self.client.call(self.library.sources, section)
        self.sidebar.set_sources(section, sources)

    # --- reading -------------------------------------------------------------------

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

    @on(ArticleList.Opened)
    def on_article_opened(self, message: ArticleList.Opened) -> None:
        self.open_row(message.row)

    def open_row(self, row: ArticleRow) -> None:
        if self.has_class("-tiny"):
            self.add_class("-reading")
            self.reader.focus()
        self.open_article(row.uid)

    @work(exclusive=True, group="open", exit_on_error=False)
    async def open_article(self, uid: str) -> None:
        article = await self.client.call(self.library.article, uid)
        if article is None:
            self.status.show("That article is no longer in the library.", error=True)
            return
        self.reader.show_article(article, self.terms, self.watch_marks)
        if not article.read:
            await self.client.call(self.library.mark, [uid], read=True)
            self.articles.update_row(uid, read=True)
            self.reader.article = article.with_changes(read=True)
            self.load_counts()

    def _target(self) -> tuple[str, bool, bool, str | None] | None:
        """(uid, read, starred, url) of the article the keys act on.

        The open article when the reading pane has focus, else the list's cursor row.
        """
        article: Article | None = self.reader.article
        if article is not None and (self.focused is self.reader or self.has_class("-reading")):
            return article.id, article.read, article.starred, article.url
        row = self.articles.current
        if row is not None:
            return row.uid, row.read, row.starred, row.url
        return None

    def action_toggle_read(self) -> None:
        target = self._target()
        if target is not None:
            self.set_state(target[0], read=not target[1])

    def action_toggle_star(self) -> None:
        target = self._target()
        if target is not None:
            self.set_state(target[0], starred=not target[2])

    @work(group="state", exit_on_error=False)
    async def set_state(self, uid: str, **changes: bool) -> None:
        await self.client.call(self.library.mark, [uid], **changes)
        self.articles.update_row(uid, **changes)
        if self.reader.article is not None and self.reader.article.id == uid:
            self.reader.article = self.reader.article.with_changes(**changes)
        word = {
            ("read", True): "Marked read",
            ("read", False): "Marked unread",
            ("starred", True): "Starred",
            ("starred", False): "Unstarred",
        }
        for key, value in changes.items():
            self.status.show(word.get((key, value), "Saved"))
        self.load_counts()

    def action_next_unread(self) -> None:
        self.find_unread(1)

    def action_previous_unread(self) -> None:
        self.find_unread(-1)

    @work(exclusive=True, group="find", exit_on_error=False)
    async def find_unread(self, step: int) -> None:
        """Move to the next (or previous) unread article and open it."""
        articles = self.articles
        index = articles.cursor + step
        while 0 <= index < articles.total:
            row = articles.row(index)
            if row is None:
                page = index // PAGE_SIZE
                rows = await self.client.call(self.library.articles, self._query(page * PAGE_SIZE))
                articles.add_page(articles.generation, page, rows)
                row = articles.row(index)
                if row is None:
                    break
            if not row.read:
                articles.move_to(index)
                self.open_row(row)
                return
            index += step
        self.status.show("No more unread articles here.")

    def action_full_text(self) -> None:
        target = self._target()
        if target is not None:
            self.toggle_full_text(target[0])

    @work(exclusive=True, group="full", exit_on_error=False)
    async def toggle_full_text(self, uid: str) -> None:
        """Show the kept full text, fetching it first if need be; again: the feed's version."""
        shown = self.reader.article
        if shown is not None and shown.id == uid and shown.full_text:
            article = await self.client.call(self.library.article, uid, full=False)
            if article is not None:
                self.reader.show_article(article, self.terms, self.watch_marks)
                self.status.show("Showing the feed's version (f: full text)")
            return
        article = await self.client.call(self.library.article, uid)
        if article is not None and not article.full_text:
            self.status.show("Fetching the full text…")
            [(_, error)] = await self.client.call_long(self.library.fetch_full, [uid])
            if error:
                self.status.show(f"No full text: {error}. The summary is kept.", error=True)
                return
            article = await self.client.call(self.library.article, uid)
        if article is None:
            return
        if self.has_class("-tiny"):
            self.add_class("-reading")
        self.reader.show_article(article, self.terms, self.watch_marks)
        self.articles.update_row(uid, saved=True)
        self.status.show("Showing the full text, kept for offline reading (f: feed's version)")
        self.load_counts()

    def action_page_down(self) -> None:
        self.reader.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.reader.scroll_page_up(animate=False)

    def action_open_browser(self) -> None:
        target = self._target()
        url = target[3] if target else None
        if not url or not url.startswith(("http://", "https://")):
            self.status.show("This article has no web address to open.", error=True)
            return
        self.open_url_in_browser(url)

    @on(ReadingPane.LinkClicked)
    def on_link_clicked(self, message: ReadingPane.LinkClicked) -> None:
        self.open_url_in_browser(message.url)

    @work(group="browser", exit_on_error=False)
    async def open_url_in_browser(self, url: str) -> None:
        # webbrowser runs the browser directly (no shell), and may block: a thread.
        opened = await asyncio.to_thread(webbrowser.open, url)
        self.status.show(
            f"Opened {url}" if opened else f"No browser could open {url}", error=not opened
        )

    def action_copy_link(self) -> None:
        target = self._target()
        url = target[3] if target else None
        if not url:
            self.status.show("This article has no link to copy.", error=True)
            return
        self.app.copy_to_clipboard(url)
        self.status.show(f"Copied {url}")

    # --- search, sort, refresh -------------------------------------------------------

    def action_explain(self) -> None:
        target = self._target()
        if target is not None:
            self.show_explanation(target[0])

    @work(exclusive=True, group="explain", exit_on_error=False)
    async def show_explanation(self, uid: str) -> None:
        try:
            lines = await self.client.call(self.library.explain, uid)
        except NewsreaderError as exc:
            self.status.show(exc.message, error=True)
            return
        row = self.articles.current
        title = self.reader.article.title if self.reader.article else (row.title if row else "")
        self.app.push_screen(ExplainScreen(title, lines))

    @on(ReadingPane.WordPicked)
    def on_word_picked(self, message: ReadingPane.WordPicked) -> None:
        if self.reader.article is None:
            return
        self.picked = (self.reader.article.id, message.word)
        self.status.show(f"Picked “{message.word}”: press w to watch it.")

    def action_new_watch(self) -> None:
        name = ""
        initial = self.entry.query if self.entry.kind is EntryKind.SEARCH else ""
        article = self.reader.article
        if self.picked and article is not None and self.picked[0] == article.id:
            name = self.picked[1]
            initial = query_for_text(name)

        def done(result: tuple[str, str] | None) -> None:
            if result:
                self.create_watch(*result)

        self.app.push_screen(WatchDialog(initial or "", name=name), done)

    @work(group="watch", exit_on_error=False)
    async def create_watch(self, name: str, query: str) -> None:
        try:
            added = await self.client.call(self.library.add_watch, name, query)
        except NewsreaderError as exc:
            self.status.show(exc.message, error=True)
            return
        if not added:
            self.status.show(f"A watch named {name} exists already.", error=True)
            return
        self._watches_changed()
        self.status.show(f"Watching {name}: {query} (saved in {self.library.config.path})")

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

    def _watches_changed(self) -> None:
        """The config's watches changed: sidebar, list colours and counts follow."""
        config = self.library.config
        self.sidebar.build(
            [s.name for s in config.sections],
            [(w.name, w.query) for w in config.watches],
            mutes=bool(config.mutes),
        )
        self.sidebar.select_key(self.entry.key)
        self.articles.watch_marks = self.watch_marks
        self.articles.refresh()
        self.load_counts()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove_watch":
            return self.entry.kind is EntryKind.WATCH  # in the footer only on a watch
        return True

    def action_remove_watch(self) -> None:
        if self.entry.kind is not EntryKind.WATCH:
            return
        name = self.entry.name

        def done(yes: bool | None) -> None:
            if yes:
                self.remove_watch(name)

        self.app.push_screen(
            ConfirmScreen(f"Remove the watch {name}? Its articles stay in the library."), done
        )

    @work(group="watch", exit_on_error=False)
    async def remove_watch(self, name: str) -> None:
        try:
            removed = await self.client.call(self.library.remove_watch, name)
        except NewsreaderError as exc:
            self.status.show(exc.message, error=True)
            return
        if not removed:
            self.status.show(f"No watch named {name}.", error=True)
            return
        self.entry = Entry(EntryKind.ALL, "All")
        self._watches_changed()
        self.load_list()
        self.status.show(f"Removed the watch {name} (from {self.library.config.path})")

    def action_search(self) -> None:
        initial = self.entry.query if self.entry.kind is EntryKind.SEARCH else ""

        def done(query: str | None) -> None:
            if query:
                self.start_search(query)

        self.app.push_screen(SearchDialog(initial or ""), done)

    def start_search(self, query: str) -> None:
        if self._before_search is None:
            current = self.articles.current
            self._before_search = (self.entry, current.uid if current else None)
        self.entry = Entry(EntryKind.SEARCH, query, query=query)
        self.sidebar.show_search(query)
        self.load_list()
        self.articles.focus()

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

    def action_back(self) -> None:
        if self.has_class("-reading"):
            self.remove_class("-reading")
            self.articles.focus()
        elif self.entry.kind is EntryKind.SEARCH and self._before_search is not None:
            entry, uid = self._before_search
            self._before_search = None
            self.sidebar.hide_search()
            self.entry = entry
            self.terms = []
            self.sidebar.select_key(entry.key)
            self.load_list(keep_uid=uid)
            self.status.show("")
        elif self.has_class("-show-sidebar"):
            self.remove_class("-show-sidebar")
            self.articles.focus()

    def action_cycle_sort(self) -> None:
        self.sort = _SORTS[(_SORTS.index(self.sort) + 1) % len(_SORTS)]
        self.status.show(f"Sorted by {self.sort.value}")
        current = self.articles.current
        self.load_list(keep_uid=current.uid if current else None)

    def action_next_match(self) -> None:
        if not self.reader.next_match(1):
            self.status.show("No more matches below.")

    def action_previous_match(self) -> None:
        if not self.reader.next_match(-1):
            self.status.show("No more matches above.")

    def action_toggle_muted(self) -> None:
        self.show_muted = not self.show_muted
        self.status.show(
            "Showing muted articles, dimmed (M hides them)"
            if self.show_muted
            else "Muted articles hidden (M shows them)"
        )
        current = self.articles.current
        self.load_list(keep_uid=current.uid if current else None)

    def action_toggle_sidebar(self) -> None:
        showing = not self.has_class("-show-sidebar")
        self.set_class(showing, "-show-sidebar")
        if showing:
            self.sidebar.focus()
        else:
            self.articles.focus()

    def action_refresh(self) -> None:
        self.refresh_library()

    @work(exclusive=True, group="scan", exit_on_error=False)
    async def refresh_library(self) -> None:
        """Rescan local files and refresh feeds; the lists follow without moving."""
        self.status.show("Refreshing…")
        self._last_reload = time.monotonic()

        def progress(done: int, total: int, name: str) -> None:
            self.post_message(ScanProgress(done, total, name.rsplit("/", 1)[-1]))

        try:
            outcome = await self.client.call_long(self.library.refresh, progress=progress)
        except NewsreaderError as exc:
            self.status.show(exc.message, error=True)
            return
        self._reload_keeping_cursor()
        if outcome.watch_news:
            # One notification for the refresh, naming each watch and its newest headline.
            self.app.notify(
                "\n".join(news.message() for news in outcome.watch_news),
                title="New in your watches",
                markup=False,
                timeout=10,
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
        self.status.show(f"Refreshing {message.done}/{message.total}: {message.name}")
        # New articles show up while the refresh goes on, at most once a second.
        if time.monotonic() - self._last_reload > RELOAD_EVERY:
            self._reload_keeping_cursor()
