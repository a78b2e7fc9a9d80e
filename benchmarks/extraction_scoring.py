"""How extraction_bench.py scores one extracted field against the expected value.

Each rule is a small function, unit-tested in tests/unit/test_extraction_bench_scoring.py.
The rules forgive differences of form (case, quotes, dashes, a site name after the
headline, "By" before a name, a time zone) and nothing else; expected values that are
an upstream quirk (a byline that is a date or the site's name) are not scored at all,
rather than imitated.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

# --- folding -----------------------------------------------------------------------

_QUOTES = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        "\u00a0": " ",
    }
)


def fold(text: str) -> str:
    """NFKC, curly quotes and dashes made plain, whitespace collapsed, case folded."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split()).casefold()


_CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")


def tokens(text: str) -> list[str]:
    """Lowercased word tokens of folded text; each CJK character is a token.

    Underscores and punctuation separate words ("don't" is "don" and "t", on both sides).
    """
    return _TOKEN.findall(fold(text))


# --- headline ---------------------------------------------------------------------

# " — " and " – " fold to " - "; "_" and "[...]" are how Chinese sites and LWN add theirs.
_SITE_SEPARATOR = re.compile(r" \| | - | · |: | ?_| \[(?=[^\]]*\]$)")


def _headline_forms(title: str, site: str | None = None) -> set[str]:
    """The folded title, and the title without site-name parts at one end.

    Parts are split at " | ", " - ", " — ", " · ", ": ", "_" and a trailing "[...]"; the
    parts taken off one end must be at most six words together ("Headline | Site",
    "Site: Headline", "Headline - Author - Site"), and what is left must not be the
    site's own name, when it is known.
    """
    folded = fold(title)
    forms = {folded}
    for m in _SITE_SEPARATOR.finditer(folded):
        before, after = folded[: m.start()], folded[m.end() :]
        for kept, dropped in ((before, after), (after, before)):
            kept = kept.strip(" []")
            if kept and len(re.findall(r"\w+", dropped)) <= 6 and kept != fold(site or ""):
                forms.add(kept)
    return forms


def headline_matches(expected: str, ours: str | None, site: str | None = None) -> bool:
    """Equal after folding, or once site-name parts at one end are removed from one side."""
    if not ours:
        return False
    want, got = fold(expected), fold(ours)
    return (
        want == got or want in _headline_forms(ours, site) or got in _headline_forms(expected, site)
    )


def headline_visible(expected: str, text: str, site: str | None = None) -> bool:
    """Whether a line of the text copy is the expected headline (as `headline_matches`).

    Readability's expected title is the page's <title>, which a copy of the page's
    text does not hold: where the page's own h1 words it otherwise, no reader of the
    text can find it, so the text form is also scored over the pages that show it.
    """
    return any(headline_matches(expected, line.strip(), site) for line in text.splitlines())


# --- byline -----------------------------------------------------------------------

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun"
).split()
_ROLES = (
    "staff writer writers reporter reporters editor editors edited editing correspondent "
    "contributor contributors contributing columnist senior chief special photographer "
    "producer author authors written words reporting"
).split()
_CREDENTIALS = "ma md phd mph rn mba msc bsc".split()
_CONNECTORS = "by and with par por avec et und y".split()  # "By", "Par" (fr), "avec" (fr)
_DATE_WORDS = "am pm at on updated published posted last follow".split()
_NOT_NAME = frozenset(_MONTHS + _WEEKDAYS + _ROLES + _CREDENTIALS + _CONNECTORS + _DATE_WORDS)
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")


def byline_names(text: str) -> frozenset[str]:
    """The words of the names a byline gives, as a set.

    Removed: URLs and e-mail addresses, every digit (so a date glued to a name,
    "Nolan22 Dec 2016", goes too), month and weekday names, "By"/"Par"/"and", roles
    ("Staff Writer", "Reporter", "Editor", "Edited by"), academic credentials ("MA"),
    "Updated"/"Published", "Follow". Names are compared as their words, so separators
    (", and &"), order and "Last, First" do not matter. Empty: the byline names nobody.
    """
    text = _URL.sub(" ", fold(text))
    text = re.sub(r"\d+", " ", text)
    return frozenset(t for t in tokens(text) if t not in _NOT_NAME)


def byline_is_scored(expected: str | None, site: str | None) -> bool:
    """Whether an expected byline names someone: not empty once dates, roles and "By" are
    gone (a byline that is only a date), and not the site's own name ("BBC News")."""
    if not expected or not byline_names(expected):
        return False
    return not (site and byline_names(expected) == byline_names(site))


