"""When a saved page says its article was published and updated, from its markup.

Sources in order of strength: JSON-LD datePublished/dateModified, <meta> tags
(article:published_time, Dublin Core, parsely...), <time datetime> marked as the
publication date, a date written in the byline or date line, and last the /2019/03/05/
in the page's address. `dates` parses the strings (ISO, RFC 2822, "5 March 2024" in
several languages); this module knows where a page puts them.
"""

from __future__ import annotations

import re
from typing import Any

from newsreader.extraction.bylines import in_comments
from newsreader.extraction.dates import find_date, parse_date
from newsreader.extraction.declared import ld_string
from newsreader.extraction.marked import elements_with
from newsreader.extraction.titles import NOT_SHOWN, SITE_SEPARATOR, element_saying
from newsreader.sanitize import clean_inline
from newsreader.urls import split_url

_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "publishdate",
    "publish-date",
    "pubdate",
    "article.published",
    "date",
)
_UPDATED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
)
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)"
)


def _declared_date(text: str | None) -> str | None:
    """ISO 8601 for a date a page declares, None for placeholders ("0001-01-01")."""
    iso = parse_date(text)
    if iso is None:
        return None
    year = iso.split("-", 1)[0]
    return iso if year.isdigit() and 1900 <= int(year) <= 2200 else None


def _meta_date(meta: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        for value in meta.get(key, ()):
            if iso := _declared_date(value):
                return iso
    return None


def time_element_date(tree: Any, prop: str = "datepublished") -> str | None:
    """A machine-readable date the page shows: <time datetime> marked as the publication
    date (itemprop or pubdate), else the first <time datetime> in an <article> or header."""
    first: str | None = None
    for el in tree.iter("time"):
        value = el.get("datetime")
        if not value:
            continue
        itemprop = (el.get("itemprop") or "").lower()
        if itemprop == prop or (prop == "datepublished" and el.get("pubdate") is not None):
            if iso := _declared_date(value):
                return iso
        if first is None and prop == "datepublished" and not itemprop:
            if any(a.tag in ("article", "header", "main") for a in el.iterancestors()):
                first = _declared_date(value)
    return first


def first_time_date(tree: Any, limit: int = 50) -> str | None:
    """The first <time datetime> of the page outside comments, asides, footers and
    related-story lists, for a page whose only date is one outside its <article>."""
    for n, el in enumerate(tree.iter("time")):
        if n >= limit:
            break
        value = el.get("datetime")
        if not value or in_comments(el, asides=True) or _in_related(el):
            continue
        if iso := _declared_date(value):
            return iso
    return None


_RELATED = re.compile(r"related|recommend|popular|trending|more-|promo|teaser|card|list", re.I)


def _in_related(el: Any) -> bool:
    return any(
        _RELATED.search(f"{a.get('class') or ''} {a.get('id') or ''}") for a in el.iterancestors()
    )


_DATE_CLASS = re.compile(r"date|time|publish|byline|posted", re.I)
_NOT_DATE_CLASS = re.compile(
    r"update|mod|comment|related|read-?time|runtime|footer|copyright|access|cit|ref|event", re.I
)


def shown_date(tree: Any, language: str | None = None, limit: int = 200) -> str | None:
    """A publication date written in the page's byline or date line ("By A | March 5,
    2024"), for pages that declare none in their markup: the first such element whose
    short text holds a whole date. Weaker than any declared date, stronger than a URL."""
    seen = 0
    for el in elements_with(tree, "class", "id"):
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "meta", "time"):
            continue
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not _DATE_CLASS.search(marks) or _NOT_DATE_CLASS.search(marks):
            continue
        seen += 1
        if seen > limit:
            break
        text = clean_inline(el.text_content())
        if not text or len(text) > 120 or in_comments(el, asides=True):
            continue
        if iso := _written_date(text, language):
            return iso
    return None


