"""Saved web pages: the main text and metadata, by trafilatura, kept as structure.

trafilatura finds the article among the page's navigation and widgets; we ask it for
HTML output (headings, lists, quotes, tables, links survive) and turn that into blocks
with the same converter feeds use. The page is parsed once with lxml: our own metadata
look-ups (full publication timestamps, language) run on that tree before trafilatura
prunes it. trafilatura is imported lazily: it costs about 0.2 s to import.
"""

from __future__ import annotations

import re
from typing import Any

from newsreader.extraction.dates import parse_date
from newsreader.extraction.metadata import read_metadata, split_authors, url_date
from newsreader.extraction.page import ExtractedPage
from newsreader.extraction.structure import defuse_nesting, element_to_blocks
from newsreader.models import BlockKind
from newsreader.sanitize import clean_inline, safe_url


def _text(value: Any) -> str:
    """A trafilatura field as clean one-line text ("" when it is missing)."""
    return clean_inline(value) if isinstance(value, str) else ""


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """Extract the article of a saved HTML page; an empty page gives an empty article."""
    import lxml.etree
    import lxml.html

    out = ExtractedPage(url=safe_url(url, schemes=("http", "https")))
    if not html.strip():
        return out
    # lxml refuses str input that carries an encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        tree = lxml.html.document_fromstring(defuse_nesting(html), parser=_page_parser())
    except (lxml.etree.ParserError, ValueError):
        return out
    found = read_metadata(tree, out.url)
    out.url = found.url
    out.language = found.language
    out.published, out.updated = found.published, found.updated
    out.section = found.section
    out.site = found.site
    out.summary = found.summary
    out.tags = found.tags
    out.title = found.title
    out.authors = found.authors
    out.editors = found.editors

    result = _run_trafilatura(tree, out.url)
    if result is None:
        # Nothing that looks like an article: keep the page's text rather than nothing.
        body = tree.find("body")
        out.body = list(element_to_blocks(body if body is not None else tree, out.url))
        return out

    out.title = out.title or _text(result.title)
    if not out.authors and (author := _text(result.author)):
        out.authors = split_authors(author.replace(";", ","))
    out.site = out.site or _text(result.sitename)
    out.summary = out.summary or _text(result.description)
    out.published = out.published or parse_date(_text(result.date)) or url_date(out.url)
    if not out.tags and isinstance(result.categories, list):
        out.tags = [t for c in result.categories if (t := _text(c))]
    out.section = out.section or (out.tags[0] if out.tags else None)
    blocks = list(element_to_blocks(_tei_to_html(result.body), out.url))
    # trafilatura repeats the headline as the first heading; the pane shows it already.
    if (
        blocks
        and blocks[0].kind is BlockKind.HEADING
        and out.title
        and (blocks[0].plain.strip() == out.title)
    ):
        blocks = blocks[1:]
    out.body = blocks
    return out


def _page_parser() -> Any:
    """The parser trafilatura itself uses on a string, deep trees allowed.

    Comments and processing instructions must go at parse time: handed a tree that
    still holds them, trafilatura loses the text that follows them (a comment's tail),
    whole paragraphs on some pages (gizmodo 0.95 -> 0.66 token F1).
    """
    import lxml.html

    return lxml.html.HTMLParser(
        huge_tree=True, remove_comments=True, remove_pis=True, collect_ids=False
    )


_TEI_TAGS = {
    "item": "li",
    "quote": "blockquote",
    "row": "tr",
    "lb": "br",
    "graphic": "img",
    "del": "s",
    "comments": "script",
}
_TEI_HI = {"#b": "b", "#i": "i", "#u": "u", "#t": "code", "#sub": "sub", "#sup": "sup"}


def _tei_to_html(doc: Any) -> Any:
    """Rename trafilatura's XML elements to their HTML equivalents, in place.

    Its XML output keeps what its HTML output loses (ordered lists, table header cells),
    and after renaming the shared block converter reads it like any HTML.
    """
    for el in doc.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == "head":
            rend = el.get("rend") or "h2"
            el.tag = rend if rend in ("h1", "h2", "h3", "h4", "h5", "h6") else "h2"
        elif tag == "list":
            el.tag = "ol" if el.get("rend") == "ol" else "ul"
        elif tag == "cell":
            el.tag = "th" if el.get("role") == "head" else "td"
        elif tag == "hi":
            el.tag = _TEI_HI.get(el.get("rend") or "", "span")
        elif tag == "ref":
            el.tag = "a"
            el.set("href", el.get("target") or "")
        elif tag == "code" and el.getparent() is not None and el.getparent().tag in ("main", "doc"):
            el.tag = "pre"
        elif tag in _TEI_TAGS:
            el.tag = _TEI_TAGS[tag]
    return doc


def _run_trafilatura(tree: Any, url: str | None) -> Any:
    """trafilatura's Document (metadata + body in its XML vocabulary), or None.

    `bare_extraction` rather than `extract`: the latter also computes a similarity
    fingerprint we do not use (a fifth of the time on a 1 MB page). The date search
    stays on the page's markup (no extensive text scan); <meta> dates were read above.
    """
    import trafilatura

    try:
        document: Any = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=True,
            include_formatting=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, RecursionError):  # trafilatura's own parse failures
        return None
    if document is None or getattr(document, "body", None) is None:
        return None
    if not "".join(document.body.itertext()).strip():
        return None
    return document
