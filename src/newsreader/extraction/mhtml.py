"""MHTML (.mhtml, .mht): a browser's single-file save of a web page, as a MIME message.

Chrome and Edge write the page's HTML as one part of a multipart/related message, and
its images, styles and frames as the others, each named by its Content-Location (the
address it was fetched from). The stdlib `email` parser reads it: we take the first
text/html part, undo its transfer encoding (quoted-printable, base64) and decode it by
its charset. Chrome's HTML already points at the original addresses of its images;
tools that point at parts by Content-ID (cid:...) get those parts' addresses instead.
The page's own address is the part's Content-Location, or the message's
Snapshot-Content-Location.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from email.message import Message

from newsreader.extraction.charset import decode_bytes
from newsreader.sanitize import safe_url

MAX_PARTS = 10_000
"""Parts looked at before giving up: a saved page has tens or hundreds."""


@dataclass(frozen=True, slots=True)
class SavedPage:
    """The HTML of an MHTML file and the address the page was saved from (if it says)."""

    html: str
    url: str | None


def read_mhtml(data: bytes) -> SavedPage | None:
    """The page in an MHTML file, or None when it holds no HTML part."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    snapshot = message.get("Snapshot-Content-Location")
    page: tuple[bytes, str | None, str | None] | None = None
    locations: dict[str, str] = {}  # Content-ID -> the address the part came from
    for count, part in enumerate(message.walk()):
        if count > MAX_PARTS:
            break
        if part.is_multipart():
            continue
        content_id, location = part.get("Content-ID"), part.get("Content-Location")
        if content_id and location:
            locations[str(content_id).strip().strip("<>")] = str(location).strip()
        if page is not None or part.get_content_type() not in _HTML_TYPES:
            continue
        payload = _payload(part)
        if payload is not None:
            where = location or snapshot
            page = (payload, part.get_content_charset(), str(where) if where else None)
    if page is None:
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
_CID = re.compile(r"cid:([^\s\"'<>()]{1,500})")


def _payload(part: Message) -> bytes | None:
    """The part's bytes with its Content-Transfer-Encoding undone."""
    try:
        payload = part.get_payload(decode=True)
    except (ValueError, LookupError):  # a broken base64 or an unknown encoding
        return None
    return payload if isinstance(payload, bytes) else None


def looks_like_mhtml(data: bytes) -> bool:
    """Whether a file's start is a MIME message holding a page (for names that do not say)."""
    head = data[:4096].lower()
    return b"mime-version:" in head and b"multipart/related" in head
