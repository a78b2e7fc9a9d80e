"""The shared fetcher against hostile servers: real servers on 127.0.0.1, no HTTP mocking.

Whatever a server sends, `Fetcher.fetch` answers with a FetchResult whose strings hold no
terminal controls, reads at most `max_body` bytes of any layer of a compressed body, keeps
only validators it can send back, and counts only time spent on the wire toward its cap.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import json
import re
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

import newsreader.sources.decoding as decoding
import newsreader.sources.http as http
from newsreader.config import load_config
from newsreader.core import Library
from newsreader.sources.http import Fetcher, FetchResult, Outcome
from newsreader.update.report import SourceResult, Status
from newsreader.urls import MAX_URL_LENGTH, normalize_feed_url
from tests.servers import (
    PEAK_RSS_KB,
    FeedServer,
    Reply,
    brotli_of_zeros,
    gzip_of_zeros,
    rss,
    running_server,
)

ITEMS = [("a1", "Alpha one"), ("a2", "Alpha two")]
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
GIB = 1 << 30


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from running_server()


def as_sent(text: str) -> str:
    """`text` as the latin-1 string whose bytes are its UTF-8: what a server puts on the
    wire when it writes UTF-8 into a header (http.server encodes headers as latin-1)."""
    return text.encode().decode("latin-1")


def assert_inert(result: FetchResult) -> None:
    """No control character in any string of the result that came from the server."""
    strings = [result.error, result.content_type, result.etag, result.last_modified]
    strings += [result.final_url, result.permanent_redirect, result.not_before]
    strings += [*result.headers, *result.headers.values()]
    for text in strings:
        assert text is None or not CONTROLS.search(text), repr(text)


async def fetch(url: str, **kwargs: str) -> FetchResult:
    async with Fetcher() as fetcher:
        return await fetcher.fetch(url, **kwargs)


# 1. Escapes from the server never reach the terminal.

OSC_52 = "\x1b]52;c;ZXZpbA==\x07 \x1b[2J"  # write the clipboard, then clear the screen


async def test_escapes_in_a_reason_phrase_do_not_reach_the_error(server: FeedServer) -> None:
    server.routes["/osc"] = Reply(500, reason=OSC_52)
    server.routes["/csi"] = Reply(503, reason="Busy \x1b[31mred\x1b[0m\x07 now")
    osc = await fetch(server.url("/osc"))
    csi = await fetch(server.url("/csi"))
    assert (osc.outcome, osc.error) == (Outcome.ERROR, "HTTP 500")
    assert (csi.outcome, csi.error) == (Outcome.ERROR, "HTTP 503 Busy red now")
    assert_inert(osc)
    assert_inert(csi)


async def test_escapes_in_headers_and_redirect_targets_are_removed(server: FeedServer) -> None:
    server.routes["/feed.xml"] = Reply(
        body=rss("F", ITEMS),
        headers={
            "Content-Type": "application/rss+xml\x1b[2J; charset=\x9b31mutf-8",
            "X-Note": OSC_52,
        },
    )
    server.routes["/ftp"] = Reply(302, headers={"Location": "ftp://evil.example/" + OSC_52})
    server.routes["/odd"] = Reply(301, headers={"Location": "/x\x1b[2J\x9b1m"})
    feed = await fetch(server.url("/feed.xml"))
    assert feed.outcome is Outcome.OK
    assert feed.content_type == "application/rss+xml; charset=utf-8"
    assert feed.headers["x-note"] == ""
    ftp = await fetch(server.url("/ftp"))
    assert ftp.error == "redirected to a non-web address: ftp://evil.example/"
    odd = await fetch(server.url("/odd"))
    assert odd.error == "redirected to an invalid web address: /x"
    for result in (feed, ftp, odd):
        assert_inert(result)


# 2. The body cap bounds memory, whatever the compression.

CHILD = (
    PEAK_RSS_KB
    + """
import asyncio, json, resource, sys

# A safety net for the machine, not the measure: a fetcher that decompresses everything
# fails here (MemoryError) instead of taking gigabytes from everyone else.
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

import newsreader.sources.decoding as decoding
import newsreader.sources.http as http

if sys.argv[2] == "old-brotli":
    decoding.BROTLI_BOUNDED = False  # as with brotli < 1.2, which has no output limit


async def main():
    async with http.Fetcher() as fetcher:
        result = await fetcher.fetch(sys.argv[1])
    peak = peak_rss_kb() * 1024
    print(json.dumps({"error": result.error, "peak": peak}))


