"""Full text for offline reading (from a real loopback server) and Markdown export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.config import load_config
from newsreader.core import Library
from newsreader.extraction.markdown import parse_markdown
from newsreader.models import BlockKind
from newsreader.present.markdown import safe_filename, to_markdown
from newsreader.query import ArticleQuery
from newsreader.sources.local import read_file
from tests.servers import FeedServer, Reply, running_server

PAGE = (
    "<html><head><title>Full story</title></head><body><nav>Home | News</nav><article>"
    "<h1>Full story</h1>"
    + "<p>The whole article text, paragraph after paragraph. </p>"
    * 6
    + "<ul><li>first point</li><li>second point</li></ul>"
    "<blockquote><p>A quote from someone important.</p></blockquote>"
    "</article><footer>© Site</footer></body></html>"
).encode()


def feed(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{g}</guid>"
        f"<description>Only a short summary of {t}.</description></item>"
        for g, t, link in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{body}</channel></rss>'
    ).encode()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from running_server()


def make_library(tmp_path: Path, feed_url: str, full_text: bool = False) -> Library:
    config = tmp_path / "config.toml"
    flag = ", full_text = true" if full_text else ""
    config.write_text(
        f'[[section]]\nname = "N"\nfeeds = [{{ url = "{feed_url}"{flag} }}]\n', encoding="utf-8"
    )
    return Library.open(load_config(config), tmp_path / "library.db")


def test_fetch_full_keeps_both_versions_and_marks_saved(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/feed.xml"] = Reply(
        body=feed(
            [
                ("g1", "Story one", server.url("/story1")),
                ("g2", "Story two", server.url("/missing")),
            ]
        )
    )
    server.routes["/story1"] = Reply(
        body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    with make_library(tmp_path, server.url("/feed.xml")) as lib:
        lib.refresh_feeds()
        one = lib.articles(ArticleQuery(text='title:"story one"'))[0].uid
        two = lib.articles(ArticleQuery(text='title:"story two"'))[0].uid
        results = dict(lib.fetch_full([one, two]))
        assert results[one] is None
        assert results[two] == "HTTP 404 Not Found"
        full = lib.article(one)
        assert full is not None and full.full_text and full.saved
        kinds = {b.kind for b in full.body}
        assert {BlockKind.LIST_ITEM, BlockKind.QUOTE} <= kinds
        assert "paragraph after paragraph" in " ".join(full.paragraphs)
        feed_version = lib.article(one, full=False)
        assert feed_version is not None and not feed_version.full_text
        assert feed_version.paragraphs == ["Only a short summary of Story one."]
        failed = lib.article(two)
        assert failed is not None and not failed.full_text and not failed.saved
        assert [r.uid for r in lib.articles(ArticleQuery(saved=True))] == [one]


def test_a_fetched_full_text_is_searchable(server: FeedServer, tmp_path: Path) -> None:
    # "paragraph after paragraph" is only on the page, never in the feed's summary.
    server.routes["/feed.xml"] = Reply(body=feed([("g1", "Story one", server.url("/story1"))]))
    server.routes["/story1"] = Reply(
        body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    with make_library(tmp_path, server.url("/feed.xml")) as lib:
        lib.refresh_feeds()
        assert lib.search('"paragraph after paragraph"') == []
        [row] = lib.articles(ArticleQuery())
        assert dict(lib.fetch_full([row.uid]))[row.uid] is None
        [hit] = lib.search('"paragraph after paragraph"')
        assert hit.row.uid == row.uid
        start, end = hit.snippet_spans[0]
        assert hit.snippet[start:end].lower() == "paragraph after paragraph"
        assert lib.count(ArticleQuery(text="important")) == 1  # lists and watches too
        assert lib.count(ArticleQuery(text="summary")) == 1  # the feed's text still is


def test_full_text_feed_setting_fetches_new_articles(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/feed.xml"] = Reply(body=feed([("g1", "Story one", "/story1")]))
    server.routes["/story1"] = Reply(body=PAGE, headers={"Content-Type": "text/html"})
    with make_library(tmp_path, server.url("/feed.xml"), full_text=True) as lib:
        report = lib.refresh_feeds()
        assert report.results[0].warning is None
        [row] = lib.articles(ArticleQuery())
        article = lib.article(row.uid)
        assert article is not None and article.full_text
        assert server.hits["/story1"] == 1


def test_not_a_page_keeps_the_summary(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/feed.xml"] = Reply(body=feed([("g1", "Pic", server.url("/pic.png"))]))
    server.routes["/pic.png"] = Reply(body=b"\x89PNG\r\n", headers={"Content-Type": "image/png"})
    with make_library(tmp_path, server.url("/feed.xml")) as lib:
        lib.refresh_feeds()
        [row] = lib.articles(ArticleQuery())
        [(uid, error)] = lib.fetch_full([row.uid])
        assert error == "the page is image/png, not a web page"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("A normal title", "A normal title.md"),
        ("../../etc/passwd", "etc passwd.md"),
        ("..", "fallback.md"),
        ('a/b\\c:d*e?f"g<h>i|j', "a b c d e f g h i j.md"),
        ("bell\x07 and \x1b[31mred", "bell and [31mred.md"),
        (".hidden", "hidden.md"),
        ("x" * 300, "x" * 80 + ".md"),
        ("网络安全专家：个人信息保护", "网络安全专家：个人信息保护.md"),
        # File systems count bytes: 80 four-byte characters would be 320 of them.
        ("\U0001f600" * 80, "\U0001f600" * 50 + ".md"),
    ],
)
def test_safe_filenames(title: str, name: str) -> None:
    result = safe_filename(title, "fallback")
    assert result == name
    assert "/" not in result and "\\" not in result and ".." not in result[:-3]


def test_export_round_trips_through_our_markdown_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsreader.cli import main

    code = main(["list", "--section", "Clippings", "--json"])
    assert code == 0
    import json

    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    night = next(r for r in rows if r["title"].startswith("Night trains"))
    seed = next(r for r in rows if r["title"].startswith("Chinese official"))
    out = tmp_path / "out"
    assert main(["export", night["id"], seed["id"], "--to", str(out)]) == 0
    files = sorted(p.name for p in out.iterdir())
    assert files == [
        "Chinese official We need to respect national sovereignty over cyberspace.md",
        "Night trains are back, and they are full.md",
    ]
    text = (out / files[1]).read_text(encoding="utf-8")
    doc = parse_markdown(text)
    assert doc.title == "Night trains are back, and they are full"
    assert doc.authors == ["Clara Voss"]
    kinds = [b.kind for b in doc.body]
    assert BlockKind.TABLE in kinds and BlockKind.QUOTE in kinds and BlockKind.LIST_ITEM in kinds
    # Exporting again never overwrites.
    assert main(["export", night["id"], "--to", str(out)]) == 0
    assert len(list(out.iterdir())) == 3
    [exported_seed] = read_file(out / files[0])
    assert exported_seed.title.startswith("Chinese official")
    assert exported_seed.authors == ("Han Shasha",)
    assert to_markdown(exported_seed).startswith("---\ntitle: ")


def test_export_never_writes_through_a_link_and_one_bad_name_stops_nothing(
    tmp_path: Path,
) -> None:
    from newsreader.models import Article
    from newsreader.present.markdown import export_articles

    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / "elsewhere.md"
    (out / "Plain title.md").symlink_to(target)  # dangling: its target does not exist
    wide = Article(id="a" * 16, source="s", title="\U0001f600" * 80)
    plain = Article(id="b" * 16, source="s", title="Plain title")
    results = export_articles([wide, plain], out)
    written = [p for _, p in results]
    assert all(isinstance(p, Path) for p in written), written
    assert not target.exists()  # nothing went through the link
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["Plain title.md", "Plain title (2).md", "\U0001f600" * 50 + ".md"]
    )
    assert (out / "Plain title (2).md").read_text(encoding="utf-8").startswith("---\n")
