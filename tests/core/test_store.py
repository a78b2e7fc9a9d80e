"""The store on a real SQLite file: identity, state, search, retention, errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.errors import QueryError, StorageError
from newsreader.models import Article, Block, BlockKind, Run, article_id, paragraph
from newsreader.query import ArticleQuery, Sort
from newsreader.storage import Store, prepare
from newsreader.storage.codec import body_text, decode_body, encode_structure
from newsreader.storage.schema import VERSION


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "library.db")
    yield s
    s.close()


def make(n: int, title: str, text: str = "Some body text.", **fields: object) -> Article:
    base: dict[str, object] = {
        "id": article_id("src", guid=f"g{n}"),
        "source": "src",
        "title": title,
        "published": f"2024-01-{n:02d}T10:00:00Z",
        "body": (paragraph(text),),
    }
    base.update(fields)
    return Article(**base)  # type: ignore[arg-type]


def titles_of(store: Store, query: str) -> set[str]:
    return {h.row.title for h in store.search(query)}


def feed(store: Store, section: str = "World", url: str = "https://w.example/rss") -> int:
    return store.ensure_feed_source(url, section, "World Feed")


def test_schema_pragmas_and_version(store: Store, tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "library.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    conn.close()


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    first = Store(tmp_path / "lib.db")
    sid = feed(first)
    first.upsert_articles(sid, "World", [make(1, "One")])
    first.close()
    again = Store(tmp_path / "lib.db")
    assert [r.title for r in again.list_articles(ArticleQuery())] == ["One"]
    again.close()


def test_reingest_updates_in_place_and_never_resets_state(store: Store) -> None:
    sid = feed(store)
    counts = store.upsert_articles(sid, "World", [make(1, "One"), make(2, "Two")])
    assert (counts.new, counts.updated, counts.unchanged) == (2, 0, 0)
    uid = make(1, "x").id
    store.set_state([uid], read=True, starred=True)
    counts = store.upsert_articles(sid, "World", [make(1, "One, corrected"), make(2, "Two")])
    assert (counts.new, counts.updated, counts.unchanged) == (0, 1, 1)
    rows = store.list_articles(ArticleQuery())
    assert len(rows) == 2
    one = next(r for r in rows if r.uid == uid)
    assert one.title == "One, corrected" and one.read and one.starred
    # An ingested article claiming read=False does not unread the stored one.
    store.upsert_articles(sid, "World", [make(1, "One, again", read=False, starred=False)])
    one = store.list_articles(ArticleQuery(uids=(uid,)))[0]
    assert one.read and one.starred


def test_identity_guid_then_link_then_hash() -> None:
    assert article_id("s", guid="g", link="l") == article_id("s", guid="g", link="other")
    assert article_id("s", link="https://x/1") == article_id("t", link="https://x/1")
    assert article_id("s", title="T", published="d") != article_id("s", title="T", published="e")
    assert len(article_id("s", title="T")) == 16


def test_full_article_round_trip(store: Store) -> None:
    sid = feed(store)
    body = (
        Block(BlockKind.HEADING, (Run("Head"),), level=2),
        Block(BlockKind.PARAGRAPH, (Run("a "), Run("b", bold=True), Run("c", link="https://x/"))),
        Block(BlockKind.LIST_ITEM, (Run("item"),), ordinal=3, level=1),
        Block(BlockKind.TABLE, rows=(("k", "v"), ("1", "2")), header=True),
        Block(BlockKind.IMAGE, text="alt", src="https://x/i.png"),
        Block(BlockKind.CODE, text="x = 1"),
    )
    article = make(
        1,
        "Title",
        authors=("A", "B"),
        editors=("E",),
        tags=("t",),
        caption="cap",
        dateline="Paris",
        site="Site",
        summary="sum",
        language="fr",
        url="https://x/a",
        section="Politics",
        body=body,
    )
    store.upsert_articles(sid, "World", [article])
    got = store.get_article(article.id)
    assert got is not None
    assert got.body == body
    assert (got.authors, got.editors, got.tags, got.caption, got.dateline) == (
        ("A", "B"),
        ("E",),
        ("t",),
        "cap",
        "Paris",
    )
    # The article keeps its own section; the config section is the row's.
    assert got.source == "World Feed" and got.section == "Politics"
    assert store.list_articles(ArticleQuery(uids=(article.id,)))[0].section == "World"
    assert decode_body(body_text(body), encode_structure(body)) == body


def test_listing_filters_and_orders(store: Store) -> None:
    world = feed(store)
    tech = feed(store, "Tech", "https://t.example/rss")
    store.upsert_articles(world, "World", [make(1, "Old world"), make(3, "New world")])
    store.upsert_articles(tech, "Tech", [make(2, "Mid tech")])
    assert [r.title for r in store.list_articles(ArticleQuery())] == [
        "New world",
        "Mid tech",
        "Old world",
    ]
    assert [r.title for r in store.list_articles(ArticleQuery(sort=Sort.OLDEST, limit=2))] == [
        "Old world",
        "Mid tech",
    ]
    assert [r.title for r in store.list_articles(ArticleQuery(sections=("Tech",)))] == ["Mid tech"]
    store.set_state([make(3, "").id], read=True)
    assert store.count(ArticleQuery(unread=True)) == 2
    assert [
        r.title for r in store.list_articles(ArticleQuery(unread=True, sections=("World",)))
    ] == ["Old world"]
    counts = {c.name: (c.total, c.unread) for c in store.section_counts()}
    assert counts == {"World": (2, 1), "Tech": (1, 1)}


def test_future_dates_do_not_pin_articles_to_the_top(store: Store) -> None:
    sid = feed(store)
    store.upsert_articles(
        sid, "World", [make(1, "Now"), make(2, "Bogus", published="2099-01-01T00:00:00Z")]
    )
    [bogus] = store.list_articles(ArticleQuery(uids=(make(2, "").id,)))
    assert bogus.sort_key < "2099"


def test_a_date_past_tomorrow_is_not_believed_the_article_sorts_by_when_it_came(
    store: Store,
) -> None:
    """Capped at tomorrow, a year-9999 item stayed above everything published in the day
    after, and went back to the top each time the feed changed it."""
    from datetime import UTC, datetime, timedelta

    soon = (datetime.now(UTC) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    sid = feed(store)
    far = make(2, "Far", published="9999-12-31T23:59:59Z")
    store.upsert_articles(sid, "World", [make(1, "Old"), far, make(3, "Soon", published=soon)])
    rows = store.list_articles(ArticleQuery())
    assert [r.title for r in rows] == ["Soon", "Far", "Old"]  # within a day is believed
    [row] = store.list_articles(ArticleQuery(uids=(far.id,)))
    seen = store.conn.execute("SELECT first_seen FROM articles WHERE uid = ?", (far.id,))
    assert row.sort_key == seen.fetchone()[0] and row.published == far.published
    # Changed by the feed: still sorted by when it was first seen, never by its date.
    store.upsert_articles(sid, "World", [make(2, "Far, again", published=far.published)])
    [again] = store.list_articles(ArticleQuery(uids=(far.id,)))
    assert again.sort_key == row.sort_key


def test_search_ranks_title_hits_first_and_returns_spans(store: Store) -> None:
    sid = feed(store)
    store.upsert_articles(
        sid,
        "World",
        [
            make(1, "Weather report", "A long text that mentions cyber security once in passing."),
            make(2, "Cyber security rules for routers", "Routers must be safer."),
            make(3, "Gardening", "Nothing relevant here."),
        ],
    )
    hits = store.search("cyber security")
    assert [h.row.title for h in hits] == ["Cyber security rules for routers", "Weather report"]
    assert hits[0].title_spans == ((0, 5), (6, 14))
    snippet = hits[1].snippet
    start, end = hits[1].snippet_spans[0]
    assert snippet[start:end].lower() == "cyber"


def test_search_syntax_prefix_phrase_or_not_fields(store: Store) -> None:
    sid = feed(store)
    store.upsert_articles(
        sid,
        "World",
        [
            make(
                1,
                "Cyberspace sovereignty",
                "national sovereignty over cyberspace",
                authors=("Han Shasha",),
            ),
            make(2, "Sponsored: buy this", "cyber deals"),
            make(3, "Émigré writers", "café culture"),
        ],
    )

    def titles(q: str) -> set[str]:
        return {h.row.title for h in store.search(q)}

    assert titles("cyber*") == {"Cyberspace sovereignty", "Sponsored: buy this"}
    assert titles('"national sovereignty"') == {"Cyberspace sovereignty"}
    assert titles("cyber* -sponsored") == {"Cyberspace sovereignty"}
    assert titles("cyber* NOT title:sponsored") == {"Cyberspace sovereignty"}
    assert titles("author:shasha") == {"Cyberspace sovereignty"}
    assert titles("emigre OR deals") == {"Émigré writers", "Sponsored: buy this"}
    assert titles("CAFE") == {"Émigré writers"}
    assert titles("section:world gardening") == set()
    assert titles("source:world sovereignty") == {"Cyberspace sovereignty"}


@pytest.mark.parametrize("packed", [False, True], ids=["text", "packed"])
def test_chinese_and_japanese_words_inside_running_text(store: Store, packed: bool) -> None:
    # Refresh's workers hand text over as UTF-8 bytes (Prepared.packed): stored as TEXT,
    # it must read, index and search exactly as text handed over as str.
    sid = feed(store, "Asia", "https://a.example/feed")
    articles = [
        make(1, "专家呼吁提升公众防范意识", "今年的网络安全宣传周在多个城市同时举行。"),
        make(2, "病院のシステム停止", "専門家は病院のサイバーセキュリティ対策が急務だと指摘。"),
        make(3, "English only", "Nothing in Chinese here."),
    ]
    store.upsert_articles(
        sid, "Asia", [prepare(a).packed() for a in articles] if packed else articles
    )
    types = store.conn.execute("SELECT DISTINCT typeof(body_text) FROM articles").fetchall()
    assert types == [("text",)]
    assert titles_of(store, "Chinese") == {"English only"}
    full = store.get_article(articles[1].id)
    assert full is not None and full.body[0].plain.startswith("専門家は")

    def titles(q: str) -> set[str]:
        return {h.row.title for h in store.search(q)}

    assert titles("网络安全") == {"专家呼吁提升公众防范意识"}
    assert titles("网络") == {"专家呼吁提升公众防范意识"}  # two characters: below trigram length
    assert titles("サイバー") == {"病院のシステム停止"}
    assert titles("网络安全 OR サイバー") == {"专家呼吁提升公众防范意识", "病院のシステム停止"}
    hit = store.search("网络安全")[0]
    start, end = hit.snippet_spans[0]
    assert hit.snippet[start:end] == "网络安全"


@pytest.mark.parametrize("query", ['"unclosed', "a OR", "(a", "foo:bar", ""])
def test_bad_queries_are_clear_errors(store: Store, query: str) -> None:
    with pytest.raises(QueryError):
        store.search(query)


def test_query_text_cannot_inject_fts_or_sql(store: Store) -> None:
    sid = feed(store)
    store.upsert_articles(sid, "World", [make(1, "Normal title")])
    for nasty in ["title:x' OR 1=1 --", "NEAR(a b)", "a; DROP TABLE articles", "x^y", "{title}: x"]:
        store.search(nasty)
    assert store.count(ArticleQuery()) == 1


def test_retention_keeps_starred_saved_and_unread(store: Store) -> None:
    sid = feed(store)
    articles = [make(n, f"A{n}") for n in range(1, 11)]
    store.upsert_articles(sid, "World", articles)
    store.set_state([a.id for a in articles], read=True)
    store.set_state([articles[0].id], starred=True)
    store.set_state([articles[1].id], saved=True)
    store.set_state([articles[2].id], read=False)
    removed = store.prune(keep_read_per_source=3)
    left = {r.title for r in store.list_articles(ArticleQuery())}
    assert left == {"A10", "A9", "A8", "A1", "A2", "A3"}
    assert removed == 4


def test_state_survives_a_file_vanishing_only_when_starred(store: Store) -> None:
    keep, drop = make(1, "Keep me"), make(2, "Let go")
    store.record_file("/x/a.txt", "/x", "Saved", [keep], mtime_ns=1, size=1)
    store.record_file("/x/b.txt", "/x", "Saved", [drop], mtime_ns=1, size=1)
    store.set_state([keep.id], starred=True)
    store.remove_files(["/x/a.txt", "/x/b.txt"])
    assert [r.title for r in store.list_articles(ArticleQuery(starred=True))] == ["Keep me"]
    assert store.get_article(drop.id) is None


def test_a_file_error_keeps_what_was_stored(store: Store) -> None:
    article = make(1, "Stored")
    store.record_file("/x/a.txt", "/x", "Saved", [article], mtime_ns=1, size=1)
    store.record_file("/x/a.txt", "/x", "Saved", [], mtime_ns=2, size=2, error="binary file")
    assert store.get_article(article.id) is not None
    assert store.source_errors() == [("/x/a.txt", "binary file")]


def test_orphaned_sources_keep_their_articles(store: Store) -> None:
    sid = feed(store)
    a = make(1, "Orphan")
    store.upsert_articles(sid, "World", [a])
    store.set_state([a.id], starred=True)
    store.assign_sections({}, {})  # the feed left the config
    assert store.count(ArticleQuery()) == 0
    assert [r.title for r in store.list_articles(ArticleQuery(starred=True))] == ["Orphan"]
    store.assign_sections({"https://w.example/rss": "News"}, {})
    assert [r.section for r in store.list_articles(ArticleQuery())] == ["News"]


def test_uid_prefixes(store: Store) -> None:
    sid = feed(store)
    a = make(1, "A")
    store.upsert_articles(sid, "World", [a])
    assert store.uids_with_prefix(a.id[:6]) == [a.id]
    assert store.uids_with_prefix("zzzz") == []


def test_not_a_database_is_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="damaged or not a newsreader database"):
        Store(path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {VERSION + 5}")
    conn.close()
    with pytest.raises(StorageError, match="newer newsreader"):
        Store(path)


def test_threads_get_their_own_connections(store: Store) -> None:
    import threading

    sid = feed(store)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            store.upsert_articles(sid, "World", [make(n, f"T{n}")])
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(1, 9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.count(ArticleQuery()) == 8


def test_very_common_words_rank_only_the_most_recent_matches(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsreader.storage.search as storage

    sid = feed(store)
    store.upsert_articles(
        sid, "World", [make(n, f"Common {n}", "common word") for n in range(1, 11)]
    )
    monkeypatch.setattr(storage, "RANK_WINDOW", 3)
    for sections in (None, ("World",)):
        hits = store.search("common", limit=10, sections=sections)
        assert sorted(h.row.title for h in hits) == ["Common 10", "Common 8", "Common 9"]
    monkeypatch.setattr(storage, "RANK_WINDOW", 1000)
    assert len(store.search("common", limit=20)) == 10


@pytest.mark.parametrize(
    "path",
    [
        "sample_feeds/world/harbour-gazette.xml",
        "sample_feeds/tech/circuit-notes.atom",
        "sample_feeds/asia/eastern-dispatch.json",
        "tests/data/rss20.xml",
        "tests/data/hostile.xml",
    ],
)
def test_lazy_bodies_read_back_as_the_eager_blocks(store: Store, path: str) -> None:
    """Refresh keeps items' HTML and builds blocks on reading: the result must not differ."""
    from newsreader.extraction.structure import html_to_text
    from newsreader.sources.feeds import parse_feed

    root = Path(__file__).parents[2]
    data = (root / path).read_bytes()
    eager = parse_feed(data, "f", base_url="https://feed.example/feed")
    lazy = parse_feed(data, "f", base_url="https://feed.example/feed", lazy=True)
    sid = feed(store)
    store.upsert_articles(sid, "World", lazy.articles)
    for want, kept in zip(eager.articles, lazy.articles, strict=True):
        assert kept.id == want.id and kept.title == want.title and kept.summary == want.summary
        got = store.get_article(want.id)
        assert got is not None
        if want.url:
            assert got.body == want.body
        # The quick text used for search says the same words as the blocks.
        if kept.html is not None:
            quick = " ".join(html_to_text(kept.html).split())
            assert quick == " ".join(" ".join(want.paragraphs).split())


