"""A real HTTP server on 127.0.0.1 for network tests, scripted per path.

Only loopback, port chosen by the OS; it stops with the test. Slow routes wait on an
event that the fixture sets at teardown, so no server thread outlives its test.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import gzip
import ssl
import struct
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast


class QuietServer(ThreadingHTTPServer):
    """A client that hangs up on a kept-alive connection is normal (ours does when a
    command ends); socketserver prints a traceback for it to stderr, which the tests of
    a command's stderr would read as its output."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@dataclass
class Reply:
    """What the server answers on one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay_until_released: bool = False
    reset: bool = False
    truncate_to: int | None = None
    reason: str | None = None  # sent as given (latin-1), controls and all


class FeedServer:
    """Routes are set by tests; `hits` counts requests, `conditional` the 304s given."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | Callable[[BaseHTTPRequestHandler], Reply]] = {}
        self.hits: dict[str, int] = {}
        self.not_modified: dict[str, int] = {}
        self.request_headers: dict[str, dict[str, str]] = {}
        self.release = threading.Event()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                path = self.path.split("?", 1)[0]
                with server._lock:
                    server.hits[path] = server.hits.get(path, 0) + 1
                    server.request_headers[path] = {k.lower(): v for k, v in self.headers.items()}
                route = server.routes.get(path)
                reply = route(self) if callable(route) else route
                if reply is None:
                    reply = Reply(404, b"not here")
                if reply.delay_until_released:
                    server.release.wait(30)
                if reply.reset:
                    self.connection.shutdown(2)  # drop the connection without an answer
                    self.close_connection = True
                    return
                if reply.status == 200 and (reply.etag or reply.last_modified):
                    inm = self.headers.get("If-None-Match")
                    ims = self.headers.get("If-Modified-Since")
                    if (reply.etag and inm == reply.etag) or (
                        reply.last_modified and ims == reply.last_modified
                    ):
                        with server._lock:
                            server.not_modified[path] = server.not_modified.get(path, 0) + 1
                        self.send_response(304)
                        if reply.etag:
                            self.send_header("ETag", reply.etag)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                self.send_response(reply.status, reply.reason)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if reply.etag:
                    self.send_header("ETag", reply.etag)
                if reply.last_modified:
                    self.send_header("Last-Modified", reply.last_modified)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                body = reply.body
                if reply.truncate_to is not None:
                    body = body[: reply.truncate_to]
                    self.close_connection = True
                self.wfile.write(body)

        self.httpd = QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        assert isinstance(host, str)
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(title: str, items: list[tuple[str, str]], *, ttl: int | None = None) -> bytes:
    """A small RSS 2.0 document: items are (guid, title)."""
    entries = "".join(
        f"<item><title>{t}</title><link>/items/{g}</link><guid isPermaLink='false'>{g}</guid>"
        f"<description><![CDATA[<p>Text of {t}. <a href='/more/{g}'>More</a></p>]]></description>"
        "<pubDate>Tue, 05 Mar 2024 10:32:00 GMT</pubDate></item>"
        for g, t in items
    )
    ttl_el = f"<ttl>{ttl}</ttl>" if ttl else ""
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://site.example/</link>{ttl_el}{entries}</channel></rss>"
    ).encode()


def gzip_bomb(size: int) -> bytes:
    return gzip.compress(b"\0" * size, compresslevel=9)


def crc32_of_zeros(size: int) -> int:
    """`zlib.crc32(bytes(size))` without making the bytes (8 GB take seconds to checksum).

    Appending zeros changes a CRC by a fixed affine map, and the map for 2n zeros is the
    map for n applied twice; so square the one-byte map and apply it per bit of `size`.
    """

    def apply(offset: int, columns: list[int], crc: int) -> int:
        for bit in range(32):
            if crc >> bit & 1:
                offset ^= columns[bit]
        return offset

    offset = zlib.crc32(b"\0")
    columns = [zlib.crc32(b"\0", 1 << bit) ^ offset for bit in range(32)]
    crc = 0
    while size:
        if size & 1:
            crc = apply(offset, columns, crc)
        offset, columns = (
            apply(offset, columns, offset),
            [apply(offset, columns, c) ^ offset for c in columns],
        )
        size >>= 1
    return crc


