"""Make text from the outside world inert before anything stores or shows it.

Leaf module. Every string that comes from a file or a server passes through `clean_text`
at ingestion, so no consumer (terminal, TUI, search, JSON) ever sees a terminal control
sequence, a C0/C1 control character or a bidi override that could disguise text.
Markup safety is the renderers' job: they build Rich `Text` from plain strings.
"""

from __future__ import annotations

import re

# Whole escape sequences first, so their parameters do not survive as visible garbage.
# ESC-introduced (7-bit) and single-byte C1-introduced (8-bit) forms are both covered.
# A string sequence's body stops at the first BEL, ESC or C1 introducer, so the scan is
# linear however many introducers a hostile text holds; one that is never terminated is
# not a sequence: its introducer goes (below) and the text after it stays.
_STRING_SEQ = re.compile(
    r"(?:\x1b[P\]X^_]|[\x90\x9d\x98\x9e\x9f])"  # DCS, OSC, SOS, PM, APC
    r"[^\x07\x1b\x90\x98\x9c-\x9f]*"
    r"(?:\x07|\x1b\\|\x9c)",  # ended by BEL or ST
)
_CSI_SEQ = re.compile(r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?")
_ESC_SEQ = re.compile(r"\x1b[\x20-\x2f]*[\x30-\x7e]?")
# What is left: C0 controls but tab and newline, DEL, C1 controls, bidi embeddings,
# overrides and isolates (U+202A-202E, U+2066-2069), the BOM/zero-width no-break space, and
# lone surrogates (a JSON feed's "\\ud800" escape): no UTF-8 can hold them, so SQLite and
# the terminal would refuse the whole string. Also invisible characters that split a word
# without showing or mark direction: zero-width space U+200B, word joiner U+2060 and the
# invisible operators U+2061-2064, Mongolian vowel separator U+180E, soft hyphen U+00AD,
# combining grapheme joiner U+034F, the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0),
# tag characters U+E0000-E007F, interlinear annotation marks U+FFF9-FFFB, LRM, RLM, ALM
# (U+200E, U+200F, U+061C): "bit\u200bcoin" and "spon\u00adsored" read as one word, and a
# watch or mute for it must find it. The joiners U+200C/U+200D stay: they change how
# Persian, Indic scripts and emoji are written. NEL (U+0085) is a line end, not nothing.
# Tag characters are kept where they spell a flag (U+1F3F4, tags, U+E007F: the flags of
# Scotland, Wales, England), the one thing they are written for; the group catches it.
_CONTROLS = re.compile(
    "(\U0001f3f4[\U000e0020-\U000e007e]{1,32}\U000e007f)|"
    "[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\xad\u034f\u061c\u115f\u1160\u180e"
    "\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0"
    "\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]"
)


def _kept_flag(found: re.Match[str]) -> str:
    return found.group(1) or ""


_SURROGATES = re.compile("[\ud800-\udfff]")
_INTRODUCERS = re.compile("[\x1b\x90\x98\x9b\x9d\x9e\x9f]")
_HSPACE = re.compile(r"[^\S\n]+")


def clean_text(text: str) -> str:
    """Remove control sequences, control characters and bidi overrides; keep \\n and \\t.

    Carriage returns are removed too: callers normalise line ends before this.
    """
    if not text:
        return text
    if _INTRODUCERS.search(text):
        text = _STRING_SEQ.sub("", text)
        text = _CSI_SEQ.sub("", text)
        text = _ESC_SEQ.sub("", text)
    if "\x85" in text:
        text = text.replace("\x85", "\n")
    return _CONTROLS.sub(_kept_flag, text)


def invisible_in(text: str) -> str | None:
    """The first character `clean_text` would remove from `text` (a control character,
    a bidi override, an invisible word splitter such as U+200B), or None. For a name a
    person types, which is refused rather than quietly changed: "zw\u200bsp" beside
    "zwsp" would be two names that look the same."""
    for found in _CONTROLS.finditer(text):
        if not found.group(1):  # a flag's tags are no hidden character
            return found.group()
    return None


def drop_surrogates(text: str) -> str:
    """Text without lone surrogates, for strings kept raw (feed HTML) rather than cleaned."""
    return _SURROGATES.sub("", text)


def clean_inline(text: str) -> str:
    """`clean_text` for single-line fields: all whitespace runs become one space."""
    return " ".join(clean_text(text).split())


def clean_name(name: str) -> str:
    """`clean_inline` for file names and paths: bytes that were not UTF-8 (Python's
    surrogate escapes, `caf\\udce9.txt`) show as U+FFFD instead of vanishing, so the
    reader can tell `caf\\ufffd.txt` from `caf.txt`."""
    return clean_inline(_SURROGATES.sub("\ufffd", name))


MAX_SHOWN = 200
"""Longest outside string (a path, an address, a title) a one-line message shows."""


def shown(text: str, limit: int = MAX_SHOWN) -> str:
    """An outside string as a one-line message shows it: `clean_name`d, and at most
    `limit` characters, the middle cut out (marked "…") so a path keeps its file name
    and an address its host. A 100 KB redirect target is not a 100 KB error line."""
    text = clean_name(text)
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "…" + text[len(text) - (limit - 1 - head) :]


def collapse_spaces(text: str) -> str:
    """Collapse runs of horizontal whitespace (including no-break spaces), keep newlines."""
    return _HSPACE.sub(" ", text).strip()


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so mixed line ends read as one kind."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def safe_url(
    url: str | None, *, schemes: tuple[str, ...] = ("http", "https", "mailto")
) -> str | None:
    """The URL if its scheme is one we let a terminal link to, else None."""
    if not url:
        return None
    url = clean_inline(url)
    scheme, sep, _ = url.partition(":")
    if not sep or scheme.lower() not in schemes:
        return None
    if any(ch in url for ch in " <>\"'`"):
        return None
    return url