def test_a_write_batch_keeps_the_good_jobs_when_one_fails(store: Store) -> None:
    """Refresh writes many feeds in one transaction; a failing one must fail alone."""
    ids = [feed(store, url=f"https://w.example/{n}") for n in range(3)]

    def good(source_id: int, title: str):  # type: ignore[no-untyped-def]
        def job(conn: sqlite3.Connection) -> str:
            store.upsert_articles_in(conn, source_id, "World", [make(source_id, title)])
            store.record_fetch_in(conn, source_id, ok=True, etag=f"e{source_id}")
            return title

        return job

    def bad(conn: sqlite3.Connection) -> str:
        store.upsert_articles_in(conn, ids[1], "World", [make(9, "Lost")])
        conn.execute("INSERT INTO no_such_table VALUES (1)")
        return "never"

    results = store.write_batch([good(ids[0], "Kept one"), bad, good(ids[2], "Kept two")], "x")
    assert results[0] == "Kept one" and results[2] == "Kept two"
    assert isinstance(results[1], StorageError) and "no_such_table" in str(results[1])
    titles = {r.title for r in store.list_articles(ArticleQuery(limit=10))}
    assert titles == {"Kept one", "Kept two"}  # the failed job's article was rolled back
    assert store.feed_states()["https://w.example/0"].etag == "e" + str(ids[0])


