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
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.models import ArticleRow
from newsreader.present.article import HighlightGroup
from newsreader.present.listing import format_age
from newsreader.query.spans import Needle, find_spans
from newsreader.tui.bindings import LIST, bindings

PAGE_SIZE = 100
SOURCE_WIDTH = 18
AGE_WIDTH = 6


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

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--marker",
        "article-list--star",
        "article-list--meta",
        "article-list--highlight",
        "article-list--placeholder",
        "article-list--muted",
    }

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
        self.terms: list[Needle] = []
        self.watch_marks: list[HighlightGroup] = []
        """Each watch's terms and colour: matches show in every list, not only the watch's."""
        self.empty_message = "No articles here."
        self._clock = clock or (lambda: datetime.now().astimezone())

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
        self.virtual_size = Size(self.size.width, total)
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

    def on_resize(self, event: Resize) -> None:
        self.virtual_size = Size(event.size.width, self.total)

    # --- drawing -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        base = self.rich_style
        if not self.total:
            if y == 1:
                text = Text(
                    "  " + self.empty_message,
                    style=self.get_component_rich_style("article-list--placeholder"),
                )
                return self._strip(text, width, base)
            return Strip.blank(width, base)
        if index >= self.total:
            return Strip.blank(width, base)
        row = self.row(index)
        if row is None:
            page = index // PAGE_SIZE
            if page not in self._requested:
                self._requested.add(page)
                self.post_message(self.PagesWanted([page], self.generation))
            text = Text("  …", style=self._part("article-list--placeholder"))
            return self._strip(text, width, base)
        style = base + self._part("article-list--read" if row.read else "article-list--unread")
        if row.muted_by:
            style += self._part("article-list--muted")
        cursor = self._part("article-list--cursor") if index == self.cursor else None
        return self._strip(self._row_text(row, width), width, style, cursor)

    def _part(self, name: str) -> Style:
        """A component's own style, without the widget's background mixed in."""
        return self.get_component_rich_style(name, partial=True)

    def _row_text(self, row: ArticleRow, width: int) -> Text:
        marker_style = self._part("article-list--marker")
        star_style = self._part("article-list--star")
        meta_style = self._part("article-list--meta")
        age = format_age(row.sort_key, self._clock())
        source_width = min(SOURCE_WIDTH, max(width // 4, 8))
        title_width = max(width - 3 - 1 - source_width - 1 - AGE_WIDTH - 1, 4)
        source = f"muted by: {row.muted_by}" if row.muted_by else row.source
        if row.muted_by:  # the rule gets room: the title gives it up
            extra = min(len(source), 32) - source_width
            if extra > 0:
                source_width += extra
                title_width = max(title_width - extra, 4)
        title = Text(row.title)
        for terms, mark in self.watch_marks:
            for start, end in find_spans(row.title, terms):
                title.stylize(mark, start, end)
        if self.terms:
            highlight = self._part("article-list--highlight")
            for start, end in find_spans(row.title, self.terms):
                title.stylize(highlight, start, end)
        line = Text()
        line.append(" " + ("●" if not row.read else " "), style=marker_style)
        line.append("★" if row.starred else " ", style=star_style)
        line.append(" ")
        line.append_text(_fit(title, title_width))
        line.append(" ")
        line.append_text(_fit(Text(source, style=meta_style), source_width))
        line.append(" ")
        line.append_text(_fit(Text(age, style=meta_style), AGE_WIDTH, right=True))
        return line

    def _strip(self, text: Text, width: int, style: Style, cursor: Style | None = None) -> Strip:
        """One line: the row's style, each part's own style, and the cursor over all."""
        line_style = style + cursor if cursor else style
        segments = []
        for seg in text.render(self.app.console):
            if seg.text == "\n":
                continue
            seg_style = style + seg.style if seg.style else style
            segments.append(Segment(seg.text, seg_style + cursor if cursor else seg_style))
        return Strip(segments).adjust_cell_length(width, line_style)
