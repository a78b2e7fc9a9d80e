"""HTML to the article body's blocks: paragraphs, headings, lists, quotes, code, tables.

Feed content, saved pages (after trafilatura) and Markdown (after markdown-it) all end
here, so there is one place that decides what structure we keep. Only an allowlist of
structure survives; scripts, styles, forms and embeds are dropped, links keep only
http/https/mailto targets, and every string is cleaned of control sequences.
`html_to_text` and `defuse_nesting` (tree-free passes, `rawhtml`) are re-exported here,
where callers have always found them.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

from newsreader.extraction.rawhtml import defuse_nesting, html_to_text
from newsreader.models import Block, BlockKind, Run
from newsreader.sanitize import clean_inline, clean_text, safe_url
from newsreader.urls import join_url

__all__ = [
    "defuse_nesting",
    "element_to_blocks",
    "html_to_blocks",
    "html_to_text",
    "looks_like_html",
    "text_to_blocks",
]

_SKIP = frozenset(
    "script style noscript template head title iframe object embed applet form input select "
    "textarea button svg canvas video audio source track map area meta link base nav".split()
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOLD = frozenset({"b", "strong"})
_ITALIC = frozenset({"i", "em", "cite", "dfn", "var"})
_CODE = frozenset({"code", "kbd", "samp", "tt"})
_BLOCK_TAGS = frozenset(
    "p div section article main header footer aside figure figcaption address center details "
    "summary dl dt dd ul ol li blockquote pre table hr h1 h2 h3 h4 h5 h6 body html".split()
)
_MAX_DEPTH = 150
_WS = re.compile(r"[ \t\n\r\f\v\u00a0]+")


@dataclass
class _Style:
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None


@dataclass
class _Context:
    """Where the walker is: what kind of block loose text becomes."""

    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0
    ordinal: int = 0
    italic: bool = False


@dataclass
class _Walker:
    base_url: str | None
    blocks: list[Block] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    context: _Context = field(default_factory=_Context)
    quote_depth: int = 0
    list_depth: int = -1

    # --- inline buffer ---------------------------------------------------------

    def add_text(self, text: str | None, style: _Style) -> None:
        if not text:
            return
        if not style.code or self.context.kind is not BlockKind.CODE:
            text = _WS.sub(" ", text)
        self.runs.append(
            Run(
                clean_text(text),
                bold=style.bold,
                italic=style.italic or self.context.italic,
                code=style.code,
                link=style.link,
            )
        )

    def flush(self) -> None:
        runs = _tidy_runs(self.runs)
        self.runs = []
        if not runs:
            return
        ctx = self.context
        kind = ctx.kind
        if kind is BlockKind.PARAGRAPH and self.quote_depth:
            kind = BlockKind.QUOTE
        level = ctx.level if kind is not BlockKind.QUOTE else max(self.quote_depth - 1, 0)
        self.blocks.append(Block(kind, runs, level=level, ordinal=ctx.ordinal))
        if ctx.kind is BlockKind.LIST_ITEM and ctx.ordinal != -1:
            # Further paragraphs inside the same item continue it without a new marker.
            self.context = _Context(BlockKind.LIST_ITEM, ctx.level, -1)

    def emit(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)

    # --- tree walk -------------------------------------------------------------

    def walk(self, el: Any, style: _Style, depth: int = 0) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comment or processing instruction: only its tail is text
            return
        tag = tag.lower().rpartition("}")[2]
        if tag in _SKIP:
            return
        if depth > _MAX_DEPTH:  # hostile nesting: keep the words, drop the structure
            self.add_text(_text_content(el), style)
            return
        handler = _HANDLERS.get(tag)
        if handler is not None:
            handler(self, el, style, depth)
            return
        style = _inline_style(self, tag, el, style)
        if tag in _BLOCK_TAGS:
            self.flush()
        self.add_text(el.text, style)
        self.children(el, style, depth)
        if tag in _BLOCK_TAGS:
            self.flush()

    def children(self, el: Any, style: _Style, depth: int) -> None:
        for child in el:
            self.walk(child, style, depth + 1)
            self.add_text(child.tail, style)

    def in_context(self, ctx: _Context, el: Any, style: _Style, depth: int) -> None:
        self.flush()
        saved, self.context = self.context, ctx
        self.add_text(el.text, style)
        self.children(el, style, depth)
        self.flush()
        self.context = saved


def _text_content(el: Any) -> str:
    """All text inside an element (works on lxml.html and lxml.etree elements alike)."""
    return "".join(t for t in el.itertext() if isinstance(t, str))


def _inline_style(walker: _Walker, tag: str, el: Any, style: _Style) -> _Style:
    if tag in _BOLD:
        return _Style(True, style.italic, style.code, style.link)
    if tag in _ITALIC:
        return _Style(style.bold, True, style.code, style.link)
    if tag in _CODE:
        return _Style(style.bold, style.italic, True, style.link)
    if tag == "a":
        href = el.get("href")
        if href:
            target = href.strip()
            if walker.base_url:
                target = join_url(walker.base_url, target) or ""
            return _Style(style.bold, style.italic, style.code, safe_url(target))
    return style


def _heading(w: _Walker, el: Any, style: _Style, depth: int) -> None:
    level = _HEADINGS[el.tag.lower()]
    w.in_context(_Context(BlockKind.HEADING, level), el, style, depth)


def _list(w: _Walker, el: Any, style: _Style, depth: int) -> None:
    w.flush()
    ordered = el.tag.lower() == "ol"
    try:
        number = int(el.get("start", "1"))
    except ValueError:
        number = 1
    saved_ctx = w.context
    w.list_depth += 1
    w.add_text(el.text, style)
    for child in el:
        if isinstance(child.tag, str) and child.tag.lower() == "li":
            ordinal = number if ordered else 0
            number += 1
            w.in_context(_Context(BlockKind.LIST_ITEM, w.list_depth, ordinal), child, style, depth)
        else:
            w.walk(child, style, depth + 1)
        w.add_text(child.tail, style)
    w.flush()
    w.list_depth -= 1
    w.context = saved_ctx


def _list_item(w: _Walker, el: Any, style: _Style, depth: int) -> None:
    # An <li> outside any list: treat it as a bullet.
    w.in_context(_Context(BlockKind.LIST_ITEM, max(w.list_depth, 0), 0), el, style, depth)


def _blockquote(w: _Walker, el: Any, style: _Style, depth: int) -> None:
    w.flush()
    w.quote_depth += 1
    w.add_text(el.text, style)
    w.children(el, style, depth)
    w.flush()
    w.quote_depth -= 1


def _pre(w: _Walker, el: Any, style: _Style, depth: int) -> None:
    text = clean_text(_text_content(el)).strip("\n")
    text = textwrap.dedent(text).strip("\n")
    if text.strip():
        w.emit(Block(BlockKind.CODE, text=text))


def _image(w: _Walker, el: Any, style: _Style, depth: int) -> None:
    if el.get("width") in ("0", "1") or el.get("height") in ("0", "1"):
        return  # tracking pixel
    alt = clean_inline(el.get("alt") or el.get("title") or "")
    src = el.get("src") or ""
    if w.base_url and src:
        src = join_url(w.base_url, src.strip()) or ""
    w.emit(Block(BlockKind.IMAGE, text=alt, src=safe_url(src, schemes=("http", "https"))))


def _rule(w: _Walker, el: Any, style: _Style, depth: int) -> None:
    w.emit(Block(BlockKind.RULE))


def _break(w: _Walker, el: Any, style: _Style, depth: int) -> None:
    w.runs.append(Run("\n"))


def _figcaption(w: _Walker, el: Any, style: _Style, depth: int) -> None:
    w.in_context(_Context(BlockKind.PARAGRAPH, italic=True), el, style, depth)


def _table(w: _Walker, el: Any, style: _Style, depth: int) -> None:
    rows: list[tuple[str, ...]] = []
    header = False
    layout = False
    for tr in el.iter("tr"):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        if not cells:
            continue
        if not rows:
            header = all(c.tag.lower() == "th" for c in cells) or tr.getparent().tag == "thead"
        texts = []
        for cell in cells:
            if any(
                isinstance(d.tag, str) and d.tag.lower() in _LAYOUT_SIGNS
                for d in cell.iterdescendants()
            ):
                layout = True
            texts.append(clean_inline(_text_content(cell)))
        rows.append(tuple(texts))
    width = max((len(r) for r in rows), default=0)
    if layout or width < 2 or len(rows) < 2 or any(len(t) > 400 for r in rows for t in r):
        # A table used for layout: its cells are ordinary content.
        w.flush()
        w.children(el, style, depth)
        w.flush()
        return
    padded = tuple(r + ("",) * (width - len(r)) for r in rows)
    w.emit(Block(BlockKind.TABLE, rows=padded, header=header))


_LAYOUT_SIGNS = frozenset("p div table ul ol blockquote pre h1 h2 h3 h4 h5 h6".split())

_HANDLERS = {
    **dict.fromkeys(_HEADINGS, _heading),
    "ul": _list,
    "ol": _list,
    "li": _list_item,
    "blockquote": _blockquote,
    "pre": _pre,
    "img": _image,
    "hr": _rule,
    "br": _break,
    "figcaption": _figcaption,
    "table": _table,
}


def _tidy_runs(runs: list[Run]) -> tuple[Run, ...]:
    """Merge same-style neighbours, collapse spaces across them, trim the ends."""
    # Same-style neighbours are gathered and joined once: adding them one by one copied
    # the growing text each time (quadratic on 100,000 text nodes split by comments).
    groups: list[tuple[Run, list[str]]] = []
    for run in runs:
        if not run.text:
            continue
        if groups and _same_style(groups[-1][0], run):
            groups[-1][1].append(run.text)
        else:
            groups.append((run, [run.text]))
    merged = [
        Run("".join(texts), first.bold, first.italic, first.code, first.link)
        for first, texts in groups
    ]
    out: list[Run] = []
    prev_space = True  # so leading whitespace is dropped
    for run in merged:
        text = run.text
        if not run.code:
            text = _trim_around_newlines(text)
            if prev_space:
                text = text.lstrip(" ")
        if not text:
            continue
        prev_space = text.endswith((" ", "\n"))
        out.append(Run(text, run.bold, run.italic, run.code, run.link))
    while out and not out[-1].text.strip():
        out.pop()
    if out:
        last = out[-1]
        out[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.code, last.link)
    if out and not out[0].code:
        first = out[0]
        out[0] = Run(first.text.lstrip(), first.bold, first.italic, first.code, first.link)
    if not any(r.text.strip() for r in out):
        return ()
    return tuple(r for r in out if r.text)


def _trim_around_newlines(text: str) -> str:
    """Spaces next to a newline removed: `re.sub(r" *\\n *", "\\n", text)` in linear time.

    The regex rescanned a long run of spaces from each of its spaces when no newline
    followed it (quadratic on a megabyte of spaces).
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    inner = [line.strip(" ") for line in lines[1:-1]]
    return "\n".join([lines[0].rstrip(" "), *inner, lines[-1].lstrip(" ")])


