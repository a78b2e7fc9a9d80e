"""The article list's row styles, worked out from the colours the list is drawn in.

Apart from the list because they change only with the theme, focus and NO_COLOR, not
with the rows: the list asks for them once per frame (`ArticleList.colours`), and the
contrast rules they follow are tested here without drawing a row.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.color import Color
from rich.style import Style

from newsreader.tui.contrast import BODY, LARGE, blend, faded, muted_floor, readable
from newsreader.tui.widgets.ink import FADE, kept, rgb, rich_color


@dataclass(frozen=True, slots=True)
class RowStyles:
    """Resolved styles for the rows on one background (plain, or under the cursor)."""

    base: Style
    """The background and default ink (padding and spaces)."""
    unread: Style
    read: Style
    meta: Style
    """Source and age columns."""
    marker: Style
    star: Style
    highlight: Style
    """Search terms in an unread title."""
    highlight_read: Style
    placeholder: Style
    watch: Style | None = None
    """Drawn instead of each watch's colour (no colour at all); None: the watch's own."""


@dataclass(frozen=True, slots=True)
class ListColours:
    plain: RowStyles
    cursor: RowStyles


_BOLD = Style(bold=True)
CURSOR_FADE = 0.15
"""How far a read title under the cursor fades (the others fade `FADE`, as the
sidebar's counts and the article's meta line do)."""


def list_colours(
    base: Style,
    cursor: Style,
    marker: Color | None,
    star: Color | None,
    accent: Color | None,
    *,
    no_color: bool = False,
) -> ListColours:
    """Row styles whose contrast is measured against the background they are drawn on.

    Unread titles get at least 4.5:1; read rows and the source and age columns are
    faded toward the background but kept at 3:1 or more (so they are dimmer than unread
    titles in every theme, and still read); markers get 3:1. Without colour (NO_COLOR)
    only bold, dim, underline and reverse tell rows apart; with a theme of the
    terminal's own ANSI colours, contrast cannot be measured and dim does the fading.
    """
    if no_color:
        plain = _attribute_styles(Style())
        return ListColours(plain, _attribute_styles(Style(reverse=True)))
    cursor_base = base + Style.from_color(cursor.color, cursor.bgcolor)
    return ListColours(
        _row_styles(base, marker, star, accent),
        _row_styles(cursor_base, marker, star, accent, cursor=True),
    )


def _attribute_styles(base: Style) -> RowStyles:
    """No colour at all: bold for unread, dim for read and muted columns."""
    dim = Style(dim=True, bold=False)
    mark = Style(underline=True, bold=True)
    return RowStyles(
        base=base,
        unread=_BOLD,
        read=dim,
        meta=dim,
        marker=_BOLD,
        star=_BOLD,
        highlight=mark,
        highlight_read=mark,
        placeholder=Style(dim=True, italic=True),
        watch=mark,
    )


def _row_styles(
    base: Style,
    marker: Color | None,
    star: Color | None,
    accent: Color | None,
    *,
    cursor: bool = False,
) -> RowStyles:
    bg, fg = rgb(base.bgcolor), rgb(base.color)
    if bg is None or fg is None:
        # The terminal's own colours (an ANSI theme): their values are unknown here, so
        # dim does the fading, and the cursor's ink draws the markers on the cursor.
        dim = Style(dim=True, bold=False)
        return RowStyles(
            base=base,
            unread=_BOLD,
            read=dim,
            meta=dim,
            marker=_BOLD if cursor else Style(color=marker),
            star=_BOLD if cursor else Style(color=star),
            highlight=Style(bold=True, underline=True),
            highlight_read=Style(underline=True),
            placeholder=Style(dim=True, italic=True),
        )
    title = kept(readable(fg, bg, BODY), bg, BODY)
    # A read title, the source and the age are text to read: faded, but not below 4.5:1
    # where the title leaves room (`muted_floor`). Under the cursor a read title fades less.
    floor = muted_floor(title, bg)
    muted = kept(faded(title, bg, fade=CURSOR_FADE if cursor else FADE, minimum=floor), bg, floor)
    marker_rgb = rgb(marker) or title
    star_rgb = rgb(star) or title
    accent_rgb = rgb(accent) or marker_rgb
    mark_bg = blend(bg, accent_rgb, 0.4)
    return RowStyles(
        base=Style(color=rich_color(title), bgcolor=rich_color(bg)),
        unread=Style(color=rich_color(title), bold=True),
        read=Style(color=rich_color(muted), bold=False),
        meta=Style(color=rich_color(muted), bold=False),
        marker=Style(color=rich_color(kept(readable(marker_rgb, bg, LARGE), bg, LARGE))),
        star=Style(color=rich_color(kept(readable(star_rgb, bg, LARGE), bg, LARGE))),
        highlight=Style(
            color=rich_color(readable(title, mark_bg, BODY)), bgcolor=rich_color(mark_bg), bold=True
        ),
        highlight_read=Style(
            color=rich_color(readable(muted, mark_bg, floor)), bgcolor=rich_color(mark_bg)
        ),
        placeholder=Style(color=rich_color(muted), italic=True),
    )
