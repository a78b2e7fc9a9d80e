"""A saved page's headline: the strongest declared title without the site's name.

Pages state their headline several times and each copy has its own defects: the
JSON-LD headline may be cut short or hold a description, <title> and og:title carry
"| Site Name" or "Site: ", the <h1> may be the logo. These rules compare the copies
with each other and with the site's own name (og:site_name, publisher, the address's
domain) and keep the one that is the headline alone, in the page's own words.
`fold` and `similarity` are the comparisons used for that, and by `metadata` to tell
the page's own JSON-LD article from related ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from newsreader.extraction.declared import ld_string
from newsreader.sanitize import clean_inline
from newsreader.urls import split_url


def ld_headline(ld: dict[str, Any], others: Iterable[str | None]) -> str | None:
    """The JSON-LD headline, or its name when that is what the page's other titles say.

    Some pages put a description in `headline` ("constitutional monarchy in Oceania")
    and the title in `name`; of the two, the one the <title>, og:title or <h1> agree with.
    """
    headline, name = ld_string(ld.get("headline")), ld_string(ld.get("name"))
    if not (headline and name) or fold(headline) == fold(name):
        return headline or name
    texts = [t for t in others if t]
    if not texts:
        return headline
    score_h = max(similarity(headline, t) for t in texts)
    score_n = max(similarity(name, t) for t in texts)
    return name if score_n > score_h else headline


def untruncated(headline: str | None, others: Iterable[str | None]) -> str | None:
    """The full headline when a declared one was cut short (some sites cut JSON-LD
    headlines at 110 characters): the page's h1 or og:title that starts with it."""
    if not headline:
        return headline
    folded = fold(headline.rstrip(" .…"))
    for other in others:
        if other and len(other) > len(headline) and fold(other).startswith(folded):
            return other
    return headline


def similarity(a: str, b: str) -> float:
    """The share of `a`'s words that `b` has too (0 to 1)."""
    words_a = _words(a)
    if not words_a:
        return 0.0
    words_b = set(_words(b))
    return sum(w in words_b for w in words_a) / len(words_a)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


_SEPARATORS = re.compile(r"\s+[|\-–—·•:/»«]{1,2}\s+|:\s+|\s*::\s*|_(?=\S)|\s+\[(?=[^\[\]]*\]\s*$)")
_PUBLISHED_NOTE = re.compile(r"\s*\((?:published|updated)\s+\d{4}\)\s*$", re.I)


