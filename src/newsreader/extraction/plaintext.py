"""Recover a news article from a plain-text copy of its web page.

A text copy of a news page is the article plus the page's furniture: masthead, menus,
share bars, captions, teasers and link lists. No rule here knows an outlet:

1. Split the text into units (lines; hard-wrapped paragraphs rejoined) and score each
   with a small fitted model: how much it reads as article text (`linemodel`). Units
   far from any sentence (menus, link lists) take a fixed low score unread.
2. The article is the run of units with the highest total score: prose counts for
   it, chrome against it, so a "Related" box or an "Advertisement" line inside the
   article is crossed (and dropped) while menus and teaser lists above and below are
   left out. A prose unit followed closely by a byline is the standfirst, not the body,
   and a line or two of site text in one block with a headline is the site's.
3. Just above the article, a second model picks the headline among the short lines
   (near the byline or the lede, repeated in the page, not in a menu); the byline
   (with or without "By") and the date are looked for around it (`textheader`).
4. The body ends at an editor credit or a copyright line; lines that point away from
   the article ("ALSO READ: ...", "Share") are dropped and the body goes on. A file
   whose first unit is already text is body-only: then every unit is kept.

Only the first `CLASSIFIED` units are scored one by one: past them each blank-line
block is one unit, so a megabyte of one-character lines reads in well under a second.
"""

from __future__ import annotations

import re
import unicodedata

from newsreader.extraction.linemodel import (
    body_scores,
    meta_line,
    sigmoid,
)
from newsreader.extraction.lines import CJK_DATELINE, LIST_MARK, Line, split_units
from newsreader.extraction.meta import byline_in_segments
from newsreader.extraction.page import ExtractedPage
from newsreader.extraction.textheader import headline_candidate, read_header
from newsreader.models import Block, BlockKind, Run
from newsreader.sanitize import clean_text, normalize_newlines

CLASSIFIED = 3000
"""Units scored one by one; the rest of a longer text is taken as blank-line blocks."""
THRESHOLD = 0.4
"""The probability of being article text at which a unit neither adds nor takes away."""
LEAD_UNITS = 6
"""How far into the run a byline or date line still marks where the article starts."""


CODE_RUN = 3
"""Lines of code in a row (give or take short ones) that make a code block."""