def byline_matches(expected: str, ours: list[str] | tuple[str, ...]) -> bool:
    """The same set of name words on both sides (ours: the article's author list)."""
    return byline_names(expected) == byline_names(", ".join(ours))


# --- date -------------------------------------------------------------------------

_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?)?"
)


def parse_when(value: str) -> tuple[date, datetime | None] | None:
    """The written day and, when a time is given, the moment (UTC; UTC when no zone)."""
    m = _DATE_TIME.match(value.strip())
    if not m:
        return None
    y, mo, d, hh, mm, ss, zone = m.groups()
    try:
        day = date(int(y), int(mo), int(d))
        if hh is None:
            return day, None
        tz = UTC
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        moment = datetime(day.year, day.month, day.day, int(hh), int(mm), int(ss or 0), tzinfo=tz)
    except ValueError:
        return None
    return day, moment.astimezone(UTC)


def dates_match(expected: str, ours: str | None) -> bool:
    """Same day, or within 14 hours.

    Same day: the day either side writes equals the other's written or UTC day (a date
    without a time is a day in some zone). Within 14 hours: when both give a time
    (compared in UTC; a time without a zone is taken as UTC).
    """
    want, got = parse_when(expected), parse_when(ours or "")
    if want is None or got is None:
        return False
    (want_day, want_at), (got_day, got_at) = want, got
    if want_at is not None and got_at is not None:
        return abs(want_at - got_at) <= timedelta(hours=14)
    want_days = {want_day} | ({want_at.date()} if want_at else set())
    got_days = {got_day} | ({got_at.date()} if got_at else set())
    return bool(want_days & got_days)


_MONTH_NAMES = {
    # English, French, Spanish, Portuguese, German, Italian, Czech (genitive): the pages' languages.
    1: "january jan janvier enero janeiro januar gennaio ledna",
    2: "february feb février febrero fevereiro februar febbraio února",
    3: "march mar mars marzo março märz marzo března",
    4: "april apr avril abril april aprile dubna",
    5: "may mai mayo maio mai maggio května",
    6: "june jun juin junio junho juni giugno června",
    7: "july jul juillet julio julho juli luglio července",
    8: "august aug août agosto agosto august agosto srpna",
    9: "september sep sept septembre septiembre setembro september settembre září",
    10: "october oct octobre octubre outubro oktober ottobre října",
    11: "november nov novembre noviembre novembro november novembre listopadu",
    12: "december dec décembre diciembre dezembro dezember dicembre prosince",
}


def date_written_forms(day: date) -> re.Pattern[str]:
    """The day as pages write it, for `date_visible`.

    2019-04-28, 2019/04/28, 2019.4.28; 4/28/2019, 28/04/2019, 28.04.2019, 28-04-2019;
    "April 28, 2019", "Apr. 28th 2019", "28 April 2019", "28. dubna 2019", "28 de abril
    de 2019"; 2019年4月28日. Day and month with or without a leading zero, month names in
    English, French, Spanish, Portuguese, German, Italian and Czech, full or abbreviated
    (any three-letter start).
    """
    y, m, d = day.year, day.month, day.day
    dd, mm = rf"0?{d}", rf"0?{m}"
    names = {n for n in _MONTH_NAMES[m].split()} | {n[:3] for n in _MONTH_NAMES[m].split()}
    month = "(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\.?"
    ordinal = r"(?:st|nd|rd|th|er|º|\.)?"
    forms = [
        rf"(?<!\d){y}[-/.]{mm}[-/.]{dd}(?!\d)",
        rf"(?<!\d){mm}/{dd}/{y}(?!\d)",
        rf"(?<!\d){dd}[./-]{mm}[./-]{y}(?!\d)",
        rf"\b{month}\s*{dd}{ordinal},?\s*{y}(?!\d)",
        rf"(?<!\d){dd}{ordinal}\s*(?:de\s+|of\s+)?{month},?\s*(?:de\s+)?{y}(?!\d)",
        rf"{y}\s*年\s*{mm}\s*月\s*{dd}\s*日",
    ]
    return re.compile("|".join(forms), re.I)


def date_visible(expected: str, text: str) -> bool:
    """Whether the expected date's day is written in the text (its local or UTC day).

    A plain-text copy can only give a date it shows; where it shows none, the text form
    is not scored on the date.
    """
    when = parse_when(expected)
    if when is None:
        return False
    days = {when[0]} | ({when[1].date()} if when[1] else set())
    return any(date_written_forms(day).search(text) for day in days)