def fold(text: str) -> str:
    """For comparing: NFKC, case folded, only letters and digits."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def site_keys(names: Iterable[str | None], url: str | None) -> set[str]:
    """Folded forms of the site's name: given names, and the address's domain labels."""
    keys = {fold(n) for n in names if n}
    if url:
        parts = split_url(url)
        host = ((parts.hostname if parts else None) or "").removeprefix("www.")
        labels = host.split(".")
        if len(labels) >= 2:
            keys.add(fold(labels[-2]))
            keys.add(fold("".join(labels[:-1])))
            keys.add(fold(host))
    return {k for k in keys if len(k) >= 2}


def _is_site(part: str, keys: set[str], *, exact: bool = False) -> bool:
    """Whether a title part names the site; `exact` asks for the whole name ("Washington:
    ..." on washingtonpost.com is a dateline, not the site)."""
    folded = fold(part)
    if not folded:
        return True
    if exact:
        return folded in keys
    return any(folded == k or (len(k) >= 4 and (k in folded or folded in k)) for k in keys)


def is_outlet(name: str, keys: set[str]) -> bool:
    """Whether an author name is the site's ("CNN Business" on cnn.com).

    A short site name must be the name's first words: "Michael Smith" on mic.com and
    "Skyler Doe" on sky.com are people.
    """
    folded = fold(name)
    words = [fold(w) for w in name.split()]
    leading = {"".join(words[:i]) for i in range(1, len(words) + 1)}
    return any(
        folded == k
        or (len(k) >= 3 and k in leading)
        or (len(k) >= 5 and folded.startswith(k))
        or (len(folded) >= 6 and folded in k)
        for k in keys
    )


_MAX_TITLE = 1000
"""Characters of a declared title looked at: no headline is longer."""


def strip_site_name(title: str, keys: set[str]) -> str:
    """The title without site-name parts at either end ("Headline | Site", "Site: Headline").

    A part goes only when it names the site (og:site_name, the publisher, the domain);
    a headline is never emptied.
    """
    title = _PUBLISHED_NOTE.sub("", title[:_MAX_TITLE])
    parts: list[str] = []
    seps: list[str] = []
    pos = 0
    for m in _SEPARATORS.finditer(title):
        parts.append(title[pos : m.start()])
        seps.append(m.group(0))
        pos = m.end()
    parts.append(title[pos:])
    if len(parts) == 1:
        return title.strip()
    start, end = 0, len(parts)
    if len(parts) > 12:
        return title.strip()  # not a headline with a site name: a pattern or garbage
    if seps[-1].strip() == "[" and parts[-1].rstrip().endswith("]"):
        end -= 1  # "Headline [LWN.net]": a bracket at the end names the site
    while end - start > 1 and _is_site(parts[end - 1].strip(" []"), keys):
        end -= 1
    while end - start > 1 and _is_site(parts[start].strip(" []"), keys, exact=True):
        start += 1
    kept = parts[start]
    for i in range(start + 1, end):
        kept += seps[i - 1] + parts[i]
    return kept.strip()


def _title_parts(title: str) -> list[str]:
    return [p.strip() for p in _SEPARATORS.split(title) if p.strip()]


def choose_title(
    candidates: list[str],
    headings: list[str],
    site_keys: set[str],
    page_title: str | None = None,
    social_title: str | None = None,
) -> str | None:
    """The headline: the strongest declared title without the site's name, in the page's
    own words when an <h1> says the same thing ("Headline - Site" and <h1>Headline).

    A page may declare for search engines another headline than the one it shows
    (JSON-LD "Swift's AMA row seems to be over", <h1> and <title> "Swift is allowed to
    play her music at the AMAs"): the <h1> that the page's <title> or its og:title
    repeats is what the reader sees, and wins over a declared title that words it
    otherwise, even by a word (on the AEB pages, whose headline is the one shown: 151
    -> 158 of 159; Readability's expected titles, og:title first, lose 3 of 127).
    """
    chosen = _choose_declared(candidates, headings, site_keys)
    if not chosen or any(fold(h) == fold(chosen) for h in headings):
        return chosen
    shown: set[str] = set()
    for confirming in (page_title, social_title):
        if confirming:
            stripped = strip_site_name(confirming[:_MAX_TITLE], site_keys)
            parts = _title_parts(stripped)
            shown |= {fold(stripped), fold(parts[0]) if parts else ""} - {""}
    for heading in headings:
        if fold(heading) in shown and not _is_site(heading, site_keys):
            return heading
    return chosen


def _choose_declared(candidates: list[str], headings: list[str], site_keys: set[str]) -> str | None:
    for raw in candidates:
        if not raw or _is_site(raw, site_keys) and fold(raw) in site_keys:
            continue
        raw = raw[:_MAX_TITLE]
        title = strip_site_name(raw, site_keys)
        folded = fold(title)
        if not folded:
            continue
        parts = _title_parts(title)
        for heading in headings:
            h = fold(heading)
            if not h:
                continue
            if h == folded:
                return heading
            # "Headline - Author - Site" with an <h1> Headline: the h1 is the core.
            if (
                len(parts) > 1
                and h in (fold(parts[0]), fold(parts[-1]))
                and len(h) >= 0.4 * len(folded)
            ):
                return heading
        return title
    return next((h for h in headings if fold(h)), None)


def page_headings(tree: Any) -> list[str]:
    """The texts of the page's first <h1> elements (a page may have a few: logo, headline)."""
    out = []
    for el in tree.iter("h1"):
        text = clean_inline(el.text_content())
        if text and len(text) <= 300:
            out.append(text)
        if len(out) >= 6:
            break
    return out


SITE_SEPARATOR = re.compile(r"\s(?:\||-|–|—|·|::)\s")


NOT_SHOWN = frozenset(("script", "style", "noscript", "template", "title", "head", "meta"))
"""Elements whose text the reader does not see on the page."""


def element_saying(tree: Any, texts: Iterable[str], longest: int, limit: int = 20_000) -> Any:
    """The first element shown on the page whose own text is one of `texts` (compared
    folded), or None; text longer than `longest` is not looked at."""
    wanted = {fold(t) for t in texts} - {""}
    if not wanted:
        return None
    for n, el in enumerate(tree.iter()):
        if n >= limit:
            break
        if not isinstance(el.tag, str) or el.tag in NOT_SHOWN:
            continue
        text = el.text
        if text and len(text) <= longest and fold(text) in wanted:
            return el
    return None


def shown_part(tree: Any, title: str) -> str | None:
    """The headline of a "Headline - Site" title (one separator, a short name after it)
    when the page itself shows it as an element's whole text, no <h1> says it and the
    site's name is not known (a headline in a <dt> or a <p class=title>, the <h1> a
    logo): the page's own words.
    """
    parts = [p.strip() for p in SITE_SEPARATOR.split(title[:_MAX_TITLE])]
    if len(parts) != 2 or len(parts[0].split()) < 3 or not 1 <= len(parts[1].split()) <= 4:
        return None
    found = element_saying(tree, [parts[0]], len(title) + 40)
    return parts[0] if found is not None else None
