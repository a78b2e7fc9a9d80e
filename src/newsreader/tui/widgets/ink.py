"""Muted ink that still reads: Rich styles for secondary text (counts, meta lines,
addresses), worked out from the colours a widget actually draws.

`dim` leaves the fading to the terminal (Textual draws it 66% of the way to the ink),
which in low-contrast themes (solarized, gruvbox) falls under 3:1. Here the fading is
stopped at 3:1 instead, measured against the background the text is drawn on. Where
the colours are the terminal's own (an ANSI theme, NO_COLOR) their values are unknown,
so dim does the fading as before.

On a terminal of 256 colours (tmux without COLORTERM) every colour is drawn as the
nearest of the palette's, which can lose a third of a ratio: there the colours are
pushed on until they keep it once rounded (`use_color_system`).
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color, ColorSystem, ColorType
from rich.style import Style
from textual.color import Color as CssColor
from textual.color import ColorParseError

from newsreader.tui.contrast import (
    BODY,
    LARGE,
    RGB,
    blend,
    contrast,
    faded,
    muted_floor,
    readable,
)

FADE = 0.4
"""How far muted text fades from the ink toward the background (as "60%")."""
TINT = 0.05
"""The most a focused pane tints its background toward the ink (app.tcss: 3%, the
sidebar's Tree: 5%): muted text is kept at 3:1 on both backgrounds."""
DIM = Style(dim=True)

_rounding: ColorSystem | None = None
"""The palette the terminal rounds colours to, when it is 256 colours (a 16-colour
terminal's values are its own: unknown)."""


def use_color_system(name: str | None) -> None:
    """The app's colour depth (Textual's console `color_system`): "256" rounds."""
    global _rounding
    _rounding = ColorSystem.EIGHT_BIT if name == "256" else None


def rounding() -> ColorSystem | None:
    """The palette colours are rounded to now (for caches of colours worked out)."""
    return _rounding


def _rounded(value: RGB, system: ColorSystem) -> RGB:
    r, g, b = Color.from_rgb(*value).downgrade(system).get_truecolor()
    return (r, g, b)


def _kept(colour: RGB, background: RGB, minimum: float, system: ColorSystem | None) -> RGB:
    """`colour`, moved on until it keeps `minimum` on `background` as the terminal draws
    both (rounded to its palette); itself where colours are drawn as they are."""
    if system is None:
        return colour
    drawn_bg = _rounded(background, system)
    start, target = colour, minimum
    while target < 21:
        if contrast(_rounded(colour, system), drawn_bg) >= minimum:
            return colour
        target += 0.25
        colour = readable(colour, background, target)
    # Rounding can turn the way to go around (catppuccin-latte's purple takes white at
    # 4.5:1 as it is, black once rounded): work it out on the background as drawn.
    colour = readable(start, drawn_bg, minimum)
    return max(
        (colour, (0, 0, 0), (255, 255, 255)),
        key=lambda c: min(contrast(_rounded(c, system), drawn_bg), minimum),
    )


def kept(colour: RGB, background: RGB, minimum: float) -> RGB:
    """`colour` keeping `minimum` on `background` as this terminal draws both (rounded
    to its palette at 256 colours; as it is in full colour)."""
    return _kept(colour, background, minimum, _rounding)


def rgb(color: Color | None) -> RGB | None:
    """The colour's red, green and blue, if it has its own (not the terminal's ANSI)."""
    if color is None or color.type is not ColorType.TRUECOLOR:
        return None
    r, g, b = color.get_truecolor()
    return (r, g, b)


def theme_color(*values: str | None) -> Color | None:
    """The first of a theme's colours that is set, as Rich takes it: themes of the
    terminal's own colours name them "ansi_green", which Rich does not parse."""
    for value in values:
        if value:
            try:
                return CssColor.parse(value).rich_color
            except ColorParseError:
                continue
    return None


def rich_color(value: RGB) -> Color:
    return Color.from_rgb(*value)


@lru_cache(maxsize=256)
def _muted(ink: RGB, background: RGB, fade: float, system: ColorSystem | None) -> RGB:
    body = readable(ink, background, BODY)
    floor = muted_floor(body, background)
    colour = faded(body, background, fade=fade, minimum=floor)
    tinted = blend(background, body, TINT)
    colour = readable(colour, tinted, floor)
    return _kept(_kept(colour, background, floor, system), tinted, floor, system)


def readable_ink(drawn: Style) -> Style | None:
    """The ink of `drawn` (a line's resolved style) moved to 4.5:1 on its background,
    None when it reads already or its colours are unknown."""
    bg, fg = rgb(drawn.bgcolor), rgb(drawn.color)
    if bg is None or fg is None:
        return None
    ink = _kept(readable(fg, bg, BODY), bg, BODY, _rounding)
    return None if ink == fg else Style(color=rich_color(ink))


def muted(drawn: Style, *, fade: float = FADE) -> Style:
    """Secondary text on the background of `drawn` (a resolved style: ink and
    background): `fade` of the way from the ink toward the background, stopped at
    `muted_floor` (4.5:1 where the ink leaves room: it is text to read).
    """
    bg, fg = rgb(drawn.bgcolor), rgb(drawn.color)
    if bg is None or fg is None:
        return DIM
    return Style(color=rich_color(_muted(fg, bg, fade, _rounding)), dim=False)


def legible(color: Color | None, drawn: Style) -> Style:
    """`color` (a theme's accent or error colour, for a mark) moved to 3:1 on the
    background of `drawn` where it is short of it: solarized-light's orange accent is
    1.6:1 on its sidebar."""
    bg, fg = rgb(drawn.bgcolor), rgb(color)
    if bg is None or fg is None:
        return Style(color=color)
    return Style(color=rich_color(_kept(readable(fg, bg, LARGE), bg, LARGE, _rounding)))