# Everything printable in ASCII but the space: left as it is in a link's path, query and
# fragment (existing escapes included); what is not (non-ASCII, other spaces) is escaped.
_URL_SAFE = "".join(chr(c) for c in range(0x21, 0x7F))


def _idna_host(host: str) -> str | None:
    """A host name in its IDNA ("xn--") form when it has non-ASCII characters, else as
    given; None when it has no IDNA form (an empty or overlong label)."""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def link_target(url: str | None) -> str | None:
    """A link as it is shown, hyperlinked (OSC 8) and opened: `safe_url`, in ASCII, so it
    reads as where it leads. None if it is not one to show or open.

    - A host with non-ASCII characters is shown in its IDNA form: "http://аpple.com/"
      with a Cyrillic "а" looks exactly like apple.com, "http://xn--pple-43d.com/" does
      not. One with no IDNA form is no link (None).
    - Non-ASCII and spaces elsewhere (user, path, query, fragment) are percent-escaped
      as UTF-8, as a URI (and so an OSC 8 hyperlink) must be; other characters are kept.
    - A mailto: link keeps its addresses only: a query can ask the mail program to
      attach a file (`?attach=/home/me/.ssh/id_rsa`) or fill in the message, which a
      click must not do. Its domains get the IDNA form too.
    """
    from urllib.parse import quote, urlsplit

    url = safe_url(url)
    if url is None:
        return None
    scheme, _, rest = url.partition(":")
    if scheme.lower() == "mailto":
        addresses = []
        for address in rest.split("?", 1)[0].split("#", 1)[0].split(","):
            user, at, given = address.rpartition("@")
            domain = _idna_host(given) if at else given
            if domain is None:
                return None
            if address:
                addresses.append(quote(f"{user}{at}{domain}", safe=_URL_SAFE))
        return f"mailto:{','.join(addresses)}" if addresses else None
    try:
        parts = urlsplit(url)
    except ValueError:  # a broken IPv6 host, or a character that decomposes to "/" or "@"
        return None
    netloc = parts.netloc
    if not netloc.isascii():
        user, at, hostport = netloc.rpartition("@")
        host, colon, port = hostport.rpartition(":")
        if not colon or not port.isdigit():
            host, colon, port = hostport, "", ""
        ascii_host = _idna_host(host)
        if ascii_host is None:
            return None
        netloc = f"{quote(user, safe=_URL_SAFE)}{at}{ascii_host}{colon}{port}"
    rest = url[len(parts.scheme) + 1 :]
    if parts.netloc:
        rest = rest[2 + len(parts.netloc) :]  # what follows "//host"
        return f"{parts.scheme}://{netloc}{quote(rest, safe=_URL_SAFE)}"
    return f"{parts.scheme}:{quote(rest, safe=_URL_SAFE)}"
