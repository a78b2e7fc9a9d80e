"""Fetching feeds and pages: one shared httpx connection pool, polite and hard to abuse.

Conditional GET (ETag / Last-Modified), a body cap enforced on every layer of the
decompressed stream, undone in bounded steps (a compression bomb stops early in little
memory), a time cap per fetch counted from when its request goes out, redirects followed
by hand (so a permanent move is noticed and only well-formed http/https targets are ever
followed), and the server's caching hints (Cache-Control max-age, Expires, Retry-After)
turned into a "not before" time. Every outcome is a value; nothing here raises on
anything a server sends, and every string a server chose is sanitised.
"""

from __future__ import annotations

import asyncio
import re
import ssl
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from urllib.parse import urlsplit

import brotli
import httpx

from newsreader import __version__
from newsreader.sanitize import clean_inline
from newsreader.sources.caching import not_before
from newsreader.sources.decoding import Body, TooLarge, Unreadable, accept_encoding
from newsreader.urls import normalize_feed_url

USER_AGENT = (
    f"newsreader/{__version__} (terminal news reader; +https://pypi.org/project/newsreader/)"
)
MAX_BODY = 20 * 1024 * 1024
MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
TOTAL_TIMEOUT = 60.0
PER_HOST = 4
MAX_ERROR = 300
"""Longest error message kept (a hostile redirect target can be thousands of characters)."""
MAX_VALIDATOR = 1024
"""Longest ETag / Last-Modified kept (real ones are tens of characters)."""
ACCEPT_FEED = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)


class Outcome(StrEnum):
    """How a fetch ended."""

    OK = "ok"
    NOT_MODIFIED = "not_modified"
    GONE = "gone"
    ERROR = "error"


@dataclass
class FetchResult:
    """One fetch: the body (for OK), validators, caching hints, and what went wrong."""

    url: str
    outcome: Outcome
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None
    permanent_redirect: str | None = None
    not_before: str | None = None
    status: int | None = None
    error: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]+")


def _sendable(validator: str | None) -> str | None:
    """The validator if it can go back in If-None-Match / If-Modified-Since, else None.

    httpx refuses to send a header value that is not ASCII, so a kept non-ASCII ETag
    failed every later refresh of its feed (until --force); a value stored by an older
    version is dropped the same way. Printable ASCII holds no control either.
    """
    if validator is None:
        return None
    validator = validator.strip()
    if len(validator) <= MAX_VALIDATOR and _PRINTABLE_ASCII.fullmatch(validator):
        return validator
    return None


def _inert(result: FetchResult) -> FetchResult:
    """`result` with every string a server chose passed through the sanitiser.

    Errors carry reason phrases, redirect targets and exception texts; `refresh` and
    `fetch-full` print them and the store keeps them as a source's last error, so an
    escape sequence in them would reach the terminal.
    """
    if result.error:
        error = clean_inline(result.error)
        result.error = error if len(error) <= MAX_ERROR else error[: MAX_ERROR - 1] + "…"
    if result.content_type is not None:
        result.content_type = clean_inline(result.content_type) or None
    result.etag = _sendable(result.etag)
    result.last_modified = _sendable(result.last_modified)
    if result.final_url is not None:
        result.final_url = clean_inline(result.final_url) or None
    if result.permanent_redirect is not None:
        result.permanent_redirect = clean_inline(result.permanent_redirect) or None
    result.headers = {clean_inline(k): clean_inline(v) for k, v in result.headers.items()}
    return result


def _describe(exc: BaseException) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return "the server did not answer (connection timed out)"
    if isinstance(exc, httpx.ReadTimeout | TimeoutError | asyncio.TimeoutError):
        return "the server stopped sending (timed out)"
    if isinstance(exc, httpx.ConnectError):
        text = str(exc).lower()
        if "name or service" in text or "nodename" in text or "resolve" in text:
            return "no such host"
        if "refused" in text:
            return "connection refused"
        return f"could not connect ({exc})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the server closed the connection mid-answer"
    if isinstance(exc, httpx.ReadError):
        return "the connection was reset"
    if isinstance(exc, httpx.DecodingError):
        return "the server sent a badly compressed body"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, httpx.InvalidURL):
        return f"not a valid web address ({exc})"
    return f"{type(exc).__name__}: {exc}"[:200]


