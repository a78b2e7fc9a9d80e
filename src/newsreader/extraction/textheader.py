"""The lines above the article in a plain-text copy: headline, byline, date, summary.

`plaintext` finds where the article runs; this reads what a page puts over it. A
fitted ranker (`linemodel`) picks the headline among the short lines just above the
article; classes of line that are never a headline (stamps, media labels, numbered
sections, table rows) are no candidates, and the words on the headline's line that
are not its own (a date after it, a breadcrumb before it) are left off. The byline is
a "By" line near the article, else a bare name next to a date, reading time or
@handle (`meta`), else a "Written by" line at the article's foot; the date is a
labelled stamp, else the first date under the headline.
"""

from __future__ import annotations

import re
import string

from newsreader.extraction.dates import MONTH, FoundDate, find_date
from newsreader.extraction.linemodel import headline_scores, meta_line, pair
from newsreader.extraction.lines import STAMP_LABEL, Line
from newsreader.extraction.meta import (
    Byline,
    bare_byline,
    looks_like_name,
    names_in,
    parse_byline,
)
from newsreader.extraction.page import ExtractedPage

HEADER_WINDOW = 50
"""How far above the article the headline is looked for, in units."""
PAIR_MARGIN = 3.0
"""A headline-and-standfirst pair: the ranker's pick of the standfirst is moved up to
the headline when it ranked the headline within this much (log-odds) of it."""

STACK_MARGIN = 1.0
"""Two headline-like lines stacked in one block, ranked within this much: the upper
one is the headline, the lower its standfirst."""


def stacked(units: list[Line], i: int, j: int) -> bool:
    """Two lines of some length, one under the other in the same block (the upper not
    a breadcrumb that ends with the lower: "HomeSPORT NEWS<headline>")."""
    a, b = units[i], units[j]
    return (
        a.chunk == b.chunk
        and 5 <= a.weight <= 30
        and 5 <= b.weight <= 30
        and b.text.casefold() not in a.text.casefold()
    )


def _better(current: FoundDate | None, found: FoundDate | None) -> FoundDate | None:
    if found is None:
        return current
    if current is None or found.precision > current.precision:
        return found
    return current


def byline_index(units: list[Line], start: int, end: int) -> int | None:
    """The "By ..." line nearest above the article, or in its first units."""
    for i in range(start - 1, max(0, start - HEADER_WINDOW) - 1, -1):
        if units[i].weight <= 40 and units[i].byline:
            return i
    for i in range(start, min(end, start + 3)):
        if units[i].byline:
            return i
    return None


def read_header(
    units: list[Line], start: int, end: int, scores: list[float], out: ExtractedPage
) -> str | None:
    """Fill the metadata from the units above the article; returns the masthead, if any."""
    header = units[:start]
    stamp_dates: dict[str, FoundDate | None] = {"published": None, "updated": None}
    window_start = max(0, start - HEADER_WINDOW)
    for i, unit in enumerate(header):
        if unit.weight > 40:
            continue
        if unit.stamp and i >= window_start:
            for kind, date in unit.stamps:
                stamp_dates[kind] = _better(stamp_dates[kind], date)
        elif unit.editor is not None:
            out.editors = unit.editor
        elif unit.breadcrumb and not out.section:
            out.section = unit.breadcrumb[-1]
    byline_at = byline_index(units, start, end)

    candidates = [i for i in range(window_start, start) if headline_candidate(units[i])]
    title_at = None
    if candidates:
        ranked = headline_scores(units, candidates, start, end, byline_at, scores)
        best = max(range(len(candidates)), key=lambda k: (ranked[k], candidates[k]))
        title_at = candidates[best]
        # A headline the page repeats (a title bar, then the article's own) is read
        # where it is nearest the article.
        title_at = max(i for i in candidates if units[i].text == units[title_at].text)
        score = dict(zip(candidates, ranked, strict=True))
        above = title_at - 1
        if (
            above in score
            and score[above] > score[title_at] - PAIR_MARGIN
            and pair(units, above, title_at)
        ):
            title_at = above  # the line picked is the standfirst under the headline
        elif (
            above in score
            and score[above] > score[title_at] - STACK_MARGIN
            and stacked(units, above, title_at)
        ):
            title_at = above  # a standfirst no longer than its headline
        out.title = headline_text(units[title_at].text)

    byline: Byline | None = None
    if byline_at is not None:
        byline = parse_byline(_byline_text(units[byline_at].text))
    else:
        byline = (
            _split_byline(units, start)
            or _find_bare_byline(units, title_at, start, end)
            or _closing_byline(units, end)
        )
    loose_date: FoundDate | None = None
    if byline is not None:
        out.authors = [a for a in byline.authors if not _NOT_AN_AUTHOR.search(a)]
        if byline.outlet and not _CREDENTIALS.match(byline.outlet):
            out.site = out.site or byline.outlet
        loose_date = byline.date

    # The date: labelled stamps first, else the first date under the headline.
    if loose_date is None:
        lo = title_at if title_at is not None else max(0, start - 8)
        for i in range(max(0, lo - 3), min(len(units), start + 3)):
            u = units[i]
            if u.weight > 25 or u.stamp or (i >= start and not u.date_only):
                continue
            if (when := find_date(u.text)) is not None:
                loose_date = _better(loose_date, when)
                if i > lo:
                    break

    if title_at is not None:
        nxt = title_at + 1
        if (
            nxt < start
            and units[nxt].chunk == units[title_at].chunk
            and units[nxt].weight >= max(8, units[title_at].weight)
            and not units[nxt].furniture
            and not units[nxt].navigation
        ):
            out.summary = units[nxt].text
    for i in range(title_at + 1 if title_at is not None else start, start):
        u = units[i]
        if out.summary is None and u.prose:
            out.summary = u.text
        if u.caption and out.caption is None:
            out.caption = u.text
    masthead = None
    first = units[0]
    if (
        title_at not in (None, 0)
        and first.weight <= 4
        and first.headline
        and not first.navigation
        and 0 < start
    ):
        masthead = first.text
    published = stamp_dates["published"] or loose_date
    updated = stamp_dates["updated"]
    # A page that only says when it was updated was at least published by then.
    first_known = published or updated
    out.published = first_known.iso if first_known else None
    out.updated = updated.iso if updated and updated != published else None
    return masthead


