"""Linear-time passes over raw HTML, with no tree built: text for indexing, and deep
nesting flattened before a parser sees it.

Kept apart from `structure` (the tree walker that keeps an article's structure): these
run on every feed item at refresh time and on hostile input before parsing, so each
pass is written to stay linear in the length of the text, whatever its shape; each
docstring says which regex it replaced and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsreader.sanitize import clean_text

_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Tags that cannot nest in parsed HTML (the parser closes them); all others go when flattening.
_FLAT_SAFE = frozenset(
    "html head body title meta link p br h1 h2 h3 h4 h5 h6 img hr li script style".split()
)
MAX_NESTING = 400


def defuse_nesting(html: str) -> str:
    """Flatten pathologically nested HTML.

    libxml2 stops parsing past a fixed depth and silently drops the rest of the page,
    so a hostile page could hide its article behind 5,000 nested <div>s. Such pages
    lose every tag that can nest (not their text) before parsing.
    """
    if html.count("<") < MAX_NESTING:
        return html
    depth = 0
    # No tag closes past the last ">": scanning there is wasted, and quadratic (_sub_tags).
    for m in _TAG.finditer(html, 0, html.rfind(">") + 1):
        closing, name, self_closing = m.groups()
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name.lower() not in _VOID:
            depth += 1
            if depth > MAX_NESTING:
                return _sub_tags(_TAG, _flat_tag, html)
    return html


def _flat_tag(m: re.Match[str]) -> str:
    return m.group(0) if m.group(2).lower() in _FLAT_SAFE else " "


def _sub_tags(
    pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str], text: str
) -> str:
    """`pattern.sub(repl, text)` for a tag pattern that must end at a ">" it cannot cross.

    Past the text's last ">" such a pattern cannot match, yet each "<" there is scanned
    to the end of the text before it fails: `"<p " * 100_000` took minutes. Stopping at
    the last ">" gives the same result in linear time: before it, an attempt either fails
    within a few characters (another tag name) or matches up to the next ">", and the
    scan resumes after that.
    """
    end = text.rfind(">") + 1
    return pattern.sub(repl, text[:end]) + text[end:]


_DROPPED = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head", "title")
_DROP_OPEN = re.compile(rf"<({'|'.join(_DROPPED)})\b|<!--", re.I)
_DROP_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I) for name in _DROPPED}
_BREAKING = re.compile(
    r"<(?:/?(?:p|div|li|ul|ol|h[1-6]|blockquote|pre|tr|table|section|article|figure|"
    r"figcaption|dd|dt|dl|hr|header|footer|aside|main)\b[^>]*|br\s*/?)>",
    re.I,
)
_ANY_TAG = re.compile(r"<[^>]*>")
# Whitespace other than space and newline (tabs, no-break and wide spaces), built from
# str.isspace so it is exactly what str.split() would have collapsed.
_ODD_SPACE = re.compile(
    "["
    + "".join(re.escape(c) for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")
    + "]"
)
_CELL_OPEN = re.compile(r"<t[dh]\b[^>]*>", re.I)
_IMG_ALT = re.compile(r"""<img\b[^>]*?\balt\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>""", re.I)
_IMG_OPEN = re.compile(r"<img\b", re.I)


def _drop_elements(text: str) -> str:
    """Each script, style, ... element (up to its end tag) and comment becomes a space.

    What the regex `<(script|...)\\b.*?</\\1\\s*>|<!--.*?-->` (re.S) did, but an opening
    whose end is missing is looked for once: the regex searched to the end of the text
    again for each of them (`"<script>" * 20_000` took half a minute). Once a name has no
    end tag after one opening, it has none after any later one.
    """
    out: list[str] = []
    done = pos = 0
    endless: set[str] = set()
    while m := _DROP_OPEN.search(text, pos):
        name = (m.group(1) or "!--").lower()
        end = -1
        if name not in endless:
            if name == "!--":
                end = text.find("-->", m.end())
                end = end + 3 if end >= 0 else -1
            elif close := _DROP_CLOSE[name].search(text, m.end()):
                end = close.end()
        if end < 0:
            endless.add(name)
            pos = m.start() + 1
            continue
        out.append(text[done : m.start()])
        out.append(" ")
        done = pos = end
    out.append(text[done:])
    return "".join(out)


def _image_alts(text: str) -> str:
    """Each <img> with an alt text becomes that text on its own line (`_IMG_ALT.sub`).

    In linear time: a match ends at a ">", so there is none past the last one; and where
    the regex fails at one "<img", it fails at every "<img" before the next ">" too (they
    look at the same attributes), so the search resumes after that ">" rather than at
    each of them (`"<img " * 100_000` took minutes).
    """
    out: list[str] = []
    done = pos = 0
    while m := _IMG_OPEN.search(text, pos):
        close = text.find(">", m.end())
        if close < 0:
            break
        if hit := _IMG_ALT.match(text, m.start()):
            out.append(text[done : m.start()])
            out.append(f"\n{hit.group(1) or hit.group(2) or ''}\n")
            done = pos = hit.end()
        else:
            pos = close + 1
    out.append(text[done:])
    return "".join(out)


def html_to_text(html: str) -> str:
    """The text of HTML, paragraphs split by blank lines, fast (no tree is built).

    For indexing and previews of thousands of feed items at refresh time; the reading
    pane builds real blocks with `html_to_blocks` when an article is opened. The
    source's own line breaks are spaces, so a single newline can mark where block
    elements were, and only odd whitespace (runs, tabs, no-break spaces) is rewritten:
    splitting every paragraph into words cost more than all the tag passes together.
    """
    import html as html_module

    text = _drop_elements(html.replace("\n", " "))
    text = _image_alts(text)
    text = _sub_tags(_CELL_OPEN, " | ", text)  # table cells read "a | b", as the blocks show them
    text = _sub_tags(_BREAKING, "\n", text)
    text = _sub_tags(_ANY_TAG, "", text)
    text = _ODD_SPACE.sub(" ", clean_text(html_module.unescape(text)))
    while "  " in text:
        text = text.replace("  ", " ")
    parts = (part.strip(" ").removeprefix("| ") for part in text.split("\n"))
    return "\n\n".join(p for p in parts if p)
