"""Who wrote it and when, from the lines around a plain-text article's headline.

Bylines come in many shapes: "By Name", "Par Name", "作者：张三（某某网）", a bare name
line under the headline with a date, "Follow" or "5 min read" next to it, "Name - date",
"on date by Name", "Posted by Name on date", "Name, AP Sports Writer". The name is
checked for looking like one (capitalised words, no digits, no sentence), so a menu
label or a teaser title is not taken for an author.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from newsreader.extraction.dates import MONTH, FoundDate, find_date
from newsreader.extraction.lines import (
    BYLINE,
    ROLE_WORDS,
    STAMP_LABEL,
    TRAILERS,
    Line,
    split_names,
)

_DATE_START = re.compile(
    rf"(?:\s[|•·–—-]\s|\||\b\d{{1,2}}[:.]\d{{2}}\b|\b{MONTH}\s+\d|\b\d{{1,2}}\s+{MONTH}|\b\d{{4}}-\d{{2}}"
    rf"|\b(?:published|updated|posted|on)\b|\d{{4}}年|\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2}}"
    rf"|\b\d+\s+(?:minute|hour|day|week)s?\s+ago\b"
    # A date the copy glued to the name: "by Lucas Nolan22 Dec 2016".
    rf"|(?<=[^\W\d_])\d{{1,2}}\s+{MONTH}\s+\d{{4}})",
    re.I,
)
_OUTLET_PAREN = re.compile(r"[(（]([^()（）]{2,60})[)）]")
_PARTICLES = frozenset(
    "de da van von der den del la le di du bin al y e dos das ter ten st. mc".split()
)
_NOT_NAMES = frozenset(
    """home news share follow following sign menu subscribe read more advertisement comments
    search topics opinion login updated published posted next previous story stories related
    print email tweet video videos photos photo about contact newsletter latest sections
    world business sport sports politics tech technology science culture health travel
    the a an of in on for to with and or is new top my your our this that here now view
    all edition live watch listen podcast podcasts blog blogs features reviews recommended
    continue reading shares close open skip main content privacy policy terms more older newer
    article articles post posts page comment reply image""".split()
)
_WITH = re.compile(r"(?:with|avec|con|com|mit)\s+", re.I)
_TRAILING_BY = re.compile(r"\bby\s*$", re.I)
_INNER_BY = re.compile(r"\bby\s+(?P<names>[^|•·]{3,80}?)\s*$", re.I)


@dataclass
class Byline:
    """A byline's names, the outlet it names (if any) and the date written on it."""

    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    date: FoundDate | None = None


def looks_like_name(text: str) -> bool:
    """Two to five capitalised words, no digits, no sentence: "Jill Lawless", "Luis de Miranda"."""
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 48:
        return False
    if any(ch.isdigit() for ch in text) or text.endswith(("?", "!", ":", ",")):
        return False
    capitalised = 0
    for word in words:
        bare = word.strip(".,'’")
        if word.lower() in _PARTICLES:
            continue
        if not bare or not bare[0].isupper() or bare.casefold() in _NOT_NAMES:
            return False
        if not all(ch.isalpha() or ch in ".-'’" for ch in bare):
            return False
        capitalised += 1
    return capitalised >= 2


_HANDLE = re.compile(r"(?:^|\s)@\w+")


def names_in(text: str) -> list[str]:
    """The names of a list of names ("A, B and C"), if every part looks like a name;
    @handles are left out ("Devindra Hardawar, @devindra")."""
    parts = split_names(_HANDLE.sub(" ", text))
    if not parts or not all(looks_like_name(p) for p in parts):
        return []
    return [string.capwords(p) if p.isupper() else p for p in parts]


