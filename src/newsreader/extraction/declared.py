"""What a saved page declares for machines: its <meta> tags and JSON-LD scripts.

Publishers write these for search engines and social sites, and they are usually the
most exact statement of a page's headline, authors and dates; the readers here only
collect them (by key, by @type), and `metadata` decides which source wins per field.
Kept apart from the page-reading heuristics (titles, bylines, dates) because every one
of those consults them, and they are the layer a broken page breaks first: a JSON-LD
script may be wrapped in a comment or CDATA, escaped twice, or megabytes long.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from newsreader.sanitize import clean_inline

_MAX_JSON_LD = 2_000_000
"""Larger JSON-LD scripts are not read: no article's metadata is that big."""


def meta_values(tree: Any) -> dict[str, list[str]]:
    """<meta> contents by lower-cased name, property, itemprop or http-equiv, in page order.

    A property may hold several names separated by spaces (`property="dc:title og:title"`).
    """
    found: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        value = el.get("content")
        if value is None or not value.strip():
            continue
        names = (el.get("property"), el.get("name"), el.get("itemprop"), el.get("http-equiv"))
        keys = " ".join(filter(None, names))
        for key in keys.lower().split():
            found.setdefault(key, []).append(value.strip())
    return found


def first_meta(meta: dict[str, list[str]], *keys: str) -> str | None:
    """The first non-empty value under the first of `keys` the page has, cleaned."""
    for key in keys:
        for value in meta.get(key, ()):
            if text := clean(value):
                return text
    return None


_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I)


def clean(text: str) -> str:
    """One line of clean text; HTML entities still in it decoded (JSON-LD is not HTML-
    decoded by the parser, and some pages escape their <meta> content twice)."""
    if _ENTITY.search(text):
        text = html.unescape(text)
    return clean_inline(text)


_TRAILING_COMMA = re.compile(r",(\s*[\]}])")
_CDATA = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>|;)\s*$")


def json_ld_objects(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object with a @type, in page order (lists and @graph flattened)."""
    out: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind != "application/ld+json":
            continue
        text = script.text or ""
        if not text.strip() or len(text) > _MAX_JSON_LD:
            continue
        text = _CDATA.sub("", text.strip())
        text = _CDATA.sub("", text)
        try:
            data = json.loads(text, strict=False)
        except (ValueError, RecursionError):
            # Hand-written templates leave a comma before "]" or "}" (a list of tags
            # written in a loop): browsers' JSON refuses it, and so did we.
            try:
                data = json.loads(_TRAILING_COMMA.sub(r"\1", text), strict=False)
            except (ValueError, RecursionError):
                continue
        out.extend(_typed(data, 0))
    return out


def _typed(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _typed(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        if "@graph" in data:
            yield from _typed(data["@graph"], depth + 1)


def ld_types(obj: dict[str, Any]) -> set[str]:
    """A JSON-LD object's @type(s), lower-cased and without a prefix ("schema:Article")."""
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower().rpartition(":")[2] for k in kinds if isinstance(k, str)}


def ld_string(value: Any) -> str | None:
    """A JSON-LD value as one clean string: the first of a list, an object's name."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return text if isinstance(value, str) and (text := clean(value)) else None


def looks_like_url(text: str) -> bool:
    """Whether a value is an address (some pages give an author's profile URL as a name)."""
    return bool(re.match(r"\s*(?:https?:)?//|\s*www\.", text, re.I))
