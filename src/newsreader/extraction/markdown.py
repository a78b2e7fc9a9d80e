"""Markdown articles, with optional YAML-style front matter (title, author, date, source, url).

markdown-it-py (already under Rich) renders CommonMark plus tables to HTML, and the
shared HTML converter turns that into blocks. Raw HTML in the Markdown is not passed
through: it shows as the text it is. Front matter is read as flat `key: value` lines,
which is all the fields we use need; no YAML library is pulled in for it.
"""

from __future__ import annotations

import re

from newsreader.extraction.dates import parse_date
from newsreader.extraction.page import ExtractedPage
from newsreader.extraction.structure import html_to_blocks
from newsreader.models import BlockKind
from newsreader.sanitize import clean_inline, clean_text, safe_url

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def parse_front_matter(text: str) -> tuple[dict[str, str | list[str]], str]:
    """The front matter's flat keys (lists for `[a, b]` or `- a` items) and the rest."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    data: dict[str, str | list[str]] = {}
    key: str | None = None
    for line in m.group("yaml").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.match(r"^\s+-\s+(.*)$", line)
        if item and key is not None:
            current = data.get(key)
            values = current if isinstance(current, list) else []
            values.append(_unquote(item.group(1)))
            data[key] = values
            continue
        kv = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if not kv:
            continue
        key, value = kv.group(1).lower(), kv.group(2).strip()
        if value.startswith("[") and value.endswith("]"):
            data[key] = [_unquote(v) for v in value[1:-1].split(",") if v.strip()]
        else:
            data[key] = _unquote(value)
    return data, text[m.end() :]


def _first(data: dict[str, str | list[str]], *keys: str) -> str | None:
    for key in keys:
        value = data.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value:
            return clean_inline(value)
    return None


def _names(data: dict[str, str | list[str]], *keys: str) -> list[str]:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return [n for n in (clean_inline(p) for p in re.split(r";|,|\band\b", value)) if n]
        if isinstance(value, list) and value:
            return [n for n in (clean_inline(v) for v in value) if n]
    return []


def parse_markdown(text: str, base_url: str | None = None) -> ExtractedPage:
    """Fields and blocks of a Markdown article."""
    from markdown_it import MarkdownIt

    data, content = parse_front_matter(clean_text(text))
    out = ExtractedPage()
    out.title = _first(data, "title")
    out.authors = _names(data, "author", "authors", "by")
    out.published = parse_date(_first(data, "date", "published"))
    out.updated = parse_date(_first(data, "updated", "modified", "lastmod"))
    out.site = _first(data, "source", "site", "publication")
    out.section = _first(data, "section", "category")
    out.summary = _first(data, "summary", "description", "subtitle")
    out.url = safe_url(_first(data, "url", "link", "canonical"), schemes=("http", "https"))
    out.language = _first(data, "language", "lang")
    tags = data.get("tags")
    out.tags = [clean_inline(t) for t in tags] if isinstance(tags, list) else []

    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    blocks = list(html_to_blocks(md.render(content), base_url or out.url))
    if out.title is None and blocks and blocks[0].kind is BlockKind.HEADING:
        out.title = blocks[0].plain
        blocks = blocks[1:]
    elif blocks and blocks[0].kind is BlockKind.HEADING and blocks[0].plain == out.title:
        blocks = blocks[1:]
    out.body = blocks
    return out
