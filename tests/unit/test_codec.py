"""The stored body (text once + structure blob) gives back exactly the blocks it was given."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.models import Block, BlockKind, Run
from newsreader.storage.codec import body_text, decode_body, encode_structure
from newsreader.storage.columns import stored_summary, summary_from

text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=30)
runs = st.lists(
    st.builds(
        Run,
        text,
        st.booleans(),
        st.booleans(),
        st.booleans(),
        st.none() | st.just("https://x.example/a"),
    ),
    min_size=1,
    max_size=4,
)
blocks = st.one_of(
    st.builds(
        Block,
        st.sampled_from(
            [BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.QUOTE, BlockKind.LIST_ITEM]
        ),
        runs.map(tuple),
        level=st.integers(0, 3),
        ordinal=st.integers(-1, 9),
    ),
    st.builds(Block, st.just(BlockKind.CODE), text=text),
    st.builds(
        Block,
        st.just(BlockKind.IMAGE),
        text=st.just("") | text,
        src=st.none() | st.just("https://x.example/i.png"),
    ),
    st.builds(
        Block,
        st.just(BlockKind.TABLE),
        rows=st.lists(st.tuples(text, text), min_size=1, max_size=3).map(tuple),
        header=st.booleans(),
    ),
    st.just(Block(BlockKind.RULE)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(blocks, max_size=8).map(tuple))
def test_round_trip(body: tuple[Block, ...]) -> None:
    assert decode_body(body_text(body), encode_structure(body)) == body


def test_plain_paragraphs_need_no_structure() -> None:
    body = (Block(BlockKind.PARAGRAPH, (Run("One."),)), Block(BlockKind.PARAGRAPH, (Run("Two."),)))
    assert encode_structure(body) is None
    assert body_text(body) == "One.\n\nTwo."
    assert decode_body("One.\n\nTwo.", None) == body


def test_summary_that_opens_the_body_is_stored_as_a_length() -> None:
    body = "The first sentence. The second one."
    assert stored_summary("The first sentence.", body) == (None, -19)
    assert summary_from(body, -19) == "The first sentence."
    assert stored_summary("The first se…", body) == (None, 12)
    assert summary_from(body, 12) == "The first se…"
    assert stored_summary("Something else.", body) == ("Something else.", None)
    assert stored_summary(None, body) == (None, None)


def test_kept_html_reads_back_in_both_stored_forms() -> None:
    """Feed HTML is kept brotli-compressed now; libraries written before keep zlib blobs."""
    import zlib

    from newsreader.storage.codec import HTML_MARK, encode_html

    html = "<p>First <b>bold</b> café</p><ul><li>one</li></ul>"
    text = "First bold café\n\none"
    new = decode_body(text, encode_html(html))
    old = decode_body(text, HTML_MARK + zlib.compress(html.encode(), 1))
    assert new == old
    assert [b.kind for b in new] == [BlockKind.PARAGRAPH, BlockKind.LIST_ITEM]
    assert new[0].runs[1] == Run("bold", bold=True)
