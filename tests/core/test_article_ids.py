"""Article ids are their source's own: one feed can never rewrite another feed's article.

Before schema 4 an id came from the feed's title and the item's GUID, so a second feed
with the same title and GUID replaced a starred article's link and body (phishing) and
moved it to its own section. Real feeds over a loopback server, a real SQLite library.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.config import load_config
from newsreader.core import Library
from newsreader.query import ArticleQuery
from newsreader.sources.feeds import parse_feed
from newsreader.storage.schema import VERSION
from tests.servers import FeedServer, Reply, running_server


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from running_server()


def _feed(link: str, body: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Shared title</title>'
        f"<item><title>Same item</title><guid>g1</guid><link>{link}</link>"
        f"<description>{body}</description></item></channel></rss>"
    ).encode()


def _config(tmp_path: Path, sections: dict[str, str]) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        "".join(f'[[section]]\nname = "{s}"\nfeeds = ["{u}"]\n' for s, u in sections.items()),
        encoding="utf-8",
    )
    return config


def test_a_second_feed_with_the_same_title_and_guid_cannot_touch_the_first(
    server: FeedServer, tmp_path: Path
) -> None:
    server.routes["/a.xml"] = Reply(body=_feed("https://good.example/story", "The real story."))
    server.routes["/b.xml"] = Reply(body=_feed("https://evil.example/login", "Log in here."))
    a, b = server.url("/a.xml"), server.url("/b.xml")
    with Library.open(load_config(_config(tmp_path, {"World": a})), tmp_path / "l.db") as lib:
        lib.refresh_feeds()
        [good] = lib.articles(ArticleQuery())
        lib.mark([good.uid], starred=True)
    config = _config(tmp_path, {"World": a, "Tech": b})
    with Library.open(load_config(config), tmp_path / "l.db") as lib:
        for _ in range(2):  # and again: the two must not bounce between them
            lib.refresh_feeds(force=True)
            rows = {r.uid: r for r in lib.articles(ArticleQuery())}
            assert len(rows) == 2
            kept = rows[good.uid]
            assert (kept.url, kept.section, kept.starred) == (
                "https://good.example/story",
                "World",
                True,
            )
            article = lib.article(good.uid)
            assert article is not None and article.paragraphs == ["The real story."]


def test_a_schema_3_library_keeps_its_articles_and_their_state(
    server: FeedServer, tmp_path: Path
) -> None:
    data = _feed("https://good.example/story", "The real story.")
    server.routes["/a.xml"] = Reply(body=data)
    url = server.url("/a.xml")
    db = tmp_path / "l.db"
    config = load_config(_config(tmp_path, {"World": url}))
    with Library.open(config, db) as lib:
        lib.refresh_feeds()
        [row] = lib.articles(ArticleQuery())
        lib.mark([row.uid], read=True, starred=True)
    # Make it the library an older newsreader left: ids as they were (unscoped), schema 3.
    [old] = parse_feed(data, url, base_url=url).articles
    conn = sqlite3.connect(db)
    conn.execute("UPDATE articles SET uid = ? WHERE uid = ?", (old.id, row.uid))
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    assert old.id != row.uid
    with Library.open(config, db) as lib:
        [upgraded] = lib.articles(ArticleQuery())
        assert (upgraded.uid, upgraded.read, upgraded.starred) == (row.uid, True, True)
        lib.refresh_feeds(force=True)
        [again] = lib.articles(ArticleQuery())
        assert (again.uid, again.read, again.starred) == (row.uid, True, True)
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA user_version").fetchone()[0] == VERSION
    check.close()


def _feed_file(title: str, link: str) -> bytes:
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<item><title>Item</title><guid>g1</guid><link>{link}</link></item>"
        "</channel></rss>"
    ).encode()


def test_two_feed_files_with_the_same_title_and_guid_are_two_articles(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "a.xml").write_bytes(_feed_file("Same", "https://a.example/1"))
    (folder / "b.xml").write_bytes(_feed_file("Same", "https://b.example/1"))
    config = tmp_path / "config.toml"
    config.write_text(f'[[section]]\nname = "Files"\npaths = ["{folder}"]\n', encoding="utf-8")
    with Library.open(load_config(config), tmp_path / "l.db") as lib:
        lib.scan(workers=1)
        urls = sorted(r.url or "" for r in lib.articles(ArticleQuery()))
        assert urls == ["https://a.example/1", "https://b.example/1"]


def test_a_schema_4_library_keeps_its_local_articles_and_their_state(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    feed = folder / "a.xml"
    feed.write_bytes(_feed_file("Same", "https://a.example/1"))
    (folder / "note.txt").write_text("A note\n\nIts text.\n", encoding="utf-8")
    config = load_config(_config_paths(tmp_path, folder))
    db = tmp_path / "l.db"
    with Library.open(config, db) as lib:
        lib.scan(workers=1)
        rows = {r.title: r for r in lib.articles(ArticleQuery())}
        lib.mark([r.uid for r in rows.values()], read=True, starred=True)
    [old] = parse_feed(feed.read_bytes(), "a.xml").articles  # its id before schema 5
    conn = sqlite3.connect(db)
    conn.execute("UPDATE articles SET uid = ? WHERE uid = ?", (old.id, rows["Item"].uid))
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with Library.open(config, db) as lib:
        upgraded = {r.title: (r.uid, r.read, r.starred) for r in lib.articles(ArticleQuery())}
        assert upgraded == {title: (r.uid, True, True) for title, r in rows.items()}
        feed.touch()  # read again: the same ids, nothing new, nothing lost
        lib.scan(workers=1)
        again = {r.title: (r.uid, r.read, r.starred) for r in lib.articles(ArticleQuery())}
        assert again == upgraded


def _config_paths(tmp_path: Path, folder: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(f'[[section]]\nname = "Files"\npaths = ["{folder}"]\n', encoding="utf-8")
    return config
