"""Feed files of every supported kind, read from real files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.errors import SourceError, UnsupportedFormatError
from newsreader.models import BlockKind
from newsreader.sources.feeds import parse_feed
from newsreader.sources.local import read_file
from tests.servers import PEAK_RSS_KB

DATA = Path(__file__).parents[1] / "data"


def test_rss_091_in_latin1() -> None:
    articles = read_file(DATA / "rss091.xml")
    assert [a.title for a in articles] == ["Fête du village à Saint-Aubin", "Marché de Noël"]
    assert articles[0].url == "http://valley.example.org/fete"
    assert articles[0].paragraphs == ["La fête commence samedi à midi, place de l'église."]
    assert articles[0].language == "fr"
    assert articles[0].site == "Valley Notes"


def test_rss_10_rdf() -> None:
    [article] = read_file(DATA / "rss10.rdf")
    assert article.title == "Semantic feeds still exist"
    assert article.authors == ("Ada Byron",)
    assert article.published == "2024-02-01T09:00:00+01:00"


def test_rss_20_relative_links_resolved_and_unsafe_links_dropped() -> None:
    [article] = read_file(DATA / "rss20.xml")
    assert article.url == "https://rel.example.com/news/story-1"
    assert article.published == "2024-03-05T10:32:00-05:00"
    assert article.tags == ("Local",)
    links = [run.link for block in article.body for run in block.runs if run.link]
    assert links == ["https://rel.example.com/archive/"]  # resolved against the item link
    kinds = [b.kind for b in article.body]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.LIST_ITEM, BlockKind.IMAGE]
    image = article.body[-1]
    assert (image.text, image.src) == ("A chart", "https://rel.example.com/img/a.png")


def test_atom_prefers_content_and_keeps_summary_and_authors() -> None:
    [article] = read_file(DATA / "atom.xml")
    assert article.site == "Atom & Friends"
    assert article.authors == ("Kei Tanaka", "Mia Ross")
    assert article.summary == "Short summary."
    assert article.published == "2024-03-05T10:00:00+09:00"
    assert article.updated == "2024-03-06T08:00:00+09:00"
    assert [b.kind for b in article.body] == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.QUOTE,
    ]
    assert article.body[1].runs[1].bold


def test_json_feed_10_tolerates_odd_items() -> None:
    articles = read_file(DATA / "jsonfeed10.json")
    assert len(articles) == 2
    first, second = articles
    assert first.title == "Numeric id item"
    assert first.authors == ("Feed Author",)
    assert first.paragraphs == ["Plain text body.", "Second paragraph."]
    assert first.published == "2024-01-02T03:04:05-08:00"
    assert second.title == "An item without a title but with HTML."
    assert second.body[0].runs[1].italic


def test_json_feed_11_authors_tags_language_and_relative_url() -> None:
    [article] = read_file(DATA / "jsonfeed11.json")
    assert article.title == "网络安全周在多地举行"
    assert article.url == "https://dispatch.example.com/zh/item-1"
    assert article.authors == ("周明",)
    assert article.tags == ("科技",)
    assert article.language == "zh-CN"


def test_malformed_feed_keeps_its_entries_with_a_warning() -> None:
    parsed = parse_feed((DATA / "broken.xml").read_bytes(), "broken.xml")
    assert [a.title for a in parsed.articles][:1] == ["First item survives"]
    assert parsed.warning and "malformed" in parsed.warning


def test_xml_that_is_not_a_feed_is_a_clear_error() -> None:
    with pytest.raises(UnsupportedFormatError, match="not an RSS, Atom or JSON feed"):
        read_file(DATA / "notafeed.xml")


@pytest.mark.parametrize(
    "data",
    [b"{", b"[]", b'{"version": "https://example.org"}', b'{"version": 1}', b"null"],
)
def test_json_that_is_not_a_json_feed(data: bytes) -> None:
    with pytest.raises(SourceError):
        parse_feed(data, "x.json")


def test_hostile_feed_is_inert() -> None:
    [article] = read_file(DATA / "hostile.xml")
    assert article.title == "[@click=app.quit]Click me[/] red"
    assert article.url is None  # javascript: is never a link
    text = article.title + " ".join(article.paragraphs)
    assert "\x1b" not in text and "\u202e" not in text
    links = [run.link for block in article.body for run in block.runs if run.link]
    assert links == ["https://ok.example/x"]


def test_ids_are_stable_across_reads() -> None:
    first = [a.id for a in read_file(DATA / "rss20.xml")]
    again = [a.id for a in read_file(DATA / "rss20.xml")]
    assert first == again and len(first[0]) == 16


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["http://", "https://", "HTTP://", "http:/", "http://a", "", "/", "../"]),
    st.text(alphabet="ab/.:?#;[]%@-_~ \t\\é\x01", max_size=14),
    st.sampled_from(["http://b.example/x/y", "https://b.example/", None]),
)
def test_quick_absolute_links_are_what_urljoin_gives(
    start: str, rest: str, base: str | None
) -> None:
    """Item links skip urljoin when it would return them unchanged; nothing else changes."""
    from urllib.parse import urljoin

    from newsreader.sanitize import safe_url
    from newsreader.sources.feeditems import resolve_link

    url = start + rest
    if not url:
        want = None
    elif base:
        try:
            want = safe_url(urljoin(base, url.strip()), schemes=("http", "https"))
        except ValueError:
            want = None
    else:
        want = safe_url(url.strip(), schemes=("http", "https"))
    assert resolve_link(url, base) == want


ITEM_FLOOD = (
    PEAK_RSS_KB
    + """
import resource, sys
from newsreader.sources.feeds import parse_feed
kind = sys.argv[1]
if kind == "rss":
    head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    data = head + b"<item/>" * 2_000_000 + b"</channel></rss>"
else:
    head = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
    data = head + b"<entry><title>e</title></entry>" * 700_000 + b"</feed>"
parsed = parse_feed(data, "flood", max_items=2000, lazy=True)
peak = peak_rss_kb() // 1024
print(len(parsed.articles), parsed.warning, peak)
"""
)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_millions_of_items_parse_in_bounded_memory(kind: str) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", ITEM_FLOOD, kind], capture_output=True, text=True, check=True
    )
    count, *warning, peak = result.stdout.split()
    assert int(count) == 2000
    assert " ".join(warning) == "only the first 2000 items were kept"
    assert int(peak) < 300, f"peak RSS {peak} MB"


def test_the_items_past_the_limit_go_and_the_feed_stays_whole() -> None:
    items = "".join(f"<item><title>Item {n}</title><guid>{n}</guid></item>" for n in range(30))
    data = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"{items}<link>https://example.org/</link></channel></rss>"
    ).encode()
    parsed = parse_feed(data, "f", max_items=10)
    assert [a.title for a in parsed.articles] == [f"Item {n}" for n in range(10)]
    assert parsed.link == "https://example.org/"  # what follows the items is kept
    assert parsed.warning == "only the first 10 items were kept"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("99999999999999999999", None),  # feedparser: 1 Dec 9999
        ("1700000000", None),  # a Unix time; feedparser: 30 Nov 1699
        ("20240305", "2024-03-05T00:00:00Z"),  # a compact date is one
        ("Fri, 31 Dec 9999 23:59:59 GMT", "9999-12-31T23:59:59+00:00"),  # kept as written
    ],
)
def test_a_bare_number_is_a_date_only_when_it_spells_one(written: str, read: str | None) -> None:
    data = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>X</title><guid>x</guid><pubDate>{written}</pubDate></item>"
        "</channel></rss>"
    ).encode()
    [article] = parse_feed(data, "t.xml").articles
    assert article.published == read
