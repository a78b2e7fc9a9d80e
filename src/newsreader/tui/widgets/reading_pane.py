"""The reading pane: the open article, drawn from its structure by newsreader.present.article.

Long articles are mounted in pieces: the opening paints at once and the rest follows,
a piece per refresh, so a 1 MB article appears without waiting for its end to be laid
out. Pieces are cut by size as well as by blocks: one paragraph of 20,000 links, or the
numbered links after it, is laid out in parts of PIECE_CHARS characters, never at once.

Clicking a link opens it (http, https and mailto only); clicking a word picks
it, so `w` can watch it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import ConsoleOptions, Group, NewLine, RenderableType
from rich.style import Style
from rich.text import Text
from textual.containers import VerticalScroll
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Static

from newsreader.models import Article
from newsreader.present.article import ArticleRenderer, HighlightGroup, Palette, spaced
from newsreader.query.spans import Needle
from newsreader.sanitize import link_target
from newsreader.tui.widgets.ink import DIM, muted, theme_color

FIRST_PIECE = 40
"""Blocks painted at once; the rest is mounted in pieces after the first paint."""
PIECE = 100
PIECE_CHARS = 8000
"""At most about this many characters of text in a piece: a longer paragraph (or the
list of links) is cut, at a line's end or a space, into parts laid out one at a time."""
OTHER_CHARS = 200
"""What a renderable other than text (a table, a list item) counts for in a piece."""
_WORD = re.compile(r"\w+(?:['’]\w+)*")


