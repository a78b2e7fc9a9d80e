"""Line breaking for text that mixes scripts: Chinese and Japanese rules, and code.

Rich breaks lines between words and, inside a run with no spaces, between any two
characters, so a Chinese or Japanese paragraph could start a line with 。，」 or end one
with 「. The rules those languages set in type (kinsoku shori: no closing mark or small
kana at a line's start, no opening mark at its end) are kept here by moving the break
earlier, which pushes a character down to the next line (oidashi). Latin text wraps as
Rich wraps it, but found by one regular expression per line rather than a Python step
per word (`fast_offsets`): a megabyte of text is 160,000 words, and Rich's own loop was
half the time `read` took to print one.
"""

from __future__ import annotations

import re
from functools import cache

from rich._wrap import divide_line
from rich.cells import get_character_cell_size
from rich.console import Console, JustifyMethod, OverflowMethod
from rich.containers import Lines
from rich.text import Text

from newsreader.query.scripts import has_unspaced

NO_LINE_START = frozenset(
    "、。，．・：；？！‼⁇⁈⁉゛゜ヽヾゝゞ々〻ー―‐゠〜～）］｝〕〉》」』】〙〗〟’”｠»"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    ",.:;?!)]}%"
)
"""What may not begin a line: closing brackets and quotes, stops and commas, small kana,
the prolonged sound mark, iteration marks (JIS X 4051's line-start prohibitions)."""
NO_LINE_END = frozenset("（［｛〔〈《「『【〘〖〝‘“｟«([{")
"""What may not end a line: opening brackets and quotes."""

_WINDOW = 200
"""Characters past a line's width that are looked at to find its break."""


_ONE_CELL_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x482),  # Latin-1, Latin Extended, IPA, Greek, Cyrillic
    (0x48A, 0x52F),
    (0x1E00, 0x1FFF),  # Latin Extended Additional, Greek Extended
    (0x2010, 0x205E),  # dashes, quotes, bullets, ellipsis
    (0x20A0, 0x20C0),  # currency
    (0x2100, 0x22FF),  # letterlike symbols, arrows, mathematical operators
)
_WORD = re.compile(r"\s*\S+\s*")  # Rich's word: what follows it, and at the start, what leads
_SPACE = re.compile(r"\s*")


@cache
def _one_cell() -> frozenset[str]:
    """Characters Rich measures as one cell each (combining marks and wide ones left out)."""
    return frozenset(
        c
        for low, high in _ONE_CELL_RANGES
        for c in map(chr, range(low, high + 1))
        if get_character_cell_size(c) == 1
    )


@cache
def _fits(room: int) -> re.Pattern[str]:
    """The longest run of at most `room` characters that ends where a word ends."""
    return re.compile(".{0," + str(room - 1) + r"}\S(?!\S)", re.S)


def one_cell_each(text: str) -> bool:
    """Whether every character of `text` takes one terminal cell (so cells are indices)."""
    return _one_cell().issuperset(text)


def fast_offsets(line: str, width: int, fold: bool = True) -> list[int]:
    """Rich's `divide_line` for a line whose characters are one cell each, same result.

    A line is the longest run of whole words that fits; a word longer than a line is
    cut every `width` characters (`fold`) or left to overflow, and the line after the
    cut goes on from where its last piece ends."""
    offsets: list[int] = []
    size = len(line)
    pos = carry = 0  # carry: cells already used on the line at `pos` (after a cut word)
    while pos < size:
        room = width - carry
        found = _fits(room).match(line, pos) if room > 0 else None
        if found is not None:
            after = _SPACE.match(line, found.end())
            nxt = after.end() if after else found.end()
            if nxt >= size:
                break
            offsets.append(nxt)
            pos, carry = nxt, 0
            continue
        word = _WORD.match(line, pos)
        if word is None:
            break  # only spaces are left
        if carry and len(word.group().rstrip()) <= width:
            offsets.append(pos)  # it fits a line of its own
            carry = 0
            continue
        piece = pos
        if fold:
            while True:
                if piece and (not offsets or offsets[-1] != piece):
                    offsets.append(piece)
                if piece + width >= word.end():
                    break
                piece += width
        elif piece and (not offsets or offsets[-1] != piece):
            offsets.append(piece)
        carry = word.end() - piece
        pos = word.end()
    return offsets


def line_offsets(line: str, width: int, fold: bool = True) -> list[int]:
    """Where Rich would break `line` to fit `width` cells, found the fast way when it can."""
    if one_cell_each(line):
        return fast_offsets(line, width, fold)
    return divide_line(line, width, fold=fold)


def needs_rules(text: str) -> bool:
    """Whether `text` has Chinese or Japanese in it (the rules only matter there)."""
    return has_unspaced(text)


def break_offsets(line: str, width: int) -> list[int]:
    """Where to break one line of text (no newlines) to fit `width` cells, keeping the
    line-start and line-end rules; a break that cannot keep them stays where it was."""
    offsets: list[int] = []
    start = 0
    size = len(line)
    while start < size:
        window = line[start : start + 4 * width + _WINDOW]
        found = divide_line(window, width, fold=True)
        if not found:
            break
        end = start + found[0]
        good = end
        while good - 1 > start and (line[good] in NO_LINE_START or line[good - 1] in NO_LINE_END):
            good -= 1
        offsets.append(good if good - 1 > start else end)
        start = offsets[-1]
    return offsets


class RuledText(Text):
    """Text that wraps by the Chinese and Japanese line breaking rules, and wraps other
    text as Rich does, faster."""

    __slots__ = ()

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        wrap_overflow = overflow or self.overflow or "fold"
        if no_wrap or self.no_wrap or overflow == "ignore":
            return super().wrap(
                console,
                width,
                justify=justify,
                overflow=overflow,
                tab_size=tab_size,
                no_wrap=no_wrap,
            )
        wrap_justify = justify or self.justify or "default"
        ruled = needs_rules(self.plain)
        lines = Lines()
        whole = self.plain
        # One line with no tab is divided as it is (split() would copy it first: Rich
        # cleans every new Text of control codes, a pass over all of its text).
        source = [self] if "\n" not in whole and "\t" not in whole else self.split(allow_blank=True)
        for line in source:
            if "\t" in line:
                line.expand_tabs(tab_size)
            plain = line.plain
            if ruled:
                pieces = line.divide(break_offsets(plain, width))
            else:
                pieces = line.divide(line_offsets(plain, width, fold=wrap_overflow == "fold"))
            for piece in pieces:
                piece.rstrip_end(width)
            if wrap_justify and not ruled:
                pieces.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for piece in pieces:
                piece.truncate(width, overflow="fold" if ruled else wrap_overflow)
            lines.extend(pieces)
        return lines
