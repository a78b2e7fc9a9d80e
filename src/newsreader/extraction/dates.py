"""Dates as news pages write them, turned into ISO 8601 with the precision they had.

"09:13, November 06, 2013", "Wed,Nov 6,2013", "Published: 10:32 AM EST, Tue March 5, 2024",
"2013年11月06日09:13": a date keeps only the parts the page gave (no invented midnight,
no invented time zone), so `published` never claims more than the source knew.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache

_MONTH_WORD = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY_WORD = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday)?"
MONTH = rf"{_MONTH_WORD}\.?"

# Month names as pages in other languages write them (full, and the abbreviations that
# are no English word): French, Spanish, Portuguese, German, Italian, Czech (both cases).
_FOREIGN_MONTHS = {
    1: "janvier janv enero ene janeiro januar jänner jän gennaio gen leden ledna",
    2: "février févr fevrier fevr febrero fevereiro fev februar febbraio únor února",
    3: "mars marzo março märz mär marz březen března",
    4: "avril avr abril abr aprile duben dubna",
    5: "mai mayo maio maggio mag květen května",
    6: "juin junio junho juni giugno giu červen června",
    7: "juillet juil julio julho juli luglio lug červenec července",
    8: "août aout agosto srpen srpna",
    9: "septembre septiembre setiembre setembro settembre září",
    10: "octobre octubre outubro oktober okt ottobre ott říjen října",
    11: "novembre noviembre novembro listopad listopadu",
    12: "décembre decembre diciembre dic dezembro dezember dez dicembre prosinec prosince",
}
_FOREIGN = {name: month for month, names in _FOREIGN_MONTHS.items() for name in names.split()}
_FOREIGN_WORD = "|".join(sorted(_FOREIGN, key=len, reverse=True))
_ANY_MONTH_WORD = rf"(?:{_FOREIGN_WORD}|{_MONTH_WORD})"
WEEKDAY = rf"{_WEEKDAY_WORD}\.?"

# Offsets in hours for the abbreviations news sites print; ambiguous ones (IST, CST)
# take their most common news meaning.
TZ_OFFSETS: dict[str, float] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "IST": 5.5,
    "PKT": 5,
    "ICT": 7,
    "WIB": 7,
    "HKT": 8,
    "SGT": 8,
    "AWST": 8,
    "KST": 9,
    "JST": 9,
    "ACST": 9.5,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "AST": -4,
    "ADT": -3,
    "BJT": 8,
}
_TZ_NAMES = "|".join(sorted(TZ_OFFSETS, key=len, reverse=True))
_TZ = (
    rf"(?:(?:GMT|UTC)\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?|\b(?:{_TZ_NAMES})\b|[+-]\d{{2}}:?\d{{2}}\b)"
)

# The weekday between date and time carries its own trailing spaces: with "\s*(?:day)?\s*"
# a long run of spaces after the date was split between the two \s* in every way.
_CJK_DATE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"(?:\s*(?:[（(]?(?:星期|周|礼拜)?[一二三四五六日天月火水木金土][曜日]*[)）]?\s*)?"
    r"(\d{1,2})\s*[:：时時]\s*(\d{2})\s*分?)?"
)
_CJK_WEEKDAY = (
    r"(?:[（(]?(?:星期|周|礼拜)[一二三四五六日天][)）]?"  # Chinese: 星期二, （周二）
    r"|[（(][月火水木金土日][)）]|[月火水木金土日]曜日)"  # Japanese: （火）, 火曜日
)
_ISO_DATE = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?\b"
)
_TIME = re.compile(r"\b(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?(?![\d])")
_MONTH_RE = re.compile(rf"\b{_ANY_MONTH_WORD}(?![^\W\d_])\.?", re.I)
_NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?:(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d{2})|((?:19|20)\d{2})([./])(\d{1,2})\6(\d{1,2}))"
    r"(?![\d])"
)
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")

# A line that is nothing but a date: its tokens, separators, and at least a year.
# The tokens are written so that a line splits into them in few ways: a line that is no
# date is refused only after every split has failed, and with "\d{1,4}", a full stop
# both in the tokens and among the separators, and zone offsets that overlap numbers,
# "1234567890123456789012345 copies" or "GMT-0530 " repeated had exponentially many
# (seconds to refuse). The lines accepted are the same: a number is a whole run of
# digits (possessive; two numbers may touch, so any run was one or more numbers), the
# full stop is left to the separators, a GMT/UTC offset keeps only its first digit
# (numbers and ":" take the rest), and "-0500" is a separator and a number.
_LINE_TZ = rf"(?:(?:GMT|UTC)\s*[+-]\s*\d|\b(?:{_TZ_NAMES})\b|\+\d{{2}}:?\d{{2}}\b)"
_DATE_TOKEN = (
    rf"(?:{_WEEKDAY_WORD}|{_ANY_MONTH_WORD}|{_LINE_TZ}|\d++(?:st|nd|rd|th|er)?"
    r"|[AaPp]\.?[Mm]|at|on|de)"
)
_DATE_LINE = re.compile(rf"^[\s,./:()\[\]-]*(?:{_DATE_TOKEN}[\s,./:()\[\]年月日时分-]*)+$", re.I)

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan",),
            ("feb",),
            ("mar",),
            ("apr",),
            ("may",),
            ("jun",),
            ("jul",),
            ("aug",),
            ("sep",),
            ("oct",),
            ("nov",),
            ("dec",),
        ],
        start=1,
    )
    for name in names
}


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text: its ISO form and how precise it is (higher is better)."""

    iso: str
    precision: int  # 1 date, 2 date+time, 3 date+time+zone


