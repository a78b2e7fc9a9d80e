"""The fast reader for plain RSS 2.0 / Atom 1.0 gives exactly feedparser's articles."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsreader.sources.feeds as feeds
from newsreader.errors import SourceError
from newsreader.sources.plainfeeds import parse_plain

ROOT = Path(__file__).parents[2]


def articles(data: bytes, plain: bool) -> list[tuple[object, ...]] | str:
    feeds.PLAIN_PATH = plain
    try:
        parsed = feeds.parse_feed(data, "f", base_url="https://base.example/feed")
    except SourceError as exc:
        return exc.reason
    finally:
        feeds.PLAIN_PATH = True
    return [
        (
            a.id,
            a.title,
            a.url,
            a.authors,
            a.published,
            a.updated,
            a.summary,
            a.paragraphs,
            a.tags,
            a.site,
            a.language,
            a.source,
        )
        for a in parsed.articles
    ] + [(parsed.title, parsed.link, parsed.ttl_minutes)]


def compare(files: list[Path]) -> tuple[int, list[str]]:
    used = 0
    differ = []
    for path in files:
        data = path.read_bytes()
        if parse_plain(data) is None:
            continue
        used += 1
        if articles(data, True) != articles(data, False):
            differ.append(str(path))
    return used, differ


def test_samples_take_the_fast_path_and_agree() -> None:
    files = [
        ROOT / "sample_feeds/world/harbour-gazette.xml",
        ROOT / "sample_feeds/tech/circuit-notes.atom",
        ROOT / "tests/data/rss20.xml",
        ROOT / "tests/data/atom.xml",
    ]
    used, differ = compare(files)
    assert used == 4 and differ == []


def test_declines_what_it_might_read_differently() -> None:
    for data in [
        b'<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel/></rss>',
        b'<!DOCTYPE rss [<!ENTITY x "y">]><rss version="2.0"><channel><item/></channel></rss>',
        b'<rss version="0.91"><channel><item><title>x</title></item></channel></rss>',
        b'<rss version="2.0"><channel><item><title>x</title><dc:date xmlns:dc="http://purl.org/'
        b'dc/elements/1.1/">2024</dc:date></item></channel></rss>',
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="xhtml"><div/></title>'
        b"</entry></feed>",
        b'<rss version="2.0"><channel><item><title>unclosed</channel></rss>',
        # Not UTF-8 (a Latin-1 byte, an encoded surrogate), and a C1 control in UTF-8.
        b'<rss version="2.0"><channel><item><title>caf\xe9</title></item></channel></rss>',
        b'<rss version="2.0"><channel><item><title>\xed\xa0\x80</title></item></channel></rss>',
        b'<rss version="2.0"><channel><item><title>\xc2\x93q</title></item></channel></rss>',
    ]:
        assert parse_plain(data) is None


@pytest.mark.corpus
def test_agrees_with_feedparser_over_the_corpus(corpus: Path) -> None:
    files = [
        p
        for p in sorted(corpus.rglob("*"))
        if p.is_file() and p.suffix in (".xml", ".rss", ".atom", ".rdf")
    ]
    used, differ = compare(files)
    assert used >= 100, used
    assert differ == [], f"{len(differ)} of {used} differ: {differ[:10]}"


@pytest.mark.corpus
def test_agrees_on_the_benchmark_feeds(corpus: Path, tmp_path: Path) -> None:
    """The feeds the refresh benchmark serves (accents, CJK, emoji, enclosures)."""
    import subprocess
    import sys

    generator = corpus.parent / "bench" / "genfeeds.py"
    if not generator.exists():
        pytest.skip("no shared bench generator")
    subprocess.run(
        [sys.executable, str(generator), "--out", str(tmp_path), "--count", "40", "--seed", "1"],
        check=True,
        capture_output=True,
    )
    files = sorted(p for p in tmp_path.iterdir() if p.suffix in (".rss", ".atom"))
    used, differ = compare(files)
    assert used == len(files) == 40  # every one of them takes the fast path
    assert differ == []
