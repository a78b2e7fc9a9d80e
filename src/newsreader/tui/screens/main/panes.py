"""The main screen's panes and how they share the terminal: sidebar, list and reading
pane side by side, stacked, or one at a time, by the terminal's width and whether an
article is open; the sidebar as a drawer where it has no room.

Apart from loading (`base.py`) because where things go does not depend on what they
show: nothing here asks the library.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click, Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header

from newsreader.models import Article
from newsreader.present.article import HighlightGroup
from newsreader.query.spans import Needle
from newsreader.tui.widgets import ArticleList, ReadingPane, Sidebar, StatusBar
from newsreader.tui.widgets.article_list import width_for_headline

NARROW = 100
"""Below this many columns the list sits above the article and the sidebar is a drawer
(ctrl+b opens it over the panes)."""
TINY = 60
"""Below this many columns the open article takes the whole screen."""
WIDE = 140
"""From this many columns the sidebar stays beside an open article; below, it becomes a
drawer once an article opens, so the headlines keep their room."""
SIDEBAR_WIDTH = 26
"""As in app.tcss (#sidebar)."""
HEADLINE = 40
"""Characters of a long headline a row shows beside an open article, by default."""
LIST_SHARE = 0.5
"""The list's default share of the room it splits with the open article."""
MIN_PANE = 30
"""Neither the list nor the article gets fewer columns than this from `<` and `>`."""


class Reader(ReadingPane):
    """The reading pane, which tells the screen when it shows an article: until then the
    list has the room, and the pane appears (before the article is laid out) with it."""

    ALLOW_MAXIMIZE = True
    """`z` zooms it (Textual's scrolling containers refuse by default)."""

    def show_article(
        self,
        article: Article,
        terms: list[Needle] | None = None,
        watches: list[HighlightGroup] | None = None,
    ) -> None:
        screen = self.screen
        if isinstance(screen, Panes):
            screen.article_shown()
        super().show_article(article, terms, watches)


class KeysFooter(Footer):
    """The footer, with `? Help` pinned at its right end, and as many whole keys before
    it as the width holds: a key is never cut mid-word, and the one that lists them all
    stays. The keys come in the binding table's order, so the last are the first to go."""

    DEFAULT_CSS = """
    KeysFooter.-compact .-help {
        dock: right;
        padding-right: 1;
        margin: 0;
        border-left: vkey $foreground 20%;
    }
    """

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # FooterKey is not public: it is the child that carries an action.
            if getattr(widget, "action", None) == "help":
                widget.add_class("-help")
            yield widget
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        keys = [c for c in self.children if not c.has_class("-help")]
        pinned = [c for c in self.children if c.has_class("-help")]
        room = self.size.width - sum(_cells(c) + 2 for c in pinned)  # its border, padding
        used = 0
        for child in keys:
            used += _cells(child) + 1  # its right margin
            if child.display != (used <= room):  # setting it lays the screen out again
                child.display = used <= room


def _cells(widget: Widget) -> int:
    """How wide a footer key draws (what it renders: its key and its description)."""
    rendered = widget.render()
    return cell_len(rendered.plain) if isinstance(rendered, Text) else widget.outer_size.width


class Panes(Screen[None]):
    """The panes, where they go, and the drawer."""

    ALLOW_IN_MAXIMIZED_VIEW = "Header, StatusBar, Footer"
    """A zoomed pane (z) keeps the title, the status line and the keys around it."""

    clock: Callable[[], datetime] | None = None
    """The list's clock for ages (tests fix it)."""
    list_share: float | None = None
    """The list's share of the room beside an open article, once `<` or `>` set it."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield Sidebar(id="sidebar")
            yield ArticleList(id="articles", clock=self.clock)
            yield Reader(id="reader")
        yield StatusBar(id="status")
        yield KeysFooter(compact=True, show_command_palette=False)

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

    def on_resize(self, event: Resize) -> None:
        self._layout()

    # --- layout --------------------------------------------------------------------

    def article_shown(self) -> None:
        """The reading pane is about to show an article: give it its room."""
        if not self.opened:
            # On the pane, not the screen: a class on the screen restyles every widget.
            self.reader.add_class("-open")
            self._layout()

    @property
    def opened(self) -> bool:
        """An article has been shown (the reading pane has its room from then on)."""
        return self.reader.has_class("-open")

    @property
    def side_by_side(self) -> bool:
        """The list and an open article share the width (not stacked, nothing zoomed)."""
        return self.opened and self.size.width >= NARROW and self.maximized is None

    @property
    def drawer(self) -> bool:
        """The sidebar is a drawer over the panes rather than a pane of its own."""
        width = self.size.width
        return width < NARROW or (width < WIDE and self.opened)

    def _room(self) -> int:
        """Columns the list and the open article share."""
        return self.size.width - (0 if self.drawer else SIDEBAR_WIDTH)

    def list_width(self, share: float | None = None) -> int:
        """The list's columns beside an open article: its share of the room (by default
        half, and at least enough for a 40-character headline), leaving the article
        `MIN_PANE` at least."""
        room = self._room()
        share = self.list_share if share is None else share
        if share is None:
            width = max(round(room * LIST_SHARE), width_for_headline(HEADLINE))
        else:
            width = round(room * share)
        return max(min(width, room - MIN_PANE), min(MIN_PANE, room))

    def _layout(self) -> None:
        """Set the classes and the list's width for this size and state."""
        width = self.size.width
        self.set_class(width < NARROW, "-narrow")
        self.set_class(width < TINY, "-tiny")
        self.set_class(self.drawer, "-drawer")
        self.articles.styles.width = self.list_width() if self.side_by_side else None

    def drawer_open(self) -> bool:
        return self.drawer and self.has_class("-show-sidebar")

    def close_drawer(self) -> None:
        self.remove_class("-show-sidebar")
        self.articles.focus()

    def on_click(self, event: Click) -> None:
        """A click beside the open drawer closes it (as a click beside a menu does)."""
        widget = event.widget
        if widget is None or not self.drawer_open():
            return
        if widget is not self.sidebar and self.sidebar not in widget.ancestors:
            self.remove_class("-show-sidebar")
