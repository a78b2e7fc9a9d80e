"""Fetching feeds and pages: one shared httpx client, polite and hard to abuse.

Conditional GET (ETag / Last-Modified), a body cap enforced on the decompressed stream
(a gzip bomb stops early), a total time cap per request, redirects followed by hand
(so a permanent move is noticed and only http/https targets are ever followed), and the
server's caching hints (Cache-Control max-age, Expires, Retry-After) turned into a
"not before" time. Every outcome is a value; nothing here raises on a bad server.
"""

from __future__ import annotations

import asyncio
import email.utils
import re
import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from urllib.parse import urljoin, urlsplit

import httpx

from newsreader import __version__
from newsreader.sanitize import clean_inline

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


class _TooLarge(Exception):
    pass


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
    if result.etag is not None:
        result.etag = clean_inline(result.etag) or None
    if result.last_modified is not None:
        result.last_modified = clean_inline(result.last_modified) or None
    if result.final_url is not None:
        result.final_url = clean_inline(result.final_url) or None
    if result.permanent_redirect is not None:
        result.permanent_redirect = clean_inline(result.permanent_redirect) or None
    result.headers = {clean_inline(k): clean_inline(v) for k, v in result.headers.items()}
    return result


def _utc(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _not_before(headers: httpx.Headers, now: datetime) -> str | None:
    """The earliest time to ask again, from Retry-After, Cache-Control or Expires."""
    retry = headers.get("retry-after")
    if retry:
        if retry.strip().isdigit():
            return _utc(now + timedelta(seconds=min(int(retry), 7 * 86400)))
        try:
            when = email.utils.parsedate_to_datetime(retry)
            return _utc(min(when, now + timedelta(days=7)))
        except (TypeError, ValueError, IndexError):
            pass
    cache = headers.get("cache-control", "")
    if "no-cache" in cache or "no-store" in cache:
        return None
    m = re.search(r"max-age\s*=\s*(\d+)", cache)
    if m:
        return _utc(now + timedelta(seconds=min(int(m.group(1)), 7 * 86400)))
    expires = headers.get("expires")
    if expires:
        try:
            when = email.utils.parsedate_to_datetime(expires)
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            if when > now:
                return _utc(min(when, now + timedelta(days=7)))
        except (TypeError, ValueError, IndexError):
            pass
    return None


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
    return f"{type(exc).__name__}: {exc}"[:200]


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
    """A shared client with a global and a per-host limit on requests in flight."""

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
        self.client = httpx.AsyncClient(
            http2=http2,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT),
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            trust_env=False,
            verify=verify if verify is not None else True,
        )

    async def close(self) -> None:
        await self.client.aclose()

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
        """GET `url` (conditionally when validators are given); never raises."""
        try:
            async with asyncio.timeout(self.total_timeout):
                result = await self._fetch(url, etag, last_modified, accept)
        except TimeoutError:
            result = FetchResult(
                url, Outcome.ERROR, error=f"gave up after {self.total_timeout:.0f} s"
            )
        except httpx.HTTPError as exc:
            result = FetchResult(url, Outcome.ERROR, error=_describe(exc))
        except _TooLarge:
            result = FetchResult(
                url,
                Outcome.ERROR,
                error=f"the answer is larger than {self.max_body // 1_048_576} MB",
            )
        return _inert(result)

    async def _fetch(
        self, url: str, etag: str | None, last_modified: str | None, accept: str
    ) -> FetchResult:
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        seen = {url}
        permanent: str | None = None
        chain_permanent = True
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                return FetchResult(
                    url, Outcome.ERROR, error=f"redirected to a non-web address: {current}"
                )
            host = self._host(current)
            # The host's turn first: a request waiting on a busy host holds no global slot
            # that another host could use.
            async with host, self._global:
                async with self.client.stream("GET", current, headers=headers) as response:
                    if response.http_version == "HTTP/2":
                        await host.raise_to(self._concurrency)
                    now = datetime.now(UTC)
                    status = response.status_code
                    if status in (301, 302, 303, 307, 308):
                        location = response.headers.get("location")
                        if not location:
                            return FetchResult(
                                url,
                                Outcome.ERROR,
                                status=status,
                                error=f"HTTP {status} without a Location",
                            )
                        target = urljoin(current, location.strip())
                        chain_permanent = chain_permanent and status in (301, 308)
                        if chain_permanent:
                            permanent = target
                        if target in seen:
                            return FetchResult(
                                url, Outcome.ERROR, status=status, error="redirect loop"
                            )
                        seen.add(target)
                        current = target
                        continue
                    result = FetchResult(
                        url,
                        Outcome.OK,
                        status=status,
                        final_url=current,
                        permanent_redirect=permanent,
                        etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"),
                        content_type=response.headers.get("content-type"),
                        not_before=_not_before(response.headers, now),
                        headers={k.lower(): v for k, v in response.headers.items()},
                    )
                    if status == 304:
                        result.outcome = Outcome.NOT_MODIFIED
                        result.etag = result.etag or etag
                        result.last_modified = result.last_modified or last_modified
                        return result
                    if status == 410:
                        result.outcome = Outcome.GONE
                        result.error = "the feed is gone (HTTP 410); it has been switched off"
                        return result
                    if status >= 400:
                        result.outcome = Outcome.ERROR
                        result.error = f"HTTP {status} {response.reason_phrase}".strip()
                        return result
                    chunks = []
                    size = 0
                    async for chunk in response.aiter_bytes():
                        size += len(chunk)
                        if size > self.max_body:
                            raise _TooLarge
                        chunks.append(chunk)
                    result.body = b"".join(chunks)
                    return result
        return FetchResult(url, Outcome.ERROR, error=f"more than {MAX_REDIRECTS} redirects")
