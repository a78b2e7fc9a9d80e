"""Property tests: no input makes the parsers crash or let a control character through."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.errors import SourceError
from newsreader.extraction.charset import decode_bytes
from newsreader.extraction.markdown import parse_markdown
from newsreader.extraction.plaintext import parse_plaintext
from newsreader.extraction.structure import html_to_blocks
from newsreader.query.spans import find_spans, needles_from_query
from newsreader.sanitize import clean_text
from newsreader.sources.feeds import parse_feed

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Text biased toward what breaks parsers: controls, escapes, markup, CJK, page furniture.
pieces = st.sampled_from(
    [
        "\x1b[31m",
        "\x1b]8;;http://x\x1b\\",
        "\x9b",
        "\u202e",
        "\r\n",
        "\r",
        "\n\n",
        " ",
        "\u00a0",
        "By ",
        "(",
        ")",
        "--",
        " — ",
        ">>",
        " > ",
        "|",
        "Published: ",
        "(Editor: ",
        "Nov. 5",
        "2013",
        "09:13",
        "[bold]",
        "[/]",
        "<p>",
        "</p>",
        "<b>",
        "<table><tr><td>",
        "<li>",
        "<a href='javascript:x'>",
        "网络安全",
        "。",
        ".",
        "Related reading",
        "LONDON (Reuters) - ",
    ]
)
texts = st.lists(st.one_of(pieces, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_plaintext_never_crashes_and_stays_clean(text: str) -> None:
    page = parse_plaintext(text)
    for value in [page.title or "", page.caption or "", *(b.plain for b in page.body)]:
        assert not UNSAFE.search(value.replace("\n", "").replace("\t", ""))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_html_to_blocks_never_crashes_and_stays_clean(text: str) -> None:
    for block in html_to_blocks(text, "https://base.example/"):
        assert not UNSAFE.search(block.plain.replace("\n", "").replace("\t", ""))
        for run in block.runs:
            assert run.link is None or run.link.startswith(("http://", "https://", "mailto:"))


@settings(max_examples=200, deadline=None)
@given(texts)
def test_markdown_never_crashes(text: str) -> None:
    parse_markdown(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | texts.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_feed_parser_raises_only_source_errors(data: bytes) -> None:
    try:
        parse_feed(data, "fuzz")
    except SourceError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_decode_bytes_always_gives_text(data: bytes) -> None:
    text, encoding = decode_bytes(data)
    assert isinstance(text, str) and encoding
    assert "\r" not in text


@given(texts)
def test_clean_text_is_idempotent_and_safe(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert not UNSAFE.search(once.replace("\n", "").replace("\t", "").replace("\r", ""))


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_highlight_spans_are_in_bounds_and_ordered(text: str, query: str) -> None:
    spans = find_spans(text, needles_from_query(query))
    previous_end = 0
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start >= previous_end
        previous_end = end
