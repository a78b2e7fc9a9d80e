"""Line breaking for text that mixes scripts: Chinese and Japanese rules, and code.

Rich breaks lines between words and, inside a run with no spaces, between any two
characters, so a Chinese or Japanese paragraph could start a line with 。，」 or end one
with 「. The rules those languages set in type (kinsoku shori: no closing mark or small
kana at a line's start, no opening mark at its end) are kept here by moving the break
earlier, which pushes a character down to the next line (oidashi). Latin text wraps as
Rich wraps it.
"""

from __future__ import annotations

from rich._wrap import divide_line
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
    """Text that wraps by the Chinese and Japanese line breaking rules."""

    __slots__ = ()

    @classmethod
    def of(cls, text: Text) -> Text:
        """`text` itself when it needs no rules, else a RuledText copy of it."""
        if not needs_rules(text.plain):
            return text
        ruled = cls(
            text.plain,
            style=text.style,
            justify=text.justify,
            overflow=text.overflow,
            no_wrap=text.no_wrap,
            end=text.end,
            tab_size=text.tab_size,
        )
        ruled._spans[:] = text._spans
        return ruled

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
        if no_wrap or self.no_wrap:
            return super().wrap(
                console,
                width,
                justify=justify,
                overflow=overflow,
                tab_size=tab_size,
                no_wrap=no_wrap,
            )
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            pieces = line.divide(break_offsets(line.plain, width))
            for piece in pieces:
                piece.rstrip_end(width)
                piece.truncate(width, overflow="fold")
            lines.extend(pieces)
        return lines
