"""Refreshing feeds against a real HTTP server on 127.0.0.1 (no HTTP mocking)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsreader.config import load_config
from newsreader.core import Library
from newsreader.query import ArticleQuery
from newsreader.sources.http import Fetcher, Outcome
from newsreader.storage import Store
from newsreader.update.report import SourceResult, Status
from tests.servers import FeedServer, Reply, gzip_bomb, http_date, rss, running_server

ITEMS = [("a1", "Alpha one"), ("a2", "Alpha two")]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from running_server()


def library(tmp_path: Path, urls: list[str], section: str = "News") -> Library:
    config = tmp_path / "config.toml"
    feeds = ", ".join(f'"{u}"' for u in urls)
    config.write_text(f'[[section]]\nname = "{section}"\nfeeds = [{feeds}]\n', encoding="utf-8")
    return Library.open(load_config(config), tmp_path / "library.db")


def refresh(lib: Library, *, force: bool = False) -> dict[str, SourceResult]:
    report = lib.refresh_feeds(force=force)
    return {r.url: r for r in report.results}


def test_200_then_304_with_both_validators(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/feed.xml"] = Reply(
        body=rss("Alpha", ITEMS),
        etag='"v1"',
        last_modified="Tue, 05 Mar 2024 10:00:00 GMT",
        headers={"Content-Type": "application/rss+xml"},
    )
    url = server.url("/feed.xml")
    with library(tmp_path, [url]) as lib:
        first = refresh(lib)[url]
        assert (first.status, first.new) == (Status.NEW, 2)
        rows = lib.articles(ArticleQuery())
        assert {r.title for r in rows} == {"Alpha one", "Alpha two"}
        assert rows[0].url == server.url("/items/a2") or rows[0].url == server.url("/items/a1")
        second = refresh(lib)[url]
        assert second.status is Status.NOT_MODIFIED
        sent = server.request_headers["/feed.xml"]
        assert sent["if-none-match"] == '"v1"'
        assert sent["if-modified-since"] == "Tue, 05 Mar 2024 10:00:00 GMT"
        assert sent["user-agent"].startswith("newsreader/")
        assert "gzip" in sent["accept-encoding"]
        assert server.not_modified["/feed.xml"] == 1
        # --force ignores validators and fetches whole again.
        forced = refresh(lib, force=True)[url]
        assert forced.status is Status.UNCHANGED
        assert lib.count(ArticleQuery()) == 2


def test_refresh_never_touches_state_and_updates_in_place(
    server: FeedServer, tmp_path: Path
) -> None:
    server.routes["/feed.xml"] = Reply(body=rss("Alpha", ITEMS))
    url = server.url("/feed.xml")
    with library(tmp_path, [url]) as lib:
        refresh(lib)
        uid = lib.articles(ArticleQuery(text="title:one"))[0].uid
        lib.mark([uid], read=True, starred=True)
        server.routes["/feed.xml"] = Reply(
            body=rss("Alpha", [("a1", "Alpha one, corrected"), ("a3", "Alpha three")])
        )
        result = refresh(lib)[url]
        assert (result.new, result.updated) == (1, 1)
        [row] = lib.articles(ArticleQuery(uids=(uid,)))
        assert row.title == "Alpha one, corrected" and row.read and row.starred
        assert lib.count(ArticleQuery()) == 3  # a2 left the feed but stays stored


@pytest.mark.parametrize("code", [301, 308])
def test_permanent_redirect_updates_store_and_config(
    server: FeedServer, tmp_path: Path, code: int
) -> None:
    server.routes["/old"] = Reply(code, headers={"Location": "/new.xml"})
    server.routes["/new.xml"] = Reply(body=rss("Moved", ITEMS))
    old = server.url("/old")
    with library(tmp_path, [old]) as lib:
        result = refresh(lib)[old]
        assert result.status is Status.NEW and result.moved_to == server.url("/new.xml")
        config = load_config(tmp_path / "config.toml")
        assert config.sections[0].feeds[0].url == server.url("/new.xml")
        assert server.url("/new.xml") in Store(tmp_path / "library.db").feed_states()
        assert lib.count(ArticleQuery()) == 2


def test_temporary_redirect_keeps_the_url(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/temp"] = Reply(302, headers={"Location": server.url("/feed.xml")})
    server.routes["/feed.xml"] = Reply(body=rss("T", ITEMS))
    url = server.url("/temp")
    with library(tmp_path, [url]) as lib:
        result = refresh(lib)[url]
        assert result.status is Status.NEW and result.moved_to is None
        assert load_config(tmp_path / "config.toml").sections[0].feeds[0].url == url


async def test_redirect_loop_and_other_schemes(server: FeedServer) -> None:
    server.routes["/loop1"] = Reply(302, headers={"Location": "/loop2"})
    server.routes["/loop2"] = Reply(302, headers={"Location": "/loop1"})
    server.routes["/ftp"] = Reply(301, headers={"Location": "ftp://example.org/feed"})
    server.routes["/file"] = Reply(302, headers={"Location": "file:///etc/passwd"})
    async with Fetcher() as fetcher:
        loop = await fetcher.fetch(server.url("/loop1"))
        assert loop.outcome is Outcome.ERROR and loop.error == "redirect loop"
        for path in ("/ftp", "/file"):
            result = await fetcher.fetch(server.url(path))
            assert result.outcome is Outcome.ERROR
            assert result.error is not None and "non-web address" in result.error


def test_errors_404_410_429_500(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/gone"] = Reply(410)
    server.routes["/busy"] = Reply(429, headers={"Retry-After": "120"})
    server.routes["/error"] = Reply(500)
    urls = [server.url(p) for p in ("/missing", "/gone", "/busy", "/error")]
    with library(tmp_path, urls) as lib:
        results = refresh(lib)
        assert results[urls[0]].error == "HTTP 404 Not Found"
        assert results[urls[1]].status is Status.GONE
        assert results[urls[2]].error == "HTTP 429 Too Many Requests"
        assert results[urls[3]].error == "HTTP 500 Internal Server Error"
        # Next time: the gone feed is switched off, the busy one waits for Retry-After.
        again = refresh(lib)
        assert again[urls[1]].status is Status.SKIPPED
        assert again[urls[2]].status is Status.SKIPPED
        assert server.hits["/gone"] == 1 and server.hits["/busy"] == 1
        assert again[urls[3]].status is Status.ERROR
        errors = dict(lib.source_errors())
        assert errors[urls[0]] == "HTTP 404 Not Found"


def test_cache_control_and_ttl_are_honoured(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/maxage"] = Reply(
        body=rss("M", ITEMS), headers={"Cache-Control": "max-age=3600"}
    )
    server.routes["/expires"] = Reply(body=rss("E", ITEMS), headers={"Expires": http_date(3600)})
    server.routes["/ttl"] = Reply(body=rss("T", ITEMS, ttl=60))
    server.routes["/plain"] = Reply(body=rss("P", ITEMS))
    urls = [server.url(p) for p in ("/maxage", "/expires", "/ttl", "/plain")]
    with library(tmp_path, urls) as lib:
        refresh(lib)
        again = refresh(lib)
        assert [again[u].status for u in urls] == [
            Status.SKIPPED,
            Status.SKIPPED,
            Status.SKIPPED,
            Status.UNCHANGED,
        ]
        forced = refresh(lib, force=True)
        assert all(forced[u].status is Status.UNCHANGED for u in urls)


def test_per_feed_refresh_minutes(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/feed.xml"] = Reply(body=rss("F", ITEMS))
    url = server.url("/feed.xml")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[section]]\nname = "N"\nfeeds = [{{ url = "{url}", refresh_minutes = 90 }}]\n',
        encoding="utf-8",
    )
    with Library.open(load_config(config), tmp_path / "library.db") as lib:
        refresh(lib)
        assert refresh(lib)[url].status is Status.SKIPPED
        assert server.hits["/feed.xml"] == 1


async def test_slow_server_hits_the_time_cap(server: FeedServer) -> None:
    server.routes["/slow"] = Reply(body=rss("S", ITEMS), delay_until_released=True)
    async with Fetcher(total_timeout=0.5) as fetcher:
        result = await fetcher.fetch(server.url("/slow"))
    assert result.outcome is Outcome.ERROR
    assert result.error is not None and result.error.startswith("gave up after")


async def test_reset_truncated_and_bomb(server: FeedServer) -> None:
    server.routes["/reset"] = Reply(reset=True)
    server.routes["/truncated"] = Reply(body=rss("T", ITEMS), truncate_to=50)
    server.routes["/bomb"] = Reply(
        body=gzip_bomb(64 * 1024 * 1024), headers={"Content-Encoding": "gzip"}
    )
    async with Fetcher(max_body=2 * 1024 * 1024) as fetcher:
        reset = await fetcher.fetch(server.url("/reset"))
        truncated = await fetcher.fetch(server.url("/truncated"))
        bomb = await fetcher.fetch(server.url("/bomb"))
    assert reset.outcome is Outcome.ERROR and reset.error
    assert truncated.outcome is Outcome.ERROR
    assert truncated.error == "the server closed the connection mid-answer"
    assert bomb.outcome is Outcome.ERROR and bomb.error == "the answer is larger than 2 MB"


def test_wrong_charset_and_html_instead_of_feed(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/latin"] = Reply(
        body=rss("Café", [("c1", "Crème brûlée à Zürich")]),
        headers={"Content-Type": "application/rss+xml; charset=ISO-8859-1"},
    )
    server.routes["/page"] = Reply(
        body=b'<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" '
        b'href="/real-feed.xml"></head><body><p>A blog</p></body></html>',
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    urls = [server.url("/latin"), server.url("/page")]
    with library(tmp_path, urls) as lib:
        results = refresh(lib)
        assert [r.title for r in lib.articles(ArticleQuery())] == ["Crème brûlée à Zürich"]
        page = results[urls[1]]
        assert page.status is Status.ERROR
        assert page.error == (
            f"this is a web page, not a feed; its feed seems to be {server.url('/real-feed.xml')}"
        )


def test_lone_surrogate_escapes_in_a_json_feed_are_dropped_not_fatal(
    server: FeedServer, tmp_path: Path
) -> None:
    # JSON may escape half a surrogate pair ("\\ud800"); no UTF-8 can hold it, so SQLite
    # refused the whole feed. The character is dropped and the article stored.
    server.routes["/feed.json"] = Reply(
        body=b'{"version": "https://jsonfeed.org/version/1.1", "title": "J\\ud800son",'
        b' "items": [{"id": "x\\udc00", "title": "Half\\ud800 a pair",'
        b' "content_html": "<p>body \\udfff text</p>", "authors": [{"name": "A\\ud801"}]}]}',
        headers={"Content-Type": "application/feed+json"},
    )
    url = server.url("/feed.json")
    with library(tmp_path, [url]) as lib:
        result = refresh(lib)[url]
        assert result.status is Status.NEW, result.error
        [row] = lib.articles(ArticleQuery())
        assert row.title == "Half a pair"
        article = lib.article(row.uid)
        assert article is not None
        assert article.authors == ("A",)
        assert [b.plain for b in article.body] == ["body text"]


def test_a_feed_sqlite_refuses_fails_alone_and_the_run_goes_on(
    server: FeedServer, tmp_path: Path
) -> None:
    # A real refusal by SQLite, for one feed's values only (not the whole library):
    # that feed is an error, the others are saved in the same run.
    for name in ("a", "b", "c"):
        title = "poison" if name == "b" else f"Fine {name}"
        server.routes[f"/{name}.xml"] = Reply(body=rss(f"Feed {name}", [(name, title)]))
    urls = [server.url(f"/{name}.xml") for name in ("a", "b", "c")]
    with library(tmp_path, urls) as lib:
        Store(tmp_path / "library.db").conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.title = 'poison' "
            "BEGIN SELECT RAISE(ABORT, 'refused by the library'); END"
        )
        results = refresh(lib)
        statuses = {u: r.status for u, r in results.items()}
        assert statuses == {urls[0]: Status.NEW, urls[1]: Status.ERROR, urls[2]: Status.NEW}
        assert "refused by the library" in (results[urls[1]].error or "")
        assert sorted(r.title for r in lib.articles(ArticleQuery())) == ["Fine a", "Fine c"]
        [(key, error)] = lib.source_errors()
        assert key == urls[1] and "refused by the library" in error


def test_half_the_feeds_fail_the_rest_succeed_and_nothing_is_lost(
    server: FeedServer, tmp_path: Path
) -> None:
    good = [f"/good{i}.xml" for i in range(5)]
    bad = ["/bad404", "/bad500", "/badreset", "/badtrunc", "/badhtml"]
    for i, path in enumerate(good + bad):
        server.routes[path] = Reply(body=rss(f"Feed {i}", [(f"g{i}", f"Item of feed {i}")]))
    urls = [server.url(p) for p in good + bad]
    with library(tmp_path, urls) as lib:
        refresh(lib)
        assert lib.count(ArticleQuery()) == 10
        server.routes["/bad404"] = Reply(404)
        server.routes["/bad500"] = Reply(500)
        server.routes["/badreset"] = Reply(reset=True)
        server.routes["/badtrunc"] = Reply(body=rss("X", ITEMS), truncate_to=30)
        server.routes["/badhtml"] = Reply(body=b"<html><body>maintenance</body></html>")
        for i, path in enumerate(good):
            server.routes[path] = Reply(
                body=rss(f"Feed {i}", [(f"g{i}", f"Item of feed {i}"), (f"n{i}", f"New {i}")])
            )
        results = refresh(lib, force=True)
        assert sum(r.new for r in results.values()) == 5
        failed = [u for u, r in results.items() if r.status is Status.ERROR]
        assert sorted(failed) == sorted(server.url(p) for p in bad)
        assert lib.count(ArticleQuery()) == 15  # the failed feeds' articles are all still there
        assert len(lib.source_errors()) == 5


def test_cli_refresh_json_and_summary(
    server: FeedServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from newsreader.cli import main

    server.routes["/ok.xml"] = Reply(body=rss("Okay", ITEMS))
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[section]]\nname = "N"\nfeeds = ["{server.url("/ok.xml")}", "{server.url("/nope")}"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))
    assert main(["refresh", "--json"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_source = {o["source"]: o for o in out if "status" in o}
    assert by_source[server.url("/ok.xml")]["status"] == "new"
    assert by_source[server.url("/ok.xml")]["new"] == 2
    assert by_source[server.url("/nope")]["error"] == "HTTP 404 Not Found"
    assert main(["refresh"]) == 0  # a run with failures still completed
    captured = capsys.readouterr()
    # No local paths in this config: the summary is about feeds only.
    assert captured.out.splitlines()[-1] == "2 feeds: 0 new, 0 updated articles, 1 failed"
    assert f"newsreader: {server.url('/nope')}: HTTP 404 Not Found" in captured.err


def test_new_watch_matches_are_reported_and_notify_without_a_shell(
    server: FeedServer, tmp_path: Path
) -> None:
    import json
    import sys

    record = tmp_path / "notified.json"
    script = tmp_path / "notify.py"
    script.write_text(
        "import json, os, sys\n"
        f"open({str(record)!r}, 'a').write(json.dumps([sys.argv[1:], "
        "os.environ['NEWSREADER_TITLE'], os.environ['NEWSREADER_COUNT']]) + '\\n')\n",
        encoding="utf-8",
    )
    hostile = "Cyber; rm -rf / $(touch pwned) `id`"
    server.routes["/feed.xml"] = Reply(body=rss("F", [("h2", "Gardening")]))
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[section]]\nname = "N"\nfeeds = ["{server.url("/feed.xml")}"]\n'
        f'[[watch]]\nname = "Cyber"\nquery = "cyber*"\n'
        f"notify_command = [{json.dumps(sys.executable)}, {json.dumps(str(script))}]\n",
        encoding="utf-8",
    )
    with Library.open(load_config(config), tmp_path / "library.db") as lib:
        first = lib.refresh()
        assert first.watch_news == []  # filling an empty library is not news
        server.routes["/feed.xml"] = Reply(body=rss("F", [("h1", hostile), ("h2", "Gardening")]))
        report = lib.refresh(force=True)
        [news] = report.watch_news
        assert (news.watch, news.count, news.title) == ("Cyber", 1, hostile)
        assert news.message() == f"Cyber: {hostile}"
        assert news.notify_error is None
        [call] = [json.loads(line) for line in record.read_text().splitlines()]
        assert call[0][:3] == ["--", "Cyber", hostile] and call[1] == hostile and call[2] == "1"
        assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
        again = lib.refresh(force=True)
        assert again.watch_news == []  # nothing new since


def test_a_parser_worker_that_dies_fails_only_its_feed(
    server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsreader.update.parsing
    from tests.servers import crashing_parse

    monkeypatch.setattr(newsreader.update.parsing, "parse_job", crashing_parse)
    paths = [f"/ok{i}.xml" for i in range(7)]
    for i, path in enumerate(paths):
        server.routes[path] = Reply(body=rss(f"Feed {i}", [(f"k{i}", f"Kept {i}")]))
    server.routes["/crash.xml"] = Reply(body=rss("CRASH-THE-PARSER", ITEMS))
    with library(tmp_path, [server.url(p) for p in ["/crash.xml", *paths]]) as lib:
        results = refresh(lib)
        crashed = results[server.url("/crash.xml")]
        assert crashed.status is Status.ERROR
        assert "parser stopped" in (crashed.error or "")
        assert all(results[server.url(p)].status is Status.NEW for p in paths)
        assert lib.count(ArticleQuery()) == 7


async def test_per_host_limit_is_kept_and_used(server: FeedServer) -> None:
    """per_host = 2 with room for 16: two requests to one server at a time, never more.

    Each fetch opens a connection only when it gets a slot and no idle one is left, so
    the number of connections the server sees is how many were in flight at most.
    """
    import asyncio
    import threading

    state = {"now": 0, "done": 0}
    ports: set[int] = set()
    cond = threading.Condition()

    def held(handler: Any) -> Reply:
        with cond:
            ports.add(handler.client_address[1])
            state["now"] += 1
            cond.notify_all()
            # Hold each request until a second one is in flight (or none is left to come).
            cond.wait_for(lambda: state["now"] >= 2 or state["done"] + state["now"] >= 6, 10)
            state["now"] -= 1
            state["done"] += 1
        return Reply(body=b"<rss/>")

    server.routes["/held.xml"] = held
    async with Fetcher(concurrency=16, per_host=2) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(server.url("/held.xml")) for _ in range(6)))
    assert [r.outcome for r in results] == [Outcome.OK] * 6
    assert len(ports) == 2


def test_summary_counts_feeds_in_words() -> None:
    from newsreader.update.report import RefreshReport, SourceResult

    one = RefreshReport(results=[SourceResult("http://a/", "S", Status.NOT_MODIFIED)])
    assert one.summary() == "1 feed: 0 new, 0 updated articles, 1 not modified"
    two = RefreshReport(results=[*one.results, SourceResult("http://b/", "S", Status.NEW, new=3)])
    assert two.summary() == "2 feeds: 3 new, 0 updated articles, 1 not modified"


async def test_an_http2_host_gets_the_global_limit_not_the_per_host_one() -> None:
    """Over HTTP/2 requests are streams on one connection: per_host (meant for HTTP/1.1
    connections) gives way to the global limit once the host is known to speak it."""
    import asyncio

    from tests.servers import client_tls, running_h2_server

    for server in running_h2_server(hold_until=8):
        server.routes["/first"] = rss("First", [("f", "First")])
        for i in range(10):
            server.routes[f"/f{i}.xml"] = rss(f"Feed {i}", [(f"i{i}", f"Story {i}")])
        async with Fetcher(concurrency=16, per_host=2, verify=client_tls()) as fetcher:
            first = await fetcher.fetch(server.url("/first"))
            assert first.outcome is Outcome.OK and b"First" in (first.body or b"")
            results = await asyncio.gather(
                *(fetcher.fetch(server.url(f"/f{i}.xml")) for i in range(10))
            )
        assert [r.outcome for r in results] == [Outcome.OK] * 10
        assert server.max_in_flight >= 8  # not 2: the answers were held until 8 were in
        assert server.connections == 1
