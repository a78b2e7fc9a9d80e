"""The colour each watch highlights with: its own, or one of the theme's in turn.

Kept apart from the screen because it is colour maths, not routing: a watch colour from
the config may be any CSS colour name, and the ink on it is black or white by contrast.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.color import Color, ColorParseError
from rich.style import Style
from textual.color import Color as CssColor
from textual.color import ColorParseError as CssColorParseError
from textual.theme import Theme

from newsreader.present.article import HighlightGroup
from newsreader.query.spans import needles_from_query
from newsreader.tui.contrast import BLACK, WHITE, contrast


def parse_color(value: str | None) -> Color | None:
    """A Rich colour from a config or theme value (CSS names like "orange" too)."""
    if not value:
        return None
    try:
        return Color.parse(CssColor.parse(value).hex)
    except (CssColorParseError, ColorParseError):
        return None


def ink_for(color: Color) -> str:
    """Black or white text, whichever has the higher WCAG contrast on `color` (one of
    them always reaches 4.5:1)."""
    r, g, b = color.get_truecolor()
    return "black" if contrast(BLACK, (r, g, b)) >= contrast(WHITE, (r, g, b)) else "white"


def watch_marks(theme: Theme, watches: Sequence[tuple[str, str | None]]) -> list[HighlightGroup]:
    """Each watch's terms (from its query) in its colour (given, or one of the theme's)."""
    defaults = [
        c
        for c in (
            theme.warning,
            theme.success,
            theme.secondary,
            theme.primary,
            theme.error,
            theme.accent,
        )
        if c
    ]
    marks: list[HighlightGroup] = []
    for i, (query, given) in enumerate(watches):
        fallback = defaults[i % len(defaults)] if defaults else None
        color = parse_color(given) or parse_color(fallback)
        if color is None:
            continue
        marks.append((needles_from_query(query), Style(bgcolor=color, color=ink_for(color))))
    return marks
