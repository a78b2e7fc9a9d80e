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
        section      TEXT,                      -- copied from the source for fast listing
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
        summary      TEXT,
        body_text    TEXT NOT NULL DEFAULT '',  -- plain text, for search and snippets
        body         BLOB,                      -- zlib-compressed JSON blocks (structure)
        language     TEXT,
        tags         TEXT NOT NULL DEFAULT '',
        has_cjk      INTEGER NOT NULL DEFAULT 0, -- indexed by the trigram table too
        first_seen   TEXT NOT NULL,
        content_hash TEXT NOT NULL,             -- unchanged articles are not rewritten
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
    "CREATE INDEX articles_unread ON articles(section) WHERE NOT read",
    # Full-text index over the article's own columns (external content: no second copy).
    # unicode61 with diacritics removed: "emigre" finds "émigré".
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, authors, summary, body_text,
        content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    # Chinese and Japanese have no spaces between words; unicode61 would index whole runs
    # of characters as one token. A trigram index finds 网络安全 inside running text. Only
    # articles that contain such characters are added, which keeps the file small.
    """
    CREATE VIRTUAL TABLE articles_cjk USING fts5(
        title, body_text,
        content='articles', content_rowid='id',
        tokenize='trigram'
    )
    """,
    """
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, authors, summary, body_text)
        VALUES (new.id, new.title, new.authors, new.summary, new.body_text);
        INSERT INTO articles_cjk(rowid, title, body_text)
        SELECT new.id, new.title, new.body_text WHERE new.has_cjk;
    END
    """,
    """
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, authors, summary, body_text)
        VALUES ('delete', old.id, old.title, old.authors, old.summary, old.body_text);
        INSERT INTO articles_cjk(articles_cjk, rowid, title, body_text)
        SELECT 'delete', old.id, old.title, old.body_text WHERE old.has_cjk;
    END
    """,
    # Only changes to indexed columns touch the indexes; marking read does not.
    """
    CREATE TRIGGER articles_au AFTER UPDATE OF title, authors, summary, body_text, has_cjk
    ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, authors, summary, body_text)
        VALUES ('delete', old.id, old.title, old.authors, old.summary, old.body_text);
        INSERT INTO articles_cjk(articles_cjk, rowid, title, body_text)
        SELECT 'delete', old.id, old.title, old.body_text WHERE old.has_cjk;
        INSERT INTO articles_fts(rowid, title, authors, summary, body_text)
        VALUES (new.id, new.title, new.authors, new.summary, new.body_text);
        INSERT INTO articles_cjk(rowid, title, body_text)
        SELECT new.id, new.title, new.body_text WHERE new.has_cjk;
    END
    """,
]

MIGRATIONS: list[list[str]] = [SCHEMA_V1]
"""MIGRATIONS[n] takes a database from user_version n to n + 1."""

VERSION = len(MIGRATIONS)