_ANY_DIGIT = re.compile(r"\d")


def is_date_line(text: str) -> bool:
    """Whether the whole line is a date (possibly with weekday, time and zone)."""
    if len(text) > 64 or not _ANY_DIGIT.search(text):
        return False
    bare = re.sub(_CJK_WEEKDAY, "", text).strip()
    if _CJK_DATE.fullmatch(bare) or _ISO_DATE.fullmatch(bare):
        return True
    return bool(_DATE_LINE.match(text)) and (
        bool(_YEAR.search(text)) or bool(_MONTH_RE.search(text))
    )


def has_date(text: str) -> bool:
    """Whether the text contains something that parses as a calendar date."""
    return find_date(text) is not None


def find_date(text: str) -> FoundDate | None:
    """The first date in `text`, with time and zone if they are written next to it."""
    if not _ANY_DIGIT.search(text):
        return None  # every form has a day or a year in digits
    if m := _CJK_DATE.search(text):
        y, mo, d, hh, mm = m.groups()
        return _build(int(y), int(mo), int(d), hh, mm, None, None, None)
    if m := _ISO_DATE.search(text):
        y, mo, d, hh, mm, ss, off = m.groups()
        tz = None
        if off:
            tz = 0.0 if off == "Z" else _offset_hours(off)
        elif hh and (tz_m := re.search(_TZ, text[m.end() :])):
            tz = _tz_hours(tz_m.group(0))
        return _build(int(y), int(mo), int(d), hh, mm, ss, None, tz)
    return _find_worded_date(text) or _find_numeric_date(text)


def _find_numeric_date(text: str) -> FoundDate | None:
    """21.12.2018, 21/12/2018, 12/21/2018, 2018/12/21: day first unless it cannot be,
    except with slashes, where the month comes first as in American pages."""
    m = _NUMERIC_DATE.search(text)
    if not m:
        return None
    if m.group(1):
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        day, month = (b, a) if m.group(2) == "/" and a <= 12 else (a, b)
        if month > 12:
            day, month = month, day
    else:
        y, month, day = int(m.group(5)), int(m.group(7)), int(m.group(8))
    hh = mm = ss = ampm = None
    if tm := _TIME.search(text, m.end()):
        hh, mm, ss, ampm = tm.groups()
    return _build(y, month, day, hh, mm, ss, ampm, None)


def _find_worded_date(text: str) -> FoundDate | None:
    month_m = _MONTH_RE.search(text)
    year_m = _YEAR.search(text)
    if not month_m or not year_m:
        return None
    word = month_m.group(0).rstrip(".").lower()
    month = _FOREIGN.get(word) or _MONTHS.get(word[:3])
    if month is None:
        return None
    # The day is the number next to the month name ("Nov 6", "6 November").
    after = re.match(r"\.?\s*(\d{1,2})(?:st|nd|rd|th)?\b(?!:)", text[month_m.end() :])
    before = re.search(
        r"\b(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s*(?:of\s+|de\s+)?$",
        text[max(0, month_m.start() - 12) : month_m.start()],
    )
    # (Not the year's first digits: "November 20, 2019" is the 20th.)
    if after and month_m.end() + after.start(1) != year_m.start():
        day = int(after.group(1))
    elif before:
        day = int(before.group(1))
    else:
        return None
    if not 1 <= day <= 31:
        return None
    hh = mm = ss = ampm = None
    if tm := _TIME.search(text):
        hh, mm, ss, ampm = tm.groups()
    tz = None
    if tz_m := re.search(_TZ, text):
        tz = _tz_hours(tz_m.group(0))
    return _build(int(year_m.group(1)), month, day, hh, mm, ss, ampm, tz)


