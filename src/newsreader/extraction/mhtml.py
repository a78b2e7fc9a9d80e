"""MHTML (.mhtml, .mht): a browser's single-file save of a web page, as a MIME message.

Chrome and Edge write the page's HTML as one part of a multipart/related message, and
its images, styles and frames as the others, each named by its Content-Location (the
address it was fetched from). We take the first text/html part, undo its transfer
encoding (quoted-printable, base64) and decode it by its charset. Chrome's HTML already
points at the original addresses of its images; tools that point at parts by Content-ID
(cid:...) get those parts' addresses instead. The page's own address is the part's
Content-Location, or the message's Snapshot-Content-Location.

The message is walked here, not by the stdlib `email` parser, so that any file reads in
bounded time and memory: `email` builds every part before it can be looked at (500,000
tiny parts: 750 MB), parses a header's parameters in quadratic time and recurses once per
nested multipart. Here parts are found by scanning for their boundaries (each region is
scanned once per level, and levels stop at MAX_DEPTH), only a part's first MAX_HEADER
bytes of headers and first MAX_PARAMS parameters are read, and the bytes of a part are
copied only for the page itself.
"""

from __future__ import annotations

import binascii
import itertools
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass

from newsreader.extraction.charset import decode_bytes
from newsreader.sanitize import safe_url

MAX_PARTS = 10_000
"""Parts read one by one (multiparts included): a saved page has tens or hundreds. Past
them, the rest of the file is only searched for the page, if it has not been found yet."""
MAX_DEPTH = 8
"""Multiparts nested deeper than this are not opened (a saved page nests two or three)."""
MAX_HEADER = 64 * 1024
"""Bytes of a part's header block that are read; the rest of the block is skipped."""
MAX_PARAMS = 50
"""Parameters of a Content-Type that are read (charset and boundary come first)."""


class MhtmlError(ValueError):
    """The file is a MIME message that cannot be read as a saved page."""


@dataclass(frozen=True, slots=True)
class SavedPage:
    """The HTML of an MHTML file and the address the page was saved from (if it says)."""

    html: str
    url: str | None


@dataclass(frozen=True, slots=True)
class _Part:
    headers: dict[str, str]  # lower-cased name -> the first such header's value
    body_start: int
    body_end: int


def read_mhtml(data: bytes) -> SavedPage | None:
    """The page in an MHTML file, or None when it holds no HTML part.

    Raises MhtmlError when the page is nested past MAX_DEPTH multiparts.
    """
    top = _part(data, 0, len(data))
    snapshot = top.headers.get("snapshot-content-location")
    page: _Page | None = None
    locations: dict[str, str] = {}  # Content-ID -> the address the part came from
    walk = _Walk(data)
    for part in walk.leaves(top, 0):
        location = part.headers.get("content-location")
        content_id = part.headers.get("content-id")
        if content_id and location:
            locations[content_id.strip().strip("<>")] = location.strip()
        if page is None:
            page = _page(data, part, snapshot)
    if page is None and walk.stopped_at is not None:
        # Past MAX_PARTS parts and no page yet: look for its header, not part by part.
        page = _page_after(data, walk.stopped_at, snapshot)
    if page is None:
        if walk.too_deep:
            raise MhtmlError(f"parts nested more than {MAX_DEPTH} deep were not read")
        return None
    payload, charset, address = page
    html, _encoding = decode_bytes(payload, charset)
    if locations and "cid:" in html:
        # Parts named by Content-ID ("cid:image001.png@01D3"): their original addresses.
        html = _CID.sub(lambda m: locations.get(m.group(1), m.group(0)), html)
    return SavedPage(
        html, safe_url(address.strip() if address else None, schemes=("http", "https"))
    )


_HTML_TYPES = ("text/html", "application/xhtml+xml")
_Page = tuple[bytes, str | None, str | None]  # the page's bytes, charset and address
_CID = re.compile(r"cid:([^\s\"'<>()]{1,500})")
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_FOLD = re.compile(r"\r?\n[ \t]+")
_HEADER = re.compile(r"([!-9;-~]+)[ \t]*:[ \t]*(.*)")
_PARAM = re.compile(r'\s*;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.){0,1000})"|([^;]*))', re.S)
_WANTED = frozenset(
    {"content-type", "content-transfer-encoding", "content-location", "content-id"}
    | {"snapshot-content-location"}
)


def _page(data: bytes, part: _Part, snapshot: str | None) -> _Page | None:
    """The part's bytes, charset and address if it is a web page."""
    content_type, params = _content_type(part.headers.get("content-type"))
    if content_type not in _HTML_TYPES:
        return None
    payload = _payload(data, part)
    if payload is None:
        return None
    return payload, params.get("charset"), part.headers.get("content-location") or snapshot


_HTML_HEADER = re.compile(rb"(?i)\ncontent-type:[ \t]*(?:text/html|application/xhtml\+xml)")
_TRIES = 1000
"""Header lines that look like a page's tried in `_page_after` (any text may hold one)."""


