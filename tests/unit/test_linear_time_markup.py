"""Markup that once made a tag pattern backtrack for minutes now reads in linear time.

Each case took from seconds to many minutes before its fix. The hang guard is
pytest-timeout (SIGALRM; Python's regex engine checks for signals while it matches), so
a regression fails the test instead of stalling the run; the guard is generous, since
the fixed code takes well under a second on each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.extraction import structure
from newsreader.sources.feeds import _web_page_reason, parse_feed
from newsreader.sources.local import read_file

GUARD = 20  # seconds


def _feed_with_description(description: str) -> bytes:
    return (
        "<rss version='2.0'><channel><title>t</title><item><title>x</title>"
        f"<description>{description}</description></item></channel></rss>"
    ).encode()


@pytest.mark.timeout(GUARD)
@pytest.mark.parametrize("lazy", [False, True])
def test_feed_description_of_escaped_image_tag_fragments(lazy: bool) -> None:
    """`&lt;img ` x 100,000 (an unclosed tag, repeated) took about ten minutes."""
    data = _feed_with_description("&lt;p&gt;Hello " + "&lt;img " * 100_000)
    [article] = parse_feed(data, "f", lazy=lazy).articles
    assert article.title == "x"
    assert (article.summary or "").startswith("Hello")


@pytest.mark.timeout(GUARD)
@pytest.mark.parametrize(
    "html",
    [
        "<img " * 100_000,
        "<img " * 100_000 + ">",  # one ">" at the end: every "<img" scanned up to it
        "<p " * 100_000,
        "<td " * 100_000,
        "<script>" * 50_000,
        "<!--" * 50_000,
        '<img alt="' * 50_000,
    ],
    ids=["img", "img-then-gt", "p", "td", "script", "comment", "alt"],
)
def test_html_to_text_of_unclosed_tags(html: str) -> None:
    text = structure.html_to_text("<p>start</p>" + html)
    assert text.startswith("start")


@pytest.mark.timeout(GUARD)
def test_html_to_text_keeps_what_the_tag_patterns_did() -> None:
    """The linear rewrites give the old regexes' results (tags with ">" in quotes too)."""
    html = (
        '<script>x</script><style>y</STYLE ><!-- c --><p>a<img src=x alt="a > b"></p>'
        "<table><tr><td>1</td><td>2</td></tr></table><img alt='q'><script>never closed"
    )
    assert structure.html_to_text(html) == "a\n\na > b\n\n1 | 2\n\nq\n\nnever closed"


@pytest.mark.timeout(GUARD)
@pytest.mark.parametrize("fragment", ["<a ", "<div "])
def test_html_file_of_unclosed_tag_fragments(tmp_path: Path, fragment: str) -> None:
    """`<a ` x 60,000 in an `.html` file: the nesting defuser alone took about a minute."""
    path = tmp_path / "page.html"
    path.write_text("<p>Hello</p>" + fragment * 60_000, encoding="utf-8")
    [article] = read_file(path)
    assert article.title
    assert structure.defuse_nesting(fragment * 60_000) == fragment * 60_000


@pytest.mark.timeout(GUARD)
def test_nesting_defuser_still_flattens_deep_pages() -> None:
    deep = "<div>" * 1000 + "deep" + "</div>" * 1000 + "<a " * 10_000
    flat = structure.defuse_nesting(deep)
    assert "<div>" not in flat and "deep" in flat


@pytest.mark.timeout(GUARD)
def test_many_text_nodes_separated_by_comments() -> None:
    """Spaces split by 200,000 comments: merging them and trimming took almost a minute."""
    [block] = structure.html_to_blocks("<p>a" + " <!---->" * 200_000 + "b</p>")
    assert block.plain.split() == ["a", "b"]


@pytest.mark.timeout(GUARD)
def test_web_page_given_as_a_feed_with_many_link_fragments() -> None:
    """`<link ` x 30,000 in a page offered as a feed: the feed-link search took a minute."""
    for page in (b"<link ", b'<link type="application/rss+xml" '):
        assert _web_page_reason(b"<html>" + page * 30_000, None) == (
            "this is a web page, not a feed"
        )
    page = b'<html><link <link rel=alternate type="application/rss+xml" href="/f.xml">'
    assert _web_page_reason(page, "https://x.example/").endswith("https://x.example/f.xml")
