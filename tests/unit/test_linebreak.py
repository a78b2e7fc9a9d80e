"""Line breaking: Chinese and Japanese rules (kinsoku), soft-wrapped code, unwrapped pipes."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich._wrap import divide_line
from rich.console import Console, Group, JustifyMethod
from rich.text import Text

from newsreader.models import Article, Block, BlockKind, Run, paragraph
from newsreader.present.article import render_article
from newsreader.present.linebreak import (
    NO_LINE_END,
    NO_LINE_START,
    RuledText,
    break_offsets,
    fast_offsets,
    one_cell_each,
)

CHINESE = (
    "中国网络安全专家表示，我们需要尊重网络空间的国家主权。这是一个重要的问题，"
    "「各国」应当共同努力，维护网络空间的和平与安全。"
)
JAPANESE = "政府は、ネットワークの安全について「新しい方針」を発表した。ちょっと待って！"


def lines_at(article: Article, width: int, *, terminal: bool = True) -> list[str]:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=terminal, color_system=None)
    console.print(render_article(article), soft_wrap=not terminal)
    return out.getvalue().splitlines()


@pytest.mark.parametrize("text", [CHINESE, JAPANESE])
@pytest.mark.parametrize("width", range(8, 41))
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(
    text: str, width: int
) -> None:
    for line in lines_at(Article(id="x", source="s", title="T", body=(paragraph(text),)), width):
        stripped = line.strip()
        if not stripped or stripped == "T":
            continue
        assert stripped[0] not in NO_LINE_START, (width, line)
        assert stripped[-1] not in NO_LINE_END, (width, line)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("网络安全。，、」「（）政府ちょっ！ ab")), max_size=120),
    st.integers(min_value=4, max_value=30),
)
def test_breaks_never_lose_text_and_never_go_backwards(text: str, width: int) -> None:
    offsets = break_offsets(text, width)
    assert offsets == sorted(set(offsets))
    assert all(0 < o < len(text) for o in offsets)


def test_a_long_command_wraps_at_spaces_with_its_continuation_marked() -> None:
    command = "curl -sSL https://example.org/install.sh | sudo bash -s -- --with-option=value"
    body = (Block(BlockKind.CODE, text=command),)
    lines = lines_at(Article(id="x", source="s", title="T", body=body), 40)
    inside = [line.strip("│ ") for line in lines if line.startswith("│")]
    assert inside[0] == "curl -sSL"
    assert all(line.startswith("↪ ") for line in inside[1:])
    joined = " ".join(line.removeprefix("↪ ").strip() for line in inside)
    assert joined.split() == command.split()  # every word whole


def test_piped_output_is_not_wrapped() -> None:
    url = "https://example.org/" + "very-long-path/" * 10 + "index.html"
    command = "curl -sSL " + url + " | sudo bash -s -- --with-option=value"
    a = Article(
        id="x",
        source="s",
        title="T",
        url=url,
        body=(paragraph("See " + url + " for more. " * 5), Block(BlockKind.CODE, text=command)),
    )
    lines = lines_at(a, 80, terminal=False)
    assert url in lines  # the article's own link, whole on its line
    assert "    " + command in lines  # code as written, to be copied
    assert any(line.startswith("See " + url) for line in lines)


def test_piped_captions_quotes_and_list_items_are_whole_lines() -> None:
    words = " ".join(f"word{i}" for i in range(40))  # about 280 characters
    item = Block(BlockKind.LIST_ITEM, runs=(Run("item " + words),), ordinal=2)
    a = Article(
        id="x",
        source="s",
        title="T",
        caption="caption " + words,
        body=(
            Block(BlockKind.QUOTE, runs=(Run("quote " + words),)),
            item,
            Block(BlockKind.LIST_ITEM, runs=(Run("nested " + words),), ordinal=0, level=1),
        ),
    )
    lines = lines_at(a, 80, terminal=False)
    assert "▣ caption " + words in lines
    assert "▌ quote " + words in lines
    assert "2. item " + words in lines
    assert "  • nested " + words in lines
    # On a terminal, the same item wraps under its text, not under its marker.
    wrapped = lines_at(a, 80)
    start = wrapped.index(next(line for line in wrapped if line.startswith("2. item")))
    assert wrapped[start + 1].startswith("   word")


# --- Latin text: Rich's wrapping, found faster ----------------------------------------

_WORDS = st.sampled_from(["a", "bb", "word", "x" * 9, "y" * 23, " ", "  ", "\xa0", "“q”", "é—"])
_LINES = st.sampled_from(["a", "bb", "word", "x" * 9, " ", "\n", "\t", "“q”"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_WORDS, max_size=40).map("".join), st.integers(1, 30), st.booleans())
def test_fast_offsets_break_where_rich_does(text: str, width: int, fold: bool) -> None:
    assert one_cell_each(text)
    assert fast_offsets(text, width, fold) == divide_line(text, width, fold=fold)


def test_text_with_wide_or_combining_characters_is_not_taken_for_one_cell_each() -> None:
    assert not one_cell_each("nai\u0308ve")  # a combining diaeresis
    assert not one_cell_each("emoji 🎉")
    assert not one_cell_each("中文")
    assert one_cell_each("naïve café — “quoted” …")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(_WORDS, _LINES), min_size=1, max_size=60).map("".join),
    st.integers(4, 40),
    st.lists(st.tuples(st.integers(0, 200), st.integers(1, 20)), max_size=4),
    st.sampled_from([None, "left", "full", "center", "right"]),
)
def test_ruled_text_draws_latin_text_exactly_as_rich_does(
    text: str, width: int, marks: list[tuple[int, int]], justify: JustifyMethod | None
) -> None:
    def draw(cls: type[Text]) -> str:
        out = io.StringIO()
        console = Console(file=out, width=width, force_terminal=True, color_system="truecolor")
        rendered = cls(text, style="italic", justify=justify)
        for start, length in marks:
            rendered.stylize("bold reverse", start, start + length)
        console.print(Group(rendered))  # as the article draws it (print splits a bare Text)
        return out.getvalue()

    assert draw(RuledText) == draw(Text)