_LABEL = re.compile(r"^[^\W\d_][^\W\d_ ]{0,20}(?: [^\W\d_]+){0,2}\s*[:：]")
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s")
_MEDIA_LABEL = re.compile(
    r"^(?:image|images|photo|photos|picture|video|videos|gallery|audio|listen|play|watch|"
    r"graphic|illustration|图片|视频)$",
    re.I,
)
_ADDRESS = re.compile(r"https?://|\bwww\.", re.I)
_TABLE_RULE = re.compile("[│┃║┆┊]")
_INNER_SENTENCE_END = re.compile(r"[a-z]{2}[.?!][\"”’)]?\s*[A-Z]")
"""A sentence ending inside the line, after a word (not an initial, "J. Doe")."""


def headline_candidate(u: Line) -> bool:
    """Headline-like, and not a line of dated parts ("Le Monde | 04.05.2015 | Par ..."),
    a numbered section ("1.1 History"), a media label ("Image"), or a table row."""
    if not (u.headline or _title_case_sentence(u)) or (u.weight <= 4 and meta_line(u)):
        return False  # "1:39 PM ET", "5 min read"
    text = u.text
    if text[:1] in "»›>" or _ADDRESS.search(text):
        return False  # "» Preview ...": a link to another page; "More info: www.x.co.uk"
    if text[:1] in '"“' and (text.endswith(('."', ".”")) or ",” " in text or '," ' in text):
        return False  # a pull quote, or a quote that opens a paragraph
    if (_LABEL.match(text) or STAMP_LABEL.match(text)) and meta_line(u):
        return False  # "Expires: 18 June 2015", "Updated Nov 19, 9:41 AM;Posted ..."
    if _SECTION_NUMBER.match(text) or _MEDIA_LABEL.match(text) or _TABLE_RULE.search(text):
        return False
    if len(_INNER_SENTENCE_END.findall(text)) >= 2:
        return False  # a notice of three sentences ("... see it. Are you sure ...?Yes, ...")
    tokens = text.split()
    numbers = sum(1 for t in tokens if t.strip(".,:%+-$€£").isdigit())
    if not any(ch.isalpha() for ch in text) or (numbers >= 3 and 2 * numbers >= len(tokens)):
        return False  # "2", "16 Erik Jones 2194 1 0 10 17"
    return not (any(sep in text for sep in "|•·") and meta_line(u))


def _title_case_sentence(u: Line) -> bool:
    """A headline that ends with a full stop, in title case: "Home Depot Stock Is Falling
    After Its Earnings Release. Why You Shouldn't Worry." (a sentence is not in title case)."""
    if not (4 <= u.weight <= 20 and u.text.endswith(".")) or u.cjk:
        return False
    words = [w for w in u.text.split() if w[:1].isalpha()]
    if len(words) < 4 or sum(1 for w in words if w[0].isupper()) < 0.8 * len(words):
        return False
    return not (u.furniture or u.aside or u.list_item or u.navigation)


_TRAILING_DATE = re.compile(
    rf"\s+(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}})"
    r"(?:\s*[-–—,|]?\s*\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,5})?)?\s*$"
)


def headline_text(text: str) -> str:
    """The headline on its line: without a date written after it ("... unrest November
    20, 2019 - 11:28 AMT"), or the last part of a breadcrumb that ends with it
    ("News > 2015 > 1Password für Mac generiert Einmal-Passwörter")."""
    if (m := _TRAILING_DATE.search(text)) and len(text[: m.start()].split()) >= 3:
        text = text[: m.start()].rstrip(" -–—,|")
    parts = [p.strip() for p in _CRUMB.split(text)]
    if (
        len(parts) >= 3
        and all(0 < len(p.split()) <= 4 for p in parts[:-1])
        and len(parts[-1].split()) >= 3
    ):
        return parts[-1]
    return text