def test_position_is_the_index_in_the_list_for_every_sort(store: Store) -> None:
    """The TUI keeps its reader's place with `position`; it must agree with the list."""
    from newsreader.query import Sort

    world = feed(store)
    tech = feed(store, "Tech", "https://t.example/rss")
    # Equal dates and titles differing only in case, so the id tie-break matters.
    store.upsert_articles(
        world,
        "World",
        [
            make(n, f"{'Alpha' if n % 2 else 'alpha'} {n % 3}", published="2024-01-05T10:00:00Z")
            for n in range(1, 12)
        ],
    )
    store.upsert_articles(tech, "Tech", [make(n, f"Tech {n}") for n in range(12, 20)])
    store.set_state([make(4, "").id], read=True)
    mutes = (("title:tech AND 13", ()),)
    for query in [
        ArticleQuery(sort=sort, **extra)
        for sort in Sort
        for extra in ({}, {"sections": ("World",)}, {"unread": True}, {"mutes": mutes})
    ]:
        rows = store.list_articles(query)
        for index, row in enumerate(rows):
            assert store.position(query, row.uid) == index, (query, row.title)
    assert store.position(ArticleQuery(sections=("Tech",)), make(1, "").id) is None
    assert store.position(ArticleQuery(unread=True), make(4, "").id) is None
    assert store.position(ArticleQuery(), "no-such-uid") is None


