"""One bad value in a feed is that article's problem, never the feed's or the library's.

Real feeds over a real loopback server, a real SQLite library, the real CLI.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.config import load_config
from newsreader.core import Library
from newsreader.query import ArticleQuery
from newsreader.update.report import Status
from tests.servers import FeedServer, Reply, running_server

FAR = "Fri, 31 Dec 9999 23:00:00 -0100"
FAR_ISO = "9999-12-31T23:00:00-01:00"


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from running_server()


def _rss(date: str, extra: str = "") -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>R</title>'
        f"{extra}"
        f"<item><title>Far off</title><guid>far</guid><pubDate>{date}</pubDate></item>"
        "<item><title>Plain one</title><guid>plain</guid>"
        "<pubDate>Tue, 05 Mar 2024 10:32:00 GMT</pubDate></item></channel></rss>"
    ).encode()


def _atom(date: str) -> bytes:
    return (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
        "<id>urn:a</id><updated>2024-03-05T10:32:00Z</updated>"
        f"<entry><title>Far off</title><id>urn:far</id><updated>{date}</updated></entry>"
        "<entry><title>Plain one</title><id>urn:plain</id>"
        "<updated>2024-03-05T10:32:00Z</updated></entry></feed>"
    ).encode()


def _json(date: str) -> bytes:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "J",
            "items": [
                {"id": "far", "title": "Far off", "content_text": "x", "date_published": date},
                {
                    "id": "plain",
                    "title": "Plain one",
                    "content_text": "y",
                    "date_published": "2024-03-05T10:32:00Z",
                },
            ],
        }
    ).encode()


def _library(tmp_path: Path, urls: list[str]) -> Path:
    config = tmp_path / "config.toml"
    feeds = ", ".join(f'"{u}"' for u in urls)
    config.write_text(f'[[section]]\nname = "News"\nfeeds = [{feeds}]\n', encoding="utf-8")
    return config


def test_year_9999_west_of_utc_keeps_the_feed_and_every_view_works(
    server: FeedServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server.routes["/r.xml"] = Reply(body=_rss(FAR))
    server.routes["/a.xml"] = Reply(body=_atom(FAR_ISO))
    server.routes["/j.json"] = Reply(body=_json(FAR_ISO))
    urls = [server.url(p) for p in ("/r.xml", "/a.xml", "/j.json")]
    config = _library(tmp_path, urls)
    with Library.open(load_config(config), tmp_path / "library.db") as lib:
        report = lib.refresh_feeds()
        assert {r.url: r.status for r in report.results} == dict.fromkeys(urls, Status.NEW)
        rows = lib.articles(ArticleQuery())
        assert sorted(r.title for r in rows) == ["Far off"] * 3 + ["Plain one"] * 3
        # Far in the future is not believed: it sorts by when it was fetched (first here).
        assert rows[0].title == "Far off"
        assert lib.search("far")
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))
    monkeypatch.setenv("NEWSREADER_DATA", str(tmp_path))
    for argv in (["list"], ["list", "--json"], ["search", "far"], []):
        assert main(argv) == 0, argv
    out = capsys.readouterr().out
    assert "Far off" in out


@pytest.mark.parametrize("ttl", ["²", "9" * 5000, "-5", "1e9", "٣"])
def test_a_bad_ttl_is_ignored_not_the_feed_lost(
    server: FeedServer, tmp_path: Path, ttl: str
) -> None:
    server.routes["/r.xml"] = Reply(body=_rss(FAR, extra=f"<ttl>{ttl}</ttl>"))
    config = _library(tmp_path, [server.url("/r.xml")])
    with Library.open(load_config(config), tmp_path / "library.db") as lib:
        [result] = lib.refresh_feeds().results
        assert result.status is Status.NEW, result.error
        assert lib.count(ArticleQuery()) == 2


def test_a_watch_finds_a_word_split_by_invisible_characters(
    server: FeedServer, tmp_path: Path
) -> None:
    server.routes["/r.xml"] = Reply(
        body=(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>R</title>'
            "<item><title>bit\u200bcoin rallies</title><guid>1</guid></item>"
            "<item><title>\u200ebit\u200fcoin\u061c falls</title><guid>2</guid></item>"
            "<item><title>bit\u00adcoin\u2063 soars</title><guid>3</guid></item>"
            "<item><title>bit\U000e0062coin\u3164 dips</title><guid>4</guid></item>"
            "</channel></rss>"
        ).encode()
    )
    config = _library(tmp_path, [server.url("/r.xml")])
    with Library.open(load_config(config), tmp_path / "library.db") as lib:
        lib.refresh_feeds()
        found = lib.articles(ArticleQuery(text="bitcoin"))
        assert sorted(r.title for r in found) == [
            "bitcoin dips",
            "bitcoin falls",
            "bitcoin rallies",
            "bitcoin soars",
        ]


@pytest.mark.parametrize(
    "charset", ["undefined", "punycode", "idna", "unicode_escape", "utf-7", "base64", "rot13"]
)
def test_a_charset_that_is_no_character_set_is_ignored(
    server: FeedServer, tmp_path: Path, charset: str
) -> None:
    body = _rss(FAR).replace(b"Plain one", "Plain café \\x1b".encode())
    server.routes["/r.xml"] = Reply(
        body=body, headers={"Content-Type": f"application/rss+xml; charset={charset}"}
    )
    config = _library(tmp_path, [server.url("/r.xml")])
    with Library.open(load_config(config), tmp_path / "library.db") as lib:
        [result] = lib.refresh_feeds().results
        assert result.status is Status.NEW, result.error
        titles = sorted(r.title for r in lib.articles(ArticleQuery()))
        assert titles == ["Far off", "Plain café \\x1b"]  # as written; nothing decoded


@pytest.mark.parametrize("charset", ["undefined", "punycode", "unicode_escape"])
def test_local_files_declaring_no_character_set_still_read(tmp_path: Path, charset: str) -> None:
    from newsreader.sources.local import read_file

    page = tmp_path / "page.html"
    page.write_bytes(
        f'<html><head><meta charset="{charset}"><title>Caf\u00e9 news</title></head>'
        "<body><article><h1>Caf\u00e9 news</h1><p>A paragraph about caf\u00e9s and "
        "the people who keep them open late.</p></article></body></html>".encode()
    )
    feed = tmp_path / "feed.xml"
    feed.write_bytes(
        f'<?xml version="1.0" encoding="{charset}"?><rss version="2.0"><channel>'
        "<title>F</title><item><title>Caf\u00e9</title><guid>1</guid></item>"
        "</channel></rss>".encode()
    )
    [article] = read_file(page)
    assert "Caf\u00e9" in article.title
    [item] = read_file(feed)
    assert item.title == "Caf\u00e9"
