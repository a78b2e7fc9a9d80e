"""The article list: a virtual, line-based list that asks for rows only as they show.

A section of 20,000 articles is a virtual height of 20,000 lines; `render_line` draws
the few on screen from pages of rows the screen fetches in the background (the widget
posts `PagesWanted` and shows a dim placeholder until `add_page` arrives). Nothing here
holds one widget per row, so opening a section and holding `j` stay instant.

Columns: unread and star markers, the title (with keyword highlights), the source and
the age, aligned by terminal cells so Chinese, Japanese and emoji keep the columns true.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.models import ArticleRow
from newsreader.present.article import HighlightGroup
from newsreader.present.listing import format_age
from newsreader.query.spans import Needle, find_spans
from newsreader.tui.bindings import LIST, bindings
from newsreader.tui.widgets.list_colours import ListColours, RowStyles, list_colours

PAGE_SIZE = 100
DRAWN_ROWS = 400
"""Rows kept as drawn (a few screens' worth), for scrolling and cursor moves."""
SOURCE_WIDTH = 18
AGE_WIDTH = 6
MARKERS = 3
"""The unread dot and the star, before the title."""
TITLE_FIRST = 48
"""The title keeps this many cells before the source column grows past its least."""
SCROLLBAR = 1


def columns(width: int) -> tuple[int, int]:
    """(title, source) widths of a row `width` cells wide: the headline comes first, so
    a narrow list shortens the source before the title."""
    fixed = MARKERS + 1 + 1 + 1 + AGE_WIDTH  # the gaps: before the title, source, age
    source = max(min(SOURCE_WIDTH, width - fixed - TITLE_FIRST), 8)
    return max(width - fixed - source, 4), source


def width_for_headline(chars: int) -> int:
    """The narrowest list (scrollbar included) whose rows show `chars` characters of a
    long headline before its ellipsis."""
    width = chars
    while columns(width)[0] - 1 < chars:
        width += 1
    return width + SCROLLBAR


def _fit(text: Text, width: int, *, right: bool = False) -> Text:
    """Truncate or pad to exactly `width` cells (CJK and emoji count double)."""
    text = text.copy()
    text.truncate(width, overflow="ellipsis", pad=not right)
    if right:
        pad = width - text.cell_len
        if pad > 0:
            text = Text(" " * pad) + text
    return text


class ArticleList(ScrollView, can_focus=True):
    """The middle pane: one line per article, paged in from the library."""

    BINDINGS = bindings(LIST)
    ALLOW_MAXIMIZE = True
    """`z` zooms it (Textual's scrolling widgets refuse by default)."""

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--marker",
        "article-list--star",
        "article-list--highlight",
    }
    """The theme colours the rows start from; `list_colours` makes them read."""

    @dataclass
    class Opened(Message):
        """The reader asked to open the article at `index`."""

        index: int
        row: ArticleRow

    @dataclass
    class PagesWanted(Message):
        """Rows of these pages are on screen but not loaded yet."""

        pages: list[int]
        generation: int

    def __init__(
        self, *, clock: Callable[[], datetime] | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._pages: dict[int, list[ArticleRow]] = {}
        self._requested: set[int] = set()
        self.total = 0
        self.generation = 0
        self.cursor = 0
        self._terms: list[Needle] = []
        self._watch_marks: list[HighlightGroup] = []
        self._drawn: LRUCache[tuple[object, ...], Strip] = LRUCache(DRAWN_ROWS)
        self.empty_message = "No articles here."
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._colours: tuple[object, ListColours] | None = None
        self._frame: ListColours | None = None

    @property
    def terms(self) -> list[Needle]:
        """The search terms highlighted in the titles."""
        return self._terms

    @terms.setter
    def terms(self, terms: list[Needle]) -> None:
        self._terms = terms
        self._drawn.clear()

    @property
    def watch_marks(self) -> list[HighlightGroup]:
        """Each watch's terms and colour: matches show in every list, not only the watch's."""
        return self._watch_marks

    @watch_marks.setter
    def watch_marks(self, marks: list[HighlightGroup]) -> None:
        self._watch_marks = marks
        self._drawn.clear()

    # --- data ----------------------------------------------------------------------

    def reset(
        self,
        total: int,
        first_page: list[ArticleRow],
        *,
        terms: list[Needle] | None = None,
        keep_uid: str | None = None,
        empty_message: str = "No articles here.",
        page_of_kept: tuple[int, list[ArticleRow]] | None = None,
    ) -> int:
        """Show a new list whose first rows are `first_page` (any length).

        `page_of_kept` is (page number, rows) of the page holding `keep_uid` when it is
        not among the first rows, so the cursor stays on it however far down it is.
        Returns the new generation: pages fetched for an older list are ignored.
        """
        self.generation += 1
        self._pages = {
            page: first_page[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
            for page in range(max((len(first_page) + PAGE_SIZE - 1) // PAGE_SIZE, 1))
        }
        if page_of_kept is not None:
            self._pages[page_of_kept[0]] = page_of_kept[1]
        self._requested = set()
        self.total = total
        self.terms = terms or []
        self.empty_message = empty_message
        cursor = 0
        if keep_uid is not None:
            cursor = next((i for i, r in self.loaded_rows() if r.uid == keep_uid), 0)
        self.cursor = min(cursor, max(total - 1, 0))
        # As tall as the list, and no wider than any width: rows fit the width they are
        # drawn at, so a resize (the reading pane opening) need not change it, and does
        # not redraw every row a second time after the resized list has drawn them.
        self.virtual_size = Size(0, total)
        if keep_uid is None:
            self.scroll_to(y=0, animate=False)
        self.refresh()
        return self.generation

    def set_rows(
        self,
        rows: list[ArticleRow],
        *,
        terms: list[Needle] | None = None,
        empty_message: str = "No articles here.",
    ) -> int:
        """Show a fixed list of rows (search results), all loaded at once."""
        return self.reset(len(rows), rows, terms=terms, empty_message=empty_message)

    def add_page(self, generation: int, page: int, rows: list[ArticleRow]) -> None:
        if generation != self.generation:
            return
        self._pages[page] = rows
        self._requested.discard(page)
        self.refresh()

    def row(self, index: int) -> ArticleRow | None:
        page = self._pages.get(index // PAGE_SIZE)
        if page is None:
            return None
        offset = index % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    @property
    def current(self) -> ArticleRow | None:
        return self.row(self.cursor) if self.total else None

    def loaded_rows(self) -> list[tuple[int, ArticleRow]]:
        """(index, row) of every loaded row, in order."""
        out = []
        for page in sorted(self._pages):
            for offset, row in enumerate(self._pages[page]):
                out.append((page * PAGE_SIZE + offset, row))
        return out

    def update_row(self, uid: str, **changes: bool) -> None:
        """Change a loaded row's read/starred flags in place (after a mark)."""
        for page, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.uid == uid:
                    rows[offset] = replace(
                        row,
                        read=changes.get("read", row.read),
                        starred=changes.get("starred", row.starred),
                        saved=changes.get("saved", row.saved),
                    )
                    self.refresh_line(page * PAGE_SIZE + offset)

    # --- cursor --------------------------------------------------------------------

    def move_to(self, index: int, *, center: bool = False) -> None:
        if not self.total:
            return
        index = max(0, min(index, self.total - 1))
        old, self.cursor = self.cursor, index
        self.refresh_line(old)
        self.refresh_line(index)
        self.scroll_to_region(
            Region(0, index, 1, 1), animate=False, center=center, immediate=True, x_axis=False
        )

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_page_down_rows(self) -> None:
        self.move_to(self.cursor + max(self.size.height - 1, 1))

    def action_page_up_rows(self) -> None:
        self.move_to(self.cursor - max(self.size.height - 1, 1))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self.total - 1)

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Opened(self.cursor, row))

    def on_click(self, event: Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < self.total:
            self.move_to(index)
            row = self.row(index)
            if row is not None and event.chain >= 1:
                self.post_message(self.Opened(index, row))

    # --- drawing -------------------------------------------------------------------

    def colours(self) -> ListColours:
        """The row styles for the colours drawn now (theme, focus, NO_COLOR).

        Worked out again only when one of the colours they come from changes (a theme
        switch, focus), so a cursor move costs a comparison, not colour maths.
        """
        base = self.rich_style
        cursor = self.get_component_rich_style("article-list--cursor")
        marker = self.get_component_rich_style("article-list--marker", partial=True).color
        star = self.get_component_rich_style("article-list--star", partial=True).color
        accent = self.get_component_rich_style("article-list--highlight", partial=True).bgcolor
        key = (base, cursor, marker, star, accent, self.app.no_color)
        if self._colours is None or self._colours[0] != key:
            self._colours = (
                key,
                list_colours(base, cursor, marker, star, accent, no_color=self.app.no_color),
            )
        return self._colours[1]

    def render_lines(self, crop: Region) -> list[Strip]:
        # The colours are looked up once per frame, not once per line.
        self._frame = self.colours()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        colours = self._frame or self.colours()
        plain = colours.plain
        if not self.total:
            if y == 1:
                text = Text("  " + self.empty_message, style=plain.placeholder)
                return self._strip(text, width, plain.base)
            return Strip.blank(width, plain.base)
        if index >= self.total:
            return Strip.blank(width, plain.base)
        row = self.row(index)
        if row is None:
            page = index // PAGE_SIZE
            if page not in self._requested:
                self._requested.add(page)
                self.post_message(self.PagesWanted([page], self.generation))
            return self._strip(Text("  …", style=plain.placeholder), width, plain.base)
        styles = colours.cursor if index == self.cursor else plain
        # A row drawn before, in the same colours, width and minute, is drawn as it was:
        # scrolling by a line draws one new row, not every row on screen again.
        key = (row, width, styles, self._clock().replace(second=0, microsecond=0))
        strip = self._drawn.get(key)
        if strip is None:
            strip = self._strip(self._row_text(row, width, styles), width, styles.base)
            self._drawn[key] = strip
        return strip

    def _row_text(self, row: ArticleRow, width: int, styles: RowStyles | None = None) -> Text:
        if styles is None:
            styles = self.colours().plain
        age = format_age(row.sort_key, self._clock())
        title_width, source_width = columns(width)
        source = f"muted by: {row.muted_by}" if row.muted_by else row.source
        if row.muted_by:  # the rule gets room: the title gives it up
            extra = min(len(source), 32) - source_width
            if extra > 0:
                source_width += extra
                title_width = max(title_width - extra, 4)
        title_style = styles.read if row.read else styles.unread
        meta_style = styles.meta
        if row.muted_by:  # hidden by a rule, shown on request: dimmed and slanted
            title_style = meta_style = styles.meta + Style(italic=True)
        title = Text(row.title, style=title_style)
        for terms, mark in self.watch_marks:
            for start, end in find_spans(row.title, terms):
                title.stylize(styles.watch if styles.watch is not None else mark, start, end)
        if self.terms:
            highlight = styles.highlight_read if row.read else styles.highlight
            for start, end in find_spans(row.title, self.terms):
                title.stylize(highlight, start, end)
        line = Text(style=styles.base)
        line.append(" " + ("●" if not row.read else " "), style=styles.marker)
        line.append("★" if row.starred else " ", style=styles.star)
        line.append(" ")
        line.append_text(_fit(title, title_width))
        line.append(" ")
        line.append_text(_fit(Text(source, style=meta_style), source_width))
        line.append(" ")
        line.append_text(_fit(Text(age, style=meta_style), AGE_WIDTH, right=True))
        return line

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        """One line, every segment on the row's resolved background."""
        segments = [
            Segment(seg.text, base + seg.style if seg.style else base)
            for seg in text.render(self.app.console)
            if seg.text != "\n"
        ]
        return Strip(segments).adjust_cell_length(width, base)
