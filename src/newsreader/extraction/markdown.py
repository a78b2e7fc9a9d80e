"""Markdown articles, with optional YAML-style front matter (title, author, date, source, url).

markdown-it-py (already under Rich) renders CommonMark plus tables to HTML, and the
shared HTML converter turns that into blocks. Raw HTML in the Markdown is not passed
through: it shows as the text it is. Front matter is read as flat `key: value` lines,
which is all the fields we use need; no YAML library is pulled in for it.

A saved article's furniture is taken out of the body as in plain text: a byline and a
date line at the top become fields, an image's title or an italic line under it is the
caption, and "Related: ..."/"Share: ..." lines are dropped. markdown-it-py costs 2-8 us
a character of ordinary text and up to 80 us of nested brackets, so only a budget of
the text is rendered (100 KB, less for dense markup); the rest is plain paragraphs.
"""

from __future__ import annotations

import re

from newsreader.extraction.dates import find_date, parse_date
from newsreader.extraction.lines import DATELINE, Line
from newsreader.extraction.meta import parse_byline
from newsreader.extraction.page import ExtractedPage
from newsreader.extraction.structure import html_to_blocks
from newsreader.models import Block, BlockKind, Run
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


RENDERED = 100_000
"""At most this many characters are rendered as Markdown; the rest is plain paragraphs."""
COST_BUDGET = 300_000
"""...and fewer where markup is dense: the estimated cost of the rendered part, in
characters of plain prose (markdown-it-py spends some 2.5 us on one)."""
# What markdown-it-py spends on a character, in plain-prose characters: brackets open
# link and image labels (nested ones cost up to 45 us each), emphasis and code marks
# and line starts (lists, quotes) cost less.
_COSTS = {"[": 40, "!": 40, "*": 25, "_": 25, "`": 10, "<": 10, "~": 10, "\n": 60}
_IMAGE_TITLE = re.compile(
    r"!\[[^\]\n]{0,300}\]\([^)\s]{0,2000}\s+\"(?P<title>[^\"\n]{1,300})\"\s*\)"
)
_REST_PARAGRAPH = 400


def _budget(content: str) -> int:
    """How many characters to render: `RENDERED`, fewer for dense markup."""
    sample = content[:RENDERED]
    if not sample:
        return RENDERED
    cost = len(sample) + sum(weight * sample.count(ch) for ch, weight in _COSTS.items())
    per_char = cost / len(sample)
    return min(RENDERED, int(COST_BUDGET / per_char))


MAX_QUOTE_DEPTH = 5
"""Quotes nested deeper are drawn at this depth (the text is kept)."""
MAX_INDENT = 8
"""Columns of indentation kept (a list four levels deep); deeper items are drawn there."""
MAX_MARKS = 2
"""List markers one line opens ("- - - x"); the others are dropped, their text kept.
markdown-it stops at 20 levels of nesting and drops the rest of the document unsaid
(each list level counts twice): the three caps keep any line inside that (5 + 2 x 4 +
2 x 2 + 1). Raising its limit instead doubles the time a hostile nest of `![` takes."""
_QUOTE_PREFIX = re.compile(r"[ >]*")
_INDENT = re.compile(r"[ \t]*")
_QUOTES = re.compile(r"(?:[ \t]*>)+")
_LIST_MARK = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_FENCE = re.compile(r"[ >]*(`{3,}|~{3,})")
_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")


