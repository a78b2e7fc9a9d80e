"""A saved page's headline, authors, dates and origin, from its markup rather than its text.

Pages say these things several ways, of different strength; each field takes the
strongest source present:

- JSON-LD (schema.org Article, NewsArticle, BlogPosting..., nested @graph too): what the
  publisher declares for search engines, usually exact;
- <meta> tags: Open Graph, Dublin Core, article:*, parsely-*, author, description;
- the page itself: its <h1> against <title>, byline elements (rel=author, itemprop=author,
  byline/author classes), <time datetime>;
- the page's address: /2019/03/05/ in a URL is a date, weak evidence used last.

Nothing here fetches or guesses from outside the page. Every string is cleaned
(`sanitize.clean_inline`) before it leaves this module.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from newsreader.extraction.dates import find_date, parse_date
from newsreader.sanitize import clean_inline, safe_url

_ARTICLE_TYPES = frozenset(
    "article newsarticle blogposting reportagenewsarticle analysisnewsarticle "
    "opinionnewsarticle reviewnewsarticle backgroundnewsarticle askpublicnewsarticle "
    "advertisercontentarticle satiricalarticle techarticle scholarlyarticle "
    "medicalscholarlyarticle socialmediaposting liveblogposting discussionforumposting "
    "report apireference".split()
)
_MAX_JSON_LD = 2_000_000
"""Larger JSON-LD scripts are not read: no article's metadata is that big."""


@dataclass
class PageMetadata:
    """What the markup says about the article; None or empty where it says nothing."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    site: str | None = None
    summary: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    url: str | None = None
    headings: list[str] = field(default_factory=list)
    """The page's <h1> texts, for telling the headline from blocks that repeat it."""


# --- <meta> and JSON-LD --------------------------------------------------------------


def meta_values(tree: Any) -> dict[str, list[str]]:
    """<meta> contents by lower-cased name, property or itemprop, in page order.

    A property may hold several names separated by spaces (`property="dc:title og:title"`).
    """
    found: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        value = el.get("content")
        if value is None or not value.strip():
            continue
        keys = " ".join(filter(None, (el.get("property"), el.get("name"), el.get("itemprop"))))
        for key in keys.lower().split():
            found.setdefault(key, []).append(value.strip())
    return found


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        for value in meta.get(key, ()):
            if text := _clean(value):
                return text
    return None


_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I)


def _clean(text: str) -> str:
    """One line of clean text; HTML entities still in it decoded (JSON-LD is not HTML-
    decoded by the parser, and some pages escape their <meta> content twice)."""
    if _ENTITY.search(text):
        text = html.unescape(text)
    return clean_inline(text)


_CDATA = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>|;)\s*$")