# --- body -------------------------------------------------------------------------


def first_words_match(
    expected_body: str, ours_body: str, count: int = 10, window: int = 60
) -> bool:
    """Our first `count` body words stand, in a row, within the expected first `window`.

    Words are `tokens` (folded, CJK by character). A body shorter than `count` words is
    taken whole; an empty one fails.
    """
    ours = tokens(ours_body)[:count]
    want = tokens(expected_body)[:window]
    if not ours:
        return False
    n = len(ours)
    return any(want[i : i + n] == ours for i in range(len(want) - n + 1))


def token_f1(expected_body: str, ours_body: str) -> float:
    """Bag-of-words F1 of the two bodies' `tokens` (1.0 when both are empty)."""
    want, got = Counter(tokens(expected_body)), Counter(tokens(ours_body))
    if not want and not got:
        return 1.0
    hit = sum((want & got).values())
    if not hit:
        return 0.0
    precision, recall = hit / sum(got.values()), hit / sum(want.values())
    return 2 * precision * recall / (precision + recall)


# --- expected.html ------------------------------------------------------------------

_BLOCK = frozenset(
    "p div section article main header footer aside figure figcaption address blockquote "
    "pre ul ol li dl dt dd table tr td th h1 h2 h3 h4 h5 h6 br hr".split()
)


def html_text(html: str) -> str:
    """The text of an HTML fragment as a reader sees it: blocks on their own lines,
    inline markup joined without spaces, scripts and styles left out."""
    import lxml.html

    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "noscript", "template") or not tag:
            parts.append(el.tail or "")  # a comment's or a script's text is not shown
            return
        block = tag in _BLOCK
        if block:
            parts.append("\n")
        parts.append(el.text or "")
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        parts.append(el.tail or "")

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def is_synthetic(source_bytes: int, expected_body: str) -> bool:
    """A readability-test-pages entry that is a small made-up test, not a real article.

    The rule: the saved page is under 5,000 bytes (a real saved article is tens of KB),
    or its expected body is Lorem ipsum filler. Names are not used ("001" is a real blog
    post; "data-url-image" is filler around a 60 KB image).
    """
    return source_bytes < 5_000 or "lorem ipsum" in expected_body.casefold()


def page_headline(html: str) -> str:
    """The headline a saved page states twice over, or "" when it does not.

    AEB's ground truth is the body alone. A page's headline is taken to be an `h1` the
    page's own title agrees with (`og:title`, `twitter:title` or `<title>`: equal by
    `headline_matches`, or, for an `h1` of three words or more, contained in it, as in
    "Headline | Site"), the longest if several; an `h1` no title confirms (a logo, a
    section name) gives none.
    """
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    titles = root.xpath(
        "//meta[@property='og:title' or @name='og:title' or @name='twitter:title'"
        " or @property='twitter:title']/@content"
    )
    titles += [t.text_content() for t in root.xpath("//title")]
    titles = [t.strip() for t in titles if t and t.strip()]

    def confirms(title: str, text: str) -> bool:
        if not (
            headline_matches(title, text) or (len(text.split()) >= 3 and fold(text) in fold(title))
        ):
            return False
        # "Headline | Site" holds the site's name too: an h1 that is the part of it
        # another title does not give (og:title "Headline") is the site's name.
        return not any(
            headline_matches(title, other) and not headline_matches(other, text)
            for other in titles
            if fold(other) != fold(title)
        )

    confirmed = [
        text
        for h1 in root.xpath("//h1")
        if (text := " ".join(h1.text_content().split())) and any(confirms(t, text) for t in titles)
    ]
    # The longest: a logo's h1 with the site's name matches "Headline | Site" too.
    return max(confirmed, key=len, default="")


def _ld_items(root: Any) -> Iterator[list[Any]]:
    """The items of each JSON-LD script of the page, its @graph's among them."""
    import json

    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        items += [g for d in list(items) if isinstance(d, dict) for g in d.get("@graph", [])]
        yield items


