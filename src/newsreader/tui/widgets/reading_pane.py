"""The reading pane: the open article, drawn from its structure by newsreader.render.

Long articles are mounted in pieces: the opening paints at once and the rest follows
after the first refresh, so a 1 MB article appears without waiting for its end to be
laid out. Clicking a link opens it (http, https and mailto only).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.console import Group, NewLine
from rich.style import Style
from rich.text import Text
from textual.containers import VerticalScroll
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from newsreader.highlight import Term
from newsreader.models import Article
from newsreader.render import ArticleRenderer, HighlightGroup, Palette, spaced
from newsreader.sanitize import safe_url

FIRST_PIECE = 40
"""Blocks painted at once; the rest is mounted in pieces after the first paint."""
PIECE = 100


class ArticleBody(Static):
    """One piece of an article's body."""


class ReadingPane(VerticalScroll, can_focus=True):
    """The right-hand pane."""

    @dataclass
    class Painted(Message):
        """The opening of the article is on screen (the rest may still be coming)."""

        at: float
        """time.perf_counter() when the first paint was done."""

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

    def show_article(
        self,
        article: Article,
        terms: list[Term] | None = None,
        watches: list[HighlightGroup] | None = None,
    ) -> None:
        """Replace the pane's content with `article` (matches of `terms` highlighted).

        The head and first blocks are mounted at once; the rest follows in pieces, one
        per refresh, so the opening paints at once and the pane stays responsive while
        a long article is laid out.
        """
        self.article = article
        self._generation += 1
        generation = self._generation
        renderer = ArticleRenderer(article, terms=terms, palette=self.palette(), watches=watches)
        body = article.body
        self.remove_children()
        self.scroll_home(animate=False)
        first = spaced([*renderer.head(), *renderer.blocks(body[:FIRST_PIECE])])
        if len(body) <= FIRST_PIECE and (tail := spaced(renderer.tail())):
            first += [NewLine(), *tail]
        self.mount(ArticleBody(Group(*first)))
        self.call_after_refresh(self._painted, generation)

        def more(start: int) -> None:
            if generation != self._generation:
                return  # another article was opened meanwhile
            chunk = body[start : start + PIECE]
            if chunk:
                self.mount(ArticleBody(Group(*spaced(renderer.blocks(chunk)))))
                self.call_after_refresh(more, start + PIECE)
            elif tail := spaced(renderer.tail()):
                self.mount(ArticleBody(Group(*tail)))

        if len(body) > FIRST_PIECE:
            self.call_after_refresh(more, FIRST_PIECE)

    def _painted(self, generation: int) -> None:
        if generation == self._generation:
            self.post_message(self.Painted(time.perf_counter()))

    def on_click(self, event: Click) -> None:
        link = event.style.link if event.style else None
        url = safe_url(link) if link else None
        if url:
            event.stop()
            self.post_message(self.LinkClicked(url))