def json_ld_objects(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object with a @type, in page order (lists and @graph flattened)."""
    out: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind != "application/ld+json":
            continue
        text = script.text or ""
        if not text.strip() or len(text) > _MAX_JSON_LD:
            continue
        text = _CDATA.sub("", text.strip())
        text = _CDATA.sub("", text)
        try:
            data = json.loads(text, strict=False)
        except (ValueError, RecursionError):
            continue
        out.extend(_typed(data, 0))
    return out


def _typed(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _typed(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        if "@graph" in data:
            yield from _typed(data["@graph"], depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower().rpartition(":")[2] for k in kinds if isinstance(k, str)}


def _string(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return text if isinstance(value, str) and (text := _clean(value)) else None


def _ld_people(value: Any, depth: int = 0) -> list[str]:
    """Names of a JSON-LD author value: a string, a Person or Organization, or a list."""
    if depth > 3:
        return []
    if isinstance(value, list):
        return [name for item in value for name in _ld_people(item, depth + 1)]
    if isinstance(value, str):
        return [] if _looks_like_url(value) else split_authors(_clean(value))
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            return _ld_people(name, depth + 1)
        if isinstance(name, str) and "organization" in _types(value):
            # An organisation's name is not a byline to take apart ("Contributors to...").
            return [text] if (text := _clean(name)) else []
        if not isinstance(name, str):
            parts = [value.get("givenName"), value.get("familyName")]
            name = " ".join(p for p in parts if isinstance(p, str))
        return [] if not name or _looks_like_url(name) else split_authors(_clean(name))
    return []


def _looks_like_url(text: str) -> bool:
    return bool(re.match(r"\s*(?:https?:)?//|\s*www\.", text, re.I))


def _article_object(objects: list[dict[str, Any]], hints: Iterable[str]) -> dict[str, Any] | None:
    """The page's own article among its JSON-LD objects.

    Pages also describe related stories, videos and breadcrumbs; of several articles the
    one whose headline or address matches the page's title or URL wins, else the first.
    """
    articles = [o for o in objects if _types(o) & _ARTICLE_TYPES]
    if len(articles) <= 1:
        return articles[0] if articles else None
    wanted = {_fold(h) for h in hints if h}
    for obj in articles:
        keys = (_string(obj.get("headline")), _string(obj.get("url")), _string(obj.get("@id")))
        if any(k and _fold(k) in wanted for k in keys):
            return obj
    return articles[0]


def _ld_headline(ld: dict[str, Any], others: Iterable[str | None]) -> str | None:
    """The JSON-LD headline, or its name when that is what the page's other titles say.

    Some pages put a description in `headline` ("constitutional monarchy in Oceania")
    and the title in `name`; of the two, the one the <title>, og:title or <h1> agree with.
    """
    headline, name = _string(ld.get("headline")), _string(ld.get("name"))
    if not (headline and name) or _fold(headline) == _fold(name):
        return headline or name
    texts = [t for t in others if t]
    if not texts:
        return headline
    score_h = max(similarity(headline, t) for t in texts)
    score_n = max(similarity(name, t) for t in texts)
    return name if score_n > score_h else headline


def _untruncated(headline: str | None, others: Iterable[str | None]) -> str | None:
    """The full headline when a declared one was cut short (some sites cut JSON-LD
    headlines at 110 characters): the page's h1 or og:title that starts with it."""
    if not headline:
        return headline
    folded = _fold(headline.rstrip(" .…"))
    for other in others:
        if other and len(other) > len(headline) and _fold(other).startswith(folded):
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


# --- headline ------------------------------------------------------------------------

_SEPARATORS = re.compile(r"\s+[|\-–—·•:/»«]{1,2}\s+|:\s+|\s*::\s*|_(?=\S)|\s+\[(?=[^\[\]]*\]\s*$)")
_PUBLISHED_NOTE = re.compile(r"\s*\((?:published|updated)\s+\d{4}\)\s*$", re.I)


def _fold(text: str) -> str:
    """For comparing: NFKC, case folded, only letters and digits."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _site_keys(names: Iterable[str | None], url: str | None) -> set[str]:
    """Folded forms of the site's name: given names, and the address's domain labels."""
    keys = {_fold(n) for n in names if n}
    if url:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        labels = host.split(".")
        if len(labels) >= 2:
            keys.add(_fold(labels[-2]))
            keys.add(_fold("".join(labels[:-1])))
            keys.add(_fold(host))
    return {k for k in keys if len(k) >= 2}


def _is_site(part: str, keys: set[str], *, exact: bool = False) -> bool:
    """Whether a title part names the site; `exact` asks for the whole name ("Washington:
    ..." on washingtonpost.com is a dateline, not the site)."""
    folded = _fold(part)
    if not folded:
        return True
    if exact:
        return folded in keys
    return any(folded == k or (len(k) >= 4 and (k in folded or folded in k)) for k in keys)


def _is_outlet(name: str, keys: set[str]) -> bool:
    """Whether an author name is the site's ("CNN Business" on cnn.com)."""
    folded = _fold(name)
    return any(
        folded == k or (len(k) >= 3 and folded.startswith(k)) or (len(folded) >= 6 and folded in k)
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


def choose_title(candidates: list[str], headings: list[str], site_keys: set[str]) -> str | None:
    """The headline: the strongest declared title without the site's name, in the page's
    own words when an <h1> says the same thing ("Headline - Site" and <h1>Headline)."""
    for raw in candidates:
        if not raw or _is_site(raw, site_keys) and _fold(raw) in site_keys:
            continue
        raw = raw[:_MAX_TITLE]
        title = strip_site_name(raw, site_keys)
        folded = _fold(title)
        if not folded:
            continue
        parts = _title_parts(title)
        for heading in headings:
            h = _fold(heading)
            if not h:
                continue
            if h == folded:
                return heading
            # "Headline - Author - Site" with an <h1> Headline: the h1 is the core.
            if (
                len(parts) > 1
                and h in (_fold(parts[0]), _fold(parts[-1]))
                and len(h) >= 0.4 * len(folded)
            ):
                return heading
        return title
    return next((h for h in headings if _fold(h)), None)


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


# --- authors -------------------------------------------------------------------------

_BY = re.compile(
    r"^(?:(?:written|words|reporting|text|story|posted|published|photos?|video)\s+)?"
    r"(?:by|par|por|von|door|di|da|av|af|przez|от|作者|文|記者|记者|撰文)\s*[:：/|]?\s+|"
    r"^(?:作者|文|記者|记者|撰文|by)\s*[:：/|]\s*",
    re.I,
)
_LABEL = re.compile(r"^\w{2,12}\s*[:：]\s*")
# Each alternative starts at a word's start and cannot cross an "@" twice: linear.
_HANDLE = re.compile(r"(?<!\w)@\w+|\b(?:https?://|www\.)\S+|(?<!\S)[^\s@]+@[^\s@]+\.[^\s@]+")
# Lower-case only: "Sarah E. Needleman" is one name, "Ana e Rui" two.
_CONNECTOR = re.compile(r"\s*(?:,|;|、|&|\b(?:[Aa]nd|AND|et|und|y|e|avec|with)\b)\s*")
_MONTH_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d", re.I
)
_STOP = re.compile(
    r"\d|\s[|•·—–]\s|\s-\s|\b(?:updated|published|posted|last|follow|share|tweet|email)\b|"
    r"\b(?:is|was)\s+(?:a|an|the)\b",
    re.I,
)
_ROLE_WORDS = frozenset(
    "staff writer writers reporter reporters editor editors correspondent contributor "
    "contributors contributing columnist photographer producer journalist analyst "
    "technologist director president professor founder ceo chief senior deputy managing "
    "executive associate assistant intern fellow researcher critic host anchor "
    "editor-at-large redactor rédacteur redacteur journaliste periodista redaktor "
    "redakteur".split()
)
_CREDENTIALS = frozenset("ma md phd mph rn mba msc bsc ms jd dds".split())
_PARTICLES = frozenset(
    "de da do dos das di del della der den van von le la du des bin ibn al el ter ten "
    "y e st".split()
)
_NOT_A_NAME = frozenset(
    "username user admin administrator anonymous guest author authors staff by unknown "
    "editor editors name".split()
)


def _is_role(part: str) -> bool:
    words = [w.strip(".").lower() for w in part.split()]
    return any(w in _ROLE_WORDS for w in words) or (
        bool(words) and all(w in _CREDENTIALS for w in words)
    )


def _has_cjk(text: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in text)


def _name_words(text: str) -> str:
    """Leading words of a name: capitalised words and name particles, until the first
    lower-case word that is neither (a verb, "ago", a role in the page's language)."""
    words = text.split()
    kept: list[str] = []
    for word in words:
        letters = word.strip(".'’-()")
        if not letters:
            continue
        if letters[0].isupper() or not letters[0].isalpha() or _has_cjk(letters):
            kept.append(word)
        elif letters.lower() in _PARTICLES and kept:
            kept.append(word)
        else:
            break
    while kept and kept[-1].strip(".").lower() in _PARTICLES:
        kept.pop()
    return " ".join(kept)


def split_authors(text: str, *, strict: bool = False) -> list[str]:
    """Author names in a byline: "By A, Senior Editor, and B | May 5" -> ["A", "B"].

    Dropped: "By" (in several languages), handles, URLs, e-mail addresses, dates and what
    follows them, roles ("Staff Writer", "is a reporter"), credentials ("MA"). "Last,
    First" stays one name. `strict` (text from the page rather than a metadata field)
    also stops at the first lower-case word, which ends a name in most scripts.
    """
    text = _HANDLE.sub(" ", clean_inline(text)[:300])
    # "Name (avec A et B)": a parenthesis that adds names is a list, others stay.
    text = re.sub(r"\(\s*((?:avec|with|and|et|con|mit|y)\b[^()]*)\)", r", \1", text, flags=re.I)
    text = re.sub(r"\(\s*\)", " ", text)
    text = _BY.sub("", text.strip(" -–—|:"))
    text = _LABEL.sub("", text)  # "Text: A", "Autor: A", "Текст: A"
    if strict:
        cuts = [m.start() for p in (_MONTH_DATE, _STOP) if (m := p.search(text))]
        text = text[: min(cuts, default=len(text))]
    names: list[str] = []
    halves = [p for p in re.split(r"\s*,\s*", text.strip(" .")) if p]
    if (
        len(halves) == 2
        and (len(halves[0].split()) == 1 or _INITIALS.fullmatch(halves[1]))
        and all(len(h.split()) <= 3 and not _is_role(h) and "." not in h[:-1] for h in halves[:1])
        and len(halves[1].split()) <= 3
        and not _is_role(halves[1])
        and not re.search(r"\band\b|&|;", text, re.I)
    ):
        parts = [text.strip(" .")]  # "Jong, Michiel de", "Kooman, F.": surname first
    else:
        parts = [_BY.sub("", p.strip(" .-–—|:·•")) for p in _CONNECTOR.split(text)]
    for part in parts:
        if not part:
            continue
        if _is_role(part):
            if names:
                break  # "A, Senior Staff Technologist, ACLU Speech...": the rest is about A
            continue
        name = _name_words(part) if strict else part
        name = name.strip(" ,.-–—|:·•")
        if _valid_name(name) and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


_INITIALS = re.compile(r"(?:[A-Z]\.\s?){1,3}|[A-Z]")
_DOMAIN = re.compile(r"\w\.(?:com|net|org|co|uk|de|fr|es|it|in|au|ca|news|info)\b", re.I)


def _valid_name(name: str) -> bool:
    if not name or len(name) > 80 or name.casefold().strip(":") in _NOT_A_NAME:
        return False
    if _DOMAIN.search(name):
        return False  # "Cleveland.com": the outlet, not a person
    if _has_cjk(name):
        return len(name) <= 30
    words = name.split()
    return 1 <= len(words) <= 7 and any(ch.isalpha() for ch in name)


_BYLINE_CLASS = re.compile(r"byline|author(?!i[tz])|writtenby", re.I)
_BYLINE_CHARS = 200
"""A byline element holding more text than this is a container (an article, a bio)."""
_NOT_BYLINE = re.compile(
    r"comment|avatar|photo|image|img|bio|about|follow|more|related|date|time|title|"
    r"social|share|tweet|recommend|popular|footer|login|sign|menu|nav",
    re.I,
)


def page_bylines(tree: Any, limit: int = 400) -> tuple[list[str], list[str]]:
    """Author and editor names from the page's byline elements: the first that names anyone.

    Looked at: itemprop=author, rel=author, and elements whose class or id says byline or
    author, outside comment sections. Names inside a byline (itemprop=name, author links)
    are taken one by one: the text around them holds roles, dates and share buttons.
    "Written by A Edited by B" gives A as author and B as editor.
    """
    for el in _byline_elements(tree, limit):
        text = clean_inline(el.text_content())
        if m := _EDITED_BY.search(text):
            authors = split_authors(text[: m.start()], strict=True)
            if authors:
                return authors, split_authors(text[m.end() :], strict=True)
        names = _names_in(el)
        if names:
            return names, []
    return [], []


_EDITED_BY = re.compile(r"\b(?:edited|editing)\s+by\b\s*:?", re.I)


def _byline_elements(tree: Any, limit: int) -> Iterator[Any]:
    seen = 0
    for el in tree.iter():
        tag = el.tag
        if not isinstance(tag, str) or tag in ("meta", "link", "script", "style", "input"):
            continue
        itemprop = (el.get("itemprop") or "").lower().split()
        rel = (el.get("rel") or "").lower().split()
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        declared = "author" in itemprop or "author" in rel
        if declared or (_BYLINE_CLASS.search(marks) and not _NOT_BYLINE.search(marks)):
            # Declared authors count in an <aside> or <footer> too; a class alone does not.
            if _in_comments(el, asides=not declared) or len(el.text_content()) > _BYLINE_CHARS:
                continue
            seen += 1
            if seen > limit:
                return
            yield el


def _in_comments(el: Any, *, asides: bool) -> bool:
    """Whether `el` sits in a comment section (or, with `asides`, an aside, footer or nav)."""
    for parent in el.iterancestors():
        marks = f"{parent.get('class') or ''} {parent.get('id') or ''}".lower()
        if "comment" in marks or (asides and parent.tag in ("aside", "footer", "nav")):
            return True
    return False


def _names_in(el: Any) -> list[str]:
    inner = [
        child
        for child in el.iterdescendants()
        if isinstance(child.tag, str)
        and (
            "name" in (child.get("itemprop") or "").lower().split()
            or "author" in (child.get("rel") or "").lower().split()
            or re.search(r"author.?name|byline.?name|authorname", child.get("class") or "", re.I)
        )
    ]
    texts = [clean_inline(child.text_content()) for child in inner] or [
        clean_inline(el.text_content())
    ]
    names: list[str] = []
    for text in texts:
        if not text or len(text) > _BYLINE_CHARS:
            continue
        for name in split_authors(text, strict=True):
            if name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    return names


# --- dates ---------------------------------------------------------------------------

_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "publishdate",
    "publish-date",
    "pubdate",
    "article.published",
    "date",
)
_UPDATED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
)
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)"
)