asyncio.run(main())
"""
)


@functools.cache
def bomb(kind: str) -> tuple[bytes, str]:
    """(body, Content-Encoding): each inflates to gigabytes of zeros."""
    if kind == "br 1 GB":
        return brotli_of_zeros(GIB), "br"
    if kind == "gzip, gzip 1 GB":
        return gzip.compress(gzip_of_zeros(GIB), 9), "gzip, gzip"
    inner = gzip.compress(gzip.compress(gzip_of_zeros(8 * GIB), 9), 9)
    return inner, "gzip, gzip, gzip"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "brotli"),
    [
        ("br 1 GB", "new-brotli"),
        ("br 1 GB", "old-brotli"),
        ("gzip, gzip 1 GB", "new-brotli"),
        ("gzip, gzip, gzip 8 GB", "new-brotli"),
    ],
)
def test_compression_bombs_stop_at_the_cap_in_bounded_memory(
    server: FeedServer, kind: str, brotli: str
) -> None:
    body, encoding = bomb(kind)
    assert len(body) < 20_000
    server.routes["/bomb"] = Reply(body=body, headers={"Content-Encoding": encoding})
    child = subprocess.run(
        [sys.executable, "-c", CHILD, server.url("/bomb"), brotli],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    report = json.loads(child.stdout)
    print(f"{kind} ({brotli}): peak RSS {report['peak'] / 2**20:.0f} MB")
    assert report["error"] == "the answer is larger than 20 MB"
    assert report["peak"] < 300 * 2**20, f"peak RSS {report['peak'] / 2**20:.0f} MB"


def compress(data: bytes, encoding: str) -> bytes:
    """`data` as a server sends it with this Content-Encoding (applied left to right)."""
    import brotli

    for name in (n.strip() for n in encoding.split(",")):
        if name in ("gzip", "x-gzip"):
            data = gzip.compress(data)
        elif name == "deflate":
            data = zlib.compress(data)
        elif name == "raw-deflate":
            deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
            data = deflate.compress(data) + deflate.flush()
        elif name == "br":
            data = brotli.compress(data, quality=5)
    return data


BIG_FEED = rss("Big", [(f"g{i}", f"Item number {i} of many") for i in range(16_000)])


ENCODINGS = ["gzip", "x-gzip", "deflate", "raw-deflate", "br", "gzip, br", "br, gzip, deflate"]
ENCODINGS += ["identity", "gzip, identity", "GZip , BR"]


async def test_compressed_feeds_still_decode(server: FeedServer) -> None:
    assert len(BIG_FEED) > 3 * decoding.STEP  # several bounded steps per layer
    for i, encoding in enumerate(ENCODINGS):
        sent = "deflate" if encoding == "raw-deflate" else encoding
        server.routes[f"/feed{i}"] = Reply(
            body=compress(BIG_FEED, encoding.lower()), headers={"Content-Encoding": sent}
        )
    async with Fetcher() as fetcher:
        for i, encoding in enumerate(ENCODINGS):
            result = await fetcher.fetch(server.url(f"/feed{i}"))
            assert result.outcome is Outcome.OK, (encoding, result.error)
            assert result.body == BIG_FEED, encoding


async def test_big_bodies_under_the_cap_are_read_whole(server: FeedServer) -> None:
    """8 MB of zeros in a few KB: many full steps per network chunk, all of them kept."""
    zeros = bytes(8 << 20)
    server.routes["/gzip"] = Reply(
        body=gzip_of_zeros(8 << 20), headers={"Content-Encoding": "gzip"}
    )
    server.routes["/br"] = Reply(body=brotli_of_zeros(8 << 20), headers={"Content-Encoding": "br"})
    server.routes["/deflate"] = Reply(
        body=zlib.compress(zeros), headers={"Content-Encoding": "deflate"}
    )
    async with Fetcher(max_body=9 << 20) as fetcher:
        for path in ("/gzip", "/br", "/deflate"):
            result = await fetcher.fetch(server.url(path))
            assert result.outcome is Outcome.OK, (path, result.error)
            assert len(result.body) == len(zeros) and result.body == zeros, path


async def test_brotli_without_an_output_limit_is_read_in_small_steps(
    server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(decoding, "BROTLI_BOUNDED", False)  # brotli < 1.2
    server.routes["/feed"] = Reply(
        body=compress(BIG_FEED, "br"), headers={"Content-Encoding": "br"}
    )
    server.routes["/bomb"] = Reply(
        body=brotli_of_zeros(64 << 20), headers={"Content-Encoding": "br"}
    )
    async with Fetcher(max_body=2 << 20) as fetcher:
        bomb = await fetcher.fetch(server.url("/bomb"))
    async with Fetcher() as fetcher:
        feed = await fetcher.fetch(server.url("/feed"))
    assert bomb.error == "the answer is larger than 2 MB"
    assert feed.outcome is Outcome.OK and feed.body == BIG_FEED
    # Not asked for, since every byte costs a step; a server that sends it anyway is read.
    assert "br" not in server.request_headers["/feed"]["accept-encoding"]


async def test_unknown_broken_and_piled_up_encodings_are_clear_errors(
    server: FeedServer,
) -> None:
    body = rss("F", ITEMS)
    server.routes["/zstd"] = Reply(body=body, headers={"Content-Encoding": "zstd"})
    server.routes["/odd"] = Reply(body=body, headers={"Content-Encoding": "gzip, x-\x1b[2Jodd"})
    server.routes["/broken"] = Reply(body=b"not gzip at all", headers={"Content-Encoding": "gzip"})
    server.routes["/piled"] = Reply(
        body=compress(body, "gzip, " * 5), headers={"Content-Encoding": "gzip, " * 5}
    )
    zstd = await fetch(server.url("/zstd"))
    odd = await fetch(server.url("/odd"))
    broken = await fetch(server.url("/broken"))
    piled = await fetch(server.url("/piled"))
    assert zstd.error == "the answer is compressed in a way newsreader cannot read (zstd)"
    assert odd.error == "the answer is compressed in a way newsreader cannot read (x-odd)"
    assert broken.error == "the server sent a badly compressed body"
    assert piled.error == "the answer is compressed 5 times over (at most 4 are read)"
    for result in (zstd, odd, broken, piled):
        assert result.outcome is Outcome.ERROR
        assert_inert(result)


# 3. Only validators that can be sent back are kept.

NON_ASCII_ETAG = '"caf\u00e9-\u00fc"'
NON_ASCII_DATE = "Tue, 05 M\u00e4r 2024 10:00:00 GMT"


async def test_unsendable_validators_from_the_server_are_not_kept(server: FeedServer) -> None:
    server.routes["/utf8"] = Reply(
        body=rss("F", ITEMS),
        headers={"ETag": as_sent(NON_ASCII_ETAG), "Last-Modified": as_sent(NON_ASCII_DATE)},
    )
    server.routes["/long"] = Reply(
        body=rss("F", ITEMS), headers={"ETag": '"' + "x" * 2000 + '"', "Last-Modified": "0"}
    )
    utf8 = await fetch(server.url("/utf8"))
    long = await fetch(server.url("/long"))
    assert (utf8.outcome, utf8.etag, utf8.last_modified) == (Outcome.OK, None, None)
    assert (long.outcome, long.etag, long.last_modified) == (Outcome.OK, None, "0")


async def test_unsendable_validators_passed_in_are_dropped_not_fatal(server: FeedServer) -> None:
    server.routes["/feed.xml"] = Reply(body=rss("F", ITEMS), etag='"v1"')
    result = await fetch(
        server.url("/feed.xml"), etag=NON_ASCII_ETAG, last_modified="Tue,\x1b 05 Mar 2024"
    )
    assert result.outcome is Outcome.OK, result.error
    assert result.etag == '"v1"'
    sent = server.request_headers["/feed.xml"]
    assert "if-none-match" not in sent and "if-modified-since" not in sent
    again = await fetch(server.url("/feed.xml"), etag=' "v1" ')
    assert again.outcome is Outcome.NOT_MODIFIED and again.etag == '"v1"'


def test_a_feed_with_a_non_ascii_etag_refreshes_again(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/feed.xml"] = Reply(
        body=rss("F", ITEMS), headers={"ETag": as_sent(NON_ASCII_ETAG)}
    )
    url = server.url("/feed.xml")
    config = tmp_path / "config.toml"
    config.write_text(f'[[section]]\nname = "N"\nfeeds = ["{url}"]\n', encoding="utf-8")
    with Library.open(load_config(config), tmp_path / "library.db") as lib:
        results: list[SourceResult] = []
        for _ in range(2):
            [result] = lib.refresh_feeds().results
            results.append(result)
    assert [r.status for r in results] == [Status.NEW, Status.UNCHANGED], results[-1].error
    assert server.hits["/feed.xml"] == 2


# 4. Nothing a server sends makes fetch raise.


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status, headers={"Location": location})


async def test_hostile_redirect_targets_are_errors_or_followed_safely(server: FeedServer) -> None:
    ok = Reply(body=rss("F", ITEMS))
    server.routes.update(
        {
            "/js": redirect("javascript:alert(1)"),
            "/data": redirect("data:text/html,<script>alert(1)</script>", 301),
            "/v6": redirect("http://[::1"),
            "/long": redirect(server.url("/" + "a" * 5000)),
            "/longhost": redirect("http://" + "a" * 5000 + ".example/"),
            "/control": redirect("/a\x01b"),
            "/tab": redirect("/a\tb"),
            "/port": redirect("http://127.0.0.1:99999/"),
            "/space": redirect("/ok new feed.xml"),
            "/ok%20new%20feed.xml": ok,
            "/utf8": redirect(as_sent("/caf\u00e9?q=\u00fc")),
            "/caf%C3%A9": ok,
        }
    )
    expected = {
        "/js": "redirected to a non-web address: javascript:alert(1)",
        "/data": "redirected to a non-web address: data:text/html,<script>alert(1)</script>",
        "/v6": "redirected to an invalid web address: http://[::1",
        "/long": "redirected to an invalid web address: " + server.url("/" + "a" * 5000),
        "/longhost": "redirected to an invalid web address: http://" + "a" * 5000 + ".example/",
        "/control": "redirected to an invalid web address: /ab",
        "/tab": "redirected to an invalid web address: /a b",
        "/port": "redirected to an invalid web address: http://127.0.0.1:99999/",
    }
    async with Fetcher() as fetcher:
        for path, error in expected.items():
            result = await fetcher.fetch(server.url(path))
            limit = http.MAX_ERROR
            shortened = error if len(error) <= limit else error[: limit - 1] + "…"
            assert (result.outcome, result.error) == (Outcome.ERROR, shortened), path
            assert_inert(result)
        space = await fetcher.fetch(server.url("/space"))
        utf8 = await fetcher.fetch(server.url("/utf8"))
    assert space.outcome is Outcome.OK and space.final_url == server.url("/ok%20new%20feed.xml")
    assert utf8.outcome is Outcome.OK and utf8.final_url == server.url("/caf%C3%A9?q=%C3%BC")


ODD_DATES = [
    "Fri, 31 Dec 9999 23:59:59 -2359",
    "Sat, 01 Jan 0001 00:00:00 +2359",
    "Fri, 31 Dec 99999 23:59:59 GMT",
    "Fri, 31 Dec 2099 23:59:59",  # no zone
    "9" * 5000,
    "-1",
    "0",
    "\u00b2",
]


ODD_CACHING_HEADERS = (
    [{"Retry-After": "\u0663"}, {"Cache-Control": "max-age=\u00b2"}]
    + [{"Cache-Control": "max-age=" + "9" * 5000}, {"Cache-Control": 'max-age="99", x=y'}]
    + [{"Expires": date} for date in ODD_DATES]
    + [{"Retry-After": date} for date in ODD_DATES]
)


async def test_odd_caching_headers_do_not_break_a_fetch(server: FeedServer) -> None:
    week_on = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + 7 * 86400 + 60))
    for i, headers in enumerate(ODD_CACHING_HEADERS):
        server.routes[f"/feed{i}"] = Reply(
            body=rss("F", ITEMS), headers={k: as_sent(v) for k, v in headers.items()}
        )
    async with Fetcher() as fetcher:
        for i, headers in enumerate(ODD_CACHING_HEADERS):
            result = await fetcher.fetch(server.url(f"/feed{i}"))
            assert result.outcome is Outcome.OK, (headers, result.error)
            if result.not_before is not None:  # a time no further than a week away
                assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", result.not_before)
                assert result.not_before <= week_on, headers


async def test_huge_retry_after_and_max_age_mean_a_week(server: FeedServer) -> None:
    week = time.strftime("%Y-%m-%dT", time.gmtime(time.time() + 7 * 86400))
    server.routes["/retry"] = Reply(429, headers={"Retry-After": "9" * 5000})
    server.routes["/maxage"] = Reply(
        body=rss("F", ITEMS), headers={"Cache-Control": "max-age=" + "9" * 5000}
    )
    retry = await fetch(server.url("/retry"))
    maxage = await fetch(server.url("/maxage"))
    assert retry.not_before is not None and retry.not_before.startswith(week)
    assert maxage.not_before is not None and maxage.not_before.startswith(week)


async def test_an_unusable_address_is_an_error_not_an_exception() -> None:
    for url in ("http://[::1", "http://exa mple.example/", "gopher://example.org/"):
        result = await fetch(url)
        assert result.outcome is Outcome.ERROR and result.error, url
        assert_inert(result)


async def test_cancelling_a_fetch_still_cancels_it(server: FeedServer) -> None:
    """The catch-all at the fetch boundary must not swallow cancellation."""
    arrived = threading.Event()

    def held(handler: BaseHTTPRequestHandler) -> Reply:
        arrived.set()
        return Reply(body=rss("F", ITEMS), delay_until_released=True)

    server.routes["/held"] = held
    async with Fetcher() as fetcher:
        task = asyncio.create_task(fetcher.fetch(server.url("/held")))
        assert await asyncio.to_thread(arrived.wait, 10)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


# 5. Waiting for a turn does not count toward the time cap.


async def test_time_waiting_for_a_turn_does_not_count_toward_the_cap(server: FeedServer) -> None:
    """One request per host at a time. Two answers are held until the client gives up on
    each (after its cap, counted from sending); the third request waits two caps for its
    turn, then is sent and answered well within its own cap."""
    sent: dict[str, float] = {}

    def quick(handler: BaseHTTPRequestHandler) -> Reply:
        sent["quick"] = time.monotonic()
        return Reply(body=rss("Q", ITEMS))

    for path in ("/held1", "/held2"):
        server.routes[path] = Reply(body=rss("H", ITEMS), delay_until_released=True)
    server.routes["/quick"] = quick
    cap = 1.0
    async with Fetcher(per_host=1, total_timeout=cap) as fetcher:
        start = time.monotonic()
        first, second, third = await asyncio.gather(
            *(fetcher.fetch(server.url(p)) for p in ("/held1", "/held2", "/quick"))
        )
    assert first.error == second.error == "gave up after 1 s"
    assert third.outcome is Outcome.OK, third.error
    assert server.hits["/quick"] == 1 and sent["quick"] - start > cap


# 6. What reaches permanent_redirect (and later the config) is a well-formed URL.


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("HTTP://Host/ok", None, "http://host/ok"),
        ("HTTPS://Example.ORG:443", None, "https://example.org/"),
        ("http://example.org:80/a", None, "http://example.org/a"),
        ("http://example.org:8080/a", None, "http://example.org:8080/a"),
        ("  http://example.org/a  ", None, "http://example.org/a"),
        ("/ok new feed.xml", "http://h.example/old", "http://h.example/ok%20new%20feed.xml"),
        (
            "http://h.example/caf\u00e9?q=\u00fc #x y",
            None,
            "http://h.example/caf%C3%A9?q=%C3%BC%20#x%20y",
        ),
        ("http://h.example/%7e%zz%41", None, "http://h.example/%7E%25zz%41"),
        ("http://b\u00fccher.example/", None, "http://xn--bcher-kva.example/"),
        ("http://[::1]:8080/f", None, "http://[::1]:8080/f"),
        ("http://[0:0::1]/f", None, "http://[::1]/f"),
        ("//cdn.example/f", "https://h.example/", "https://cdn.example/f"),
        ("../f", "http://h.example/a/b/c", "http://h.example/a/f"),
        ("http:foo", "http://h.example/a/b", "http://h.example/a/foo"),
        ("http:foo", None, None),
        ("http://", None, None),
        ("https://x y", None, None),
        ("https://x_y.example/", None, "https://x_y.example/"),
        ("http://a..b/", None, None),
        ("http://-a.example/", None, None),
        ("http://[::1", None, None),
        ("http://[fe80::1%25eth0]/", None, None),
        ("http://h.example:99999/", None, None),
        ("http://h.example:port/", None, None),
        ("http://h.example/a\x1b[2J", None, None),
        ("http://h.example/a\tb", None, None),
        ("http://h.example/\x85", None, None),
        ("http://h.example/\ud800", None, None),
        ("javascript:alert(1)", "http://h.example/", None),
        ("ftp://h.example/f", None, None),
        ("mailto:a@h.example", None, None),
        ("", "http://h.example/", None),
        ("http://" + "a" * 64 + ".example/", None, None),
        ("http://h.example/" + "a" * MAX_URL_LENGTH, None, None),
    ],
)
def test_normalize_feed_url(url: str, base: str | None, expected: str | None) -> None:
    assert normalize_feed_url(url, base) == expected
    if expected is not None:  # normal form is a fixed point
        assert normalize_feed_url(expected) == expected


async def test_a_permanent_redirect_is_reported_well_formed(server: FeedServer) -> None:
    moves = [("/ok new feed.xml", "/ok%20new%20feed.xml"), ("/caf\u00e9.xml", "/caf%C3%A9.xml")]
    async with Fetcher() as fetcher:
        for status in (301, 308):
            for location, path in moves:
                server.routes["/old"] = redirect(as_sent(location), status)
                server.routes[path] = Reply(body=rss("F", ITEMS))
                result = await fetcher.fetch(server.url("/old"))
                assert result.outcome is Outcome.OK, result.error
                assert result.permanent_redirect == result.final_url == server.url(path)
