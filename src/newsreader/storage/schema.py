"""The library's SQLite schema and its migrations, keyed on `PRAGMA user_version`.

Each migration is a list of statements applied in one transaction; a database is
upgraded step by step from whatever version it has, so old libraries never lose data.
Never edit a released migration: append a new one.
"""

from __future__ import annotations

SCHEMA_V1 = [
    # One row per subscribed feed (key = URL) or local file (key = absolute path).
    """
    CREATE TABLE sources (
        id            INTEGER PRIMARY KEY,
        key           TEXT NOT NULL UNIQUE,     -- feed URL, or a local file's absolute path
        kind          TEXT NOT NULL CHECK (kind IN ('feed', 'file')),
        root          TEXT,                     -- the configured path a local file was found under
        section       TEXT,                     -- section name from the config; NULL when orphaned
        title         TEXT,
        etag          TEXT,                     -- HTTP validators for conditional GET
        last_modified TEXT,
        cache_until   TEXT,                     -- do not fetch again before this (UTC ISO)
        mtime_ns      INTEGER,                  -- local files: change detection without parsing
        size          INTEGER,
        last_attempt  TEXT,
        last_success  TEXT,
        last_error    TEXT,                     -- human message; NULL after a success
        warning       TEXT,                     -- e.g. a malformed but readable feed
        disabled      INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX sources_root ON sources(root)",
    # Articles. State columns (read, starred, saved) are never written by ingestion after
    # the first insert, so re-reading a file or feed cannot reset them.
    """
    CREATE TABLE articles (
        id           INTEGER PRIMARY KEY,
        uid          TEXT NOT NULL UNIQUE,      -- stable identity: GUID, else link, else hash
        source_id    INTEGER NOT NULL REFERENCES sources(id),
        section      TEXT,                      -- the config section, copied from the source
        category     TEXT,                      -- the article's own section ("Foreign Affairs")
        url          TEXT,
        title        TEXT NOT NULL,
        authors      TEXT NOT NULL DEFAULT '',  -- names joined by newlines
        published    TEXT,                      -- ISO 8601 as the source gave it
        updated      TEXT,
        sort_key     TEXT NOT NULL,             -- UTC ISO: published, else updated, else first seen
        site         TEXT,
        dateline     TEXT,
        caption      TEXT,
        editors      TEXT NOT NULL DEFAULT '',
        summary      TEXT,                      -- NULL when it is the opening of the body
        summary_len  INTEGER,                   -- ...then: how much of body_text it is
        body_text    TEXT NOT NULL DEFAULT '',  -- the text, once: for reading, search, snippets
        body         BLOB,                      -- structure only (storage/codec.py); NULL if plain
        language     TEXT,
        tags         TEXT NOT NULL DEFAULT '',
        has_cjk      INTEGER NOT NULL DEFAULT 0, -- also in the CJK character index
        first_seen   TEXT NOT NULL,
        content_hash BLOB NOT NULL,             -- unchanged articles are not rewritten
        read         INTEGER NOT NULL DEFAULT 0,
        starred      INTEGER NOT NULL DEFAULT 0,
        saved        INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX articles_section_sort ON articles(section, sort_key)",
    "CREATE INDEX articles_sort ON articles(sort_key)",
    "CREATE INDEX articles_source_sort ON articles(source_id, sort_key)",
    "CREATE INDEX articles_starred ON articles(sort_key) WHERE starred",
    "CREATE INDEX articles_saved ON articles(sort_key) WHERE saved",
    "CREATE INDEX articles_section_read ON articles(section, read)",  # sidebar counts
    # Full-text index over the article's own columns (external content: no second copy).
    # unicode61 with diacritics removed: "emigre" finds "émigré".
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, authors, summary, body_text,
        content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    # Chinese and Japanese have no spaces between words: unicode61 would index a whole
    # run of characters as one token. This second index holds each CJK character as a
    # token (nr_cjk_split, registered on every connection, spaces them out and puts a
    # barrier between runs), so a word of any length is a phrase query: 政府 is "政 府".
    # Only articles that contain such characters are added, which keeps the file small.
    # Contentless: the text is in `articles`; snippets are made in Python.
    """
    CREATE VIRTUAL TABLE articles_cjk USING fts5(
        text, content='', tokenize='unicode61'
    )
    """,
    # New rows are indexed by the store in one INSERT ... SELECT per batch (see
    # Store._upsert): three times faster than a trigger per row. Deletes and updates
    # keep the indexes in step through these triggers.
    """
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, authors, summary, body_text)
        VALUES ('delete', old.id, old.title, old.authors, old.summary, old.body_text);
        INSERT INTO articles_cjk(articles_cjk, rowid, text)
        SELECT 'delete', old.id, nr_cjk_split(old.title, old.body_text) WHERE old.has_cjk;
    END
    """,
    # Only changes to indexed columns touch the indexes; marking read does not.
    """
    CREATE TRIGGER articles_au AFTER UPDATE OF title, authors, summary, body_text, has_cjk
    ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, authors, summary, body_text)
        VALUES ('delete', old.id, old.title, old.authors, old.summary, old.body_text);
        INSERT INTO articles_cjk(articles_cjk, rowid, text)
        SELECT 'delete', old.id, nr_cjk_split(old.title, old.body_text) WHERE old.has_cjk;
        INSERT INTO articles_fts(rowid, title, authors, summary, body_text)
        VALUES (new.id, new.title, new.authors, new.summary, new.body_text);
        INSERT INTO articles_cjk(rowid, text)
        SELECT new.id, nr_cjk_split(new.title, new.body_text) WHERE new.has_cjk;
    END
    """,
]

SCHEMA_V1.append(
    # Full text fetched from the article's page (`f`, fetch-full, full_text = true): kept
    # beside the feed's version, so the reader can switch back.
    """
    CREATE TABLE article_full (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        body_text  TEXT NOT NULL,
        body       BLOB,
        fetched    TEXT NOT NULL
    )
    """
)

# Libraries made by the first development builds have schema 1 without article_full
# (it was added to SCHEMA_V1 before that was released): give them the table.
SCHEMA_V2 = [
    SCHEMA_V1[-1].replace("CREATE TABLE article_full", "CREATE TABLE IF NOT EXISTS article_full")
]

# Full text fetched with `f` (article_full) is searchable: the index's body_text for an
# article is its feed text followed by its full text, and the CJK index likewise. The
# triggers that keep the indexes in step read article_full; article_full gets its own.
# An article is in the CJK index when its feed text has CJK characters (has_cjk) or it
# has a full text (whose CJK characters may be none: an empty row is harmless), and every
# trigger uses that same rule and the same text, which is what a contentless index needs.
# So articles_fts no longer mirrors its content table word for word: never 'rebuild' it
# from `articles` (full texts would drop out), and its 'integrity-check' with rank 1
# (which compares against the content table) reports those articles; the plain check and
# PRAGMA integrity_check do not compare content and stay clean.
_FULL = "(SELECT body_text FROM article_full WHERE article_id = {row}.id)"
_INDEXED_BODY = "{row}.body_text || coalesce(char(10, 10) || " + _FULL + ", '')"


def _row_out(row: str) -> str:
    """A trigger's statements taking the article `row` (old) out of both indexes."""
    full = _FULL.format(row=row)
    return f"""
        INSERT INTO articles_fts(articles_fts, rowid, title, authors, summary, body_text)
        VALUES ('delete', {row}.id, {row}.title, {row}.authors, {row}.summary,
                {_INDEXED_BODY.format(row=row)});
        INSERT INTO articles_cjk(articles_cjk, rowid, text)
        SELECT 'delete', {row}.id, nr_cjk_split({row}.title, {row}.body_text, {full})
        WHERE {row}.has_cjk OR {full} IS NOT NULL;"""


_ONE = "FROM articles a WHERE a.id = {row}.article_id"
_WITH_FULL = "FROM articles a JOIN article_full f ON f.article_id = a.id"


def _index_out(full: str | None, rows: str) -> str:
    """Statements taking `rows` out of both indexes, as indexed with full text `full`."""
    body = f"a.body_text || char(10, 10) || {full}" if full else "a.body_text"
    split = f"nr_cjk_split(a.title, a.body_text{', ' + full if full else ''})"
    return (
        "INSERT INTO articles_fts(articles_fts, rowid, title, authors, summary, body_text) "
        f"SELECT 'delete', a.id, a.title, a.authors, a.summary, {body} {rows}; "
        "INSERT INTO articles_cjk(articles_cjk, rowid, text) "
        f"SELECT 'delete', a.id, {split} {rows}{'' if full else ' AND a.has_cjk'}"
    )


def _index_in(full: str, rows: str) -> str:
    """Statements putting `rows` back into both indexes with full text `full`."""
    return (
        "INSERT INTO articles_fts(rowid, title, authors, summary, body_text) "
        f"SELECT a.id, a.title, a.authors, a.summary, a.body_text || char(10, 10) || {full} "
        f"{rows}; "
        "INSERT INTO articles_cjk(rowid, text) "
        f"SELECT a.id, nr_cjk_split(a.title, a.body_text, {full}) {rows}"
    )


SCHEMA_V3 = [
    "DROP TRIGGER articles_ad",
    "DROP TRIGGER articles_au",
    # BEFORE: the article's full text is still there (the cascade deletes it after).
    f"""
    CREATE TRIGGER articles_bd BEFORE DELETE ON articles BEGIN
        {_row_out("old")}
    END
    """,
    f"""
    CREATE TRIGGER articles_au AFTER UPDATE OF title, authors, summary, body_text, has_cjk
    ON articles BEGIN
        {_row_out("old")}
        INSERT INTO articles_fts(rowid, title, authors, summary, body_text)
        VALUES (new.id, new.title, new.authors, new.summary, {_INDEXED_BODY.format(row="new")});
        INSERT INTO articles_cjk(rowid, text)
        SELECT new.id, nr_cjk_split(new.title, new.body_text, {_FULL.format(row="new")})
        WHERE new.has_cjk OR {_FULL.format(row="new")} IS NOT NULL;
    END
    """,
    # article_full rows are only ever inserted and updated (save_full_text) and deleted by
    # the cascade from articles, whose trigger has already taken the article out.
    f"""
    CREATE TRIGGER article_full_ai AFTER INSERT ON article_full BEGIN
        {_index_out(None, _ONE.format(row="new"))};
        {_index_in("new.body_text", _ONE.format(row="new"))};
    END
    """,
    f"""
    CREATE TRIGGER article_full_au AFTER UPDATE OF body_text ON article_full BEGIN
        {_index_out("old.body_text", _ONE.format(row="old"))};
        {_index_in("new.body_text", _ONE.format(row="new"))};
    END
    """,
    # Full texts fetched before this version: into the indexes now.
    *_index_out(None, _WITH_FULL).split(";"),
    *_index_in("f.body_text", _WITH_FULL).split(";"),
]

# A subscribed feed's article ids are its own (models.article_id's `scope`): the same
# GUID in two feeds no longer names one article that each rewrites. Stored ids become
# the scoped ones; rows keep their id, state, full text and index entries.
SCHEMA_V4 = [
    "UPDATE articles SET uid = nr_scoped_id('feed:' || source_id, uid) "
    "WHERE source_id IN (SELECT id FROM sources WHERE kind = 'feed')",
]

# A local feed file's article ids are the file's own too (two feed files with the same
# title and GUIDs no longer share articles). A file holding one article keeps its id.
SCHEMA_V5 = [
    "UPDATE articles SET uid = nr_file_item_id(s.key, articles.uid) FROM sources s "
    "WHERE s.id = articles.source_id AND s.kind = 'file'",
]

MIGRATIONS: list[list[str]] = [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5]
"""MIGRATIONS[n] takes a database from user_version n to n + 1."""

VERSION = len(MIGRATIONS)