def page_byline(html: str, url: str = "") -> str:
    """The people a saved page names as its authors in its metadata, or "" (AEB has no
    byline truth).

    `<meta name="author">` or the `author` of an Article in its JSON-LD (a reference by
    `@id` looked up in its @graph). Only what reads
    as a person's name is kept: two words or more, no URL, no digits, no role or agency
    word ("AP Auto Writer", "Associated Press", "Staff Reports"), no word of the page's
    host name ("Reuters" on reuters.com, "Name, Futurism" on futurism.com: an
    outlet in the author field would score the outlet, not the byline). Scored only
    where the text copy shows the name (`byline_visible`), as dates are.
    """

    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    found: list[str] = []
    for items in _ld_items(root):
        by_id = {
            i["@id"]: i for i in items if isinstance(i, dict) and isinstance(i.get("@id"), str)
        }
        for item in items:
            if not isinstance(item, dict) or "author" not in item:
                continue
            authors = item["author"] if isinstance(item["author"], list) else [item["author"]]
            for a in authors:
                if isinstance(a, dict) and "name" not in a and isinstance(a.get("@id"), str):
                    a = by_id.get(a["@id"], a)  # a @graph names its author by reference
                name = a.get("name") if isinstance(a, dict) else a
                if isinstance(name, str) and name.strip():
                    found.append(name.strip())
            if found:
                break
        if found:
            break
    if not found:
        found = [m.strip() for m in root.xpath("//meta[@name='author']/@content") if m.strip()]
    host = re.sub(r"^https?://(?:www\.)?", "", url).split("/")[0].casefold()
    names = [
        n
        for part in found
        if not _URL.search(part)
        for n in re.split(r"\s*(?:,|;|\band\b|&)\s*", BY_PREFIX.sub("", part))
        if len(words := re.findall(r"[^\W\d_]+", n)) >= 2
        and not any(ch.isdigit() for ch in n)
        and not any(len(w) >= 3 and w.casefold() in host for w in words)
        and not any(w.casefold() in _NOT_PERSON for w in words)
    ]
    return ", ".join(dict.fromkeys(names))


BY_PREFIX = re.compile(r"^(?:[^,]{0,20}\s)?by\s+", re.I)  # "By ", "Analysis by "
_NOT_PERSON = _NOT_NAME | frozenset("ap press associated reports news staff team desk".split())


def byline_visible(expected: str, text: str) -> bool:
    """Whether every name word of the expected byline is written in the text copy."""
    words = set(tokens(text))
    names = byline_names(expected)
    return bool(names) and names <= words


_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/\-_.]|$)"
)
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
)


def _ld_published(root: Any) -> list[str]:
    """Every `datePublished` of the page's JSON-LD items (an Article's, in a @graph too)."""

    found: list[str] = []
    for items in _ld_items(root):
        found += [
            value
            for item in items
            if isinstance(item, dict) and isinstance(value := item.get("datePublished"), str)
        ]
    return found


def page_date(html: str, url: str = "") -> str:
    """The publication date a saved page states twice over, or "" (AEB has no date truth).

    Sources, each read on its own: the JSON-LD `datePublished`, a publication-time
    `<meta>` (`article:published_time`, `date`, `pubdate`, ...), the first `<time
    datetime>` and a date in the address (/2019/04/28/, /20190428). The first of them in
    that order is the page's date, kept only where another source agrees with it (the
    same day, as `dates_match`), or its day is written in the page's own visible text; a
    page whose sources disagree, or that states its date once, gives none.
    """
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    lower = {name.casefold() for name in _PUBLISHED_META}
    metas = [
        (m.get("content") or "").strip()
        for m in root.xpath("//meta[@content]")
        if (m.get("property") or m.get("name") or m.get("itemprop") or "").casefold() in lower
    ]
    times = [(t.get("datetime") or "").strip() for t in root.xpath("//time[@datetime]")[:1]]
    m = _URL_DATE.search(url)
    from_url = [f"{m[1]}-{m[2]}-{m[3]}"] if m else []
    sources = [
        [v for v in values if (when := parse_when(v)) and when[0].year >= 1990]
        for values in (_ld_published(root), metas, times, from_url)
    ]  # "0001-01-01", a CMS's placeholder, is no date
    sources = [values[:1] for values in sources if values]
    if not sources:
        return ""
    [first], rest = sources[0], sources[1:]
    if any(dates_match(first, other) for [other] in rest):
        return first
    return first if date_visible(first, _root_text(root)) else ""


def _root_text(root: Any) -> str:
    for hidden in root.xpath("//script|//style|//noscript|//template|//head"):
        hidden.drop_tree()
    return " ".join(root.text_content().split())


def visible_text(html: str) -> str:
    """The text a saved page shows (its body without scripts and styles), on one line."""
    import lxml.html

    try:
        return _root_text(lxml.html.fromstring(html))
    except (ValueError, lxml.etree.ParserError):
        return ""
