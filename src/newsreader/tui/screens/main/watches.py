"""Watches: creating and removing them, and explaining why an article matches."""

from __future__ import annotations

from textual import on, work

from newsreader.errors import NewsreaderError
from newsreader.query.language import query_for_text
from newsreader.tui.entries import ALL, EntryKind
from newsreader.tui.screens.dialogs import ConfirmDialog, ExplainDialog, WatchDialog
from newsreader.tui.screens.main.base import MainBase
from newsreader.tui.widgets import ReadingPane


class WatchActions(MainBase):
    """The keys for following topics."""

    def action_explain(self) -> None:
        target = self._target()
        if target is not None:
            self.show_explanation(target.uid)

    @work(exclusive=True, group="explain", exit_on_error=False)
    async def show_explanation(self, uid: str) -> None:
        try:
            lines = await self.client.call(self.library.explain, uid)
        except NewsreaderError as exc:
            self.status.show(exc.message, error=True)
            return
        row = self.articles.current
        title = self.reader.article.title if self.reader.article else (row.title if row else "")
        self.app.push_screen(ExplainDialog(title, lines))

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

    def action_remove_watch(self) -> None:
        if self.entry.kind is not EntryKind.WATCH:
            return
        name = self.entry.name

        def done(yes: bool | None) -> None:
            if yes:
                self.remove_watch(name)

        self.app.push_screen(
            ConfirmDialog(f"Remove the watch {name}? Its articles stay in the library."), done
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
        self.entry = ALL
        self._watches_changed()
        self.load_list()
        self.status.show(f"Removed the watch {name} (from {self.library.config.path})")