def parse_byline(text: str) -> Byline:
    """Names, outlet and date of a "By ..." line."""
    rest = BYLINE.sub("", text, count=1).strip()
    out = Byline(date=find_date(rest))
    if m := _DATE_START.search(rest):
        names_part, tail = rest[: m.start()], rest[m.start() :]
    else:
        names_part, tail = rest, ""
    also: list[str] = []
    if m := _OUTLET_PAREN.search(names_part):
        inner = m.group(1).strip()
        if w := _WITH.match(inner):
            also = names_in(inner[w.end() :])  # "Name (avec A et B)": more authors
        else:
            out.outlet = inner
        names_part = names_part[: m.start()] + names_part[m.end() :]
    if out.outlet is None:
        for piece in re.split(r"\s*[|•·–—]\s*", tail):
            piece = piece.strip(" -")
            if (
                piece
                and not find_date(piece)
                and not STAMP_LABEL.match(piece)
                and not any(ch.isdigit() for ch in piece)
                and piece.casefold() not in TRAILERS
                and not piece.lower().startswith(("on ", "updated", "published"))
            ):
                out.outlet = piece
                break
    names_part = names_part.strip(" ,-–—|")
    parts = [p.strip() for p in names_part.split(",")]
    for k in range(1, len(parts)):
        if ROLE_WORDS.search(parts[k]):
            # "By Name, Senior Staff Technologist, Some Project": no names after the role.
            names_part = ", ".join(parts[:k])
            parts = parts[:k] if k > 1 else []
            break
    has_conjunction = bool(re.search(r"\band\b|&|和|、", names_part))
    if len(parts) >= 2 and not has_conjunction:
        # "By NAME, Agency" or "By NAME, Staff Writer": the tail is not another author.
        extra = ", ".join(parts[1:])
        if not ROLE_WORDS.search(extra) and out.outlet is None:
            out.outlet = extra
        names_part = parts[0]
    authors = []
    for n in split_names(names_part):
        if ROLE_WORDS.search(n) or "(" in n:
            continue  # "Staff Writer", "photography by ..."
        n = re.sub(r"\s*@\w+$", "", n)  # a glued @handle
        # AP-style capitals ("By EGILL BJARNASON") read better as a name.
        authors.append(string.capwords(n) if n.isupper() and len(n) > 3 else n)
    out.authors = [a for a in authors if a] + also
    return out


def byline_in_segments(text: str) -> Byline | None:
    """A "By ..." part of a line of parts: "Le Monde | 04.05.2015 | Par Martin Untersinger"."""
    if "|" not in text or len(text) > 240:
        return None
    for segment in text.split("|"):
        segment = segment.strip()
        if BYLINE.match(segment) and (found := parse_byline(segment)).authors:
            return found
    return None


def bare_byline(units: list[Line], i: int) -> Byline | None:
    """A byline without "By": a name line next to a date, "Follow" or "5 min read";
    "Name - date"; "on date by Name"; a line ending in "by" before a name line."""
    u = units[i]
    text = u.text
    if found := byline_in_segments(text):
        return found
    if u.weight > 16:
        return None
    if _TRAILING_BY.search(text) and i + 1 < len(units):
        names = names_in(units[i + 1].text)
        if names:
            return Byline(names, date=find_date(text))
    if m := _INNER_BY.search(text):
        # "... by Name", "Posted by Name on November 19, 2019"
        named = m.group("names")
        if d := _DATE_START.search(named):
            named = named[: d.start()]
        head, _, tail = named.partition(",")
        if tail and ROLE_WORDS.search(tail):
            named = head  # "Posted by Name, Software Engineer on ..."
        if names := names_in(named.strip(" ,-–—")):
            return Byline(names, date=find_date(text))
    if names := names_in(text):
        return Byline(names)
    head, _, tail = text.partition(",")
    if tail and ROLE_WORDS.search(tail) and (names := names_in(head)):
        return Byline(names)  # "Greg Beacham, AP Sports Writer"
    if m := _DATE_START.search(text):
        head = text[: m.start()].strip(" ,-–—|·•")
        if head and (names := names_in(head)):
            return Byline(names, date=find_date(text[m.start() :]))
    return None