_HEADLINE_DATE_CHARS = 120
"""A line below the headline longer than this is the lede: the date line is above it."""


def _element_saying(tree: Any, title: str) -> Any:
    """The first element whose own text is the headline (or its first part, "Headline -
    Site" where the site's name is not known)."""
    parts = [p for p in SITE_SEPARATOR.split(title) if len(p.split()) >= 3]
    return element_saying(tree, [title, *parts[:1]], 3 * len(title) + 40)


def headline_date(tree: Any, language: str | None = None, title: str | None = None) -> str | None:
    """A date written on a short line just below the page's <h1> (a date line without
    class or markup: "05/10/2018 - Publicado por: ..."), or below the block holding it;
    the element whose text is the headline (`title`) first: the <h1> may be the logo,
    and a page may show its headline in a <p class=titulo> or a <dt>.
    Weak: used when no element states one. The lines stop at the first long one, the
    lede, whose dates are the story's, not the page's."""
    said = _element_saying(tree, title) if title else None
    h1 = next((el for el in tree.iter("h1") if el.text_content().strip()), None)
    for anchor in dict.fromkeys(a for a in (said, h1) if a is not None):
        if iso := _date_below(anchor, language):
            return iso
    return None


def _date_below(anchor: Any, language: str | None) -> str | None:
    for el in (anchor, anchor.getparent()):
        if el is None or el.tag in ("body", "html"):
            break
        lines = [el.tail or ""]
        for sibling in el.itersiblings():
            if len(lines) > 8:
                break
            if isinstance(sibling.tag, str) and sibling.tag not in NOT_SHOWN:
                lines.append(sibling.text_content())
            lines.append(sibling.tail or "")
        for line in map(clean_inline, lines):
            if len(line) > _HEADLINE_DATE_CHARS:
                return None
            if line and (iso := _written_date(line, language)):
                return iso
    return None


_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_MONTH_FIRST = ("en", "en-us", "en-ph", "en-ca")


def _written_date(text: str, language: str | None) -> str | None:
    """The first whole date in `text`, 05/10/2018 read day first where the page's
    language writes it so (any but American English: Portuguese, British...)."""
    if not text:
        return None
    lang = (language or "").casefold().replace("_", "-")
    if lang and lang not in _MONTH_FIRST and not lang.startswith("en-us"):
        text = _SLASH_DATE.sub(r"\1.\2.\3", text)  # dotted: day first
    if (found := find_date(text)) and (iso := _declared_date(found.iso)):
        return iso
    return None


def url_date(url: str | None) -> str | None:
    """The date in an address like /2019/03/05/slug (weak: a URL can name an old event)."""
    if not url:
        return None
    parts = split_url(url)
    m = _URL_DATE.search(parts.path) if parts else None
    if not m:
        return None
    return parse_date(f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")


def published_date(
    ld: dict[str, Any],
    meta: dict[str, list[str]],
    tree: Any,
    web_page: dict[str, Any] | None = None,
    language: str | None = None,
    title: str | None = None,
) -> str | None:
    """The publication date the page's markup states, strongest source first.

    `web_page` is the page's JSON-LD WebPage, whose datePublished is the article's when
    no Article states one (SEO plugins write it there).
    """
    return (
        _declared_date(ld_string(ld.get("datePublished")))
        or _meta_date(meta, _PUBLISHED_META)
        or _declared_date(ld_string((web_page or {}).get("datePublished")))
        or time_element_date(tree)
        or _declared_date(ld_string(ld.get("dateCreated")))
        or shown_date(tree, language)
        or headline_date(tree, language, title)
        or first_time_date(tree)
    )


def updated_date(ld: dict[str, Any], meta: dict[str, list[str]], tree: Any) -> str | None:
    """The last-modified date the page's markup states, strongest source first."""
    return (
        _declared_date(ld_string(ld.get("dateModified")))
        or _meta_date(meta, _UPDATED_META)
        or time_element_date(tree, "datemodified")
    )
