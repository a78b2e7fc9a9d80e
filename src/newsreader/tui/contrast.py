"""WCAG contrast maths: the one place the TUI decides whether a colour reads on another.

Themes' own "muted" colours are sometimes too faint (solarized-light's is about 2.5:1)
and a partial CSS style cannot resolve "auto 60%" without its background, so the list
derives its colours here from the colours actually drawn: faded toward the background,
but never below a minimum contrast.

Colours are (red, green, blue) tuples of 0-255, so this module needs no UI library.
"""

from __future__ import annotations

RGB = tuple[int, int, int]

BLACK: RGB = (0, 0, 0)
WHITE: RGB = (255, 255, 255)

BODY = 4.5
"""WCAG AA for body text: what the unread titles get."""
LARGE = 3.0
"""WCAG AA for large text and for marks (●, ★): the floor for muted text where the line's
own ink has no room above 4.5:1 (a mid-tone cursor)."""
ROOM = 1.5
"""How far above 4.5:1 the ink must stand for muted text to keep 4.5:1 and still look
fainter than it."""


def muted_floor(ink: RGB, bg: RGB) -> float:
    """The least contrast for secondary text (a byline, a count, a read headline) drawn
    beside `ink` on `bg`: 4.5:1, text to read, where the ink stands clear of that; 3:1
    where it does not, so that the two still differ."""
    return BODY if contrast(ink, bg) >= BODY + ROOM else LARGE


_STEPS = 100


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    r, g, b = rgb
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio of two colours, 1 (same) to 21 (black on white)."""
    la, lb = luminance(a), luminance(b)
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)


def blend(a: RGB, b: RGB, amount: float) -> RGB:
    """`a` moved `amount` (0 to 1) of the way toward `b`."""
    return (
        round(a[0] + (b[0] - a[0]) * amount),
        round(a[1] + (b[1] - a[1]) * amount),
        round(a[2] + (b[2] - a[2]) * amount),
    )


def readable(fg: RGB, bg: RGB, minimum: float = BODY) -> RGB:
    """`fg` if it reaches `minimum` contrast on `bg`, else the nearest colour that does on
    the way to white (light ink stays light) or to black (dark ink stays dark), the
    other way when that one cannot reach it; the best of black and white if neither can.
    """
    if contrast(fg, bg) >= minimum:
        return fg
    lighter = luminance(fg) >= luminance(bg)
    for target in (WHITE, BLACK) if lighter else (BLACK, WHITE):
        for step in range(1, _STEPS + 1):
            candidate = blend(fg, target, step / _STEPS)
            if contrast(candidate, bg) >= minimum:
                return candidate
    return max((BLACK, WHITE), key=lambda c: contrast(c, bg))


def faded(fg: RGB, bg: RGB, *, fade: float = 0.4, minimum: float = LARGE) -> RGB:
    """`fg` faded `fade` of the way toward `bg`, but stopped where its contrast would
    drop below `minimum` (a muted colour that still reads).

    Dimmer than `fg` whenever `fg` itself is above `minimum`; `fg` made readable when
    it is not.
    """
    if contrast(fg, bg) <= minimum:
        return readable(fg, bg, minimum)
    for step in range(round(fade * _STEPS), 0, -1):
        candidate = blend(fg, bg, step / _STEPS)
        if contrast(candidate, bg) >= minimum:
            return candidate
    return fg