_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):")


def _redirect_target(current: str, location: str) -> tuple[str | None, str]:
    """Where a redirect leads, well formed (see `normalize_feed_url`), or None with why.

    The target may end up in the user's config (a permanent move), so it gets the same
    rule as any feed address: a space is percent-encoded, a control refuses it.
    """
    scheme = _SCHEME.match(location)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return None, f"redirected to a non-web address: {location}"
    target = normalize_feed_url(location, base=current)
    if target is None:
        return None, f"redirected to an invalid web address: {location}"
    return target, ""


class _HostLimit:
    """Requests in flight to one host, with a limit that can rise while some wait.

    Over HTTP/1.1 each request in flight is a connection, so a polite client keeps a few
    per host (`per_host`). Over HTTP/2 they are streams on one connection, which servers
    expect by the dozen (browsers allow 100): once a host answers in HTTP/2 its limit
    rises to the global one. Fifty YouTube or GitHub feeds then take one round, not nine.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._in_flight = 0
        self._changed = asyncio.Condition()

    async def __aenter__(self) -> None:
        async with self._changed:
            await self._changed.wait_for(lambda: self._in_flight < self.limit)
            self._in_flight += 1

    async def __aexit__(self, *exc: object) -> None:
        async with self._changed:
            self._in_flight -= 1
            self._changed.notify()

    async def raise_to(self, limit: int) -> None:
        if limit > self.limit:
            async with self._changed:
                self.limit = limit
                self._changed.notify_all()


class Fetcher:
    """A shared connection pool with a global and a per-host limit on requests in flight."""

    def __init__(
        self,
        *,
        concurrency: int = 16,
        per_host: int = PER_HOST,
        max_body: int = MAX_BODY,
        total_timeout: float = TOTAL_TIMEOUT,
        verify: ssl.SSLContext | None = None,
    ) -> None:
        self.max_body = max_body
        self.total_timeout = total_timeout
        self._concurrency = concurrency
        self._global = asyncio.Semaphore(concurrency)
        self._per_host_limit = per_host
        self._hosts: dict[str, _HostLimit] = {}
        try:
            import h2  # noqa: F401

            http2 = True
        except ImportError:  # pragma: no cover - h2 is a declared dependency
            http2 = False
        # Requests go straight to the transport: httpx's client parses a redirect's
        # Location itself (even when not following it) and raises on hostile values.
        self._transport = httpx.AsyncHTTPTransport(
            http2=http2,
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            trust_env=False,
            verify=verify if verify is not None else True,
        )
        self._timeouts = httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT).as_dict()

    async def close(self) -> None:
        await self._transport.aclose()

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _host(self, url: str) -> _HostLimit:
        host = urlsplit(url).netloc.lower()
        if host not in self._hosts:
            self._hosts[host] = _HostLimit(self._per_host_limit)
        return self._hosts[host]

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = ACCEPT_FEED,
    ) -> FetchResult:
        """GET `url` (conditionally when validators are given); never raises.

        Only cancellation (and KeyboardInterrupt) gets through: anything else a server
        can cause, down to a bug in a library, is an error result with a clear message.
        """
        try:
            result = await self._fetch(url, _sendable(etag), _sendable(last_modified), accept)
        except TimeoutError:
            result = FetchResult(
                url, Outcome.ERROR, error=f"gave up after {self.total_timeout:.0f} s"
            )
        except httpx.HTTPError as exc:
            result = FetchResult(url, Outcome.ERROR, error=_describe(exc))
        except TooLarge:
            result = FetchResult(
                url,
                Outcome.ERROR,
                error=f"the answer is larger than {self.max_body // 1_048_576} MB",
            )
        except Unreadable as exc:
            result = FetchResult(url, Outcome.ERROR, error=str(exc))
        except (zlib.error, brotli.error):
            result = FetchResult(
                url, Outcome.ERROR, error="the server sent a badly compressed body"
            )
        except Exception as exc:  # noqa: BLE001 - the boundary: no server may crash a caller
            result = FetchResult(url, Outcome.ERROR, error=f"could not fetch: {_describe(exc)}")
        return _inert(result)

    async def _send(self, url: str, headers: dict[str, str]) -> httpx.Response:
        """One GET, no redirect handling at all; the caller closes the response."""
        request = httpx.Request("GET", url, headers=headers, extensions={"timeout": self._timeouts})
        response = await self._transport.handle_async_request(request)
        response.request = request
        return response

    async def _fetch(
        self, url: str, etag: str | None, last_modified: str | None, accept: str
    ) -> FetchResult:
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            return FetchResult(url, Outcome.ERROR, error=f"not a web address: {url}")
        headers = {
            "User-Agent": USER_AGENT,
            "Accept": accept,
            "Accept-Encoding": accept_encoding(),
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        loop = asyncio.get_running_loop()
        budget = self.total_timeout  # for the whole redirect chain
        current = url
        seen = {url}
        permanent: str | None = None
        chain_permanent = True
        for _ in range(MAX_REDIRECTS + 1):
            host = self._host(current)
            # The host's turn first: a request waiting on a busy host holds no global slot
            # that another host could use.
            async with host, self._global:
                # The time cap counts from here, not from the call: waiting for a turn
                # behind other feeds on the same host says nothing about this server,
                # and with per_host = 2 the twelfth slow feed of a host "gave up after
                # 60 s" without ever being asked.
                started = loop.time()
                try:
                    async with asyncio.timeout(budget):
                        answer = await self._exchange(url, current, headers, host)
                finally:
                    budget -= loop.time() - started
            if isinstance(answer, FetchResult):
                answer.permanent_redirect = permanent
                if answer.outcome is Outcome.NOT_MODIFIED:
                    answer.etag = answer.etag or etag
                    answer.last_modified = answer.last_modified or last_modified
                return answer
            status, location = answer
            target, problem = _redirect_target(current, location)
            if target is None:
                return FetchResult(url, Outcome.ERROR, status=status, error=problem)
            chain_permanent = chain_permanent and status in (301, 308)
            if chain_permanent:
                permanent = target
            if target in seen:
                return FetchResult(url, Outcome.ERROR, status=status, error="redirect loop")
            seen.add(target)
            current = target
        return FetchResult(url, Outcome.ERROR, error=f"more than {MAX_REDIRECTS} redirects")

    async def _exchange(
        self, url: str, current: str, headers: dict[str, str], host: _HostLimit
    ) -> FetchResult | tuple[int, str]:
        """One request and its answer: a result, or a redirect's (status, Location)."""
        response = await self._send(current, headers)
        try:
            if response.http_version == "HTTP/2":
                await host.raise_to(self._concurrency)
            now = datetime.now(UTC)
            status = response.status_code
            if status in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                if location:
                    return status, location
                return FetchResult(
                    url, Outcome.ERROR, status=status, error=f"HTTP {status} without a Location"
                )
            result = FetchResult(
                url,
                Outcome.OK,
                status=status,
                final_url=current,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                content_type=response.headers.get("content-type"),
                not_before=not_before(response.headers, now),
                headers={k.lower(): v for k, v in response.headers.items()},
            )
            if status == 304:
                result.outcome = Outcome.NOT_MODIFIED
                return result
            if status == 410:
                result.outcome = Outcome.GONE
                result.error = "the feed is gone (HTTP 410); it has been switched off"
                return result
            if status >= 400:
                result.outcome = Outcome.ERROR
                result.error = f"HTTP {status} {response.reason_phrase}".strip()
                return result
            body = Body(response.headers.get("content-encoding", ""), self.max_body)
            async for raw in response.aiter_raw():
                body.feed(raw)
            result.body = body.content()
            return result
        finally:
            await response.aclose()
