"""Articles as Rich renderables for the terminal (the `read` command; the TUI reuses it).

Untrusted text only ever enters Rich as `Text(plain_string)` or through `Text.append` /
`stylize`: nothing here parses markup, so `[bold]` or `[@click=...]` in an article shows
as written. Links become OSC 8 hyperlinks only for http/https/mailto targets (already
checked at ingestion) and are listed, numbered, at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rich import box
from rich._wrap import divide_line
from rich.cells import cell_len
from rich.console import (
    Console,
    ConsoleOptions,
    Group,
    NewLine,
    RenderableType,
    RenderResult,
)
from rich.measure import Measurement
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Span as RichSpan
from rich.text import Text

from newsreader.models import Article, Block, BlockKind, Run
from newsreader.present.linebreak import RuledText
from newsreader.present.listing import format_date
from newsreader.query.spans import Needle, find_group_spans, find_spans
from newsreader.sanitize import link_target

HIGHLIGHT = Style(bold=True, reverse=True)
META = Style(dim=True)
LINK = Style(underline=True)
CODE = Style(bgcolor="grey23", color="bright_white")


@dataclass(frozen=True, slots=True)
class Palette:
    """The styles an article is drawn with; the TUI builds one from its theme."""

    highlight: Style = HIGHLIGHT
    meta: Style = META
    link: Style = LINK
    code: Style = CODE


DEFAULT_PALETTE = Palette()


def meta_line(article: Article, style: Style = META) -> Text:
    """authors · outlet · section · date · dateline, leaving out what is unknown."""
    parts = [
        ", ".join(article.authors),
        article.site or "",
        article.section or "",
        format_date(article.published) or "",
        article.dateline or "",
    ]
    return Text(" · ".join(p for p in parts if p), style=style)


class _Prefixed:
    """A renderable drawn narrower, with a prefix on every line: a quote bar, a caption's
    mark, a list item's marker (on its first line; `rest` on the others). Without
    wrapping (output to a pipe or a file) its lines are as long as they are: nothing is
    cut at the console's width."""

    def __init__(
        self, renderable: RenderableType, prefix: str, style: Style | None, rest: str | None = None
    ) -> None:
        self.renderable = renderable
        self.prefix = prefix
        self.rest = prefix if rest is None else rest
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.no_wrap:
            lines: Iterable[list[Segment]] = Segment.split_lines(
                console.render(self.renderable, options)
            )
        else:
            width = max(options.max_width - cell_len(self.prefix), 10)
            lines = console.render_lines(self.renderable, options.update_width(width), pad=False)
        for number, line in enumerate(lines):
            yield Segment(self.rest if number else self.prefix, self.style)
            yield from line
            yield Segment.line()


