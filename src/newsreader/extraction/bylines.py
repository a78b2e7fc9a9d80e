"""A saved page's authors (and editors): from JSON-LD, <meta> tags and byline elements.

Every source gives a string that needs taking apart: "By A, Senior Editor, and B |
May 5", "Jong, Michiel de", "作者：张三", a Person object with givenName and familyName,
a profile URL where a name should be. `split_authors` is that one parser, shared by
every source so they agree on what a name is; the rest find the strings: declared ones
(`ld_people`, `meta_authors`) first, then the page's own byline elements
(`page_bylines`), outside comment sections, asides and footers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from newsreader.extraction.declared import clean, ld_types, looks_like_url
from newsreader.extraction.marked import elements_with
from newsreader.sanitize import clean_inline
from newsreader.urls import split_url

_META_AUTHOR_KEYS = (
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
)


def ld_people(value: Any, depth: int = 0) -> list[str]:
    """Names of a JSON-LD author value: a string, a Person or Organization, or a list."""
    if depth > 3:
        return []
    if isinstance(value, list):
        return [name for item in value for name in ld_people(item, depth + 1)]
    if isinstance(value, str):
        return [] if looks_like_url(value) else split_authors(clean(value))
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            return ld_people(name, depth + 1)
        if isinstance(name, str) and "organization" in ld_types(value):
            # An organisation's name is not a byline to take apart ("Contributors to...").
            return [text] if (text := clean(name)) else []
        if not isinstance(name, str):
            parts = [value.get("givenName"), value.get("familyName")]
            name = " ".join(p for p in parts if isinstance(p, str))
        return [] if not name or looks_like_url(name) else split_authors(clean(name))
    return []


def ld_organisations(value: Any) -> list[str]:
    """Names of the organisations in a JSON-LD author value (Organization,
    NewsMediaOrganization...): the publisher standing in for a byline."""
    items = value if isinstance(value, list) else [value]
    return [
        name
        for item in items[:50]
        if isinstance(item, dict)
        and any(t.endswith("organization") for t in ld_types(item))
        and isinstance(item.get("name"), str)
        and (name := clean(item["name"]))
    ]


_ORGANISATION_WORDS = frozenset(
    "press news agency agencies media wire wires newswire staff desk newsroom network "
    "bureau reports service services inc ltd llc corp group radio television magazine "
    "online digital".split()
)


def looks_like_organisation(name: str) -> bool:
    """Whether an author name is worded as an organisation ("Associated Press", "News
    Nation Bureau", "Science X staff"), not a person."""
    return any(w.strip(".,()").casefold() in _ORGANISATION_WORDS for w in name.split())


def meta_authors(meta: dict[str, list[str]]) -> list[str]:
    """Names in the first author <meta> tag that names anyone (addresses left out)."""
    for key in _META_AUTHOR_KEYS:
        values = [v for v in meta.get(key, ()) if not looks_like_url(v)]
        names = [n for v in values for n in split_authors(clean(v))]
        if names:
            return list(dict.fromkeys(names))
    return []


_BY = re.compile(
    r"^(?:(?:written|words|reporting|text|story|posted|published|photos?|video)\s+)?"
    r"(?:by|par|por|von|door|di|da|av|af|przez|от|作者|文|記者|记者|撰文)\s*[:：/|]?\s+|"
    r"^(?:作者|文|記者|记者|撰文|by)\s*[:：/|]\s*|"
    # "Analysis by", "Commentary by", "Interview by": any one word before an English "by".
    r"^[^\W\d_]{2,20}\s+by\s*[:：/|]?\s+",
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
    r"\b(?:is|was)\s+(?:a|an|the)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
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
    text = _NAME_STOP.sub(_name_stop, text)  # "Finian Cunningham. Sputnik International"
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
    if any(len(n.split()) > 1 and not _has_cjk(n) for n in names):
        # "Victor Tangermann, Futurism", "A and B, Reuters": beside full names, a single
        # word is the outlet or a desk, not a person.
        names = [n for n in names if len(n.split()) > 1 or _has_cjk(n)]
    return names


_NAME_STOP = re.compile(r"\.\s+(?=[A-Z])")


def _name_stop(m: re.Match[str]) -> str:
    """A full stop after a whole name ("Finian Cunningham. Sputnik International") ends
    it; after an initial, a title or a suffix ("Sarah E.", "Prof.", "Jr.") it does not."""
    before = re.split(r"[,;]", m.string[max(0, m.start() - 80) : m.start()])[-1].split()
    last = before[-1] if before else ""
    if len(before) >= 2 and len(last) >= 3 and last.isalpha() and last[-1].islower():
        return ", "
    return m.group(0)


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
    "Written by A Edited by B" gives A as author and B as editor. Byline elements of the
    same markup right beside the first (each author in one of their own) add their names.
    """
    found: list[str] = []
    beside: tuple[set[Any], set[Any]] | None = None
    first: Any = None
    for el in _byline_elements(tree, limit):
        if beside is not None:
            # Several people, each in a byline element of their own beside the first
            # ("<div class=author>A</div><div class=author>B</div>"): all are authors.
            if (el in beside[0] or el.getparent() in beside[1]) and _same_kind(el, first):
                found += [n for n in _names_in(el) if n.casefold() not in _folded(found)]
            continue
        text = spaced_text(el)
        if m := _EDITED_BY.search(text):
            authors = split_authors(text[: m.start()], strict=True)
            if authors:
                return authors, split_authors(text[m.end() :], strict=True)
        names = _names_in(el)
        if names:
            found, beside, first = names, _beside(el), el
    return found, []


def _folded(names: list[str]) -> set[str]:
    return {n.casefold() for n in names}


def _same_kind(a: Any, b: Any) -> bool:
    """The same markup: a repeated block (one per author), not another kind of credit."""
    return bool(
        a.tag == b.tag and a.get("class") == b.get("class") and a.get("rel") == b.get("rel")
    )


def _beside(first: Any) -> tuple[set[Any], set[Any]]:
    """The elements right beside a byline element, and beside its parent: the next few
    siblings with little text between (each author in a block of their own). A byline
    further on is another article's (a digest of several)."""
    out: list[set[Any]] = []
    for start in (first, first.getparent()):
        near: set[Any] = set()
        between = 0
        for n, sibling in enumerate(start.itersiblings() if start is not None else ()):
            near.add(sibling)
            if isinstance(sibling.tag, str):
                between += len(sibling.text_content())
            if n >= 4 or between > _BYLINE_CHARS:
                break
        out.append(near)
    return out[0], out[1]


_EDITED_BY = re.compile(r"\b(?:edited|editing)\s+by\b\s*:?", re.I)


def _byline_elements(tree: Any, limit: int) -> Iterator[Any]:
    seen = 0
    for el in elements_with(tree, "class", "id", "itemprop", "rel"):
        tag = el.tag
        if not isinstance(tag, str) or tag in ("meta", "link", "script", "style", "input"):
            continue
        itemprop = (el.get("itemprop") or "").lower().split()
        rel = (el.get("rel") or "").lower().split()
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        declared = "author" in itemprop or "author" in rel
        if declared or (_BYLINE_CLASS.search(marks) and not _NOT_BYLINE.search(marks)):
            # Declared authors count in an <aside> or <footer> too; a class alone does not.
            if in_comments(el, asides=not declared) or len(el.text_content()) > _BYLINE_CHARS:
                continue
            seen += 1
            if seen > limit:
                return
            yield el


def in_comments(el: Any, *, asides: bool) -> bool:
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
    texts = [spaced_text(child) for child in inner] or [spaced_text(el)]
    names: list[str] = []
    for text in texts:
        if not text or len(text) > _BYLINE_CHARS:
            continue
        for name in split_authors(text, strict=True):
            if name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    return names


_URL_AUTHOR = re.compile(
    r"/(?:author|authors|by|writer|people|profile|staff)/([a-z][a-z-]{2,60})/?$"
)


def url_author(href: str | None) -> str | None:
    """A name from an author page's address (/author/jane-doe): weak, used last."""
    if not href:
        return None
    parts = split_url(href)
    m = _URL_AUTHOR.search(parts.path.lower()) if parts else None
    if not m or m.group(1).count("-") > 4 or "-" not in m.group(1):
        return None
    return " ".join(w.capitalize() for w in m.group(1).split("-"))


_BREAKS = frozenset(
    "br p div li dt dd td th tr h1 h2 h3 h4 h5 h6 ul ol dl table section header footer "
    "article aside blockquote figure figcaption address".split()
)


def spaced_text(el: Any) -> str:
    """An element's text, clean, its lines joined by commas: the browser shows
    "By A<br><span>Monday</span>" and "<div>A</div><div>Staff Writer</div>" on two
    lines, and `text_content` would glue them ("AMonday", "AStaff Writer")."""
    import lxml.etree

    lines: list[str] = []
    parts: list[str] = []
    for event, node in lxml.etree.iterwalk(el, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _BREAKS and parts:
            lines.append(clean_inline("".join(parts)))
            parts = []
        if event == "start":
            if tag and node.text:
                parts.append(node.text)
        elif node is not el and node.tail:
            parts.append(node.tail)
    lines.append(clean_inline("".join(parts)))
    text = ""
    for line in (line for line in lines if line.strip(" ,")):
        # "By" or "Written by" on a line of its own leads into the names.
        if not text:
            text = line
        elif (m := _BY.match(text + " ")) and m.end() > len(text):
            text += " " + line
        else:
            text += ", " + line
    return text
