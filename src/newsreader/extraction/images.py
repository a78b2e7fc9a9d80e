"""The article's images, put back where they stood among its paragraphs.

trafilatura is asked for text only: with images on, it also keeps their captions and
credits as paragraphs and even picks a different part of some pages (token F1 on the
AEB set 0.960 with images off, 0.956 on). So images are found here, in the page as
saved: each <img> is tied to the first paragraph that follows it in the page, and goes
into the body before that paragraph if trafilatura kept it. An image whose paragraph
did not make it into the article (a sidebar's, a footer's) is left out with it, and so
are the images of the page's navigation, asides, footer and masthead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsreader.extraction.titles import fold
from newsreader.models import Block, BlockKind, Run
from newsreader.sanitize import clean_inline, safe_url
from newsreader.urls import join_url

_TEXT_TAGS = frozenset("p h2 h3 h4 h5 h6 li blockquote pre dd td".split())
_ANCHOR_CHARS = 40
_MAX_IMAGES = 200
_SMALL = 50
"""Pixels: an image this narrow or low (by its attributes) is an icon or a spacer."""


@dataclass(frozen=True, slots=True)
class PageImage:
    """An image of the page: where it points, its alt text and caption, and the text
    of the paragraph after it (folded), to find its place in the extracted body."""

    src: str
    """The absolute address, "" when it was relative to an unknown one."""
    alt: str
    caption: str
    anchor: str


def anchor_key(text: str) -> str:
    """The start of a paragraph, folded: letters and digits only, case folded."""
    kept: list[str] = []
    for ch in text:  # not the whole paragraph: every block of the body is keyed
        if ch.isalnum():
            kept.append(ch.casefold())
            if len(kept) >= _ANCHOR_CHARS:
                break
    return "".join(kept)[:_ANCHOR_CHARS]


def page_images(tree: Any, base_url: str | None) -> list[PageImage]:
    """Each shown image with the paragraph after it, in page order (before pruning)."""
    found: list[PageImage] = []
    if next(tree.iter("img"), None) is None:
        return found
    pending: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    # Figures looked at once each (not once per image and paragraph up their ancestors:
    # that was quadratic in a page of deeply nested layout cells).
    captions: dict[Any, str] = {}
    in_figure: set[Any] = set()
    for figure in tree.iter("figure"):
        if figure in in_figure:
            continue
        caption_el = next(figure.iter("figcaption"), None)
        caption = clean_inline(caption_el.text_content()) if caption_el is not None else ""
        for el in figure.iter():
            in_figure.add(el)
            if el.tag == "img":
                captions.setdefault(el, caption)
    chrome = _page_chrome_images(tree)
    for el in tree.iter():
        if not pending and len(seen) >= _MAX_IMAGES:
            break  # no more images are taken, and none waits for its paragraph
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "img" and el not in chrome:
            image = _image(el, base_url, captions.get(el, ""))
            if image and (image[0] or image[1]) not in seen and len(seen) < _MAX_IMAGES:
                seen.add(image[0] or image[1])
                pending.append(image)
        elif pending and tag in _TEXT_TAGS and el not in in_figure:
            key = anchor_key(_text_start(el))
            if len(key) >= 15:
                found.extend(PageImage(src, alt, cap, key) for src, alt, cap in pending)
                pending = []
    return found


def _page_chrome_images(tree: Any) -> set[Any]:
    """Images of the page's own furniture: in its <nav>, <aside> and <footer>, and in a
    <header> that is the page's (the site's logo), not an article's (its lead photo)."""
    out: set[Any] = set()
    for box in tree.iter("nav", "aside", "footer", "header"):
        if box.tag == "header" and any(a.tag in ("article", "main") for a in box.iterancestors()):
            continue
        out.update(box.iter("img"))
    return out


def _text_start(el: Any) -> str:
    """The first characters of an element's text, without reading all of it (a layout
    table's cell can hold the whole page)."""
    parts: list[str] = []
    size = 0
    for text in el.itertext():
        if isinstance(text, str):
            parts.append(text)
            size += len(text)
            if size >= 4 * _ANCHOR_CHARS:
                break
    return "".join(parts)


def _image(el: Any, base_url: str | None, caption: str) -> tuple[str, str, str] | None:
    for size in (el.get("width"), el.get("height")):
        if size and size.strip().isdigit() and int(size) < _SMALL:
            return None  # a tracking pixel, an icon, a spacer
    src = ""
    for attr in ("src", "data-src", "data-original", "data-lazy-src"):
        value = (el.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            src = value
            break
    if not src:
        return None
    if base_url:
        joined = join_url(base_url, src)
        if joined is None:
            return None
        src = joined
    # Relative to no known address (a page saved without one): no link, the alt stays.
    url = safe_url(src, schemes=("http", "https")) or ""
    alt = clean_inline(el.get("alt") or el.get("title") or "")
    return (url, alt, caption) if url or alt else None


def place_images(blocks: list[Block], images: list[PageImage]) -> list[Block]:
    """The body with each image (and its caption, in italics) before its paragraph."""
    if not images:
        return blocks
    by_anchor: dict[str, list[PageImage]] = {}
    for image in images:
        group = by_anchor.setdefault(image.anchor, [])
        # The same picture twice in a row (a page's mobile and desktop copies of it).
        if image.alt and any((i.alt, i.caption) == (image.alt, image.caption) for i in group):
            continue
        group.append(image)
    out: list[Block] = []
    for block in blocks:
        key = anchor_key(block.plain) if block.kind is not BlockKind.IMAGE else ""
        here = by_anchor.pop(key, []) if len(key) >= 15 else []
        for image in here:
            out.append(Block(BlockKind.IMAGE, text=image.alt, src=image.src or None))
            if image.caption:
                out.append(Block(BlockKind.PARAGRAPH, (Run(image.caption, italic=True),)))
        whole = fold(block.plain) if here and block.kind is BlockKind.PARAGRAPH else ""
        if whole and any(whole in (fold(i.alt), fold(i.caption or "")) for i in here):
            # The paragraph is the image's alt text or caption written out again (a page's
            # caption in a plain <p>): a caption, not the body's text.
            if not any(image.caption for image in here):
                out.append(Block(BlockKind.PARAGRAPH, (Run(block.plain, italic=True),)))
            continue
        out.append(block)
    return out
