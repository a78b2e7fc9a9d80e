"""Article bodies to bytes and back: compact JSON, zlib-compressed.

Blocks are written as short lists with default values left out, which keeps a typical
body at about a third of its plain text size once compressed.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from newsreader.models import Block, BlockKind, Run

_KIND_CODES = {kind: i for i, kind in enumerate(BlockKind)}
_KINDS = list(BlockKind)


def _run(run: Run) -> Any:
    flags = run.bold | run.italic << 1 | run.code << 2
    if run.link:
        return [run.text, flags, run.link]
    return [run.text, flags] if flags else run.text


def _unrun(raw: Any) -> Run:
    if isinstance(raw, str):
        return Run(raw)
    text, flags = raw[0], raw[1]
    link = raw[2] if len(raw) > 2 else None
    return Run(text, bool(flags & 1), bool(flags & 2), bool(flags & 4), link)


def encode_blocks(blocks: tuple[Block, ...]) -> bytes:
    """Compressed JSON for a tuple of blocks."""
    out = []
    for b in blocks:
        item: dict[str, Any] = {"k": _KIND_CODES[b.kind]}
        if b.runs:
            item["r"] = [_run(r) for r in b.runs]
        if b.level:
            item["l"] = b.level
        if b.ordinal:
            item["o"] = b.ordinal
        if b.rows:
            item["t"] = [list(row) for row in b.rows]
        if b.header:
            item["h"] = 1
        if b.text:
            item["x"] = b.text
        if b.src:
            item["s"] = b.src
        out.append(item)
    return zlib.compress(json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode(), 6)


def decode_blocks(data: bytes | None) -> tuple[Block, ...]:
    """The blocks back from `encode_blocks` output (empty for NULL)."""
    if not data:
        return ()
    items = json.loads(zlib.decompress(data))
    return tuple(
        Block(
            kind=_KINDS[item["k"]],
            runs=tuple(_unrun(r) for r in item.get("r", ())),
            level=item.get("l", 0),
            ordinal=item.get("o", 0),
            rows=tuple(tuple(row) for row in item.get("t", ())),
            header=bool(item.get("h")),
            text=item.get("x", ""),
            src=item.get("s"),
        )
        for item in items
    )