def _offset_hours(off: str) -> float:
    sign = -1 if off.startswith("-") else 1
    digits = off[1:].replace(":", "")
    return sign * (int(digits[:2]) + int(digits[2:4] or 0) / 60)


def _tz_hours(token: str) -> float | None:
    token = token.strip().upper()
    if token in TZ_OFFSETS:
        return TZ_OFFSETS[token]
    m = re.match(r"(?:GMT|UTC)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$", token)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        return sign * (int(m.group(2)) + int(m.group(3) or 0) / 60)
    return None


def _build(
    year: int,
    month: int,
    day: int,
    hh: str | None,
    mm: str | None,
    ss: str | None,
    ampm: str | None,
    tz: float | None,
) -> FoundDate | None:
    try:
        if hh is None or mm is None:
            return FoundDate(datetime(year, month, day).strftime("%Y-%m-%d"), 1)
        hour = int(hh)
        if ampm:
            pm = ampm.lower().startswith("p")
            hour = hour % 12 + (12 if pm else 0)
        stamp = datetime(year, month, day, hour, int(mm), int(ss or 0))
    except ValueError:
        return None
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%S" if ss else "%Y-%m-%dT%H:%M")
    if tz is None or not -24 < tz < 24:
        return FoundDate(iso, 2)  # an impossible offset ("+2500") says nothing of the zone
    aware = stamp.replace(tzinfo=timezone(timedelta(hours=tz)))
    offset = aware.strftime("%z")
    return FoundDate(f"{iso}{offset[:3]}:{offset[3:]}", 3)


def iso_from_struct(value: object) -> str | None:
    """ISO 8601 (UTC) from a time.struct_time as feedparser gives it."""
    import time

    if not isinstance(value, time.struct_time):
        return None
    try:
        stamp = datetime(*value[:6], tzinfo=UTC)
    except (ValueError, OverflowError):
        return None
    return stamp.isoformat().replace("+00:00", "Z")


_FEED_ISO = re.compile(
    r"([1-9]\d{3})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|[+-]\d{2}:\d{2})\Z"
)
_FEED_RFC822 = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"(19\d\d|20\d\d) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}|GMT|UTC|Z)\Z"
)


def _feed_date(text: str) -> str | None:
    """The two forms feeds nearly always write (RFC 3339 in Atom, RFC 822 in RSS), read
    without `find_date`'s general search, with the same result; None for anything else.

    A refresh reads tens of thousands of these.
    """
    if m := _FEED_ISO.match(text):
        y, mo, d, hh, mm, ss, off = m.groups()
        month = int(mo)
    elif m := _FEED_RFC822.match(text):
        d, name, y, hh, mm, ss, off = m.groups()
        month = _MONTHS[name.lower()]
    else:
        return None
    if off in TZ_OFFSETS:
        offset = "+00:00"  # Z, GMT, UTC
    else:
        sign, oh, om = off[0], int(off[1:3]), int(off[-2:])
        if oh > 14 or om not in (0, 15, 30, 45):
            return None  # rare: the general way words it
        offset = "+00:00" if oh == om == 0 else f"{sign}{oh:02d}:{om:02d}"
    try:
        datetime(int(y), month, int(d), int(hh), int(mm), int(ss))
    except ValueError:
        return None
    return f"{y}-{month:02d}-{d}T{hh}:{mm}:{ss}{offset}"


@lru_cache(maxsize=8192)
def parse_date(text: str | None) -> str | None:
    """ISO 8601 for a date string in any common format, None if it is not one.

    Cached: a feed repeats its dates (published and updated, refresh after refresh).
    """
    if not text:
        return None
    if quick := _feed_date(text):
        return quick
    found = find_date(text)
    if found:
        return found.iso
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None
