"""A page's main text found without trafilatura: where it is, and for pages too large
for trafilatura, what it says.

`main_text_length` scores each element by the paragraph text under it, as Readability
does, and says how much the best holds: `html` compares trafilatura's quick pass with
it to tell when the pass kept too little. Past the element budget (see `html`) the
best element (`main_container`) is read in one linear walk (`text_blocks`): a megabyte
of 250,000 elements is read in about a second, where trafilatura took a minute.
"""

from __future__ import annotations

from typing import Any

from newsreader.models import Block, BlockKind, Run
from newsreader.sanitize import clean_inline


def main_text_length(tree: Any) -> int:
    """Characters of the page's main text, roughly: the paragraphs under the element
    that holds the most of them (its grandchildren count half), as Readability scores.

    Measured on the page before trafilatura prunes it, to tell when its quick pass
    kept too little.
    """
    return int(max(_paragraph_scores(tree).values(), default=0))


def main_container(tree: Any) -> Any:
    """The element that holds most of the page's paragraph text (see `main_text_length`);
    the <body> when no paragraph is long enough to count."""
    scores = _paragraph_scores(tree)
    if scores:
        return max(scores, key=scores.__getitem__)
    body = tree.find("body")
    return body if body is not None else tree


def _paragraph_scores(tree: Any) -> dict[Any, float]:
    score: dict[Any, float] = {}
    # libxml2 picks the paragraphs long enough to count (a superset: it folds fewer
    # kinds of space), rather than a Python look at each of a huge page's paragraphs.
    long_enough = "[string-length(normalize-space()) >= 25]"
    for p in tree.xpath(f"//p{long_enough} | //pre{long_enough}"):
        n = len(" ".join(p.text_content().split()))
        if n < 25:
            continue
        parent = p.getparent()
        if parent is None:
            continue
        score[parent] = score.get(parent, 0) + n
        grand = parent.getparent()
        if grand is not None:
            score[grand] = score.get(grand, 0) + n / 2
    return score


_TEXT_BREAKS = frozenset(
    "p div li dt dd td th tr h1 h2 h3 h4 h5 h6 ul ol dl table section article main "
    "header blockquote pre figure figcaption address br hr".split()
)
_NO_TEXT = frozenset(
    "script style noscript template head title iframe object embed svg canvas video audio "
    "nav aside footer form button select textarea".split()
)
_HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def text_blocks(root: Any) -> list[Block]:
    """The text under `root` as paragraphs and headings, in one linear walk: for pages
    too large for trafilatura and the full block converter (no links, lists or tables;
    navigation, asides, forms and scripts left out). Runs of short lines (list items,
    table cells, lines broken by <br>) are joined into paragraphs of a few hundred
    characters: a page of 100,000 one-word lines is not 100,000 blocks."""
    import lxml.etree

    blocks: list[Block] = []
    parts: list[str] = []
    short: list[str] = []
    short_chars = 0
    level = 0
    skipping = 0

    def add(kind: BlockKind, text: str, level: int = 0) -> None:
        if text := clean_inline(text):
            blocks.append(Block(kind, (Run(text),), level=level))

    def flush() -> None:
        nonlocal short_chars
        text = "".join(parts).strip()
        parts.clear()
        if not text:
            return
        if not level and len(text) < _SHORT_LINE:
            short.append(text)
            short_chars += len(text)
            if short_chars < _JOINED_CHARS:
                return
            text = ""
        if short:
            add(BlockKind.PARAGRAPH, " ".join(short))
            short.clear()
            short_chars = 0
        if text:
            add(BlockKind.HEADING if level else BlockKind.PARAGRAPH, text, level)

    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        # As little work per event as can be: a megabyte of <p> is 500,000 events.
        if event == "start":
            if skipping:
                skipping += 1
                continue
            tag = el.tag
            if not isinstance(tag, str) or tag in _NO_TEXT:
                skipping = 1
                continue
            if tag in _TEXT_BREAKS:
                if parts:
                    flush()
                level = _HEADING_LEVELS.get(tag, level)
            if text := el.text:
                parts.append(text)
            continue
        if skipping:
            skipping -= 1
            if skipping:
                continue
        elif (tag := el.tag) in _TEXT_BREAKS:
            if parts:
                flush()
            if tag in _HEADING_LEVELS:
                level = 0
        if (tail := el.tail) and el is not root:
            parts.append(tail)
    flush()
    if short:
        add(BlockKind.PARAGRAPH, " ".join(short))
    return blocks


_SHORT_LINE = 80
_JOINED_CHARS = 400
