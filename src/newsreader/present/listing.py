"""Lists of articles for the terminal: the CLI's tables and search results, and the
date and age formats the TUI's list shares.

Untrusted titles, sources and snippets enter Rich only as `Text(plain)`; highlights are
spans laid over them, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from newsreader.models import ArticleRow, SearchHit

MATCH = Style(bold=True, reverse=True)
"""How a search match is marked in a title or snippet."""


def format_date(iso: str | None) -> str | None:
    """'6 Nov 2013 09:13' from ISO 8601, keeping only the precision the date has."""
    if not iso:
        return None
    try:
        stamp = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    text = f"{stamp.day} {stamp:%b %Y}"
    if "T" in iso:
        text += f" {stamp:%H:%M}"
        if stamp.tzinfo is not None:
            offset = stamp.strftime("%z")
            text += " UTC" if offset == "+0000" else f" {offset[:3]}:{offset[3:]}"
    return text


def format_age(sort_key: str, now: datetime | None = None) -> str:
    """'5m', '3h', '2d', 'Nov 6' or '2013': at most six cells, for a column."""
    try:
        stamp = datetime.fromisoformat(sort_key).replace(tzinfo=UTC)
    except ValueError:
        return ""
    now = now or datetime.now(UTC)
    seconds = (now - stamp).total_seconds()
    if seconds < 0:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    if seconds < 7 * 86400:
        return f"{int(seconds // 86400)}d"
    if stamp.year == now.year:
        return f"{stamp:%b} {stamp.day}"
    return str(stamp.year)


def rows_table(rows: Sequence[ArticleRow], now: datetime | None = None) -> Table:
    """id, unread/starred marks, age, title and source: one line per article."""
    table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("flags", no_wrap=True, width=2)
    table.add_column("age", style="dim", no_wrap=True, justify="right")
    table.add_column("title", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("source", style="dim", no_wrap=True, max_width=24, overflow="ellipsis")
    for row in rows:
        flags = ("●" if not row.read else " ") + ("★" if row.starred else " ")
        title = Text(row.title, style="bold" if not row.read else "")
        table.add_row(
            Text(row.uid[:8]),
            Text(flags),
            Text(format_age(row.sort_key, now)),
            title,
            Text(row.source),
        )
    return table


def search_hit(
    hit: SearchHit, now: datetime | None = None, *, plain: bool = False
) -> RenderableType:
    """A search result: the title and snippet with their matches marked, and where from.

    `plain` (output to a pipe) gives lines as they are, indented but not padded to the
    width: no trailing spaces for the next program to trim."""
    title = Text(hit.row.title, style="bold")
    for start, end in hit.title_spans:
        title.stylize(MATCH, start, end)
    age = format_age(hit.row.sort_key, now)
    meta = Text(f"{hit.row.uid[:8]} · {hit.row.source} · {age}", style="dim")
    snippet = Text(hit.snippet)
    for start, end in hit.snippet_spans:
        snippet.stylize(MATCH, start, end)
    if plain:
        return Text.assemble(title, "\n  ", meta, "\n  ", snippet, "\n")
    return Group(title, Padding(Group(meta, snippet), (0, 0, 1, 2)))
