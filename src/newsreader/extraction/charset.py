"""Bytes to text: BOM first, then the declared charset, then UTF-8, then detection.

Saved pages arrive in every encoding news sites ever used (GBK, Shift_JIS, cp1252...),
often mislabelled. The order matters: a BOM cannot lie, a declaration usually does not,
strict UTF-8 almost never matches by accident, and only then do we let
charset-normalizer guess. A file glued together from a UTF-8 part and a cp1252 part
(one tool appended to another's output) is decoded line by line: UTF-8 where a line is
UTF-8, the legacy encoding elsewhere, so neither part turns into mojibake.
"""

from __future__ import annotations

import codecs
import re

from newsreader.sanitize import normalize_newlines

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:+-]+)["']""")

# Labels that browsers treat as a superset; decoding with the superset loses nothing.
_SUPERSETS = {
    "latin-1": "cp1252",
    "latin_1": "cp1252",
    "iso8859-1": "cp1252",
    "iso-8859-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "euc-kr": "cp949",
}


# Python's codecs that are not character sets a document can be written in: they
# raise on everything ("undefined"), decode domain names ("punycode", "idna"), turn
# backslash escapes in the bytes into characters, or are WHATWG's trap (UTF-7). A page
# that declares one is decoded as if it had declared nothing.
_NOT_CHARSETS = frozenset(
    {"undefined", "punycode", "idna", "unicode-escape", "raw-unicode-escape", "utf-7"}
)


def usable_charset(label: str) -> str | None:
    """The codec to decode a document declared in `label` with, or None (unknown, or
    not a character set)."""
    return _canonical(label)


def _canonical(label: str) -> str | None:
    """The codec for a declared label, widened to its superset; None if unknown or not
    a character set."""
    label = label.strip().lower()
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    name = info.name
    if name in _NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return _SUPERSETS.get(label) or _SUPERSETS.get(name) or name


_CONTENT_TYPE_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset a Content-Type header names (`text/xml; charset=gbk`), if any."""
    if not content_type:
        return None
    m = _CONTENT_TYPE_CHARSET.search(content_type)
    return m.group(1) if m else None


def declared_charset(data: bytes) -> str | None:
    """The charset an XML declaration or HTML <meta> in the first 4 KB names, if any."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    return _canonical(match.group(1).decode("ascii", "replace"))


def usable_xml_declaration(data: bytes) -> bytes:
    """An XML document whose declaration names no character set ("undefined",
    "punycode"), re-encoded as UTF-8 and declared so: XML parsers trust the
    declaration and fail on such a label. Any other document is returned as it is."""
    match = _XML_ENCODING.search(data[:4096])
    if match is None or usable_charset(match.group(1).decode("ascii", "replace")):
        return data
    text, _ = decode_bytes(data[: match.start(1)] + b"utf-8" + data[match.end(1) :])
    return text.encode("utf-8")


def _strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :], encoding
    return data, None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `data` and normalise line ends; returns the text and the encoding used.

    `declared` is a charset from outside the bytes (an HTTP header); a declaration
    inside the bytes is looked for when it is not given. Never raises: the last resort
    decodes cp1252 with replacement characters, which shows the user something.
    """
    body, bom_encoding = _strip_bom(data)
    if bom_encoding:
        return normalize_newlines(body.decode(bom_encoding, "replace")), bom_encoding

    candidates: list[str] = []
    for label in (declared, declared_charset(body)):
        if label and (codec := _canonical(label)) and codec not in candidates:
            candidates.append(codec)
    # A page that says "utf-8" but is not, is common; so is one that says latin-1 but is
    # utf-8. Strict decoding lets a wrong declaration fall through to the next guess;
    # cp1252 decodes nearly any bytes, so it is tried only after UTF-8 has failed.
    for codec in [*(c for c in candidates if c != "cp1252"), "utf-8"]:
        try:
            return normalize_newlines(body.decode(codec)), codec
        except (UnicodeError, LookupError, ValueError):
            continue
    mixed = _decode_mixed(body, "cp1252" if "cp1252" in candidates else None)
    if mixed is not None:
        return normalize_newlines(mixed[0]), mixed[1]
    if "cp1252" in candidates:
        return normalize_newlines(body.decode("cp1252", "replace")), "cp1252"

    detected = _detect(body)
    if detected:
        try:
            return normalize_newlines(body.decode(detected)), detected
        except (UnicodeError, LookupError, ValueError):
            pass
    return normalize_newlines(body.decode("cp1252", "replace")), "cp1252"


def _decode_mixed(body: bytes, legacy: str | None) -> tuple[str, str] | None:
    """Each line as UTF-8 if it is, else in one single-byte legacy encoding (`legacy`,
    else the detector's pick for the other lines, else cp1252); None unless some
    non-ASCII line is UTF-8 (then the file is not wholly legacy) and the legacy
    encoding is single-byte (a short GBK or Shift_JIS line can pass for UTF-8 by
    chance; such files are decoded whole, as before)."""
    lines = body.splitlines(keepends=True)
    utf8: dict[int, str] = {}
    other: list[bytes] = []
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            utf8[i] = line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(line)
    if not utf8 or not other:
        return None
    codec = legacy or _detect(b"".join(other)) or "cp1252"
    if codec == "utf-8":  # the detector's shrug about lines that are not UTF-8
        codec = "cp1252"
    if not _single_byte(codec):
        return None
    text = "".join(
        utf8[i] if i in utf8 else line.decode(codec, "replace") for i, line in enumerate(lines)
    )
    return text, f"utf-8+{codec}"


def _single_byte(codec: str) -> bool:
    """Whether every byte is one character in `codec` (cp1252, iso8859-*, koi8...; UTF-8
    passes too, one U+FFFD per byte, and is ruled out by the caller)."""
    try:
        return len(bytes(range(0x80, 0x100)).decode(codec, "replace")) == 0x80
    except LookupError:
        return False


def _detect(body: bytes) -> str | None:
    """charset-normalizer's best guess, widened to the superset codec."""
    from charset_normalizer import from_bytes

    results = from_bytes(body[:200_000])
    best = results.best()
    if best is None:
        return None
    # Single-byte Western text often scores the same in cp1250 and cp1252; on a tie the
    # web's most common legacy encoding is the better bet.
    for match in results:
        if (
            "cp1252" in match.could_be_from_charset
            and match.chaos <= best.chaos + 0.005
            and match.coherence >= best.coherence - 0.02
        ):
            return "cp1252"
    return _canonical(best.encoding)
