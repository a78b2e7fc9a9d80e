"""Property test: a well-formed feed with hostile values never breaks storing or reading.

The parsers' own fuzz tests feed them random bytes; this one builds real RSS, Atom and
JSON Feed documents whose every value is hostile (controls, escapes, markup, lone
surrogates, CJK, huge runs of whitespace) and takes them the whole way a refresh does:
parse, prepare, hand over as the workers do, store in a real SQLite file, list, search
and open. A lone "\\ud800" in a JSON Feed once made SQLite refuse the whole refresh.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.errors import SourceError
from newsreader.query import ArticleQuery
from newsreader.sources.feeds import parse_feed
from newsreader.storage import Store, prepare

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

pieces = st.sampled_from(
    [
        "\x1b[31m",
        "\x1b]8;;http://x\x1b\\",
        "\x9b2J",
        "\u202e",
        "\ufeff",
        "\ud800",
        "\udfff",
        "\x00",
        "\r\n",
        "   \t ",
        "\u00a0\u3000",
        "[bold]",
        "[/]",
        "<p>",
        "</p>",
        "<script>x</script>",
        "<img alt='a' src='javascript:x'>",
        "&amp;",
        "&#27;",
        "&#xD800;",
        "&lt;b&gt;",
        "网络安全",
        "정부는",
        "豈",
        "😀",
        "word",
        " ",
    ]
)
values = st.lists(st.one_of(pieces, st.text(max_size=8)), max_size=12).map("".join)
items = st.lists(st.tuples(values, values, values, values), min_size=1, max_size=4)


def _xml(text: str) -> str:
    # Characters XML cannot carry at all are left in on purpose: the document is then
    # not well-formed and goes to feedparser's forgiving parser, which is fuzzed too.
    return escape(text).encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _rss(title: str, entries: list[tuple[str, str, str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{_xml(t)}</title><guid>{_xml(g)}</guid><link>http://x.example/{i}</link>"
        f"<author>{_xml(a)}</author><description>{_xml(d)}</description></item>"
        for i, (t, g, a, d) in enumerate(entries)
    )
    doc = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>'
    doc += f"{_xml(title)}</title>{body}</channel></rss>"
    return doc.encode("utf-8", "replace")


def _atom(title: str, entries: list[tuple[str, str, str, str]]) -> bytes:
    body = "".join(
        f"<entry><id>{_xml(g)}</id><title>{_xml(t)}</title><author><name>{_xml(a)}</name>"
        f'</author><content type="html">{_xml(d)}</content></entry>'
        for t, g, a, d in entries
    )
    doc = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{_xml(title)}</title>{body}</feed>'
    return doc.encode("utf-8", "replace")


def _json(title: str, entries: list[tuple[str, str, str, str]]) -> bytes:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "items": [
            {"id": g, "title": t, "authors": [{"name": a}], "content_html": d}
            for t, g, a, d in entries
        ],
    }
    return json.dumps(doc).encode()  # ASCII with \u escapes: lone surrogates survive


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([_rss, _atom, _json]), values, items)
def test_hostile_values_are_stored_read_and_searched_safely(
    make: object, title: str, entries: list[tuple[str, str, str, str]]
) -> None:
    data = make(title, entries)  # type: ignore[operator]
    try:
        parsed = parse_feed(data, "fuzz", base_url="http://x.example/feed", lazy=True)
    except SourceError:
        return
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "library.db")
        try:
            source = store.ensure_feed_source("http://x.example/feed", "S")
            prepared = [prepare(a).packed() for a in parsed.articles]
            store.upsert_articles(source, "S", prepared)
            rows = store.list_articles(ArticleQuery())
            assert len(rows) == len({p.uid for p in prepared})
            for row in rows:
                article = store.get_article(row.uid)
                assert article is not None
                shown = [article.title, *article.authors, *(b.plain for b in article.body)]
                for text in shown:
                    assert not UNSAFE.search(text.replace("\n", "").replace("\t", "")), text
            store.search("word OR 网络安全 OR 정부")
        finally:
            store.close()
