"""Writing articles: batches from refresh and scans, full texts, the reader's state.

Ingestion never writes the state columns (read, starred, saved) of an existing row;
only `set_state` does, for the reader.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from newsreader.models import Article, Block
from newsreader.storage.base import StoreBase, locked_by_another
from newsreader.storage.codec import body_text, encode_structure
from newsreader.storage.columns import (
    ARTICLE_COLUMNS,
    ASSIGNMENTS,
    COLUMN_MARKS,
    TEXT_MARK,
    IngestCounts,
    Prepared,
    now_iso,
    prepare,
)
from newsreader.storage.db import transaction

T = TypeVar("T")


class ArticlesMixin(StoreBase):
    """Inserting, updating and removing articles, and the reader's marks on them."""

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
            if len(jobs) == 1 or locked_by_another(exc):
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
                f"UPDATE articles SET source_id = ?, section = ?, sort_key = ?, {ASSIGNMENTS} "
                "WHERE id = ?",
                updates,
            )
        if inserts:
            before = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
            conn.executemany(
                f"INSERT INTO articles(source_id, section, sort_key, {ARTICLE_COLUMNS}, uid, "
                f"first_seen) VALUES (?, ?, ?, {COLUMN_MARKS}, ?, ?)",
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
                    f"INSERT INTO articles_cjk(rowid, text) VALUES (?, {TEXT_MARK})",
                    [(row_id, cjk[uid]) for uid, row_id in ids if uid in cjk],
                )
        return counts

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

    def prune(self, keep_read_per_source: int, *, feed_window: int = 0) -> int:
        """Drop the oldest read articles of each feed beyond `keep_read_per_source`.

        A pruned article that its source still lists comes back as new and unread the
        next time the source is read, so what a source may still list is never pruned:
        - starred, saved and unread articles are kept forever;
        - local files' articles are never pruned: the store holds exactly what each file
          holds now (what a file drops is removed when it is read again);
        - of a feed, the newest `feed_window` articles stay whatever their state (give
          the most items one fetch of a feed can store): the store does not record which
          items the last fetch listed, and a feed lists its newest items;
        - a keep below 1 prunes nothing.
        """
        if keep_read_per_source < 1:
            return 0
        keep = max(keep_read_per_source, feed_window)
        with transaction(self.conn, "pruning old articles") as conn:
            return conn.execute(
                "DELETE FROM articles WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER "
                "(PARTITION BY source_id ORDER BY sort_key DESC, id DESC) AS n FROM articles "
                "WHERE read AND NOT starred AND NOT saved "
                "AND source_id IN (SELECT id FROM sources WHERE kind = 'feed')) WHERE n > ?)",
                (keep,),
            ).rowcount