def _page_after(data: bytes, start: int, snapshot: str | None) -> _Page | None:
    """The first web page after `start`, found by its Content-Type line.

    Its part starts after the nearest boundary line above that header (looked for at most
    MAX_HEADER bytes up) and ends at the next line with that boundary. Each line tried
    costs at most about 2 * MAX_HEADER bytes of looking, and _TRIES are tried.
    """
    for hit in itertools.islice(_HTML_HEADER.finditer(data, start), _TRIES):
        line = data.rfind(b"\n--", max(start, hit.start() - MAX_HEADER), hit.start() + 1)
        if line < 0:
            continue
        line_end = data.find(b"\n", line + 1)
        boundary = data[line + 3 : line_end].rstrip(b"\r \t")
        if not boundary or boundary.endswith(b"--"):
            continue
        head = _part(data, line_end + 1, min(len(data), hit.end() + MAX_HEADER))
        if _content_type(head.headers.get("content-type"))[0] not in _HTML_TYPES:
            continue  # the line was in a part's body, not its headers
        # The page's part: the only one whose end is looked for, however far it is.
        after = data.find(b"\n--" + boundary, head.body_start)
        end = after - (data[after - 1 : after] == b"\r") if after >= 0 else len(data)
        return _page(
            data, _Part(head.headers, head.body_start, max(end, head.body_start)), snapshot
        )
    return None


class _Walk:
    """The leaf parts of a message in order, multiparts opened up to MAX_DEPTH."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.too_deep = False
        self.parts = 0  # parts read, multiparts included
        self.stopped_at: int | None = None  # where MAX_PARTS was reached

    def leaves(self, part: _Part, depth: int) -> Iterator[_Part]:
        content_type, params = _content_type(part.headers.get("content-type"))
        if not content_type.startswith("multipart/"):
            yield part
            return
        boundary = params.get("boundary", "")
        if not boundary or len(boundary) > 200:
            return  # a multipart with no usable boundary holds nothing we can find
        if depth >= MAX_DEPTH:
            self.too_deep = True
            return
        for start, end in _sections(self.data, part.body_start, part.body_end, boundary):
            if self.parts >= MAX_PARTS:
                if self.stopped_at is None:
                    self.stopped_at = start
                return
            self.parts += 1
            yield from self.leaves(_part(self.data, start, end), depth + 1)


def _sections(data: bytes, start: int, end: int, boundary: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of each body part between a multipart's boundary lines."""
    delimiter = re.compile(  # a literal start ("\n--b"): found by a fast search
        rb"\n--" + re.escape(boundary.encode("ascii", "replace")) + rb"(--)?[ \t]*\r?(?=\n|\Z)"
    )
    if start > 0 and data[start - 1 : start] == b"\n":
        start -= 1  # a delimiter on the body's first line
    opened: int | None = None
    for match in delimiter.finditer(data, start, end):
        if opened is not None:
            close = match.start()
            if data[close - 1 : close] == b"\r":  # the CR of the line end before it
                close -= 1
            yield opened, max(opened, close)
        if match.group(1):
            return
        opened = min(match.end() + 1, end)  # past the line end
    if opened is not None and opened < end:
        yield opened, end  # never closed: the rest is the last part


def _part(data: bytes, start: int, end: int) -> _Part:
    """A part's headers (the first MAX_HEADER bytes of them) and where its body lies."""
    if data[start : start + 2] == b"\r\n":
        return _Part({}, start + 2, end)  # no headers
    if data[start : start + 1] == b"\n":
        return _Part({}, start + 1, end)
    blank = _BLANK_LINE.search(data, start, end)
    header_end, body_start = (blank.start(), blank.end()) if blank else (end, end)
    block = data[start : min(header_end, start + MAX_HEADER)].decode("utf-8", "replace")
    headers: dict[str, str] = {}
    for line in _FOLD.sub(" ", block).splitlines():
        match = _HEADER.match(line)
        if match:
            name = match.group(1).lower()
            if name in _WANTED and name not in headers:
                headers[name] = match.group(2).strip()
    return _Part(headers, body_start, end)


def _content_type(value: str | None) -> tuple[str, dict[str, str]]:
    """A Content-Type's type (lower case, text/plain when absent) and first parameters."""
    if not value:
        return "text/plain", {}
    main, _, rest = value.partition(";")
    params: dict[str, str] = {}
    position = len(main)
    for _ in range(MAX_PARAMS):
        match = _PARAM.match(value, position)
        if not match:
            break
        position = match.end()
        quoted = match.group(2)
        text = re.sub(r"\\(.)", r"\1", quoted) if quoted is not None else match.group(3)
        params.setdefault(match.group(1).lower(), text.strip())
    return main.strip().lower() or "text/plain", params


def _payload(data: bytes, part: _Part) -> bytes | None:
    """The part's bytes with its Content-Transfer-Encoding undone."""
    body = data[part.body_start : part.body_end]
    encoding = part.headers.get("content-transfer-encoding", "").strip().lower()
    if encoding == "base64":
        compact = b"".join(body.split())
        compact += b"=" * (-len(compact) % 4)
        try:
            return binascii.a2b_base64(compact)
        except binascii.Error:  # a broken base64
            return None
    if encoding == "quoted-printable":
        return quopri.decodestring(body)
    return body


def looks_like_mhtml(data: bytes) -> bool:
    """Whether a file's start is a MIME message holding a page (for names that do not say)."""
    head = data[:4096].lower()
    return b"mime-version:" in head and b"multipart/related" in head
