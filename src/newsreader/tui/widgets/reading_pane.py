"""The reading pane: the open article, drawn from its structure by newsreader.render.

Long articles are mounted in pieces: the opening paints at once and the rest follows
after the first refresh, so a 1 MB article appears without waiting for its end to be
laid out. Clicking a link opens it (http, https and mailto only).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.containers import VerticalScroll
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from newsreader.highlight import Term
from newsreader.models import Article
from newsreader.render import Palette, article_parts
from newsreader.sanitize import safe_url

FIRST_PIECE = 40
"""Blocks painted at once; the rest is mounted right after the first paint."""
PIECE = 400


class ArticleBody(Static):
    """One piece of an article's body."""


class ReadingPane(VerticalScroll, can_focus=True):
    """The right-hand pane."""

    @dataclass
    class LinkClicked(Message):
        """A link in the article was clicked."""

        url: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self._generation = 0

    def on_mount(self) -> None:
        self.show_placeholder()

    def show_placeholder(self, message: str = "Choose an article and press enter.") -> None:
        self.article = None
        self._generation += 1
        self.remove_children()
        self.mount(Static(Text(message, style="dim"), classes="placeholder"))

    def palette(self) -> Palette:
        theme = self.app.current_theme
        return Palette(
            highlight=Style(bold=True, reverse=True),
            meta=Style(dim=True),
            link=Style(underline=True, color=theme.accent or theme.primary),
            code=Style(bgcolor=theme.panel or theme.surface),
        )

    def show_article(self, article: Article, terms: list[Term] | None = None) -> None:
        """Replace the pane's content with `article` (matches of `terms` highlighted)."""
        self.article = article
        self._generation += 1
        generation = self._generation
        parts = article_parts(article, terms=terms, palette=self.palette())
        self.remove_children()
        self.scroll_home(animate=False)
        first, rest = parts[:FIRST_PIECE], parts[FIRST_PIECE:]
        from rich.console import Group

        self.mount(ArticleBody(Group(*first)))
        if rest:

            def more() -> None:
                if generation != self._generation:
                    return  # another article was opened meanwhile
                for start in range(0, len(rest), PIECE):
                    self.mount(ArticleBody(Group(*rest[start : start + PIECE])))

            self.call_after_refresh(more)

    def on_click(self, event: Click) -> None:
        link = event.style.link if event.style else None
        url = safe_url(link) if link else None
        if url:
            event.stop()
            self.post_message(self.LinkClicked(url))