def _date(text: str | None) -> str | None:
    """ISO 8601 for a date a page declares, None for placeholders ("0001-01-01")."""
    iso = parse_date(text)
    if iso is None:
        return None
    year = iso.split("-", 1)[0]
    return iso if year.isdigit() and 1900 <= int(year) <= 2200 else None


def _meta_date(meta: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        for value in meta.get(key, ()):
            if iso := _date(value):
                return iso
    return None


def time_element_date(tree: Any, prop: str = "datepublished") -> str | None:
    """A machine-readable date the page shows: <time datetime> marked as the publication
    date (itemprop or pubdate), else the first <time datetime> in an <article> or header."""
    first: str | None = None
    for el in tree.iter("time"):
        value = el.get("datetime")
        if not value:
            continue
        itemprop = (el.get("itemprop") or "").lower()
        if itemprop == prop or (prop == "datepublished" and el.get("pubdate") is not None):
            if iso := _date(value):
                return iso
        if first is None and prop == "datepublished" and not itemprop:
            if any(a.tag in ("article", "header", "main") for a in el.iterancestors()):
                first = _date(value)
    return first


_DATE_CLASS = re.compile(r"date|time|publish|byline|posted", re.I)
_NOT_DATE_CLASS = re.compile(
    r"update|mod|comment|related|read-?time|runtime|footer|copyright|access|cit|ref|event", re.I
)


def shown_date(tree: Any, limit: int = 200) -> str | None:
    """A publication date written in the page's byline or date line ("By A | March 5,
    2024"), for pages that declare none in their markup: the first such element whose
    short text holds a whole date. Weaker than any declared date, stronger than a URL."""
    seen = 0
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "meta", "time"):
            continue
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not _DATE_CLASS.search(marks) or _NOT_DATE_CLASS.search(marks):
            continue
        seen += 1
        if seen > limit:
            break
        text = clean_inline(el.text_content())
        if not text or len(text) > 120 or _in_comments(el, asides=True):
            continue
        if (found := find_date(text)) and (iso := _date(found.iso)):
            return iso
    return None


