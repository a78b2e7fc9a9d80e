"""About a megabyte of hostile text reads in bounded time through every extractor.

A regex that backtracks super-linearly turns one crafted file or feed item into minutes
of work ('&lt;img ' x 100,000 in a feed item took ten minutes). The inputs here are
fragments that such patterns trip on (unclosed tags, entities, digits, dates, CJK,
Markdown delimiters) repeated to a megabyte, or random printable mixes of that size,
and each extractor must finish in under 2 s: linear work takes a fraction of that.

Plain text and Markdown get real megabytes of any shape: the plain-text reader scores
only its first few thousand lines one by one and takes the rest as paragraphs, and
Markdown beyond a budget (smaller for dense markup, on which markdown-it-py spends up to
45 us a character) is shown as plain paragraphs. Saved pages get a megabyte of complete
elements too (250,000 <p>, 90,000 <p>word</p>): past an element budget trafilatura,
which took a minute on those, is not used, and the page's text is read in one walk.
The bound is on the CPU time the parse spends (not the wall clock, which a busy machine
stretches), and a slow first run is timed once more; pytest-timeout is the hang guard,
so a regression fails instead of stalling the run. Hypothesis neither shrinks a megabyte
nor traces it to explain a failure (each would rerun the parse thousands of times): a
failure names its input's first characters as it is.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from newsreader.extraction.html import extract_page
from newsreader.extraction.markdown import parse_front_matter, parse_markdown
from newsreader.extraction.plaintext import parse_plaintext
from newsreader.extraction.structure import html_to_blocks, html_to_text

SIZE = 1_000_000
LINE = 400  # characters per line in the many-lines shape: 2,500 lines a megabyte
SHORT_LINES = (1, 2, 40, LINE)  # for the text readers: up to 500,000 lines a megabyte
BOUND = 2.0  # seconds

# No ">" in the fragments: with it a short unit would be a complete element, repeated.
FRAGMENTS = [
    *("<img ", "<a ", "<p ", "<div ", "<td ", "<script", "<style ", "<!--", "</", "<br"),
    *("<link ", "<meta ", ' alt="', " alt='", ' href="', '="', "'", '"', "<"),
    *("&lt;", "&lt;img ", "&amp;", "&#", "&#x", "&#12345;", "&nbsp;", "&", ";"),
    *("1", "12", "2013", "2013-11-06", "2013年11月06日", "09:13", "Nov. 6, 2013", "th"),
    *("GMT-0530 ", "+0530", "Tuesday", "网络安全", "。", "【", "】", "年", "\u3000"),
    *("By ", "Published: ", "Photo: ", "(", ")", " - ", "--", "|", "»", "©", ":"),
    *("*", "_", "`", "[", "]", "#", "- ", "1. ", "![", "](", "**", "~~", "\\", "."),
    *(" ", "\t", "\u00a0", "a", "Word", "LONDON"),
]
units = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(st.characters(codec="utf-8"), max_size=4)),
    min_size=1,
    max_size=6,
).map("".join)
# Random mixes: mostly letters and spaces, with markup characters and CJK sprinkled in.
MIX = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789" * 4
    + " " * 40
    + "<>&;#/=\"'.,:()[]*_`!-|\t" * 2
    + "网络安全年月日。"
    + "\n"
)


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


plain_units = units.filter(lambda u: u.strip() != "" and "\n" not in u and ">" not in u)
ELEMENTS = [
    *("<p>", "<p>word</p>", "<br>", "word<br>", "<li>item</li>", "<td>a</td>", "<tr>"),
    *("<div>", "</div>", "<span>w</span> ", '<a href="/x">link</a>', "<h2>Part</h2>"),
    *('<img src="/i.png">', '<p class="byline">By A</p>', '<time datetime="2024-01-01">'),
]
# Units that may hold complete elements: a page of 100,000 paragraphs is a page.
element_units = (
    st.lists(st.sampled_from(ELEMENTS + FRAGMENTS), min_size=1, max_size=4)
    .map("".join)
    .filter(lambda u: u.strip() != "" and "\n" not in u)
)


@st.composite
def hostile(
    draw: st.DrawFn,
    size: int = SIZE,
    widths: tuple[int, ...] = (LINE,),
    pieces: st.SearchStrategy[str] = plain_units,
) -> str:
    """`size` characters: one unit of `pieces` repeated on one line, on many lines (of
    one of `widths` characters), or a random mix."""
    shape = draw(st.sampled_from(["one line", "lines", "paragraphs", "mix"]))
    if shape == "mix":
        rng = random.Random(draw(st.integers(0, 2**32 - 1)))
        text = "".join(rng.choices(MIX, k=size))
    else:
        unit = draw(pieces)
        if shape == "one line":
            text = repeat(unit, size)
        else:
            sep = "\n" if shape == "lines" else "\n\n"
            width = draw(st.sampled_from(widths))
            text = sep.join([repeat(unit, width)] * max(size // (width + len(sep)), 1))
    return text + draw(st.sampled_from(["", ">", "</p>", "\n"]))


def within_bound(extract: Callable[[str], object], text: str) -> None:
    took = BOUND
    for _attempt in range(2):
        start = time.process_time()
        extract(text)
        took = time.process_time() - start
        if took < BOUND:
            return
    raise AssertionError(f"{took:.2f} s for {len(text):,} characters: {text[:80]!r}...")


hostile_settings = settings(
    max_examples=4,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.timeout(120)
@hostile_settings
@given(hostile(widths=SHORT_LINES))
@example("Headline\n\n" + "1" * 40 + "x\n\n" + repeat("Words and more words. ", SIZE))
@example("a\n" * (SIZE // 2))
@example("a\n\n" * (SIZE // 3))
@example("By A\n" * (SIZE // 5))
def test_plain_text_extractor(text: str) -> None:
    within_bound(parse_plaintext, text)


@pytest.mark.timeout(120)
@settings(hostile_settings, max_examples=8)
@given(hostile(pieces=st.one_of(plain_units, element_units)))
@example("<p>Hello</p>" + "<a " * 300_000)
@example(repeat("<p>", SIZE))
@example(repeat("<p>word</p>", SIZE))
@example("<p>" + repeat("word<br>", SIZE))
@example("<ul>" + repeat("<li>item</li>", SIZE))
@example("<table>" + repeat("<tr><td>a</td><td>b</td></tr>", SIZE))
@example("<p>" + repeat("<span>w</span> ", SIZE))
@example(repeat("<div>a", SIZE))
@example(repeat('<p class="byline">By A</p><img src="/i.png">', SIZE))
@example(repeat("<p>The council met on Tuesday to discuss the harbour's turbines.</p>", SIZE))
def test_html_extractor(text: str) -> None:
    within_bound(extract_page, text)


@pytest.mark.timeout(120)
@hostile_settings
@given(hostile())
@example("<p>Hello</p>" + "<img " * 200_000)
def test_feed_html_to_text_and_blocks(text: str) -> None:
    within_bound(html_to_text, text)
    within_bound(html_to_blocks, text)


@pytest.mark.timeout(120)
@settings(hostile_settings, max_examples=12)
@given(hostile(widths=SHORT_LINES))
@example("![" * (SIZE // 2))
@example("- a\n" * (SIZE // 4))
def test_markdown_extractor(text: str) -> None:
    within_bound(parse_markdown, text)


@pytest.mark.timeout(120)
@hostile_settings
@given(plain_units, st.sampled_from([40, LINE]), st.booleans())
def test_markdown_front_matter_of_a_megabyte(unit: str, width: int, closed: bool) -> None:
    """A megabyte of `key: value` lines before a short body; unclosed, only the front
    matter is split off (the whole text would then be a Markdown body, see above)."""
    lines = "\n".join(["k: " + repeat(unit, width)] * (SIZE // (width + 4)))
    if closed:
        within_bound(parse_markdown, f"---\n{lines}\n---\nBody.\n")
    else:
        within_bound(parse_front_matter, f"---\n{lines}\n")