_CRUMB = re.compile(r"\s+(?:>>|»|›|>)\s+")


_CONTACT = re.compile(r"\S+@\S+\.\w+|\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}")
_GLUED_ROLE = re.compile(
    r"(?<=[a-z])(?=(?:Staff|Senior|Chief|Contributing|Special)\s"
    r"|(?:[A-Z][a-z]+\s+)?(?:Columnist|Writer|Editor|Correspondent|Reporter)\b)"
)
_NOT_AN_AUTHOR = re.compile(
    r"\b(?:writer|editor|correspondent|reporter|columnist|contributor|press|agency|images|"
    r"photos?|photographer)\b",
    re.I,
)


_CREDENTIALS = re.compile(r"^(?:[A-Z]{2,4}|Ph\.?D\.?)(?:\s*,\s*(?:[A-Z]{2,4}|Ph\.?D\.?))*$")
"""Letters after a name ("Rachael Link, MS, RD"): no outlet."""


def _byline_text(text: str) -> str:
    """A byline line without the contact details after the name ("By Megan Rowe
    meganr@example.com (509) 459-5382") and with a role glued to it by the copy ("By Meg
    JamesStaff Writer", "By Jo DoeBusiness Columnist") set apart."""
    return _GLUED_ROLE.sub(", ", _CONTACT.sub(" ", text)).strip()


def _name_and_outlet(text: str) -> Byline | None:
    """ "Name, Outlet": a name, a comma, then one to three capitalised words."""
    head, _, tail = text.partition(",")
    tail = tail.strip()
    words = tail.split()
    if not (1 <= len(words) <= 3) or not all(w[:1].isupper() and w.isalpha() for w in words):
        return None
    names = names_in(head)
    return (
        Byline(names, outlet=string.capwords(tail) if tail.isupper() else tail) if names else None
    )


def _closing_byline(units: list[Line], end: int) -> Byline | None:
    """A "Written by ..." line right after the article's last paragraph (a credit at
    its foot, then "Related stories")."""
    for i in range(end, min(len(units), end + 2)):
        if units[i].weight <= 40 and units[i].byline:
            found = parse_byline(_byline_text(units[i].text))
            if found.authors and all(looks_like_name(a) for a in found.authors):
                return found  # not "By The Numbers"
    return None


def _split_byline(units: list[Line], start: int) -> Byline | None:
    """ "By" alone on its line, the names on the next (a copy of "<span>By</span> <a>Name</a>")."""
    for i in range(min(len(units) - 2, start + 1), max(0, start - HEADER_WINDOW) - 1, -1):
        if units[i].text.casefold().rstrip(" :：") in ("by", "written by", "words by"):
            found = parse_byline("By " + _byline_text(units[i + 1].text))
            if found.authors:
                return found
    return None


_HANDLE_LINE = re.compile(r"^@\w{2,30}$")
"""An author's social handle on the line under their name ("@NATASHATURAK")."""
_AGO = re.compile(
    r"\b\d+\s*(?:min|mins|minute|minutes|hr|hrs|hour|hours|day|days|week|weeks)\s+ago\b", re.I
)


def _find_bare_byline(
    units: list[Line], title_at: int | None, start: int, end: int
) -> Byline | None:
    """A byline without "By": under the headline (a name line directly under it or
    under the standfirst, one with its own time, "Name 1 day ago", one over its
    @handle, or one next to a date, "Follow" or "5 min read"); else such a line with
    its date or reading time higher up the page; else "Name — date" right after the
    article (blogs)."""
    lo = title_at + 1 if title_at is not None else max(0, start - 8)
    for i in range(lo, min(len(units), start + 2)):
        found = bare_byline(units, i)
        if found is None:
            if i + 1 < len(units) and meta_line(units[i + 1]):
                found = _name_and_outlet(units[i].text)
                if found is not None:
                    return found  # "VICTOR TANGERMANN, FUTURISM" over "18 NOV 2019"
            continue
        near = units[max(0, i - 2) : i] + units[i + 1 : i + 3]
        if (
            found.date
            or _AGO.search(units[i].text)
            or any(meta_line(v) for v in near)
            or i == lo
            or (i == lo + 1 and units[lo].prose)  # under the standfirst
            or (i + 1 < len(units) and _HANDLE_LINE.match(units[i + 1].text))
        ):
            return found
    for i in range(lo - 2, max(0, start - HEADER_WINDOW) - 1, -1):
        found = bare_byline(units, i)
        if found is not None and (
            found.date
            or meta_line(units[i + 1])
            # "Name" / "Ideas" / "11.14.2019 09:00 AM": a section label between
            or (units[i + 1].weight <= 2 and i + 2 < start and meta_line(units[i + 2]))
        ):
            return found
    for i in range(end, min(len(units), end + 3)):
        found = bare_byline(units, i)
        if found is not None and found.date:
            return found
    return None
