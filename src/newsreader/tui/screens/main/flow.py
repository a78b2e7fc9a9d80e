"""The reading flow's list-wide keys: mark a whole list read (A) and undo it (u), and
the open article's numbered links (1-9, L)."""

from __future__ import annotations

from dataclasses import replace

from textual import work

from newsreader.query import ArticleQuery
from newsreader.tui.entries import EntryKind
from newsreader.tui.screens.dialogs import LinksDialog
from newsreader.tui.screens.main.reading import ReadingActions


class FlowActions(ReadingActions):
    """Keys that act on a whole list, and on the open article's links."""

    last_marked: list[str] | None = None
    """The ids the last `A` marked read, for `u` to mark unread again."""

    def action_mark_all_read(self) -> None:
        if self.entry.kind is EntryKind.SEARCH:
            # The list is the search's hits, all loaded: those, not every match.
            uids = tuple(row.uid for _, row in self.articles.loaded_rows())
            query = ArticleQuery(uids=uids, show_muted=self.show_muted)
        else:
            query = replace(self._query(), limit=None)
        self.mark_list_read(query)

    @work(exclusive=True, group="mark-all", exit_on_error=False)
    async def mark_list_read(self, query: ArticleQuery) -> None:
        changed = await self.client.call(self.library.mark_all_read, query)
        if not changed:
            self.status.show("Nothing unread here.")
            return
        self.last_marked = changed
        self._marked_many(changed, read=True)
        self.status.show(f"Marked {len(changed)} read (u undoes)")

    def action_undo(self) -> None:
        uids, self.last_marked = self.last_marked, None
        if not uids:
            self.status.show("Nothing to undo.")
            return
        self.mark_unread_again(uids)

    @work(exclusive=True, group="mark-all", exit_on_error=False)
    async def mark_unread_again(self, uids: list[str]) -> None:
        await self.client.call(self.library.mark, uids, read=False)
        self._marked_many(uids, read=False)
        self.status.show(f"Marked {len(uids)} unread again")

    def _marked_many(self, uids: list[str], *, read: bool) -> None:
        """The list, the open article and the counts follow a mark of many articles."""
        article = self.reader.article
        if article is not None and article.id in set(uids):
            self.reader.article = article.with_changes(read=read)
        if self.entry.kind is EntryKind.SEARCH:
            # Its rows are all loaded (a few hundred at most): changed in place, as the
            # search is not run again (its results and their order stay).
            for uid in uids:
                self.articles.update_row(uid, read=read)
            self.load_counts()
        else:
            self._reload_keeping_cursor()

    def action_open_link(self, number: int) -> None:
        links = self.reader.links
        article = self.reader.article
        if article is None:
            self.status.show("Open an article first: its links are numbered [1], [2]…", about="")
        elif not links:
            self.status.show("This article has no links.", about=article.id)
        elif not 1 <= number <= len(links):
            count = f"{len(links)} link{'s' if len(links) != 1 else ''}"
            self.status.show(
                f"No link [{number}]: this article has {count}.", error=True, about=article.id
            )
        else:
            self.open_url_in_browser(links[number - 1])

    def action_links(self) -> None:
        article = self.reader.article
        if article is None:
            self.status.show("Open an article first to see its links.", about="")
            return
        if not self.reader.links:
            self.status.show("This article has no links.", about=article.id)
            return

        def done(url: str | None) -> None:
            if url:
                self.open_url_in_browser(url)

        self.app.push_screen(LinksDialog(article.title, self.reader.links), done)
