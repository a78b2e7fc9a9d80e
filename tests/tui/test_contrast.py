"""The colour maths the list's colours come from (WCAG 2 contrast)."""

from __future__ import annotations

import pytest

from newsreader.tui.contrast import (
    BLACK,
    WHITE,
    blend,
    contrast,
    faded,
    luminance,
    readable,
)

SOLARIZED_BG = (0xFD, 0xF6, 0xE3)
SOLARIZED_FG = (0x58, 0x6E, 0x75)
SOLARIZED_BLUE = (0x26, 0x8B, 0xD2)


def test_luminance_and_contrast_match_wcag_reference_values() -> None:
    assert luminance(BLACK) == 0
    assert luminance(WHITE) == pytest.approx(1)
    assert contrast(BLACK, WHITE) == pytest.approx(21)
    assert contrast(WHITE, BLACK) == pytest.approx(21)
    assert contrast((0x77, 0x77, 0x77), WHITE) == pytest.approx(4.48, abs=0.01)
    assert contrast((0x76, 0x76, 0x76), WHITE) == pytest.approx(4.54, abs=0.01)
    assert contrast(SOLARIZED_BLUE, SOLARIZED_BLUE) == 1


def test_blend_goes_from_one_colour_to_the_other() -> None:
    assert blend(BLACK, WHITE, 0) == BLACK
    assert blend(BLACK, WHITE, 1) == WHITE
    assert blend(BLACK, WHITE, 0.5) == (128, 128, 128)


def test_readable_keeps_a_colour_that_reads() -> None:
    assert readable(SOLARIZED_FG, SOLARIZED_BG, 4.5) == SOLARIZED_FG


def test_readable_moves_a_faint_colour_just_far_enough() -> None:
    pale = (0xEE, 0xE8, 0xD5)  # solarized's surface on its background: ~1.1:1
    fixed = readable(pale, SOLARIZED_BG, 4.5)
    assert 4.5 <= contrast(fixed, SOLARIZED_BG) < 5.0


def test_readable_keeps_light_ink_light_when_it_can() -> None:
    """Textual's cursor ink (white at 87%) on its dark theme's blue: full white reads."""
    blue = (0x01, 0x78, 0xD4)
    fixed = readable((0xDD, 0xE6, 0xED), blue, 4.5)
    assert contrast(fixed, blue) >= 4.5
    assert luminance(fixed) > luminance(blue)


def test_readable_turns_dark_when_white_cannot_reach_the_minimum() -> None:
    """White on solarized's blue cursor is 3.7:1; black text is what reads there."""
    assert contrast(WHITE, SOLARIZED_BLUE) < 4.5
    fixed = readable(WHITE, SOLARIZED_BLUE, 4.5)
    assert contrast(fixed, SOLARIZED_BLUE) >= 4.5
    assert luminance(fixed) < luminance(SOLARIZED_BLUE)


def test_readable_gives_the_best_of_black_and_white_when_nothing_reaches() -> None:
    dark = (0x40, 0x40, 0x40)
    assert readable(dark, dark, 21) == WHITE
    assert readable(WHITE, WHITE, 21) == BLACK


@pytest.mark.parametrize(
    ("fg", "bg"),
    [
        ((0xE0, 0xE0, 0xE0), (0x12, 0x12, 0x12)),  # textual-dark
        ((0x1F, 0x1F, 0x1F), (0xE0, 0xE0, 0xE0)),  # textual-light
        (SOLARIZED_FG, SOLARIZED_BG),  # its own muted colour is ~2.5:1
        ((0xEB, 0xDB, 0xB2), (0x28, 0x28, 0x28)),  # gruvbox
    ],
)
def test_faded_is_dimmer_but_never_below_three_to_one(
    fg: tuple[int, int, int], bg: tuple[int, int, int]
) -> None:
    muted = faded(fg, bg)
    assert 3.0 <= contrast(muted, bg) < contrast(fg, bg)


def test_faded_stops_where_the_theme_would_go_too_faint() -> None:
    full = faded(SOLARIZED_FG, SOLARIZED_BG, fade=0.4)
    assert contrast(full, SOLARIZED_BG) == pytest.approx(3.0, abs=0.15)
    gentle = faded((0xE0, 0xE0, 0xE0), (0x12, 0x12, 0x12), fade=0.1)
    assert gentle == blend((0xE0, 0xE0, 0xE0), (0x12, 0x12, 0x12), 0.1)


def test_faded_makes_a_too_faint_colour_readable() -> None:
    assert contrast(faded((0xF0, 0xF0, 0xF0), WHITE), WHITE) >= 3.0
