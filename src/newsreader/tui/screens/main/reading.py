"""Reading: opening articles, marking them, full text, links and matches."""

from __future__ import annotations

import asyncio

from textual import on, work

from newsreader.models import ArticleRow
from newsreader.sanitize import link_target
from newsreader.tui.browser import open_url
from newsreader.tui.screens.main.base import MainBase
from newsreader.tui.widgets import ArticleList, ReadingPane
from newsreader.tui.widgets.article_list import PAGE_SIZE

NO_MORE_UNREAD = "No more unread articles here."


class ReadingActions(MainBase):
    """The keys that act on one article."""

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
        self.status.article_opened(uid)
        if not article.read:
            await self.client.call(self.library.mark, [uid], read=True)
            self.articles.update_row(uid, read=True)
            self.reader.article = article.with_changes(read=True)
            self.load_counts()

    def action_toggle_read(self) -> None:
        target = self._target()
        if target is not None:
            self.set_state(target.uid, read=not target.read)

    def action_toggle_star(self) -> None:
        target = self._target()
        if target is not None:
            self.set_state(target.uid, starred=not target.starred)

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
        """Open the next (or previous) unread article. An unread one under the cursor
        that is not open yet comes first: the reader moved there to read it (and in a
        list of one, such as Starred, it is the only one)."""
        articles = self.articles
        index = articles.cursor + step
        here = articles.current
        shown = self.reader.article
        if here is not None and not here.read and (shown is None or shown.id != here.uid):
            index = articles.cursor
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
        self.status.show(NO_MORE_UNREAD, about=shown.id if shown else "")

    def action_full_text(self) -> None:
        target = self._target()
        if target is not None:
            self.toggle_full_text(target.uid)

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
        """A page down; at the article's end, on to the next unread (as newsboat does)."""
        if self.reader.at_end:
            self.find_unread(1)
        else:
            self.reader.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.reader.scroll_page_up(animate=False)

    def action_open_browser(self) -> None:
        target = self._target()
        url = target.url if target else None
        if not url or not url.startswith(("http://", "https://")):
            self.status.show("This article has no web address to open.", error=True)
            return
        self.open_url_in_browser(url)

    @on(ReadingPane.LinkClicked)
    def on_link_clicked(self, message: ReadingPane.LinkClicked) -> None:
        self.open_url_in_browser(message.url)

    @work(group="browser", exit_on_error=False)
    async def open_url_in_browser(self, url: str) -> None:
        # The config's browser command or the system's; never a shell. It may block
        # a moment: a thread.
        command = self.library.config.settings.browser
        problem = await asyncio.to_thread(open_url, url, command)
        self.status.show(problem or f"Opened {link_target(url) or url}", error=problem is not None)

    def action_copy_link(self) -> None:
        target = self._target()
        url = target.url if target else None
        if not url:
            self.status.show("This article has no link to copy.", error=True)
            return
        url = link_target(url) or url  # as shown: a look-alike host in its xn-- form
        self.app.copy_to_clipboard(url)
        self.status.show(f"Copied {url}")

    def action_next_match(self) -> None:
        if not self.reader.next_match(1):
            self.status.show("No more matches below.")

    def action_previous_match(self) -> None:
        if not self.reader.next_match(-1):
            self.status.show("No more matches above.")
