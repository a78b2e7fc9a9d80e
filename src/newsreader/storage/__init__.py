"""The library store: sources, articles and their state in one SQLite file.

`Store` is the only way the rest of newsreader touches SQL. Ingestion writes articles in
batched transactions and never writes the state columns of an existing row; the UI and
CLI read pages of rows and flip state. All errors leave as StorageError or QueryError.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple, TypeVar, cast

import brotli

from newsreader.errors import QueryError, StorageError
from newsreader.models import (
    Article,
    ArticleRow,
    Block,
    SearchHit,
    SectionCount,
    SourceInfo,
    dated_sort_key,
)
from newsreader.query import ArticleQuery, Sort
from newsreader.query.scripts import cjk_split, has_cjk
from newsreader.query.spans import Needle, Span, find_spans, needles_from_query
from newsreader.storage.codec import body_text, decode_body, encode_html, encode_structure
from newsreader.storage.db import ConnectionFactory, transaction, wrap_errors
from newsreader.storage.search import BM25_WEIGHTS, CompiledQuery, compile_query

T = TypeVar("T")

__all__ = ["FeedState", "FileState", "IngestCounts", "Prepared", "Store", "prepare"]

RANK_WINDOW = 25_000
"""Matches ranked at most per search; beyond it only the most recent are (see _rank_floor)."""

# The source name a list shows: a feed's own title; for a local file, the outlet it names.
_SOURCE_NAME = "COALESCE(CASE WHEN s.kind = 'feed' THEN s.title END, a.site, s.title, '')"
_ROW_COLUMNS = (
    f"a.uid, a.title, {_SOURCE_NAME}, a.section, a.url, a.published, "
    "a.sort_key, a.site, a.authors, a.read, a.starred, a.saved"
)


def now_iso() -> str:
    """The current UTC time as stored (second precision, no offset)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _row(values: Sequence[object]) -> ArticleRow:
    return ArticleRow(
        uid=str(values[0]),
        title=str(values[1]),
        source=str(values[2]),
        section=values[3] if isinstance(values[3], str) else None,
        url=values[4] if isinstance(values[4], str) else None,
        published=values[5] if isinstance(values[5], str) else None,
        sort_key=str(values[6]),
        site=values[7] if isinstance(values[7], str) else None,
        authors=tuple(str(values[8]).split("\n")) if values[8] else (),
        read=bool(values[9]),
        starred=bool(values[10]),
        saved=bool(values[11]),
        muted_by=values[12] if len(values) > 12 and isinstance(values[12], str) else None,
    )


@dataclass(frozen=True, slots=True)
class FileState:
    """What the store remembers of a local file, to skip it when unchanged."""

    source_id: int
    mtime_ns: int | None
    size: int | None


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the store remembers of a feed, for polite refreshing."""

    source_id: int
    etag: str | None
    last_modified: str | None
    cache_until: str | None
    last_success: str | None
    disabled: bool


@dataclass
class IngestCounts:
    """How an ingest went for a batch of articles."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_uids: list[str] = field(default_factory=list)

    def add(self, other: IngestCounts) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.new_uids.extend(other.new_uids)


class Prepared(NamedTuple):
    """An article as the columns it is stored as, ready for the SQL to run.

    Made by `prepare` (pure, no database), so refresh can do this CPU work in its worker
    processes and the process that writes only writes. A tuple of plain values: a cold
    refresh sends 25,000 of these between processes, and a tuple unpickles several
    times faster than the Article it came from.
    """

    uid: str
    columns: tuple[object, ...]
    """Values for ARTICLE_COLUMNS, in that order."""
    sort_key: str | None
    """Published, else updated, as stored; None to sort by when it was first seen."""
    cjk_text: str | bytes | None

    def packed(self) -> Prepared:
        """The body text and its CJK index text as UTF-8 bytes, to cross to another process.

        Text is pickled as UTF-8 anyway; as bytes it is neither decoded on arrival nor
        encoded again for SQLite, which reads it back as TEXT (`_TEXT_MARK`). The writing
        process of a cold refresh is the busy one: this is a tenth of its work.
        """
        text = self.columns[_BODY_TEXT]
        if not isinstance(text, str):
            return self
        columns = list(self.columns)
        columns[_BODY_TEXT] = text.encode("utf-8")
        cjk = self.cjk_text.encode("utf-8") if isinstance(self.cjk_text, str) else self.cjk_text
        return self._replace(columns=tuple(columns), cjk_text=cjk)

    @property
    def digest(self) -> bytes:
        """The content hash (the last column): unchanged articles are not rewritten."""
        return cast(bytes, self.columns[-1])

    @property
    def url(self) -> str | None:
        url = self.columns[0]
        return url if isinstance(url, str) else None


