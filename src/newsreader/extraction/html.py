"""Saved web pages: the main text and metadata, by trafilatura, kept as structure.

trafilatura finds the article among the page's navigation and widgets; we ask it for
HTML output (headings, lists, quotes, tables, links survive) and turn that into blocks
with the same converter feeds use. The page is parsed once with lxml: our own metadata
layer (`metadata`: JSON-LD, <meta>, headline, bylines, dates) reads that tree before
trafilatura prunes it, and the body's first blocks lose what the header shows already.
trafilatura is imported lazily: it costs about 0.2 s to import.
"""

from __future__ import annotations

import re
from typing import Any

from newsreader.extraction.bylines import split_authors
from newsreader.extraction.dates import has_date
from newsreader.extraction.furniture import CALL_TO_ACTION
from newsreader.extraction.images import page_images, place_images
from newsreader.extraction.main_text import main_container, main_text_length, text_blocks
from newsreader.extraction.marked import elements_with
from newsreader.extraction.metadata import read_metadata
from newsreader.extraction.page import ExtractedPage
from newsreader.extraction.page_dates import url_date
from newsreader.extraction.structure import defuse_nesting, element_to_blocks
from newsreader.extraction.titles import fold
from newsreader.models import Block, BlockKind
from newsreader.sanitize import safe_url


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
    out.published = out.published or url_date(out.url)
    out.section = out.section or (out.tags[0] if out.tags else None)

    drop_hidden(tree)
    images = page_images(tree, out.url)
    elements = _count_elements(tree)
    if elements > _MAX_ELEMENTS:
        # trafilatura's cost grows faster than the page (a megabyte of <p>word</p> took
        # a minute): past the budget, the text of the main container, as paragraphs.
        blocks = text_blocks(main_container(tree))
        out.authors = out.authors or lead_byline(blocks)
        out.body = place_images(
            lead_trimmed(blocks, out.title, found.headings, out.authors, out.summary), images
        )
        return out
    main = main_text_length(tree)
    result = _run_trafilatura(tree, fast=True)
    length = _body_length(result)
    short = length < max(_SHORT_BODY, _FALLBACK_SHARE * main)
    # One block many times the page's paragraph text: trafilatura's last resort, the
    # whole page's text (menus and all) in one piece.
    dump = result is not None and len(result.body) == 1 and length > 5 * max(main, _SHORT_BODY)
    if (short or dump) and elements <= _MAX_FULL_PASS:
        # The full pass (trafilatura's fallback extractors too) on a fresh tree: kept if it
        # finds more than a too-short body, or a real article instead of a page dump.
        fresh = lxml.html.document_fromstring(defuse_nesting(html), parser=_page_parser())
        drop_hidden(fresh)
        full = _run_trafilatura(fresh, fast=False)
        full_length = _body_length(full)
        if (short and full_length > length) or (dump and full_length >= _SHORT_BODY // 2):
            result = full
    if result is None:
        # Nothing that looks like an article: keep the page's text rather than nothing.
        body = tree.find("body")
        out.body = list(element_to_blocks(body if body is not None else tree, out.url))
        return out

    blocks = list(element_to_blocks(_tei_to_html(result.body), out.url))
    if not out.authors:
        out.authors = lead_byline(blocks)
    out.body = place_images(
        lead_trimmed(blocks, out.title, found.headings, out.authors, out.summary), images
    )
    return out


_LEAD_BLOCKS = 6
"""How far into the body the headline's repeats, bylines and datelines are looked for."""


def lead_trimmed(
    blocks: list[Block],
    title: str | None,
    headings: list[str],
    authors: list[str],
    summary: str | None = None,
) -> list[Block]:
    """The body without what the article's header shows already, above its first words.

    trafilatura keeps the page's own headline, kicker, byline and date line when they
    sit inside the article's markup; the reading pane shows them from the metadata, and
    as the body's first paragraphs they hide the lede. Only short blocks among the first
    few go, and only these kinds: the headline (or an <h1>) repeated, and anything above
    it; a line naming an author or starting "By"; a short line with a date or a reading
    time; a paragraph
    that is a name alone (a reviewer); a line of links only (skip links); a line of
    topics or tags ("Topics: a, b"); a promo in brackets ("[Get our newsletter.]"). A run of short
    list items counts as one line ("24 July 2015 · From the section US · 941 comments").
    A heading that is the page's description (its standfirst, set as a subheading above
    the lede) goes too: the summary shows it, and the body starts at the lede.
    """
    cut = 0  # blocks before this index go
    words_above = 0
    for n, (start, end) in enumerate(_lead_lines(blocks)):
        text = " ".join(b.plain for b in blocks[start:end] if b.kind is not BlockKind.IMAGE)
        words_above += len(_words(text))
        # The headline repeated goes with what sat above it (a kicker, a promo line), if
        # that was short; the page's <h1> only as the body's very first line.
        names = [title, *headings] if n == 0 else [title]
        if any(name and repeats(text, name) for name in names) and words_above <= 60:
            cut = end
        elif start == cut and (
            _is_header_line(blocks[start:end], text, authors)
            or _is_standfirst(blocks[start:end], text, summary)
        ):
            cut = end
    if not any(b.plain.strip() for b in blocks[cut:] if b.kind is not BlockKind.IMAGE):
        return blocks  # a page that is only its headline keeps it
    return [b for i, b in enumerate(blocks) if i >= cut or b.kind is BlockKind.IMAGE]


def _is_standfirst(span: list[Block], text: str, summary: str | None) -> bool:
    """A subheading that says what the page's description says (with "…" it may be cut)."""
    if not summary or {b.kind for b in span} - {BlockKind.IMAGE} != {BlockKind.HEADING}:
        return False
    said, described = fold(text), fold(summary)
    if len(said) < 20 or len(_words(text)) > 60:
        return False
    return said == described or (len(described) >= 40 and said.startswith(described))


def lead_byline(blocks: list[Block]) -> list[str]:
    """Authors from a "By A and B" line among the body's first blocks, for pages whose
    markup names nobody."""
    for start, end in _lead_lines(blocks):
        text = " ".join(b.plain for b in blocks[start:end] if b.kind is not BlockKind.IMAGE)
        if len(_words(text)) <= 10 and re.match(r"(?:by|par|por|von)\s", text, re.I):
            return split_authors(text, strict=True)
    return []


def _lead_lines(blocks: list[Block]) -> list[tuple[int, int]]:
    """The first few blocks as (start, end) spans: images join the next span, a run of
    list items is one span."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(blocks) and len(spans) < _LEAD_BLOCKS:
        start = i
        while i < len(blocks) and blocks[i].kind is BlockKind.IMAGE:
            i += 1
        if i < len(blocks) and blocks[i].kind is BlockKind.LIST_ITEM:
            while i < len(blocks) and blocks[i].kind is BlockKind.LIST_ITEM:
                i += 1
        else:
            i += 1
        spans.append((start, min(i, len(blocks))))
    return spans


_READING_TIME = re.compile(r"\d\s*(?:min(?:ute|uto|uti|uten|utos)?s?\.?|мин\w*|分)(?!\w)", re.I)
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?!\d)")


_TAXONOMY = re.compile(
    r"(?:^|\s)(?:topics?|tags?|tagged|categor(?:y|ies|ia|ias|ie|ía|ías)|keywords|filed under|"
    r"temas?|etiquetas?|schlagw(?:ö|oe)rter|mots[- ]cl(?:é|e)s|rubri(?:que|k))\s*:",
    re.I,
)


def _is_header_line(span: list[Block], text: str, authors: list[str]) -> bool:
    kinds = {b.kind for b in span} - {BlockKind.IMAGE}
    if not kinds <= {BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM}:
        return False
    stripped = text.strip()
    if len(_words(text)) <= 40 and not stripped.endswith((".", "!", "?")):
        if _TAXONOMY.search(stripped[:200]):
            return True  # "Topics: uber, libertarians", "... - Categoria: Saúde - Tags: ..."
    if len(_words(text)) <= 12 and CALL_TO_ACTION.match(stripped):
        return True  # "Continue reading the main story", "Support our journalism: donate"
    if stripped.startswith("[") and stripped.endswith("]") and len(_words(text)) <= 30:
        return True  # "[Get the morning briefing in your inbox.]": a promo in brackets
    words = _words(text)  # a CJK character is a word: CJK text has few spaces
    if not words or len(words) > 25:
        return False
    folded = text.casefold()
    if len(words) <= 20 and any(a and a.casefold() in folded for a in authors):
        return not text.endswith((".", "!", "?", "。"))  # a byline, not a sentence
    if len(words) <= 8 and re.match(r"(?:by|par|por|von)\s", folded):
        return True
    if len(words) <= 12 and (has_date(text) or _NUMERIC_DATE.search(text)):
        return True
    if (
        len(words) <= 6
        and _READING_TIME.search(text)
        and (not text.endswith((".", "!", "?")) or text.casefold().endswith(" min."))
    ):
        return True  # "5 min read", "Tempo de leitura: 1 minuto", "Lesezeit: 3 Min."
    if (
        kinds == {BlockKind.PARAGRAPH}  # a heading of capitalised words is a section's
        and 2 <= len(words) <= 5
        and not text.endswith((".", "!", "?", ":"))
        and all(w[:1].isupper() for w in text.split())
        and split_authors(text)
    ):
        return True  # a name alone ("Hansa D. Bhargava, MD"): a reviewer's credit
    runs = [r for b in span for r in b.runs if r.text.strip()]
    return len(words) <= 8 and bool(runs) and all(r.link for r in runs)


def repeats(text: str, headline: str) -> bool:
    """Whether a block says the headline again (with a few words more or less)."""
    words, head = _words(text), _words(headline)
    if not words or not head:
        return False
    if len(head) < 3 or len(words) < 3:
        return words == head  # "Lorem", "Pros": only the same words
    head_set, word_set = set(head), set(words)
    covered = sum(w in word_set for w in head) / len(head)
    inside = sum(w in head_set for w in words) / len(words)
    return (
        (covered >= 0.8 and len(words) <= len(head) + 5)
        or (inside >= 0.9 and len(words) >= 0.5 * len(head))
        or inside == 1  # a part of it: "Open Journalism Project:" above the subtitle
    )


_CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af"
_WORD = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")


def _words(text: str) -> list[str]:
    """Folded words; each CJK character counts as one (as the benchmark counts them)."""
    return _WORD.findall(text.casefold())


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


_SHORT_BODY = 500
"""Characters: a body shorter than this is checked with trafilatura's full pass."""
_FALLBACK_SHARE = 0.4
"""A body under this share of the page's main text is checked with the full pass."""


def drop_hidden(tree: Any) -> None:
    """Remove what a browser would not show: `hidden`, aria-hidden="true", and inline
    display:none or visibility:hidden (their tails, text of the parent, stay)."""
    doomed = [
        el
        for el in elements_with(tree, "hidden", "aria-hidden", "style")
        if isinstance(el.tag, str)
        and el.tag not in ("html", "body")
        and (
            el.get("hidden") is not None
            or (el.get("aria-hidden") or "").strip().lower() == "true"
            or _HIDDEN_STYLE.search(el.get("style") or "")
        )
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


_MAX_ELEMENTS = 10_000
"""Elements of a page handed to trafilatura, which spends 100-150 us of CPU on each
(a megabyte of 90,000 <p>word</p> took a minute): about a second at most. Of the 311
pages of both benchmark sets one has over 5,000 (a 1 MB Wikipedia page, 9,900); past
the budget the page's main container is read as text (`text_blocks`), which keeps that
page's body (token F1 0.96 against 0.99) but misses on pages whose largest block of
paragraphs is not the article."""
_MAX_FULL_PASS = 3_000
"""Elements of a page given trafilatura's full pass as well, which takes as long again:
the pages of both sets that need it have under 1,600."""


def _count_elements(tree: Any) -> int:
    return int(tree.xpath("count(//*)"))  # in libxml2: no Python object per element


def _body_length(result: Any) -> int:
    return 0 if result is None else len("".join(result.body.itertext()))


def _run_trafilatura(tree: Any, *, fast: bool) -> Any:
    """trafilatura's Document (the body in its XML vocabulary), or None.

    `bare_extraction` rather than `extract`: the latter also computes a similarity
    fingerprint we do not use (a fifth of the time on a 1 MB page). Without its own
    metadata search (ours is in `metadata`): that was a third of its time per page.
    `fast` skips its fallback extractors (readability-lxml, jusText): another third,
    and on several pages they pick the wrong part (a whole gallery, a comment thread).
    Any output format but its default leaves the body as a tree: the default also
    writes it out as plain text, a third of the rest on a long article.
    """
    import trafilatura

    try:
        document: Any = trafilatura.bare_extraction(
            tree,
            url=None,  # links are resolved by our converter, against the whole address
            output_format="xml",  # not "python": that also writes the body out as text
            with_metadata=False,
            include_comments=False,
            fast=fast,
            include_tables=True,
            include_images=False,
            include_links=True,
            include_formatting=True,
        )
    except (ValueError, TypeError, RecursionError):  # trafilatura's own parse failures
        return None
    if document is None or getattr(document, "body", None) is None:
        return None
    if not "".join(document.body.itertext()).strip():
        return None
    return document
