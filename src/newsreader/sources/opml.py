"""OPML 1.0/2.0 subscription lists: import into sections, export for other readers.

OPML is data only. It is parsed with entity expansion, DTD loading and network access
all off, and nothing in an outline is ever run or fetched while importing: an outline
becomes at most a (section, URL, title) triple, and only http/https URLs are kept.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
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


def parse_opml(data: bytes, source: str) -> list[OpmlFeed]:
    """The feeds of an OPML document, each with the section its outline nesting gives."""
    import lxml.etree

    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise SourceError(source, f"not valid OPML ({exc})") from None
    if root is None or not isinstance(root.tag, str) or root.tag.lower() != "opml":
        raise SourceError(source, "not an OPML file (no <opml> element)")
    body = next((el for el in root if isinstance(el.tag, str) and el.tag.lower() == "body"), None)
    if body is None:
        raise SourceError(source, "not an OPML file (no <body> element)")
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()

    def walk(el: Any, path: list[str]) -> None:
        for child in el:
            if not isinstance(child.tag, str) or child.tag.lower() != "outline":
                continue
            label = clean_inline(_attr(child, "title") or _attr(child, "text") or "")
            url = safe_url(_attr(child, "xmlurl"), schemes=("http", "https"))
            if url:
                if url not in seen:
                    seen.add(url)
                    section = " / ".join(path) if path else DEFAULT_SECTION
                    feeds.append(OpmlFeed(section, url, label or None))
            elif len(child):
                walk(child, [*path, label or DEFAULT_SECTION])

    walk(body, [])
    return feeds


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
