"""Article bodies in the store: the text once, plus a small blob for its structure.

`body_text` (the paragraphs joined by blank lines) is what the search index reads and
snippets come from. The structure (block kinds, levels, run styles and links, table
cells, image sources) is kept apart as compressed JSON of lengths and attributes, not of
text, so the article's words are stored once. A body of plain paragraphs, the common
case for feeds, needs no structure blob at all.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

import brotli

from newsreader.models import Block, BlockKind, Run
from newsreader.sanitize import drop_surrogates

_KIND_CODES = {kind: i for i, kind in enumerate(BlockKind)}
_KINDS = list(BlockKind)
SEPARATOR = "\n\n"


def body_text(blocks: tuple[Block, ...]) -> str:
    """The plain text the store indexes: every block's text, blank-line separated."""
    return SEPARATOR.join(text for block in blocks if (text := block.plain))


HTML_MARK = b"H"
"""Marks a body kept as the feed's HTML, zlib-compressed (libraries written before 0.2)."""
HTML_BROTLI_MARK = b"R"
"""Marks a body kept as the feed's HTML, brotli-compressed (zlib output starts with x)."""


def encode_html(html: str) -> bytes:
    """A feed item's HTML, compressed, to be turned into blocks when it is read.

    Brotli at quality 0 compresses as well as zlib's fastest level at twice its speed,
    and a cold refresh compresses every item of every feed.
    """
    try:
        raw = html.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (JSON's "\\ud800"): dropped, as clean_text does
        raw = drop_surrogates(html).encode("utf-8")
    packed: bytes = brotli.compress(raw, quality=0)
    return HTML_BROTLI_MARK + packed


def _plain_paragraph(block: Block) -> bool:
    return (
        block.kind is BlockKind.PARAGRAPH
        and block.level == 0
        and block.ordinal == 0
        and len(block.runs) == 1
        and block.runs[0] == Run(block.runs[0].text)
        and SEPARATOR not in block.runs[0].text
        and bool(block.runs[0].text)
    )


def encode_structure(blocks: tuple[Block, ...]) -> bytes | None:
    """The structure blob for `blocks`, or None when they are plain paragraphs only."""
    if all(_plain_paragraph(b) for b in blocks):
        return None
    items = []
    for b in blocks:
        item: dict[str, Any] = {"k": _KIND_CODES[b.kind], "n": len(b.plain)}
        if b.runs and not (len(b.runs) == 1 and b.runs[0] == Run(b.runs[0].text)):
            runs = []
            for r in b.runs:
                flags = r.bold | r.italic << 1 | r.code << 2
                runs.append([len(r.text), flags, r.link] if r.link else [len(r.text), flags])
            item["r"] = runs
        if b.level:
            item["l"] = b.level
        if b.ordinal:
            item["o"] = b.ordinal
        if b.kind is BlockKind.TABLE:
            item["t"] = [list(row) for row in b.rows]  # cells may contain " | "
        if b.header:
            item["h"] = 1
        if b.src:
            item["s"] = b.src
        items.append(item)
    raw = json.dumps(items, ensure_ascii=False, separators=(",", ":")).encode()
    return zlib.compress(raw, 6)


def decode_body(text: str, blob: bytes | None, base_url: str | None = None) -> tuple[Block, ...]:
    """The blocks back from the stored text and structure (or the kept HTML)."""
    if not text and not blob:
        return ()
    if blob is not None and blob[:1] in (HTML_MARK, HTML_BROTLI_MARK):
        from newsreader.extraction.structure import html_to_blocks

        raw: bytes = (
            zlib.decompress(blob[1:]) if blob[:1] == HTML_MARK else brotli.decompress(blob[1:])
        )
        return html_to_blocks(raw.decode("utf-8", "replace"), base_url)
    if blob is None:
        return tuple(Block(BlockKind.PARAGRAPH, (Run(p),)) for p in text.split(SEPARATOR) if p)
    items = json.loads(zlib.decompress(blob))
    blocks = []
    pos = 0
    for item in items:
        n = item.get("n", 0)
        plain = text[pos : pos + n]
        if n:
            pos += n + len(SEPARATOR)
        kind = _KINDS[item["k"]]
        runs: tuple[Run, ...] = ()
        if "r" in item:
            offset = 0
            built = []
            for spec in item["r"]:
                length, flags = spec[0], spec[1]
                link = spec[2] if len(spec) > 2 else None
                built.append(
                    Run(
                        plain[offset : offset + length],
                        bool(flags & 1),
                        bool(flags & 2),
                        bool(flags & 4),
                        link,
                    )
                )
                offset += length
            runs = tuple(built)
        elif kind not in (BlockKind.CODE, BlockKind.IMAGE, BlockKind.TABLE, BlockKind.RULE):
            runs = (Run(plain),)
        blocks.append(
            Block(
                kind=kind,
                runs=runs,
                level=item.get("l", 0),
                ordinal=item.get("o", 0),
                rows=tuple(tuple(row) for row in item.get("t", ())),
                header=bool(item.get("h")),
                text=plain if kind in (BlockKind.CODE, BlockKind.IMAGE) else "",
                src=item.get("s"),
            )
        )
    return tuple(blocks)