class _Code:
    """A code block. On a screen: in a box, each long line wrapped at a space where it
    can be, its continuation marked (a command is not split mid-word when it need not
    be, and a reader can tell one line from two). Without wrapping (output to a pipe
    or a file): the lines as written, indented, to be copied whole."""

    MARK = "↪ "

    def __init__(self, text: str, style: Style) -> None:
        self.text = text.expandtabs(4).rstrip("\n")
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.no_wrap:
            for line in self.text.split("\n"):
                yield Segment("    " + line)
                yield Segment.line()
            return
        inner = max(options.max_width - 4, 8)  # the box's borders and padding
        wrapped = Text(no_wrap=True, overflow="crop")
        for number, line in enumerate(self.text.split("\n")):
            if number:
                wrapped.append("\n")
            for i, piece in enumerate(_soft_lines(line, inner, len(self.MARK))):
                if i:
                    wrapped.append("\n" + self.MARK, style=self.style)
                wrapped.append(piece)
        panel = Panel(wrapped, box=box.ROUNDED, expand=False, border_style=self.style)
        yield from console.render(panel, options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((len(line) for line in self.text.split("\n")), default=0)
        return Measurement(min(widest, 8) + 4, widest + 4).clamp(max_width=options.max_width)


def _soft_lines(line: str, width: int, indent: int) -> list[str]:
    """A line of code in pieces that fit `width` cells (the later ones `indent` less),
    broken after a space where there is one, else where the width ends."""
    pieces = []
    room = width
    while cell_len(line) > room:
        offsets = divide_line(line, room, fold=True)
        cut = offsets[0] if offsets else len(line)
        pieces.append(line[:cut])
        line = line[cut:]
        room = max(width - indent, 4)
    pieces.append(line)
    return pieces


class _Links:
    """Collects link targets while blocks render, numbering each distinct one."""

    def __init__(self, urls: Iterable[str] = ()) -> None:
        self.urls: list[str] = []
        self._numbers: dict[str, int] = {}
        for url in urls:
            self.number(url)

    def number(self, url: str) -> int:
        number = self._numbers.get(url)
        if number is None:
            self.urls.append(url)
            number = self._numbers[url] = len(self.urls)
        return number


_NO_RUNS = (BlockKind.CODE, BlockKind.TABLE, BlockKind.IMAGE, BlockKind.RULE)
"""Blocks drawn from their text, not their runs: their links are not numbered."""


def link_targets(blocks: Iterable[Block]) -> list[str]:
    """The links of these blocks as the article numbers them: `[1]` is the first."""
    links = _Links()
    for block in blocks:
        if block.kind not in _NO_RUNS:
            for run in block.runs:
                if target := link_target(run.link):
                    links.number(target)
    return links.urls


HighlightGroup = tuple[list[Needle], Style]
"""Terms to highlight and the style to draw them in (one group per watch, one for search)."""
StyledSpan = RichSpan
"""(start, end, style): Rich's own span type, so a plain paragraph takes them as they are."""


def _marks(text: str, groups: list[HighlightGroup]) -> list[StyledSpan]:
    """Every group's matches with its style (all groups matched in one pass)."""
    if not groups:
        return []
    if len(groups) == 1:
        terms, style = groups[0]
        return [RichSpan(start, stop, style) for start, stop in find_spans(text, terms)]
    keys = tuple(tuple(terms) for terms, _ in groups)
    styles = [style for _, style in groups]
    return [RichSpan(start, stop, styles[g]) for start, stop, g in find_group_spans(text, keys)]


def _runs_text(
    runs: tuple[Run, ...],
    spans: list[StyledSpan],
    links: _Links,
    base: Style | None = None,
    palette: Palette = DEFAULT_PALETTE,
) -> Text:
    if len(runs) == 1 and not runs[0].link and not runs[0].code:
        # The common case (a plain paragraph): one Text, its highlights given as spans
        # directly (stylize() one by one is most of the cost of a densely matched article).
        run = runs[0]
        style = Style(bold=run.bold or None, italic=run.italic or None)
        # (spans were found in this very text, so they lie inside it)
        return RuledText(run.text, style=base + style if base else style, spans=list(spans))
    text = RuledText(style=base or "")
    offset = 0
    for run in runs:
        style = Style(
            bold=run.bold or None,
            italic=run.italic or None,
            reverse=None,
        )
        if run.code:
            style += palette.code
        target = link_target(run.link)
        if target:
            style += palette.link + Style(link=target)
        piece = Text(run.text, style=style)
        end = offset + len(run.text)
        for start, stop, mark in spans:
            if stop > offset and start < end:
                piece.stylize(mark, max(start, offset) - offset, min(stop, end) - offset)
        text.append_text(piece)
        if target:
            text.append(f"[{links.number(target)}]", style=palette.meta)
        offset = end
    return text


def _block(
    block: Block,
    groups: list[HighlightGroup],
    links: _Links,
    palette: Palette = DEFAULT_PALETTE,
    spans: list[StyledSpan] | None = None,
) -> RenderableType:
    if spans is None:
        spans = _marks(block.plain, groups) if groups else []
    kind = block.kind
    if kind is BlockKind.HEADING:
        style = Style(bold=True, underline=block.level <= 2)
        return _runs_text(block.runs, spans, links, style, palette)
    if kind is BlockKind.LIST_ITEM:
        if block.ordinal > 0:
            marker = f"{block.ordinal}."
        elif block.ordinal == 0:
            marker = "•"
        else:
            marker = ""
        first = " " * (2 * block.level) + marker.rjust(1) + " "
        text = _runs_text(block.runs, spans, links, None, palette)
        return _Prefixed(text, first, None, rest=" " * len(first))
    if kind is BlockKind.QUOTE:
        inner = _runs_text(block.runs, spans, links, Style(italic=True), palette)
        return _Prefixed(inner, "▌ " * (block.level + 1), palette.meta)
    if kind is BlockKind.CODE:
        return _Code(block.text, palette.meta)
    if kind is BlockKind.TABLE:
        table = Table(
            box=box.SIMPLE_HEAVY if block.header else box.SIMPLE, show_header=block.header
        )
        rows = list(block.rows)
        header = rows.pop(0) if block.header and rows else None
        for i in range(max(len(r) for r in block.rows)):
            table.add_column(Text(header[i]) if header else "")
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        return table
    if kind is BlockKind.IMAGE:
        label = f"[image: {block.text}]" if block.text else "[image]"
        return Text(label, style=palette.meta)
    if kind is BlockKind.RULE:
        return Rule(style=palette.meta)
    return _runs_text(block.runs, spans, links, None, palette)


_BLANK = NewLine()


def _spaced(items: Iterable[tuple[RenderableType, bool]]) -> Iterator[RenderableType]:
    """Blank lines between blocks, except inside a run of list items."""
    previous_tight = False
    for i, (item, tight) in enumerate(items):
        if i and not (tight and previous_tight):
            yield _BLANK
        previous_tight = tight
        yield item


class ArticleRenderer:
    """Draws one article in pieces: the head with its first blocks, then more blocks,
    then the numbered link list; link numbers run on across the pieces."""

    def __init__(
        self,
        article: Article,
        *,
        terms: list[Needle] | None = None,
        palette: Palette = DEFAULT_PALETTE,
        watches: list[HighlightGroup] | None = None,
    ) -> None:
        self.article = article
        self.palette = palette
        # Numbered up front, in the order they are drawn, so the numbers are known before
        # the last piece of a long article is laid out (the TUI opens link n with key n).
        self.links = _Links(link_targets(article.body))
        # The search first: where it and a watch match the same words, its mark shows.
        self.groups: list[HighlightGroup] = [
            g for g in [(terms or [], palette.highlight), *(watches or [])] if g[0]
        ]
        self.marked: set[int] = set()
        """ids of the renderables that show a match (for jumping between matches)."""

    def head(self) -> list[tuple[RenderableType, bool]]:
        article, palette = self.article, self.palette
        title = RuledText(article.title, style=Style(bold=True))
        title_marks = _marks(article.title, self.groups)
        for start, stop, mark in title_marks:
            title.stylize(mark, start, stop)
        head: list[RenderableType] = [title]
        meta = meta_line(article, palette.meta)
        if meta.plain:
            head.append(meta)
        if address := link_target(article.url):
            head.append(Text(address, style=palette.meta + Style(link=address)))
        group = Group(*head)
        if title_marks:
            self.marked.add(id(group))
        parts: list[tuple[RenderableType, bool]] = [(group, False)]
        if article.caption:
            caption = RuledText(article.caption, style=palette.meta + Style(italic=True))
            parts.append((_Prefixed(caption, "▣ ", palette.meta), False))
        if not article.body and article.summary:
            parts.append((RuledText(article.summary), False))
        return parts

    def blocks(self, blocks: Iterable[Block]) -> list[tuple[RenderableType, bool]]:
        out = []
        for block in blocks:
            spans = _marks(block.plain, self.groups) if self.groups else []
            renderable = _block(block, self.groups, self.links, self.palette, spans)
            if spans:
                self.marked.add(id(renderable))
            out.append((renderable, block.kind is BlockKind.LIST_ITEM))
        return out

    def tail(self) -> list[tuple[RenderableType, bool]]:
        if not self.links.urls:
            return []
        listing = Text("Links", style=Style(bold=True))
        for i, url in enumerate(self.links.urls, start=1):
            listing.append(f"\n[{i}] ", style=self.palette.meta)
            listing.append(url, style=Style(link=url))
        return [(listing, False)]


def spaced(parts: Iterable[tuple[RenderableType, bool]]) -> list[RenderableType]:
    """Renderables with blank lines between blocks (none inside a run of list items)."""
    return list(_spaced(parts))


def article_parts(
    article: Article,
    *,
    terms: list[Needle] | None = None,
    palette: Palette = DEFAULT_PALETTE,
    watches: list[HighlightGroup] | None = None,
) -> list[RenderableType]:
    """The article as a list of renderables, blank lines included."""
    renderer = ArticleRenderer(article, terms=terms, palette=palette, watches=watches)
    return spaced([*renderer.head(), *renderer.blocks(article.body), *renderer.tail()])


def render_article(
    article: Article,
    *,
    terms: list[Needle] | None = None,
    palette: Palette = DEFAULT_PALETTE,
    watches: list[HighlightGroup] | None = None,
) -> Group:
    """The whole article: title, meta line, caption, summary, body, numbered links."""
    return Group(*article_parts(article, terms=terms, palette=palette, watches=watches))