ARTICLE_COLUMNS = (
    "url, title, authors, published, updated, category, site, dateline, caption, editors, "
    "summary, summary_len, body_text, body, language, tags, has_cjk, content_hash"
)
"""The columns `Prepared.columns` holds: everything the source decides, no state."""
_BODY_TEXT = ARTICLE_COLUMNS.split(", ").index("body_text")
_TEXT_MARK = "CAST(? AS TEXT)"
"""body_text's placeholder: a packed (UTF-8 bytes) value is stored as TEXT, not a BLOB."""
_MARKS = [_TEXT_MARK if c == "body_text" else "?" for c in ARTICLE_COLUMNS.split(", ")]
_COLUMN_MARKS = ", ".join(_MARKS)
_ASSIGNMENTS = ", ".join(
    f"{c} = {m}" for c, m in zip(ARTICLE_COLUMNS.split(", "), _MARKS, strict=True)
)
"""The UPDATE's SET list for ARTICLE_COLUMNS, made once."""


def prepare(article: Article) -> Prepared:
    """Work out the columns an article is stored as."""
    if article.html is not None:
        text = article.text or ""
        structure: bytes | None = encode_html(article.html)
    else:
        text = body_text(article.body)
        structure = encode_structure(article.body)
    summary, summary_len = _stored_summary(article.summary, text)
    cjk = has_cjk(article.title) or has_cjk(text)
    columns = (
        article.url,
        article.title,
        "\n".join(article.authors),
        article.published,
        article.updated,
        article.section,
        article.site,
        article.dateline,
        article.caption,
        "\n".join(article.editors),
        summary,
        summary_len,
        text,
        structure,
        article.language,
        "\n".join(article.tags),
        int(cjk),
        _content_hash(article, text, structure),
    )
    return Prepared(
        uid=article.id,
        columns=columns,
        sort_key=dated_sort_key(article),
        cjk_text=cjk_split(article.title, text) if cjk else None,
    )


def _content_hash(article: Article, text: str, structure: bytes | None) -> bytes:
    """What decides whether a stored article changed: every field the source gives.

    A feed item's kept HTML is hashed as text, not as its compressed bytes, so a new
    compressor never makes every stored article look changed.
    """
    fields = "\0".join(
        value or ""
        for value in (
            article.title,
            "\n".join(article.authors),
            article.published,
            article.updated,
            article.url,
            article.site,
            article.dateline,
            article.caption,
            "\n".join(article.editors),
            article.summary,
            article.language,
            "\n".join(article.tags),
            article.section,
            text,
        )
    )
    digest = hashlib.blake2b(fields.encode("utf-8", "surrogatepass"), digest_size=8)
    if article.html is not None:
        digest.update(b"\0html\0" + article.html.encode("utf-8", "surrogatepass"))
    else:
        digest.update(b"\0" + (structure or b""))
    return digest.digest()