class ArticleBody(Static):
    """One piece of an article's body.

    Its height at a width is kept for as long as the piece lives: a piece never changes
    (another theme or article mounts new ones), but Textual forgets the height on every
    repaint, and each layout while an article opens (the pane appearing, its styles,
    the counts and title changing) would wrap the whole piece again to find it.
    """

    _height: tuple[int, int] | None = None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._height is None or self._height[0] != width:
            self._height = (width, super().get_content_height(container, viewport, width))
        return self._height[1]


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

    @dataclass
    class WordPicked(Message):
        """A word of the article was clicked."""

        word: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self._generation = 0
        self._pieces: list[tuple[ArticleBody, list[RenderableType]]] = []
        self._marked: set[int] = set()
        self._continued: set[int] = set()
        """The parts that go on with the text before them (a long text cut): a piece
        starting with one is not spaced from the one before."""
        self.links: list[str] = []
        """The open article's links as the pane numbers them: `[1]` is links[0]."""
        self._complete = True
        self._placeholder = ""
        self._terms: list[Needle] | None = None
        self._watches: list[HighlightGroup] | None = None
        self._scroll_back: float | None = None

    def on_mount(self) -> None:
        self.show_placeholder()

    def show_placeholder(self, message: str = "Choose an article and press enter.") -> None:
        self._placeholder = message
        self.article = None
        self.links = []
        self._generation += 1
        self._pieces = []
        self.remove_children()
        quiet = DIM if self.app.no_color else muted(self.rich_style)
        self.mount(Static(Text(message, style=quiet), classes="placeholder"))

    def palette(self) -> Palette:
        """The article's styles for the theme drawn now: the meta line, the address and
        the other secondary text muted but at 3:1 on the pane's background at least."""
        theme = self.app.current_theme
        return Palette(
            highlight=Style(bold=True, reverse=True),
            meta=DIM if self.app.no_color else muted(self.rich_style),
            link=Style(underline=True, color=theme_color(theme.accent, theme.primary)),
            code=Style(bgcolor=theme_color(theme.panel, theme.surface)),
        )

    def show_article(
        self,
        article: Article,
        terms: list[Needle] | None = None,
        watches: list[HighlightGroup] | None = None,
    ) -> None:
        """Replace the pane's content with `article` (matches of `terms` highlighted).

        The head and first blocks are mounted at once; the rest follows in pieces, one
        per refresh, so the opening paints at once and the pane stays responsive while
        a long article is laid out.
        """
        self.article = article
        self._terms, self._watches = terms, watches
        self._scroll_back = None
        self._generation += 1
        generation = self._generation
        renderer = ArticleRenderer(article, terms=terms, palette=self.palette(), watches=watches)
        body = article.body
        self.remove_children()
        self.scroll_home(animate=False)
        self._pieces = []
        self._marked = renderer.marked
        self._continued = set()
        self.links = list(renderer.links.urls)
        self._complete = False
        first = spaced([*renderer.head(), *renderer.blocks(body[:FIRST_PIECE])])
        if len(body) <= FIRST_PIECE and (tail := spaced(renderer.tail())):
            first += [NewLine(), *tail]

        def pieces() -> Iterator[list[RenderableType]]:
            """What to mount, piece by piece, built as it is needed."""
            yield from self._by_size(first)
            if len(body) <= FIRST_PIECE:
                return
            for start in range(FIRST_PIECE, len(body), PIECE):
                yield from self._by_size(spaced(renderer.blocks(body[start : start + PIECE])))
            yield from self._by_size(spaced(renderer.tail()))

        coming = pieces()
        self._mount_piece(next(coming))
        self.call_after_refresh(self._painted, generation)

        def more() -> None:
            if generation != self._generation:
                return  # another article was opened meanwhile
            piece = next(coming, None)
            if piece is None:
                self._completed(generation)
            else:
                self._mount_piece(piece)
                self.call_after_refresh(more)

        self.call_after_refresh(more)

    def _by_size(self, parts: list[RenderableType]) -> Iterator[list[RenderableType]]:
        """`parts` in runs of at most about PIECE_CHARS characters, long texts cut. The
        blank line between two blocks is dropped where they fall in two pieces (the
        pieces are spaced apart already)."""
        run: list[RenderableType] = []
        size = 0
        for part in parts:
            if isinstance(part, NewLine):
                if run:
                    run.append(part)
                continue
            for chunk in self._cut(part):
                n = len(chunk) if isinstance(chunk, Text) else OTHER_CHARS
                if run and size + n > PIECE_CHARS:
                    while isinstance(run[-1], NewLine):
                        run.pop()
                    yield run
                    run, size = [], 0
                run.append(chunk)
                size += n
        if run:
            yield run

    def _cut(self, part: RenderableType) -> list[RenderableType]:
        """A text longer than PIECE_CHARS in parts (at a line's end, else after a space,
        else anywhere: a 200 KB address has neither), each kept marked if it was."""
        if not isinstance(part, Text) or len(part) <= PIECE_CHARS:
            return [part]
        plain = part.plain
        offsets = []
        start = 0
        while len(plain) - start > PIECE_CHARS:
            end = start + PIECE_CHARS
            cut = plain.rfind("\n", start + 1, end)
            if cut <= start:
                cut = plain.rfind(" ", start + 1, end) + 1
            if cut <= start:
                cut = end
            offsets.append(cut)
            start = cut
        chunks: list[RenderableType] = []
        for chunk in part.divide(offsets):
            if chunk.plain.startswith("\n"):
                chunk = chunk[1:]  # the line break is the cut
            chunks.append(chunk)
        if id(part) in self._marked:
            self._marked.update(id(chunk) for chunk in chunks)
        self._continued.update(id(chunk) for chunk in chunks[1:])
        return chunks

    def _mount_piece(self, parts: list[RenderableType]) -> None:
        piece = ArticleBody(
            Group(*parts), classes="-continued" if id(parts[0]) in self._continued else ""
        )
        self._pieces.append((piece, parts))
        self.mount(piece)

    def _options(self, piece: ArticleBody) -> ConsoleOptions:
        """Rich's options for laying a piece out again as it is on screen."""
        return self.app.console.options.update_width(max(piece.content_region.width, 10))

    def match_offsets(self) -> list[int]:
        """Scroll offsets (lines) of the blocks that show a highlighted match."""
        offsets = []
        console = self.app.console
        for piece, parts in self._pieces:
            if not any(id(p) in self._marked for p in parts):
                continue
            options = self._options(piece)
            y = piece.virtual_region.y
            for part in parts:
                if id(part) in self._marked:
                    offsets.append(y)
                y += len(console.render_lines(part, options, pad=False))
        return offsets

    def next_match(self, step: int) -> bool:
        """Scroll to the next (step 1) or previous (-1) match; False when there is none."""
        here = round(self.scroll_y)
        offsets = self.match_offsets()
        targets = [y for y in offsets if y > here] if step > 0 else [y for y in offsets if y < here]
        if not targets:
            return False
        self.scroll_to(y=targets[0] if step > 0 else targets[-1], animate=False)
        return True

    def redraw(self, watches: list[HighlightGroup] | None = None) -> None:
        """Draw what is shown again in the colours of the theme now (its muted colours
        are worked out for one background), back where the reader was."""
        if self.article is None:
            self.show_placeholder(self._placeholder)
            return
        y = self.scroll_y
        self.show_article(self.article, self._terms, self._watches if watches is None else watches)
        self._scroll_back = y

    def _completed(self, generation: int) -> None:
        if generation == self._generation:
            self._complete = True
            if self._scroll_back is not None:
                self.scroll_to(y=self._scroll_back, animate=False)
                self._scroll_back = None

    @property
    def at_end(self) -> bool:
        """An article is open, laid out to its end, and scrolled down to its last line."""
        return self.article is not None and self._complete and self.scroll_y >= self.max_scroll_y

    def _painted(self, generation: int) -> None:
        if generation == self._generation:
            self.post_message(self.Painted(time.perf_counter()))

    def on_click(self, event: Click) -> None:
        link = event.style.link if event.style else None
        url = link_target(link)
        if url:
            event.stop()
            self.post_message(self.LinkClicked(url))
            return
        word = self.word_at(event)
        if word:
            self.post_message(self.WordPicked(word))

    def word_at(self, event: Click) -> str | None:
        """The word under the mouse: the piece is laid out again to find its line."""
        for piece, parts in self._pieces:
            if piece is not event.widget:
                continue
            offset = event.get_content_offset(piece)
            if offset is None:
                return None
            lines = self.app.console.render_lines(Group(*parts), self._options(piece), pad=False)
            if not 0 <= offset.y < len(lines):
                return None
            return word_at_cell("".join(seg.text for seg in lines[offset.y]), offset.x)
        return None


def word_at_cell(line: str, x: int) -> str | None:
    """The word covering terminal cell x of line (wide characters take two cells)."""
    cells = 0
    index = len(line)
    for i, char in enumerate(line):
        cells += cell_len(char)
        if cells > x:
            index = i
            break
    for match in _WORD.finditer(line):
        if match.start() <= index < match.end():
            return match.group()
    return None