def gzip_of_zeros(size: int) -> bytes:
    """A valid gzip stream of `size` zero bytes (a whole number of MiB), made in
    milliseconds: the deflate block for one MiB of zeros, ended by a full flush so it
    never refers back, is the same every time, so it is compressed once and repeated."""
    mib = 1 << 20
    assert size % mib == 0
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = deflate.compress(bytes(mib)) + deflate.flush(zlib.Z_FULL_FLUSH)
    end = deflate.flush()
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc32_of_zeros(size), size & 0xFFFFFFFF)
    return header + block * (size // mib) + end + trailer


def brotli_of_zeros(size: int) -> bytes:
    """A brotli stream of `size` zero bytes, compressed one MiB at a time (never held)."""
    import brotli

    mib = 1 << 20
    compressor = brotli.Compressor(quality=3, lgwin=24)
    parts = [compressor.process(bytes(mib)) for _ in range(size // mib)]
    return bytes(b"".join(parts) + compressor.finish())


def http_date(seconds_from_now: int = 0) -> str:
    import time

    return email.utils.formatdate(time.time() + seconds_from_now, usegmt=True)


def running_server() -> Iterator[FeedServer]:
    server = FeedServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def crashing_parse(
    data: bytes, url: str, content_type: str | None, scope: str | None = None
) -> object:
    """Refresh's parse job, except that a feed saying CRASH-THE-PARSER kills the worker
    process, as a parser crash or the OOM killer would (they cannot be caused on demand)."""
    import os

    from newsreader.update.parsing import parse_job

    if b"CRASH-THE-PARSER" in data:
        os._exit(1)
    return parse_job(data, url, content_type, scope)


TLS_DIR = Path(__file__).parent / "data" / "tls"
"""A self-signed certificate for 127.0.0.1 (valid until 2126), made with openssl."""


def client_tls() -> ssl.SSLContext:
    """A client context that trusts the test certificate (and nothing else)."""
    context = ssl.create_default_context(cafile=str(TLS_DIR / "cert.pem"))
    context.verify_flags &= ~getattr(ssl, "VERIFY_X509_STRICT", 0)
    return context


class H2FeedServer:
    """A real HTTP/2 server (TLS with ALPN "h2", as on the web) on 127.0.0.1.

    Answers `routes` (path -> body). Every answer but `/first` is held until
    `hold_until` requests are in flight at once (or the server stops), so a test can tell
    how many requests a client sends side by side: `max_in_flight`.
    """

    def __init__(self, hold_until: int) -> None:
        self.routes: dict[str, bytes] = {}
        self.hold_until = hold_until
        self.in_flight = 0
        self.max_in_flight = 0
        self.connections = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.port = 0

    def url(self, path: str) -> str:
        return f"https://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        self._thread.start()
        self._ready.wait(10)

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._serve())
        self._loop.close()

    async def _serve(self) -> None:
        self._stop = asyncio.Event()
        self._full = asyncio.Event()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(TLS_DIR / "cert.pem", TLS_DIR / "key.pem")
        context.set_alpn_protocols(["h2"])
        server = await asyncio.start_server(self._connection, "127.0.0.1", 0, ssl=context)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await self._stop.wait()
            self._full.set()  # let held answers go

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        import h2.config
        import h2.connection
        import h2.events

        self.connections += 1
        conn = h2.connection.H2Connection(
            config=h2.config.H2Configuration(client_side=False, header_encoding="utf-8")
        )
        conn.initiate_connection()
        writer.write(conn.data_to_send())
        answers: set[asyncio.Task[None]] = set()
        try:
            while data := await reader.read(65535):
                for event in conn.receive_data(data):
                    if isinstance(event, h2.events.RequestReceived):
                        # header_encoding="utf-8": h2 hands the headers over as str
                        headers = cast(dict[str, str], dict(event.headers))
                        path = headers[":path"]
                        task = asyncio.create_task(
                            self._answer(conn, writer, event.stream_id, path)
                        )
                        answers.add(task)
                        task.add_done_callback(answers.discard)
                writer.write(conn.data_to_send())
                await writer.drain()
        except (ConnectionError, ssl.SSLError):
            pass
        finally:
            for task in answers:
                task.cancel()
            writer.close()

    async def _answer(
        self, conn: Any, writer: asyncio.StreamWriter, stream: int, path: str
    ) -> None:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        if self.in_flight >= self.hold_until:
            self._full.set()
        if path != "/first":
            with contextlib.suppress(TimeoutError):
                # Only a client that never sends enough requests waits this out (and fails).
                await asyncio.wait_for(self._full.wait(), 3)
        body = self.routes.get(path, b"not here")
        status = "200" if path in self.routes else "404"
        conn.send_headers(
            stream,
            [
                (":status", status),
                ("content-type", "application/rss+xml"),
                ("content-length", str(len(body))),
            ],
        )
        conn.send_data(stream, body, end_stream=True)
        self.in_flight -= 1
        writer.write(conn.data_to_send())
        await writer.drain()


def running_h2_server(hold_until: int) -> Iterator[H2FeedServer]:
    server = H2FeedServer(hold_until)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def hanging_parse(
    data: bytes, url: str, content_type: str | None, scope: str | None = None
) -> object:
    """Refresh's parse job, except that a feed saying HANG-THE-PARSER never finishes, as
    a pathological document would (the known ones are fixed; the budget is for the next)."""
    import threading

    from newsreader.update.parsing import parse_job

    if b"HANG-THE-PARSER" in data:
        threading.Event().wait()
    return parse_job(data, url, content_type, scope)


def hanging_read(job: Any) -> object:
    """The local scan's read job, except that a file named hang.txt never finishes."""
    import threading

    from newsreader.update.local import _parse

    if job.path.endswith("hang.txt"):
        threading.Event().wait()
    return _parse(job)


PEAK_RSS_KB = """
def peak_rss_kb():
    # This process's own peak: VmHWM belongs to the address space exec made. ru_maxrss
    # is kept across fork and exec, so it would count the test runner's memory too.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
"""Code for a child process to measure its peak memory with (in kB)."""