class Store:
    """The library database; safe to use from several threads (one connection each)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._factory = ConnectionFactory(path)

    @property
    def conn(self) -> sqlite3.Connection:
        return self._factory.get()

    def close(self) -> None:
        self._factory.close()

    def close_thread(self) -> None:
        """Release this thread's connection (call it from a thread that is finishing)."""
        self._factory.close_current()

    # --- sources ------------------------------------------------------------------

    def ensure_feed_sources(self, feeds: Sequence[tuple[str, str, str | None]]) -> None:
        """ensure_feed_source for many (url, section, title) at once, in one transaction."""
        with transaction(self.conn, "saving feed sources") as conn:
            # Articles follow their source's section; only a source that moved needs its
            # articles touched (every refresh calls this for every feed).
            known = dict(conn.execute("SELECT key, section FROM sources WHERE kind = 'feed'"))
            for url, section, title in feeds:
                conn.execute(
                    "INSERT INTO sources(key, kind, section, title) VALUES (?, 'feed', ?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET section = excluded.section, "
                    "title = COALESCE(excluded.title, sources.title) "
                    "WHERE sources.section IS NOT excluded.section "
                    "OR (excluded.title IS NOT NULL AND sources.title IS NOT excluded.title)",
                    (url, section, title),
                )
                if url in known and known[url] != section:
                    conn.execute(
                        "UPDATE articles SET section = ? WHERE section IS NOT ? AND source_id = "
                        "(SELECT id FROM sources WHERE key = ?)",
                        (section, section, url),
                    )

    def ensure_feed_source(self, url: str, section: str, title: str | None = None) -> int:
        """The id of the feed source for `url`, creating it; its section is updated."""
        with transaction(self.conn, "saving a feed source") as conn:
            conn.execute(
                "INSERT INTO sources(key, kind, section, title) VALUES (?, 'feed', ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET section = excluded.section, "
                "title = COALESCE(excluded.title, sources.title)",
                (url, section, title),
            )
            source_id = int(
                conn.execute("SELECT id FROM sources WHERE key = ?", (url,)).fetchone()[0]
            )
            conn.execute(
                "UPDATE articles SET section = ? WHERE source_id = ? AND section IS NOT ?",
                (section, source_id, section),
            )
        return source_id

    def feed_states(self) -> dict[str, FeedState]:
        """What the store remembers of every feed source, by URL."""
        with self._reading():
            rows = self.conn.execute(
                "SELECT id, key, etag, last_modified, cache_until, last_success, disabled "
                "FROM sources WHERE kind = 'feed'"
            ).fetchall()
        return {
            str(key): FeedState(int(i), etag, modified, until, success, bool(disabled))
            for i, key, etag, modified, until, success, disabled in rows
        }

    def record_fetch_in(
        self,
        conn: sqlite3.Connection,
        source_id: int,
        *,
        ok: bool,
        etag: str | None = None,
        last_modified: str | None = None,
        cache_until: str | None = None,
        error: str | None = None,
        warning: str | None = None,
        title: str | None = None,
        disable: bool = False,
    ) -> None:
        """Remember how a fetch went, in a transaction the caller holds (see
        `write_batch`); validators and title only change on success."""
        stamp = now_iso()
        if ok:
            conn.execute(
                "UPDATE sources SET etag = ?, last_modified = ?, cache_until = ?, "
                "last_attempt = ?, last_success = ?, last_error = NULL, warning = ?, "
                "title = COALESCE(title, ?) WHERE id = ?",
                (etag, last_modified, cache_until, stamp, stamp, warning, title, source_id),
            )
        else:
            conn.execute(
                "UPDATE sources SET last_attempt = ?, last_error = ?, cache_until = ?, "
                "disabled = disabled OR ? WHERE id = ?",
                (stamp, error, cache_until, int(disable), source_id),
            )

    def write_batch(
        self, jobs: Sequence[Callable[[sqlite3.Connection], T]], what: str
    ) -> list[T | Exception]:
        """Run write jobs in one transaction, each job's result or error in its place.

        One commit for many feeds is what makes a cold refresh fast: SQLite and the
        search index pay per transaction. If the shared transaction fails, every job
        runs again in its own, so one bad feed fails alone and the rest are kept; but
        not when the library is locked by another writer: each job would only wait out
        the busy timeout again.
        """
        try:
            with transaction(self.conn, what) as conn:
                return [job(conn) for job in jobs]
        except Exception as exc:  # noqa: BLE001 - handed back to the job's caller
            if len(jobs) == 1 or _locked(exc):
                return [exc] * len(jobs)
        results: list[T | Exception] = []
        for job in jobs:
            try:
                with transaction(self.conn, what) as conn:
                    results.append(job(conn))
            except Exception as exc:  # noqa: BLE001 - as above, per job
                results.append(exc)
        return results

    def upsert_articles_in(
        self,
        conn: sqlite3.Connection,
        source_id: int,
        section: str | None,
        articles: Sequence[Article | Prepared],
    ) -> IngestCounts:
        """`upsert_articles` inside a transaction the caller holds (see `write_batch`)."""
        return self._upsert(conn, source_id, section, articles, now_iso())

    def rename_feed(self, old: str, new: str) -> None:
        """A feed moved for good (301/308): keep its id, articles and state under the new URL."""
        with transaction(self.conn, "renaming a feed") as conn:
            taken = conn.execute("SELECT id FROM sources WHERE key = ?", (new,)).fetchone()
            if taken is None:
                conn.execute("UPDATE sources SET key = ? WHERE key = ?", (new, old))

    def assign_sections(self, feeds: dict[str, str], roots: dict[str, str]) -> None:
        """Make the store's sections follow the config: `feeds` maps URL to section, `roots`
        maps a configured path to section. Sources in neither are orphaned (section NULL)
        but keep their articles, so a typo in the config loses nothing."""
        with transaction(self.conn, "updating sections") as conn:
            rows = conn.execute("SELECT id, key, kind, root, section FROM sources").fetchall()
            for source_id, key, kind, root, section in rows:
                wanted = feeds.get(key) if kind == "feed" else roots.get(root or "")
                if wanted != section:
                    conn.execute("UPDATE sources SET section = ? WHERE id = ?", (wanted, source_id))
                    conn.execute(
                        "UPDATE articles SET section = ? WHERE source_id = ?", (wanted, source_id)
                    )

    def file_states(self, root: str) -> dict[str, FileState]:
        """The local files known under a configured path, by absolute path."""
        with wrap_errors("reading the library"):
            rows = self.conn.execute(
                "SELECT key, id, mtime_ns, size FROM sources WHERE kind = 'file' AND root = ?",
                (root,),
            ).fetchall()
        return {key: FileState(sid, mtime, size) for key, sid, mtime, size in rows}

    def record_file(
        self,
        key: str,
        root: str,
        section: str,
        articles: Sequence[Article],
        *,
        mtime_ns: int,
        size: int,
        error: str | None = None,
        warning: str | None = None,
    ) -> IngestCounts:
        """Store one local file's articles (or its error) in one transaction.

        Articles that the file no longer contains are removed, unless starred or saved.
        """
        stamp = now_iso()
        with transaction(self.conn, f"saving {key}") as conn:
            conn.execute(
                "INSERT INTO sources(key, kind, root, section, mtime_ns, size, last_attempt, "
                "last_success, last_error, warning) VALUES (?, 'file', ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET root = excluded.root, section = excluded.section, "
                "mtime_ns = excluded.mtime_ns, size = excluded.size, "
                "last_attempt = excluded.last_attempt, "
                "last_success = COALESCE(excluded.last_success, sources.last_success), "
                "last_error = excluded.last_error, warning = excluded.warning",
                (
                    key,
                    root,
                    section,
                    mtime_ns,
                    size,
                    stamp,
                    None if error else stamp,
                    error,
                    warning,
                ),
            )
            source_id = int(
                conn.execute("SELECT id FROM sources WHERE key = ?", (key,)).fetchone()[0]
            )
            if articles:
                conn.execute(
                    "UPDATE sources SET title = ? WHERE id = ?", (articles[0].source, source_id)
                )
            if error is not None:
                return IngestCounts()
            counts = self._upsert(conn, source_id, section, articles, stamp)
            keep = [a.id for a in articles]
            marks = ",".join("?" * len(keep))
            conn.execute(
                f"DELETE FROM articles WHERE source_id = ? AND NOT starred AND NOT saved "
                f"AND uid NOT IN ({marks})",
                (source_id, *keep),
            )
        return counts

    def upsert_articles(
        self, source_id: int, section: str | None, articles: Sequence[Article | Prepared]
    ) -> IngestCounts:
        """Insert or update a batch of one source's articles in one transaction."""
        with transaction(self.conn, "saving articles") as conn:
            return self.upsert_articles_in(conn, source_id, section, articles)

    def _upsert(
        self,
        conn: sqlite3.Connection,
        source_id: int,
        section: str | None,
        articles: Iterable[Article | Prepared],
        stamp: str,
    ) -> IngestCounts:
        """Insert new articles and update changed ones, as a few batched statements.

        New rows are added to the search indexes by one INSERT ... SELECT per batch rather
        than a trigger per row (three times faster; updates and deletes keep triggers).
        """
        counts = IngestCounts()
        batch: dict[str, Prepared] = {}
        for item in articles:  # a feed that repeats an item: the last one wins
            ready = item if isinstance(item, Prepared) else prepare(item)
            batch[ready.uid] = ready
        if not batch:
            return counts
        existing: dict[str, tuple[int, bytes, str]] = {}
        uids = list(batch)
        for start in range(0, len(uids), 500):
            chunk = uids[start : start + 500]
            for uid, row_id, digest, first_seen in conn.execute(
                f"SELECT uid, id, content_hash, first_seen FROM articles "
                f"WHERE uid IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                existing[uid] = (row_id, digest, first_seen)
        inserts: list[tuple[object, ...]] = []
        updates: list[tuple[object, ...]] = []
        moves: list[tuple[object, ...]] = []
        cjk: dict[str, str | bytes] = {}
        for ready in batch.values():
            old = existing.get(ready.uid)
            if old is not None and old[1] == ready.digest:
                counts.unchanged += 1
                if section is not None:
                    moves.append((source_id, section, old[0], source_id, section))
                continue
            if old is None:
                # read, starred and saved start at 0: they are the reader's, never the source's
                inserts.append(
                    (
                        source_id,
                        section,
                        ready.sort_key or stamp,
                        *ready.columns,
                        ready.uid,
                        stamp,
                    )
                )
                if ready.cjk_text is not None:
                    cjk[ready.uid] = ready.cjk_text
                counts.new += 1
                counts.new_uids.append(ready.uid)
            else:
                updates.append(
                    (source_id, section, ready.sort_key or old[2], *ready.columns, old[0])
                )
                counts.updated += 1
        if moves:
            conn.executemany(
                "UPDATE articles SET source_id = ?, section = ? WHERE id = ? "
                "AND (source_id IS NOT ? OR section IS NOT ?)",
                moves,
            )
        if updates:
            # State columns (read, starred, saved) are deliberately not in this list.
            conn.executemany(
                f"UPDATE articles SET source_id = ?, section = ?, sort_key = ?, {_ASSIGNMENTS} "
                "WHERE id = ?",
                updates,
            )
        if inserts:
            before = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
            conn.executemany(
                f"INSERT INTO articles(source_id, section, sort_key, {ARTICLE_COLUMNS}, uid, "
                f"first_seen) VALUES (?, ?, ?, {_COLUMN_MARKS}, ?, ?)",
                inserts,
            )
            conn.execute(
                "INSERT INTO articles_fts(rowid, title, authors, summary, body_text) "
                "SELECT id, title, authors, summary, body_text FROM articles WHERE id > ?",
                (before,),
            )
            if cjk:
                ids = conn.execute(
                    "SELECT uid, id FROM articles WHERE id > ? AND has_cjk", (before,)
                ).fetchall()
                conn.executemany(
                    f"INSERT INTO articles_cjk(rowid, text) VALUES (?, {_TEXT_MARK})",
                    [(row_id, cjk[uid]) for uid, row_id in ids if uid in cjk],
                )
        return counts

    def remove_files(self, keys: Iterable[str]) -> int:
        """Forget local files that are gone; their starred and saved articles stay."""
        removed = 0
        with transaction(self.conn, "removing deleted files") as conn:
            for key in keys:
                row = conn.execute("SELECT id FROM sources WHERE key = ?", (key,)).fetchone()
                if row is None:
                    continue
                removed += conn.execute(
                    "DELETE FROM articles WHERE source_id = ? AND NOT starred AND NOT saved",
                    (row[0],),
                ).rowcount
                left = conn.execute("SELECT 1 FROM articles WHERE source_id = ? LIMIT 1", (row[0],))
                if left.fetchone() is None:
                    conn.execute("DELETE FROM sources WHERE id = ?", (row[0],))
                else:
                    conn.execute(
                        "UPDATE sources SET root = NULL, mtime_ns = NULL, size = NULL, "
                        "last_error = 'the file was deleted' WHERE id = ?",
                        (row[0],),
                    )
        return removed

    def sources_in_section(self, section: str) -> list[SourceInfo]:
        """The section's sources with their counts and last error, by name."""
        with self._reading():
            rows = self.conn.execute(
                "SELECT s.id, COALESCE(s.title, s.key), s.kind, s.key, count(a.id), "
                "coalesce(sum(NOT a.read), 0), s.last_error, s.warning "
                "FROM sources s LEFT JOIN articles a ON a.source_id = s.id "
                "WHERE s.section = ? GROUP BY s.id "
                "ORDER BY COALESCE(s.title, s.key) COLLATE NOCASE",
                (section,),
            ).fetchall()
        return [
            SourceInfo(
                int(i),
                str(name),
                str(kind),
                str(key),
                int(total),
                int(unread),
                err if isinstance(err, str) else None,
                warn if isinstance(warn, str) else None,
            )
            for i, name, kind, key, total, unread, err, warn in rows
        ]

    def source_errors(self) -> list[tuple[str, str]]:
        """(source, error) for every source whose last read failed."""
        with wrap_errors("reading the library"):
            return [
                (str(k), str(e))
                for k, e in self.conn.execute(
                    "SELECT key, last_error FROM sources WHERE last_error IS NOT NULL ORDER BY key"
                )
            ]

    # --- reading --------------------------------------------------------------------

    def _mute_case(self, query: ArticleQuery) -> tuple[str, list[object]]:
        """SQL naming the first mute rule that hides a row (NULL when none does)."""
        if not query.mutes:
            return "NULL", []
        from newsreader.query.language import parse_query

        whens = []
        params: list[object] = []
        for text, sections in query.mutes:
            compiled = compile_query(parse_query(text))
            condition = compiled.where
            if sections:
                condition = (
                    f"a.section IN ({','.join('?' * len(sections))}) COLLATE NOCASE AND {condition}"
                )
                params.extend(sections)
            params.extend(compiled.params)
            whens.append(f"WHEN {condition} THEN ?")
            params.append(text)
        return f"(CASE {' '.join(whens)} ELSE NULL END)", params

    def _where(self, query: ArticleQuery) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if query.mutes and (query.only_muted or not query.show_muted):
            case, case_params = self._mute_case(query)
            clauses.append(f"{case} IS {'NOT ' if query.only_muted else ''}NULL")
            params.extend(case_params)
        if query.sections is not None:
            clauses.append(f"a.section IN ({','.join('?' * len(query.sections))})")
            params.extend(query.sections)
        else:
            clauses.append("a.section IS NOT NULL")
        if query.source_id is not None:
            clauses.append("a.source_id = ?")
            params.append(query.source_id)
        if query.unread:
            clauses.append("NOT a.read")
        if query.starred:
            clauses.append("a.starred")
        if query.saved:
            clauses.append("a.saved")
        if query.uids is not None:
            clauses.append(f"a.uid IN ({','.join('?' * len(query.uids))})")
            params.extend(query.uids)
        if query.after_id is not None:
            clauses.append("a.id > ?")
            params.append(query.after_id)
        if query.text:
            from newsreader.query.language import parse_query

            compiled = compile_query(parse_query(query.text), query.after_id)
            clauses.append(compiled.where)
            params.extend(compiled.params)
        if query.starred or query.saved:
            # Starred and saved articles are shown even when their source left the config.
            clauses = [c for c in clauses if c != "a.section IS NOT NULL"]
        return " AND ".join(clauses) or "1", params

    def list_articles(self, query: ArticleQuery) -> list[ArticleRow]:
        """One page of rows matching `query`, in its order."""
        where, params = self._where(query)
        order = {
            Sort.NEWEST: "a.sort_key DESC, a.id DESC",
            Sort.OLDEST: "a.sort_key ASC, a.id ASC",
            Sort.TITLE: "a.title COLLATE NOCASE ASC, a.id ASC",
        }[query.sort]
        case, case_params = self._mute_case(query)
        sql = (
            f"SELECT {_ROW_COLUMNS}, {case} FROM articles a JOIN sources s ON s.id = a.source_id "
            f"WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
        )
        limit = query.limit if query.limit is not None else -1
        with self._reading():
            rows = self.conn.execute(sql, (*case_params, *params, limit, query.offset)).fetchall()
        return [_row(r) for r in rows]

    def position(self, query: ArticleQuery, uid: str) -> int | None:
        """Where `uid` is in the list `query` gives (0 = first), None if not in it.

        One count over the rows that sort before it: a list keeps its reader's place
        however far down, without paging through everything above.
        """
        where, params = self._where(query)
        column = "a.title COLLATE NOCASE" if query.sort is Sort.TITLE else "a.sort_key"
        before = "<" if query.sort in (Sort.OLDEST, Sort.TITLE) else ">"
        with self._reading():
            found = self.conn.execute(
                f"SELECT {column}, a.id FROM articles a WHERE a.uid = ? AND {where}",
                (uid, *params),
            ).fetchone()
            if found is None:
                return None
            key, row_id = found
            (count,) = self.conn.execute(
                f"SELECT count(*) FROM articles a WHERE {where} AND "
                f"({column} {before} ? OR ({column} = ? AND a.id {before} ?))",
                (*params, key, key, row_id),
            ).fetchone()
        return int(count)

    def count_with_unread(self, query: ArticleQuery) -> tuple[int, int]:
        """(matching articles, of which unread) in one pass."""
        where, params = self._where(query)
        with self._reading():
            total, unread = self.conn.execute(
                f"SELECT count(*), coalesce(sum(NOT a.read), 0) FROM articles a WHERE {where}",
                params,
            ).fetchone()
        return int(total), int(unread)

    def count(self, query: ArticleQuery) -> int:
        where, params = self._where(query)
        with self._reading():
            return int(
                self.conn.execute(
                    f"SELECT count(*) FROM articles a WHERE {where}", params
                ).fetchone()[0]
            )

    def section_counts(self, mutes: ArticleQuery | None = None) -> list[SectionCount]:
        """Total and unread articles per section (muted ones left out, given the rules)."""
        where = "a.section IS NOT NULL"
        params: list[object] = []
        if mutes is not None and mutes.mutes:
            case, params = self._mute_case(mutes)
            where += f" AND {case} IS NULL"
        with self._reading():
            rows = self.conn.execute(
                f"SELECT a.section, count(*), sum(NOT a.read) FROM articles a "
                f"WHERE {where} GROUP BY a.section",
                params,
            ).fetchall()
        return [
            SectionCount(str(name), int(total), int(unread or 0)) for name, total, unread in rows
        ]

    def save_full_text(self, uid: str, body: tuple[Block, ...]) -> bool:
        """Keep the full text of an article (and mark it saved); False if unknown."""
        text = body_text(body)
        structure = encode_structure(body)
        with transaction(self.conn, "saving the full text") as conn:
            row = conn.execute("SELECT id FROM articles WHERE uid = ?", (uid,)).fetchone()
            if row is None:
                return False
            conn.execute(
                "INSERT INTO article_full(article_id, body_text, body, fetched) "
                "VALUES (?, ?, ?, ?) "
                "ON CONFLICT(article_id) DO UPDATE SET body_text = excluded.body_text, "
                "body = excluded.body, fetched = excluded.fetched",
                (row[0], text, structure, now_iso()),
            )
            conn.execute("UPDATE articles SET saved = 1 WHERE id = ?", (row[0],))
        return True

    def get_article(self, uid: str, *, full: bool = True) -> Article | None:
        """The whole article, body included: the fetched full text when there is one
        (unless `full` is False: then the feed's own version)."""
        with self._reading():
            row = self.conn.execute(
                f"SELECT a.uid, {_SOURCE_NAME}, a.title, a.url, a.authors, "
                "a.published, a.updated, a.category, a.site, a.dateline, a.caption, a.editors, "
                "a.summary, a.body, a.language, a.read, a.starred, a.saved, a.tags, "
                "a.body_text, a.summary_len "
                "FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.uid = ?",
                (uid,),
            ).fetchone()
            if row is None:
                return None
            full_row = None
            if full:
                full_row = self.conn.execute(
                    "SELECT f.body_text, f.body FROM article_full f JOIN articles a "
                    "ON a.id = f.article_id WHERE a.uid = ?",
                    (uid,),
                ).fetchone()
        try:
            body = (
                decode_body(str(full_row[0]), full_row[1])
                if full_row
                else decode_body(str(row[19] or ""), row[13], row[3])
            )
        except (ValueError, LookupError, zlib.error, brotli.error) as exc:
            raise StorageError(
                f"reading '{row[2]}': its stored text is damaged ({type(exc).__name__})"
            ) from None

        def names(value: object) -> tuple[str, ...]:
            return tuple(str(value).split("\n")) if value else ()

        return Article(
            id=row[0],
            source=row[1],
            title=row[2],
            url=row[3],
            authors=names(row[4]),
            published=row[5],
            updated=row[6],
            section=row[7],
            site=row[8],
            dateline=row[9],
            caption=row[10],
            editors=names(row[11]),
            summary=row[12] if row[20] is None else _summary_from(str(row[19]), int(row[20])),
            body=body,
            full_text=full_row is not None,
            language=row[14],
            read=bool(row[15]),
            starred=bool(row[16]),
            saved=bool(row[17]),
            tags=names(row[18]),
        )

    def set_state(
        self,
        uids: Sequence[str],
        *,
        read: bool | None = None,
        starred: bool | None = None,
        saved: bool | None = None,
    ) -> int:
        """Change read/starred/saved; returns how many of the uids exist."""
        changes = [
            (col, val)
            for col, val in (("read", read), ("starred", starred), ("saved", saved))
            if val is not None
        ]
        if not changes or not uids:
            return 0
        sets = ", ".join(f"{col} = ?" for col, _ in changes)
        found = 0
        with transaction(self.conn, "saving article state") as conn:
            for uid in uids:
                cur = conn.execute(
                    f"UPDATE articles SET {sets} WHERE uid = ?",
                    (*(int(v) for _, v in changes), uid),
                )
                found += cur.rowcount
        return found

    def search(
        self, text: str, *, limit: int = 50, sections: tuple[str, ...] | None = None
    ) -> list[SearchHit]:
        """Ranked full-text search (bm25, title weighted) with highlight spans.

        Two steps: find the ids and scores of the best `limit` matches (the index alone
        when the query is pure FTS), then read just those rows and their text.
        """
        from newsreader.query.language import parse_query

        compiled = compile_query(parse_query(text))
        with self._reading():
            ranked = self._ranked_ids(compiled, limit, sections)
            if not ranked:
                return []
            marks = ",".join("?" * len(ranked))
            rows = self.conn.execute(
                # A fetched full text is searched too, and it is what the pane shows.
                f"SELECT {_ROW_COLUMNS}, a.id, substr(coalesce((SELECT f.body_text || "
                "char(10, 10) FROM article_full f WHERE f.article_id = a.id), '') "
                "|| a.body_text, 1, 50000) "
                f"FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id IN ({marks})",
                [article_id for article_id, _ in ranked],
            ).fetchall()
        by_id = {int(values[12]): values for values in rows}
        terms = needles_from_query(text)
        hits = []
        for article_id, score in ranked:
            values = by_id.get(article_id)
            if values is None:
                continue
            row = _row(values[:12])
            snippet, spans = _snippet(str(values[13] or ""), terms)
            hits.append(
                SearchHit(
                    row=row,
                    score=-score,
                    snippet=snippet,
                    snippet_spans=tuple(spans),
                    title_spans=tuple(find_spans(row.title, terms)),
                )
            )
        return hits

    def _rank_floor(self, fts: str) -> int:
        """The lowest rowid worth ranking for this FTS query.

        Ranking costs about a microsecond per match, so a query that matches most of a
        large library ("the") ranks only its RANK_WINDOW most recent matches: the best
        of the recent news, at a bounded cost. Counting and skipping are cheap.
        """
        floor = self.conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (fts, RANK_WINDOW - 1),
        ).fetchone()
        return int(floor[0]) if floor else 0

    def _ranked_ids(
        self, compiled: CompiledQuery, limit: int, sections: tuple[str, ...] | None
    ) -> list[tuple[int, float]]:
        """(article id, bm25 score; lower is better) of the best matches, best first."""
        if sections is None:
            section_sql, section_params = "a.section IS NOT NULL", []
        else:
            section_sql = f"a.section IN ({','.join('?' * len(sections))})"
            section_params = list(sections)
        if compiled.fts is not None and sections is None:
            # The index alone ranks; orphaned articles (section NULL) are dropped after,
            # from a few extra rows fetched for the purpose.
            rows = self.conn.execute(
                f"SELECT rowid, bm25(articles_fts, {BM25_WEIGHTS}) AS score FROM articles_fts "
                "WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY score LIMIT ?",
                (compiled.fts, self._rank_floor(compiled.fts), limit + 50),
            ).fetchall()
            ids = [int(r[0]) for r in rows]
            marks = ",".join("?" * len(ids))
            orphans = {
                int(r[0])
                for r in self.conn.execute(
                    f"SELECT id FROM articles WHERE id IN ({marks}) AND section IS NULL", ids
                )
            }
            return [(int(i), float(score)) for i, score in rows if int(i) not in orphans][:limit]
        if compiled.fts is not None:
            sql = (
                f"SELECT f.rowid, bm25(articles_fts, {BM25_WEIGHTS}) AS score FROM articles_fts f "
                f"JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ? AND f.rowid >= ? "
                f"AND {section_sql} ORDER BY score LIMIT ?"
            )
            floor = self._rank_floor(compiled.fts)
            rows = self.conn.execute(sql, [compiled.fts, floor, *section_params, limit]).fetchall()
            return [(int(i), float(score)) for i, score in rows]
        joins = []
        params: list[object] = []
        score = "0.0"
        if compiled.rank_fts:
            joins.append(
                f"LEFT JOIN (SELECT rowid AS id, bm25(articles_fts, {BM25_WEIGHTS}) AS score "
                "FROM articles_fts WHERE articles_fts MATCH ?) r ON r.id = a.id"
            )
            params.append(compiled.rank_fts)
            score = "COALESCE(r.score, 0.0)"
        if compiled.rank_cjk:
            joins.append(
                "LEFT JOIN (SELECT rowid AS id, bm25(articles_cjk) AS score "
                "FROM articles_cjk WHERE articles_cjk MATCH ?) c ON c.id = a.id"
            )
            params.append(compiled.rank_cjk)
            score = f"({score} + COALESCE(c.score, 0.0))"
        sql = (
            f"SELECT a.id, {score} AS score FROM articles a {' '.join(joins)} "
            f"WHERE {section_sql} AND {compiled.where} ORDER BY score, a.sort_key DESC LIMIT ?"
        )
        rows = self.conn.execute(
            sql, [*params, *section_params, *compiled.params, limit]
        ).fetchall()
        return [(int(i), float(score)) for i, score in rows]

    def prune(self, keep_read_per_source: int) -> int:
        """Drop the oldest read articles beyond `keep_read_per_source` per source.

        Starred and saved articles are kept forever, and unread ones are never dropped.
        """
        with transaction(self.conn, "pruning old articles") as conn:
            return conn.execute(
                "DELETE FROM articles WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER "
                "(PARTITION BY source_id ORDER BY sort_key DESC) AS n FROM articles "
                "WHERE read AND NOT starred AND NOT saved) WHERE n > ?)",
                (keep_read_per_source,),
            ).rowcount

    def last_article_id(self) -> int:
        """The highest article row id: articles added later have higher ones."""
        with self._reading():
            return int(self.conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])

    def uids_with_prefix(self, prefix: str, limit: int = 2) -> list[str]:
        """Article ids starting with `prefix` (up to `limit`, enough to spot ambiguity)."""
        escaped = prefix.replace("\\", "").replace("%", "").replace("_", "")
        with self._reading():
            rows = self.conn.execute(
                "SELECT uid FROM articles WHERE uid >= ? AND uid < ? ORDER BY uid LIMIT ?",
                (escaped, escaped + "\uffff", limit),
            ).fetchall()
        return [str(r[0]) for r in rows]

    def integrity_ok(self) -> bool:
        with wrap_errors("checking the library"):
            return bool(self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    def _reading(self) -> _Reading:
        return _Reading()


def library_failure(exc: BaseException) -> bool:
    """Whether a write failed for the whole library (locked, read-only, disk full, damaged)
    rather than for the values written: then every other write would fail the same way."""
    cause = exc.__cause__
    return isinstance(cause, sqlite3.OperationalError) or (
        isinstance(cause, sqlite3.DatabaseError)
        and ("malformed" in str(cause) or "not a database" in str(cause))
    )


def _locked(exc: BaseException) -> bool:
    """Whether a write failed because another connection holds the library's lock."""
    cause = exc.__cause__
    return isinstance(cause, sqlite3.OperationalError) and (
        "locked" in str(cause) or "busy" in str(cause)
    )


def _stored_summary(summary: str | None, text: str) -> tuple[str | None, int | None]:
    """(summary, None) to store a summary, or (None, length) when it opens the body.

    Feeds' summaries are usually the first sentences of the article: storing a length
    instead of the words keeps the text in the library once.
    """
    if not summary:
        return None, None
    stem = summary[:-1] if summary.endswith("…") else summary
    if stem and text.startswith(stem):
        return None, len(stem) if summary.endswith("…") else -len(stem)
    return summary, None


def _summary_from(text: str, length: int) -> str:
    """The summary back from the body: a negative length means it was whole, not cut."""
    return text[:-length] if length < 0 else text[:length] + "…"


class _Reading:
    """Error translation for reads, with FTS query errors reported as query errors."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, sqlite3.OperationalError) and "fts5" in str(exc):
            raise QueryError(f"the search query could not be run: {exc}") from exc
        if isinstance(exc, sqlite3.DatabaseError):
            with wrap_errors("reading the library"):
                raise exc


def _snippet(text: str, terms: Sequence[Needle]) -> tuple[str, list[Span]]:
    """A window of the body around the first match, with the match spans inside it."""
    width = 160
    spans = find_spans(text, tuple(terms)) if terms else []
    if not spans:
        snippet = " ".join(text[:width].split())
        return (snippet + "…" if len(text) > width else snippet), []
    start = max(spans[0][0] - 40, 0)
    # Start at a word boundary so the snippet does not open mid-word.
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space != -1 and start - space < 20 else start
    end = min(start + width, len(text))
    window = text[start:end].replace("\n", " ")
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    inside = [
        (a - start + len(prefix), min(b, end) - start + len(prefix))
        for a, b in spans
        if a >= start and a < end
    ]
    return prefix + window + suffix, inside