def url_date(url: str | None) -> str | None:
    """The date in an address like /2019/03/05/slug (weak: a URL can name an old event)."""
    if not url:
        return None
    m = _URL_DATE.search(urlsplit(url).path)
    if not m:
        return None
    return parse_date(f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")


_URL_AUTHOR = re.compile(
    r"/(?:author|authors|by|writer|people|profile|staff)/([a-z][a-z-]{2,60})/?$"
)


def url_author(href: str | None) -> str | None:
    """A name from an author page's address (/author/jane-doe): weak, used last."""
    if not href:
        return None
    m = _URL_AUTHOR.search(urlsplit(href).path.lower())
    if not m or m.group(1).count("-") > 4 or "-" not in m.group(1):
        return None
    return " ".join(w.capitalize() for w in m.group(1).split("-"))


# --- the whole ------------------------------------------------------------------------


def read_metadata(tree: Any, url: str | None = None) -> PageMetadata:
    """Everything the markup declares about its article; `url` is where the page came
    from, when known (it beats the page's own canonical link)."""
    meta = meta_values(tree)
    out = PageMetadata()
    canonical = next(
        (
            el.get("href")
            for el in tree.iter("link")
            if "canonical" in (el.get("rel") or "").lower().split() and el.get("href")
        ),
        None,
    )
    base = url or canonical or _first(meta, "og:url")
    page_url = url or _absolute(canonical, base) or _absolute(_first(meta, "og:url"), base)
    out.url = safe_url(page_url, schemes=("http", "https"))

    objects = json_ld_objects(tree)
    og_title = _first(meta, "og:title")
    html_title = _clean(tree.findtext(".//title") or "")
    article = _article_object(objects, (og_title or "", html_title, out.url or ""))
    ld: dict[str, Any] = article or {}

    out.site = (
        _first(meta, "og:site_name")
        or _string(ld.get("publisher"))
        or _first(meta, "application-name")
    )
    out.headings = page_headings(tree)
    keys = _site_keys((out.site, _first(meta, "twitter:site", "twitter:site_name")), out.url)
    candidates = [
        _untruncated(
            _ld_headline(ld, (og_title, html_title, *out.headings)), (*out.headings, og_title)
        ),
        _first(meta, "dc:title", "dcterm:title", "dcterms.title", "dc.title"),
        og_title,
        _first(meta, "title", "twitter:title", "parsely-title", "sailthru.title"),
        html_title,
    ]
    out.title = choose_title([c for c in candidates if c], out.headings, keys)

    out.authors = _ld_people(ld.get("author"))
    if not out.authors:
        for key in (
            "dc:creator",
            "dcterm:creator",
            "dc.creator",
            "dcterms.creator",
            "author",
            "parsely-author",
            "article:author",
            "article:author_name",
            "sailthru.author",
            "byl",
        ):
            values = [v for v in meta.get(key, ()) if not _looks_like_url(v)]
            names = [n for v in values for n in split_authors(_clean(v))]
            if names:
                out.authors = list(dict.fromkeys(names))
                break
    if not out.authors:
        out.authors, out.editors = page_bylines(tree)
    people = [a for a in out.authors if not _is_outlet(a, keys)]
    if people:  # "Jill Disis, CNN Business": the outlet beside a person is not an author
        out.authors = people

    out.published = (
        _date(_string(ld.get("datePublished")))
        or _meta_date(meta, _PUBLISHED_META)
        or time_element_date(tree)
        or _date(_string(ld.get("dateCreated")))
        or shown_date(tree)
    )
    out.updated = (
        _date(_string(ld.get("dateModified")))
        or _meta_date(meta, _UPDATED_META)
        or time_element_date(tree, "datemodified")
    )

    out.summary = _first(meta, "og:description", "description", "twitter:description") or (
        _string(ld.get("description"))
    )
    out.section = _first(meta, "article:section", "parsely-section") or _string(
        ld.get("articleSection")
    )
    tags = meta.get("article:tag", [])
    if not tags and isinstance(ld.get("keywords"), (str, list)):
        keywords = ld["keywords"]
        tags = keywords.split(",") if isinstance(keywords, str) else keywords
    out.tags = list(
        dict.fromkeys(t for tag in tags if isinstance(tag, str) and (t := clean_inline(tag)))
    )[:30]
    lang = (
        tree.get("lang")
        or _first(meta, "og:locale", "content-language", "language")
        or (_string(ld.get("inLanguage")))
    )
    out.language = clean_inline(lang).replace("_", "-") or None if lang else None
    return out


def _absolute(href: str | None, base: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    if base:
        try:
            return urljoin(base, href)
        except ValueError:
            return None
    return href
