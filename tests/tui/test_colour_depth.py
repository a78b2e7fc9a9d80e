"""On a terminal of 256 colours (tmux without COLORTERM) colours are drawn rounded to
the palette: muted ink and marks keep 3:1 (and names 4.5:1) as drawn, not only as
worked out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rich.color import Color, ColorSystem
from rich.style import Style
from textual.app import App
from textual.color import Color as CssColor

from newsreader.tui.contrast import LARGE, contrast
from newsreader.tui.widgets import ink


def drawn(color: Color | None) -> tuple[int, int, int]:
    """The colour as a 256-colour terminal draws it."""
    assert color is not None
    r, g, b = color.downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return (r, g, b)


def lines() -> Iterator[tuple[str, Style]]:
    """Lines the TUI draws muted text on, in every built-in theme: the screen, the
    panels, and the cursor (the theme's primary behind its foreground)."""
    for name, theme in App().available_themes.items():
        if name.startswith("textual-ansi"):
            continue
        fg = CssColor.parse(theme.foreground or "#e0e0e0")
        backs = [theme.background, theme.surface, theme.panel, theme.primary]
        for back in backs:
            if back:
                bg = CssColor.parse(back)
                yield name, Style(color=fg.rich_color, bgcolor=bg.rich_color)


@pytest.fixture
def eight_bit() -> Iterator[None]:
    ink.use_color_system("256")
    yield
    ink.use_color_system("truecolor")


def short() -> list[str]:
    failing = []
    for name, line in lines():
        muted = ink.muted(line).color
        if muted is None:  # the terminal's own colours: dim, as before
            continue
        if contrast(drawn(muted), drawn(line.bgcolor)) < LARGE - 0.005:
            failing.append(
                f"{name} {line.bgcolor} {contrast(drawn(muted), drawn(line.bgcolor)):.2f}"
            )
    return failing


def test_muted_ink_keeps_three_to_one_as_a_256_colour_terminal_draws_it(
    eight_bit: None,
) -> None:
    assert short() == []


def test_in_full_colour_the_colours_are_not_moved() -> None:
    ink.use_color_system("truecolor")
    line = Style(color=Color.parse("#e0e0e0"), bgcolor=Color.parse("#1e1e1e"))
    assert ink.muted(line) == ink.muted(line)  # as before: no rounding asked for
    assert short()  # and so some muted colours round below 3:1 at 256


def list_short() -> list[str]:
    """The list's rows (titles 4.5:1, read rows, columns and marks 3:1) as drawn."""
    from newsreader.tui.contrast import BODY
    from newsreader.tui.widgets.list_colours import list_colours

    failing = []
    for name, line in lines():
        cursor = Style(color=line.color, bgcolor=line.bgcolor)
        colours = list_colours(line, cursor, line.color, line.color, line.color)
        for row in (colours.plain, colours.cursor):
            bg = row.base.bgcolor
            for part, minimum in (("unread", BODY), ("read", LARGE), ("meta", LARGE)):
                ink_colour = getattr(row, part).color
                if ink_colour is None or bg is None:
                    continue
                ratio = contrast(drawn(ink_colour), drawn(bg))
                # Where the rounded background allows it (neither black nor white may
                # reach 4.5:1 on a mid-tone once rounded).
                best = max(contrast(c, drawn(bg)) for c in ((0, 0, 0), (255, 255, 255)))
                if ratio < min(minimum, best) - 0.005:
                    failing.append(f"{name} {part} on {bg}: {ratio:.2f}")
    return failing


def test_list_rows_keep_their_contrast_as_a_256_colour_terminal_draws_them(
    eight_bit: None,
) -> None:
    assert list_short() == []