def _same_style(a: Run, b: Run) -> bool:
    return (a.bold, a.italic, a.code, a.link) == (b.bold, b.italic, b.code, b.link)


def html_parser() -> Any:
    """An lxml HTML parser that accepts deep (but not unbounded) trees."""
    import lxml.html

    return lxml.html.HTMLParser(huge_tree=True)


def html_to_blocks(html: str, base_url: str | None = None) -> tuple[Block, ...]:
    """Blocks from an HTML document or fragment; plain text if it is not HTML at all."""
    import lxml.etree
    import lxml.html

    if not html or not html.strip():
        return ()
    try:
        root = lxml.html.fragment_fromstring(
            defuse_nesting(html), create_parent="div", parser=html_parser()
        )
    except (lxml.etree.ParserError, ValueError):
        return text_to_blocks(html)
    return element_to_blocks(root, base_url)


def element_to_blocks(root: Any, base_url: str | None = None) -> tuple[Block, ...]:
    """Blocks from an already parsed lxml element (saves a second parse)."""
    walker = _Walker(base_url)
    walker.walk(root, _Style())
    walker.flush()
    return tuple(walker.blocks)


def text_to_blocks(text: str) -> tuple[Block, ...]:
    """Plain text to paragraphs, split on blank lines."""
    parts = re.split(r"\n\s*\n", clean_text(text))
    return tuple(
        Block(BlockKind.PARAGRAPH, (Run(p),)) for part in parts if (p := " ".join(part.split()))
    )


def looks_like_html(text: str) -> bool:
    """Whether a feed field holds HTML rather than plain text."""
    return bool(
        re.search(
            r"<\s*(?:p|br|div|a|b|i|em|strong|img|ul|ol|li|h[1-6]|blockquote|pre|table|span)\b",
            text,
            re.I,
        )
    )