def test_a_first_schema_library_without_the_full_text_table_is_upgraded(tmp_path: Path) -> None:
    """The first development builds wrote schema 1 without article_full: opening such a
    library adds it, and its articles read as before."""
    from newsreader.models import scoped_id
    from newsreader.storage.schema import SCHEMA_V1

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    for statement in SCHEMA_V1[:-1]:  # everything but article_full
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO sources(id, key, kind, section) VALUES (1, 'https://o/rss', 'feed', 'W')"
    )
    conn.execute(
        "INSERT INTO articles(uid, source_id, section, title, sort_key, first_seen, body_text, "
        "content_hash) VALUES ('u1', 1, 'W', 'Kept', '2024-01-01T00:00:00', "
        "'2024-01-01T00:00:00', 'Old text.', x'00')"
    )
    conn.commit()
    conn.close()
    store = Store(path)
    try:
        # Schema 4 made a feed's ids its own (scoped by the source's row).
        article = store.get_article(scoped_id("feed:1", "u1"))
        assert article is not None and article.paragraphs == ["Old text."]
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    finally:
        store.close()


def test_a_damaged_stored_body_is_a_storage_error(store: Store) -> None:
    sid = feed(store)
    store.upsert_articles(sid, "World", [make(1, "Damaged")])
    store.conn.execute("UPDATE articles SET body = x'52ff00ff' WHERE title = 'Damaged'")
    with pytest.raises(StorageError, match="'Damaged': its stored text is damaged"):
        store.get_article(make(1, "").id)


