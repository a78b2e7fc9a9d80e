"""OPML 1.0/2.0 subscription lists: import into sections, export for other readers.

OPML is data only. It is parsed with entity expansion, DTD loading and network access
all off, and nothing in an outline is ever run or fetched while importing: an outline
becomes at most a (section, URL, title) triple, and only http/https URLs are kept.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html.entities import name2codepoint
from typing import Any

from newsreader.config import Config
from newsreader.errors import SourceError
from newsreader.sanitize import clean_inline, safe_url

DEFAULT_SECTION = "Imported"


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One subscription found in an OPML file."""

    section: str
    url: str
    title: str | None


def _attr(el: Any, name: str) -> str | None:
    """An attribute by case-insensitive name (xmlUrl, xmlurl and XMLURL all occur)."""
    for key, value in el.attrib.items():
        if isinstance(key, str) and key.lower() == name:
            return str(value)
    return None


MAX_SECTION_DEPTH = 4
"""Outline levels that name a section ("News / World / Asia / Japan"); a feed nested
deeper goes into the section of its ancestor at that depth, so a deep file is imported
whole instead of its deep feeds being refused for a section name too long to use."""
MAX_LABEL = 45
"""Characters of one level's label in a section name: four levels always fit the
config's limit on a section's name (200)."""


@dataclass(frozen=True, slots=True)
class OpmlOutlines:
    """What an OPML file holds: its feeds, and how many outlines named an address that
    cannot be subscribed to (`javascript:`, `file:`, `http:foo`)."""

    feeds: list[OpmlFeed]
    skipped: int


def _label(text: str) -> str:
    """One outline's label as part of a section name: at most MAX_LABEL characters."""
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "\u2026"


_HTML_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})


def _character_reference(found: re.Match[bytes]) -> bytes:
    name = found.group(1)
    code = None if name in _XML_ENTITIES else name2codepoint.get(name.decode("ascii"))
    return b"&#%d;" % code if code is not None else found.group()


def read_opml(data: bytes, source: str) -> OpmlOutlines:
    """The feeds of an OPML document, each with the section its outline nesting gives,
    and the count of outlines skipped for an unusable address.

    The document is read whole or not at all: a parser that recovers from errors stops
    at the first one it cannot get past (an entity that expands past libxml2's limit, a
    tag left open) and keeps what came before, so an import would report success with
    every later outline missing. Entities are still never loaded from outside the file.
    """
    import lxml.etree

    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        try:
            root = lxml.etree.fromstring(data, parser)
        except lxml.etree.XMLSyntaxError as exc:
            if "Entity '" not in str(exc.msg) or not _HTML_ENTITY.search(data):
                raise
            # Some exporters write HTML's named entities (&nbsp;, &eacute;) into titles:
            # XML knows five. Spelled as the characters they name, the file reads whole.
            root = lxml.etree.fromstring(_HTML_ENTITY.sub(_character_reference, data), parser)
    except lxml.etree.XMLSyntaxError as exc:
        message = clean_inline(str(exc.msg or exc))[:300]  # libxml2's, with line and column
        raise SourceError(source, f"not valid OPML ({message}); nothing was imported") from None
    if root is None or not isinstance(root.tag, str) or root.tag.lower() != "opml":
        raise SourceError(source, "not an OPML file (no <opml> element)")
    body = next((el for el in root if isinstance(el.tag, str) and el.tag.lower() == "body"), None)
    if body is None:
        raise SourceError(source, "not an OPML file (no <body> element)")
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    skipped = 0

    def walk(el: Any, path: list[str]) -> None:
        # Recursion is bounded: libxml2 refuses nesting past 256 levels (huge_tree off).
        nonlocal skipped
        for child in el:
            if not isinstance(child.tag, str) or child.tag.lower() != "outline":
                continue
            label = clean_inline(_attr(child, "title") or _attr(child, "text") or "")
            raw = _attr(child, "xmlurl")
            url = safe_url(raw, schemes=("http", "https"))
            if url:
                if url not in seen:
                    seen.add(url)
                    section = " / ".join(path) if path else DEFAULT_SECTION
                    feeds.append(OpmlFeed(section, url, label or None))
                continue
            if raw is not None and raw.strip():
                skipped += 1  # an address, but not one to subscribe to
            if len(child):
                if len(path) < MAX_SECTION_DEPTH:
                    walk(child, [*path, _label(label or DEFAULT_SECTION)])
                else:
                    walk(child, path)

    walk(body, [])
    return OpmlOutlines(feeds, skipped)


def parse_opml(data: bytes, source: str) -> list[OpmlFeed]:
    """The feeds of an OPML document (see `read_opml`)."""
    return read_opml(data, source).feeds


def export_opml(
    config: Config,
    title: str = "newsreader subscriptions",
    titles: Mapping[str, str] | None = None,
) -> str:
    """OPML 2.0 of every feed, one outline per section (local paths are not exported).

    A feed is named by its title in the config, else by `titles` (URL -> the title the
    feed gave itself when last read), and by its URL only when neither is known.
    """
    titles = titles or {}
    opml = ET.Element("opml", version="2.0")
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = ET.SubElement(opml, "body")
    for section in config.sections:
        if not section.feeds:
            continue
        group = ET.SubElement(body, "outline", text=section.name, title=section.name)
        for feed in section.feeds:
            name = feed.title or titles.get(feed.url) or feed.url
            ET.SubElement(group, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
    ET.indent(opml)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(opml, encoding="unicode") + "\n"
