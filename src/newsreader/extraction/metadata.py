"""A saved page's metadata, whole: which source wins for each field.

Pages say the same things several ways, of different strength; each field takes the
strongest source present:

- JSON-LD (schema.org Article, NewsArticle, BlogPosting..., nested @graph too): what the
  publisher declares for search engines, usually exact;
- <meta> tags: Open Graph, Dublin Core, article:*, parsely-*, author, description;
- the page itself: its <h1> against <title>, byline elements (rel=author, itemprop=author,
  byline/author classes), <time datetime>;
- the page's address: /2019/03/05/ in a URL is a date, weak evidence used last.

The readers of each source live beside this module (`declared` for <meta> and JSON-LD,
`titles`, `bylines`, `page_dates`); this one holds only the order of precedence, so
it can be read in one screen. Nothing here fetches or guesses from outside the page.
Every string is cleaned (`sanitize.clean_inline`) before it leaves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsreader.extraction.bylines import (
    ld_organisations,
    ld_people,
    looks_like_organisation,
    meta_authors,
    page_bylines,
)
from newsreader.extraction.declared import (
    clean,
    first_meta,
    json_ld_objects,
    ld_string,
    ld_types,
    meta_values,
)
from newsreader.extraction.page_dates import published_date, updated_date
from newsreader.extraction.titles import (
    choose_title,
    fold,
    is_outlet,
    ld_headline,
    page_headings,
    shown_part,
    site_keys,
    untruncated,
)
from newsreader.sanitize import clean_inline, safe_url
from newsreader.urls import join_url

_ARTICLE_TYPES = frozenset(
    "article newsarticle blogposting reportagenewsarticle analysisnewsarticle "
    "opinionnewsarticle reviewnewsarticle backgroundnewsarticle askpublicnewsarticle "
    "advertisercontentarticle satiricalarticle techarticle scholarlyarticle "
    "medicalscholarlyarticle socialmediaposting liveblogposting discussionforumposting "
    "report apireference".split()
)


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


def _article_object(objects: list[dict[str, Any]], hints: Iterable[str]) -> dict[str, Any] | None:
    """The page's own article among its JSON-LD objects.

    Pages also describe related stories, videos and breadcrumbs; of several articles the
    one whose headline or address matches the page's title or URL wins, else the first.
    Without an Article, a WebPage (or a kind of one) with a headline and an author.
    """
    articles = [o for o in objects if ld_types(o) & _ARTICLE_TYPES]
    if not articles:
        # No Article: a page typed as a web page (WebPage, MedicalWebPage, ...) that
        # states a headline and an author is describing its own article.
        articles = [
            o
            for o in objects
            if any(t.endswith("webpage") for t in ld_types(o))
            and ld_string(o.get("headline"))
            and o.get("author")
        ]
    if len(articles) <= 1:
        return articles[0] if articles else None
    wanted = {fold(h) for h in hints if h}
    for obj in articles:
        keys = (
            ld_string(obj.get("headline")),
            ld_string(obj.get("url")),
            ld_string(obj.get("@id")),
        )
        if any(k and fold(k) in wanted for k in keys):
            return obj
    return articles[0]


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
    base = url or canonical or first_meta(meta, "og:url")
    page_url = url or _absolute(canonical, base) or _absolute(first_meta(meta, "og:url"), base)
    out.url = safe_url(page_url, schemes=("http", "https"))

    objects = json_ld_objects(tree)
    og_title = first_meta(meta, "og:title")
    html_title = clean(tree.findtext(".//title") or "")
    article = _article_object(objects, (og_title or "", html_title, out.url or ""))
    ld: dict[str, Any] = article or {}

    out.site = (
        first_meta(meta, "og:site_name")
        or ld_string(ld.get("publisher"))
        or first_meta(meta, "application-name")
    )
    out.headings = page_headings(tree)
    keys = site_keys((out.site, first_meta(meta, "twitter:site", "twitter:site_name")), out.url)
    candidates = [
        untruncated(
            ld_headline(ld, (og_title, html_title, *out.headings)), (*out.headings, og_title)
        ),
        first_meta(meta, "dc:title", "dcterm:title", "dcterms.title", "dc.title"),
        og_title,
        first_meta(meta, "title", "twitter:title", "parsely-title", "sailthru.title"),
        html_title,
    ]
    out.title = choose_title([c for c in candidates if c], out.headings, keys, html_title, og_title)
    if out.title and not any(fold(h) == fold(out.title) for h in out.headings):
        out.title = shown_part(tree, out.title) or out.title

    author = _resolved(ld.get("author"), objects)
    out.authors = ld_people(author) or meta_authors(meta)
    organisations = {fold(name) for name in ld_organisations(author)}

    def person(name: str) -> bool:
        return (
            not is_outlet(name, keys)
            and fold(name) not in organisations
            and not looks_like_organisation(name)
        )

    if not any(person(a) for a in out.authors):
        # Nobody declared, or only the publisher ("BBC News", an Organization): the
        # page's byline may name the people.
        shown, editors = page_bylines(tree)
        if any(person(a) for a in shown) or not out.authors:
            out.authors, out.editors = shown, editors
    people = [a for a in out.authors if person(a)]
    if people:  # "Jill Disis, CNN Business": the outlet beside a person is not an author
        out.authors = people

    lang = (
        tree.get("lang")
        or first_meta(meta, "og:locale", "content-language", "language")
        or (ld_string(ld.get("inLanguage")))
    )
    out.language = clean_inline(lang).replace("_", "-") or None if lang else None
    web_page = next((o for o in objects if any(t.endswith("webpage") for t in ld_types(o))), None)
    out.published = published_date(ld, meta, tree, web_page, out.language, out.title)
    out.updated = updated_date(ld, meta, tree)

    out.summary = first_meta(meta, "og:description", "description", "twitter:description") or (
        ld_string(ld.get("description"))
    )
    out.section = first_meta(meta, "article:section", "parsely-section") or ld_string(
        ld.get("articleSection")
    )
    tags = meta.get("article:tag", [])
    if not tags and isinstance(ld.get("keywords"), (str, list)):
        keywords = ld["keywords"]
        tags = keywords.split(",") if isinstance(keywords, str) else keywords
    out.tags = list(
        dict.fromkeys(t for tag in tags if isinstance(tag, str) and (t := clean_inline(tag)))
    )[:30]
    return out


def _resolved(value: Any, objects: list[dict[str, Any]]) -> Any:
    """A JSON-LD value with references ({"@id": ...} alone, as a @graph writes its
    author) replaced by the object of that @id among the page's objects."""
    items = value if isinstance(value, list) else [value]
    if not any(isinstance(v, dict) and "name" not in v and "@id" in v for v in items):
        return value
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    return [
        by_id.get(v["@id"], v)
        if isinstance(v, dict) and "name" not in v and isinstance(v.get("@id"), str)
        else v
        for v in items
    ]


def _absolute(href: str | None, base: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    if base:
        return join_url(base, href)
    return href