def test_a_locked_library_fails_a_write_batch_once_not_per_job(
    store: Store, tmp_path: Path
) -> None:
    """Another process holding the write lock: every job gets the clear error, after one
    wait, not one wait per job."""
    ids = [feed(store, url=f"https://w.example/{n}") for n in range(3)]
    store.conn.execute("PRAGMA busy_timeout = 50")
    begins: list[str] = []
    store.conn.set_trace_callback(lambda sql: begins.append(sql) if "BEGIN" in sql else None)
    other = sqlite3.connect(tmp_path / "library.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        jobs = [lambda conn, i=i: store.record_fetch_in(conn, i, ok=True, etag="e") for i in ids]
        results = store.write_batch(jobs, "saving feeds")
        assert all(isinstance(r, StorageError) for r in results)
        assert "another newsreader is writing" in str(results[0])
        assert len(begins) == 1
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.write_batch(jobs, "saving feeds") == [None, None, None]


def _in_index(store: Store, table: str, match: str) -> list[int]:
    """Row ids the index itself holds for a query (search joins articles, which would hide
    a deleted article's leftovers)."""
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
    return [r[0] for r in store.conn.execute(sql, (match,))]


def _fts_ok(store: Store) -> None:
    for table in ("articles_fts", "articles_cjk"):
        store.conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


def test_full_texts_are_indexed_through_updates_refetches_and_deletes(store: Store) -> None:
    sid = feed(store)
    one = make(1, "Feed story", "Only the feed summary.")
    two = make(2, "Another story", "Nothing special here.", published="2024-01-02T10:00:00Z")
    store.upsert_articles(sid, "World", [one, two])
    assert store.save_full_text(one.id, (paragraph("The whole text mentions zeppelins."),))
    assert titles_of(store, "zeppelins") == {"Feed story"}
    assert titles_of(store, "summary") == {"Feed story"}
    # The feed changes the item: the full text stays in the index with the new feed text.
    store.upsert_articles(sid, "World", [make(1, "Feed story", "A new summary."), two])
    assert titles_of(store, "zeppelins") == {"Feed story"}
    assert titles_of(store, "new") == {"Feed story"}
    assert titles_of(store, "only") == set()
    # Fetched again: the old full text leaves the index.
    store.save_full_text(one.id, (paragraph("Now about 网络安全 and airships."),))
    assert titles_of(store, "zeppelins") == set()
    assert titles_of(store, "airships") == {"Feed story"}
    assert titles_of(store, "网络安全") == {"Feed story"}  # the CJK index too
    _fts_ok(store)
    # Deleted (unstarred, unsaved articles go when their file goes): out of both indexes.
    store.conn.execute("DELETE FROM articles WHERE uid = ?", (one.id,))
    assert _in_index(store, "articles_fts", "airships OR summary OR zeppelins") == []
    assert _in_index(store, "articles_cjk", '"网 络"') == []
    store.upsert_articles(sid, "World", [make(3, "Airships again", "网络安全 airships")])
    assert titles_of(store, "airships") == {"Airships again"}
    assert titles_of(store, "网络安全") == {"Airships again"}
    _fts_ok(store)


def test_full_texts_fetched_before_schema_3_become_searchable(tmp_path: Path) -> None:
    """A library whose full texts were saved when they were not indexed: opening it
    indexes them, and the index stays consistent when such an article goes."""
    from newsreader.query.scripts import cjk_split
    from newsreader.storage.schema import SCHEMA_V1, SCHEMA_V2

    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.create_function("nr_cjk_split", 2, cjk_split, deterministic=True)
    conn.execute("PRAGMA journal_mode = WAL")
    for statement in SCHEMA_V1 + SCHEMA_V2:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO sources(id, key, kind, section) VALUES (1, 'https://o/rss', 'feed', 'W')"
    )
    for row_id, title, text in ((1, "Saved one", "Feed 网络 text."), (2, "Other", "Plain.")):
        conn.execute(
            "INSERT INTO articles(id, uid, source_id, section, title, sort_key, first_seen, "
            "body_text, has_cjk, content_hash) VALUES (?, ?, 1, 'W', ?, '2024-01-01T00:00:00', "
            "'2024-01-01T00:00:00', ?, ?, x'00')",
            (row_id, f"u{row_id}", title, text, int("网" in text)),
        )
        conn.execute(
            "INSERT INTO articles_fts(rowid, title, authors, summary, body_text) "
            "SELECT id, title, authors, summary, body_text FROM articles WHERE id = ?",
            (row_id,),
        )
    conn.execute(
        "INSERT INTO articles_cjk(rowid, text) VALUES (1, ?)",
        (cjk_split("Saved one", "Feed 网络 text."),),
    )
    conn.execute(
        "INSERT INTO article_full(article_id, body_text, fetched) "
        "VALUES (1, 'The page says dirigible and 安全.', '2024-01-02T00:00:00')"
    )
    conn.close()
    store = Store(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
        assert titles_of(store, "dirigible") == {"Saved one"}
        assert titles_of(store, "安全") == {"Saved one"}
        assert titles_of(store, "网络") == {"Saved one"}
        _fts_ok(store)
        store.conn.execute("DELETE FROM articles WHERE id = 1")
        assert _in_index(store, "articles_fts", "dirigible OR feed") == []
        assert _in_index(store, "articles_cjk", '"网 络" OR "安 全"') == []
        assert titles_of(store, "plain") == {"Other"}
        _fts_ok(store)
    finally:
        store.close()