def code_blocks(units: list[Line]) -> list[bool]:
    """Which units are in a block of program code, a query or a text table: runs of
    at least `CODE_RUN` code lines, with the short lines among them ("FROM", "n,")."""
    out = [False] * len(units)
    i, n = 0, len(units)
    while i < n:
        j, marked = i, 0
        while j < n and (units[j].code or (units[j].weight <= 3 and not units[j].prose)):
            marked += units[j].code
            j += 1
        if marked >= CODE_RUN and 2 * marked >= j - i:
            out[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    return out


def article_region(units: list[Line], scores: list[float]) -> tuple[int, int] | None:
    """[start, end) of the run of units with the highest total score; None without prose.

    A unit counts for its probability of being text less `THRESHOLD`, times its length
    (log-scaled), so a long paragraph outweighs a few lines of chrome between two; a
    block of code inside the article is crossed at a small cost, as an aside is (the
    model reads a line of code as no text).
    """
    code = code_blocks(units)
    best = 0.0
    best_span: tuple[int, int] | None = None
    run = 0.0
    run_start = 0
    for i, (u, score) in enumerate(zip(units, scores, strict=True)):
        value = (sigmoid(score) - THRESHOLD) * (1.0 + min(u.weight, 200) ** 0.5)
        if value > 0 and u.weight < 20 and not u.prose:
            value = -0.1  # a short line that is no sentence never makes the article
        elif value < 0 and u.aside:
            value = -0.2  # "Advertisement", "ALSO READ: ...": dropped, the article goes on
        elif value < 0 and code[i]:
            value = -0.1
        if run <= 0:
            run, run_start = 0.0, i
        run += value
        if run > best:
            best, best_span = run, (run_start, i + 1)
        if u.copyright and best > 10 and i > best_span[0]:  # type: ignore[index]
            break  # nothing after a copyright line is the article
    return best_span


def parse_plaintext(raw: str) -> ExtractedPage:
    """Split a plain-text page into the article's metadata and body blocks."""
    text = unicodedata.normalize("NFC", clean_text(normalize_newlines(raw)))
    units = split_units(text, limit=CLASSIFIED)
    out = ExtractedPage()
    if not units:
        return out
    scored = units[:CLASSIFIED]
    scores = body_scores(scored) + [5.0] * (len(units) - len(scored))
    prose = [i for i, u in enumerate(scored) if u.prose]
    region = article_region(units, scores) if prose else None
    if prose and region is None:
        region = (prose[0], prose[-1] + 1)  # the model saw no article: all the prose is
    if region is None:
        # No prose anywhere: a list of lines. Keep every line; the first may be a title.
        if len(units) > 1 and units[0].headline:
            out.title = units[0].text
            units = units[1:]
        out.body = [_block(u) for u in units]
        out.language = _guess_language(text)
        return out

    start, end, body_only = locate_article(units, scores, region)
    masthead = read_header(units, start, end, scores, out)
    out.body = _read_body(units, start, end, out, keep_everything=body_only)
    out.site = out.site or masthead
    out.language = _guess_language(" ".join(b.plain for b in out.body[:20]))
    return out


def locate_article(
    units: list[Line], scores: list[float], region: tuple[int, int]
) -> tuple[int, int, bool]:
    """The article's [start, end) from the best run, and whether the file is body-only.

    Short closing sentences ("Lawless reported from London.") are still the article; a
    short run of prose followed by a byline or date and more prose was the standfirst.
    A file that is text from its first line, give or take a closing line or two, is
    body-only: nothing in it is furniture, and every unit is kept.
    """
    start, end = region
    limit = min(len(units), CLASSIFIED)
    while end < limit:
        if _closing(units[end]):
            end += 1
            continue
        if (
            end + 1 < limit
            and units[end].aside
            and units[end + 1].prose
            and not (units[end].copyright or units[end + 1].copyright)
        ):
            end += 2  # "Story continues below advertisement", then the article again
            continue
        j = end
        while j < min(limit, end + 3) and meta_line(units[j]):
            j += 1
        if end - start <= 3 and j > end and j < limit and units[j].prose:
            end = j + 1
            continue
        break
    if start == 0 and units[0].prose and len(units) - end <= 3:
        return 0, len(units), True
    start, end = _trim(units, start, end)
    return start, end, False


def _closing(u: Line) -> bool:
    return u.sentence and u.weight >= 3 and not (u.furniture or u.aside or u.navigation)


def _trim(units: list[Line], start: int, end: int) -> tuple[int, int]:
    """The article opens with text and closes with text: past a byline, date or "5 min
    read" line in its first units (what was above them is a headline, a standfirst or a
    teaser), past leading short lines, and short trailing lines dropped."""
    for i in range(min(end - 1, start + LEAD_UNITS) - 1, start - 1, -1):
        u = units[i]
        if (
            u.byline
            or u.stamp
            or (meta_line(u) and (i > start or not u.sentence))
            or byline_in_segments(u.text)
        ):
            start = i + 1
            break
    # A headline that asks a question, under the page's date line and over the text,
    # reads as a sentence: "Last Updated : Nov 20, 2019" / "Economy on a high; time
    # to be careful?" / the standfirst.
    u = units[start]
    if (
        start + 1 < end - 1
        and u.text.endswith("?")
        and 4 <= u.weight <= 15
        and start > 0
        and meta_line(units[start - 1])
        and headline_candidate(u)
        and units[start + 1].prose
    ):
        start += 1
    # A headline right after a line or two of text in one block: that text was the
    # site's, and the article starts under the headline ("I write rants." / "Get your
    # code covered"); a subheading after a first paragraph stands in its own block.
    lead = 0
    for i in range(start, min(end - 1, start + 3)):
        u = units[i]
        if (
            lead
            and 3 <= u.weight <= 20
            and u.chunk == units[start].chunk  # a block of site text and the headline
            and units[i + 1].chunk != u.chunk
            and headline_candidate(u)
            and units[i + 1].prose
        ):
            start = i + 1
            break
        lead += u.weight
        if lead > 30:
            break
    while start < end - 1 and not (units[start].prose or units[start].weight >= 20):
        start += 1
    while end > start + 1 and not (
        units[end - 1].prose or units[end - 1].weight >= 20 or units[end - 1].sentence
    ):
        end -= 1
    return start, end


def _read_body(
    units: list[Line],
    start: int,
    end: int,
    out: ExtractedPage,
    *,
    keep_everything: bool,
) -> list[Block]:
    body = units[start:end]
    if not keep_everything:
        stop = next(
            (i for i, u in enumerate(body) if u.weight <= 40 and (u.editor is not None)),
            len(body),
        )
        if stop < len(body):
            out.editors = body[stop].editor or out.editors
            body = body[:stop]
        if not out.editors:
            for unit in units[end : end + 40]:
                if unit.weight <= 40 and unit.editor:
                    out.editors = unit.editor
                    break

    first = body[0]
    if first.dateline:
        out.dateline = first.dateline.group("place").strip(" ,")
        agency = first.dateline.group("agency")
        if agency and out.site is None:
            out.site = agency.strip()
    elif m := CJK_DATELINE.match(first.text):
        place = m.group("place") or m.group("place2")
        out.dateline = " ".join(p for p in (place, m.group("date")) if p) or None
        if m.group("agency") and out.site is None:
            out.site = m.group("agency")

    kept: list[Line] = []
    credited = set()
    if not keep_everything:
        # "<caption>" / "Credit..." / "<photographer>": a photo's caption and credit.
        for i, unit in enumerate(body[1:], 1):
            if _CREDIT_LABEL.match(unit.text) and body[i - 1].weight <= 60:
                credited |= {i - 1, i} | (
                    {i + 1} if i + 1 < len(body) and body[i + 1].weight <= 8 else set()
                )
    for i, unit in enumerate(body):
        if i in credited:
            out.caption = out.caption or (unit.text if not _CREDIT_LABEL.match(unit.text) else None)
            continue
        if not keep_everything:
            if unit.weight <= 40 and (
                unit.share
                or unit.byline
                or unit.aside
                or unit.navigation
                or (unit.stamp and i < 3)
                or (unit.date_only and i < 3)
            ):
                continue
            if unit.weight <= 60 and unit.caption and not unit.prose:
                out.caption = out.caption or unit.text
                continue
            if unit.weight <= 60 and unit.caption and out.caption == unit.text:
                continue
        kept.append(unit)
    return [
        _block(u, next_is_prose=k + 1 < len(kept) and kept[k + 1].prose) for k, u in enumerate(kept)
    ]


_CREDIT_LABEL = re.compile(r"^(?:photo |image )?credits?\s*(?:\.\.\.|…|:)?$", re.I)


def _block(unit: Line, *, next_is_prose: bool = False) -> Block:
    text = unit.text
    if unit.list_item:
        m = LIST_MARK.match(text)
        assert m is not None
        marker = m.group(0).strip()
        ordinal = int(marker[:-1]) if marker[:-1].isdigit() else 0
        return Block(BlockKind.LIST_ITEM, (Run(text[m.end() :]),), ordinal=ordinal)
    if next_is_prose and unit.headline and not unit.sentence and unit.weight <= 12:
        return Block(BlockKind.HEADING, (Run(text),), level=2)
    if unit.caption and not unit.prose:
        return Block(BlockKind.PARAGRAPH, (Run(text, italic=True),))
    return Block(BlockKind.PARAGRAPH, (Run(text),))


_KANA = re.compile("[\u3040-\u30ff]")
_HAN = re.compile("[\u4e00-\u9fff]")
_HANGUL = re.compile("[\uac00-\ud7af]")


def _guess_language(text: str) -> str | None:
    """A script-based guess, only where the script decides it (Chinese, Japanese, Korean)."""
    sample = text[:4000]
    if sample.isascii():
        return None
    kana = len(_KANA.findall(sample))
    han = len(_HAN.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    letters = sum(1 for ch in sample if ch.isalpha()) or 1
    if kana and (kana + han) / letters > 0.3:
        return "ja"
    if han / letters > 0.3:
        return "zh"
    if hangul / letters > 0.3:
        return "ko"
    return None