def _capped(line: str) -> str:
    """One line with its quotes, list markers and indentation brought to the caps: the
    markers past them are dropped, their text kept."""
    if _BREAK.fullmatch(line):
        return line  # "- - -", "* * *": a thematic break, not three list markers
    out: list[str] = []
    pos = quotes = marks = 0
    while True:
        at = _INDENT.match(line, pos)
        end = at.end() if at else pos
        spaces = line[pos:end]
        if len(spaces.expandtabs(4)) > MAX_INDENT:
            spaces = " " * MAX_INDENT
        run = _QUOTES.match(line, pos)
        if run is not None:  # a run of quote marks, taken at once (a line may be all ">")
            chunk = run.group()
            room = max(MAX_QUOTE_DEPTH - quotes, 0)
            quotes += chunk.count(">")
            if quotes > MAX_QUOTE_DEPTH:
                chunk = "> " * room
            out.append(chunk)
            pos = run.end()
            continue
        mark = _LIST_MARK.match(line, end)
        if mark is not None and mark.end() > end:
            marks += 1
            if marks <= MAX_MARKS:
                out.append(spaces + mark.group())
            pos = mark.end()
            continue
        out.append(spaces + line[end:])
        return "".join(out)


def _cap_nesting(content: str) -> str:
    """`content` with quotes, indentation and list markers past the caps brought back to
    them; what a fence (```) holds is code, kept exactly as written."""
    lines = content.split("\n")
    changed = False
    fence = ""
    for i, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
        capped = _capped(line)
        if capped != line:
            lines[i] = capped
            changed = True
    return "\n".join(lines) if changed else content


def _split_for_rendering(content: str) -> tuple[str, list[Block]]:
    """The part to render as Markdown, and the rest as plain paragraphs (tiny ones merged)."""
    budget = _budget(content)
    if len(content) <= budget:
        return content, []
    cut = content.rfind("\n\n", 0, budget)
    if cut < budget // 2:
        cut = budget
    rest: list[Block] = []
    pending: list[str] = []
    size = 0
    for part in re.split(r"\n[ \t]*\n", content[cut:]):
        if text := " ".join(part.split()):
            pending.append(text)
            size += len(text)
        if size >= _REST_PARAGRAPH:
            rest.append(Block(BlockKind.PARAGRAPH, (Run(" ".join(pending)),)))
            pending, size = [], 0
    if pending:
        rest.append(Block(BlockKind.PARAGRAPH, (Run(" ".join(pending)),)))
    return content[:cut], rest


def _tidy(blocks: list[Block], out: ExtractedPage, content: str) -> list[Block]:
    """Byline, date line, caption and "Related:"/"Share:" lines out of the body."""
    kept: list[Block] = []
    for i, block in enumerate(blocks):
        text = " ".join(block.plain.split())
        if block.kind is BlockKind.PARAGRAPH and text and len(text) <= 300:
            line = Line(text)
            top = i < 6 and not any(
                b.kind is BlockKind.PARAGRAPH and len(b.plain) > 200 for b in kept
            )
            if top and line.byline:
                byline = parse_byline(text)
                out.authors = out.authors or byline.authors
                if byline.date and not out.published:
                    out.published = byline.date.iso
                continue
            if top and (line.date_only or line.stamp):
                when = find_date(text)
                if when and not out.published:
                    out.published = when.iso
                continue
            if line.aside or line.share or line.trailer:
                continue
            if kept and kept[-1].kind is BlockKind.IMAGE and all(r.italic for r in block.runs):
                out.caption = out.caption or text
                continue
            if out.dateline is None and not any(b.kind is BlockKind.PARAGRAPH for b in kept):
                if m := DATELINE.match(text):
                    out.dateline = m.group("place").strip(" ,")
        kept.append(block)
    if out.caption is None and (m := _IMAGE_TITLE.search(content[:RENDERED])):
        out.caption = clean_inline(m.group("title"))
    return kept


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
    rendered, rest = _split_for_rendering(_cap_nesting(content))
    blocks = list(html_to_blocks(md.render(rendered), base_url or out.url)) + rest
    if out.title is None and blocks and blocks[0].kind is BlockKind.HEADING:
        out.title = blocks[0].plain
        blocks = blocks[1:]
    elif blocks and blocks[0].kind is BlockKind.HEADING and blocks[0].plain == out.title:
        blocks = blocks[1:]
    out.body = _tidy(blocks, out, content)
    return out
