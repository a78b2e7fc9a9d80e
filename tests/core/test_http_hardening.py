"""The shared fetcher against hostile servers: real servers on 127.0.0.1, no HTTP mocking.

Whatever a server sends, `Fetcher.fetch` answers with a FetchResult whose strings hold no
terminal controls, reads at most `max_body` bytes of any layer of a compressed body, keeps
only validators it can send back, and counts only time spent on the wire toward its cap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from newsreader.sources.http import Fetcher, FetchResult, Outcome
from newsreader.sources.urls import MAX_URL_LENGTH, normalize_feed_url
from tests.servers import (
    FeedServer,
    Reply,
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


async def test_escapes_in_headers_are_removed(server: FeedServer) -> None:
    server.routes["/feed.xml"] = Reply(
        body=rss("F", ITEMS),
        headers={
            "Content-Type": "application/rss+xml\x1b[2J; charset=\x9b31mutf-8",
            "X-Note": OSC_52,
        },
    )
    feed = await fetch(server.url("/feed.xml"))
    assert feed.outcome is Outcome.OK
    assert feed.content_type == "application/rss+xml; charset=utf-8"
    assert feed.headers["x-note"] == ""
    assert_inert(feed)


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
