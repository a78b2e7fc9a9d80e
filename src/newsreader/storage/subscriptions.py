"""The store's side of managing subscriptions: what a source is, what goes when the
reader removes it, a feed's title, and which sources fail (for the errors view)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from newsreader.sanitize import clean_name
from newsreader.storage.db import transaction
from newsreader.storage.sources import SourcesMixin, file_key, key_path, shown_key


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """How a source's reading went, for the list of failing sources."""

    source_id: int
    kind: str
    key: str
    """A feed's URL, a file's path as shown (`shown_key`)."""
    title: str | None
    section: str
    last_error: str
    last_attempt: str | None
    last_success: str | None
    cache_until: str | None
    disabled: bool


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """What a source is: a feed's URL, or a file and the configured path it is under."""

    source_id: int
    kind: str
    key: str
    root: str | None
    """For a file: the configured path it was found under, as `key_path` reads it."""
    title: str | None
    section: str | None


class SubscriptionStoreMixin(SourcesMixin):
    """The store's side of subscribing, unsubscribing and failing: what a source is, what
    goes when it is removed, and which sources fail."""

    def source_record(self, source_id: int) -> SourceRecord | None:
        with self._reading():
            row = self.conn.execute(
                "SELECT id, kind, key, root, title, section FROM sources WHERE id = ?",
                (source_id,),
            ).fetchone()
        if row is None:
            return None
        sid, kind, key, root, title, section = row
        return SourceRecord(
            int(sid),
            str(kind),
            key_path(str(key)),
            key_path(str(root)) if root is not None else None,
            clean_name(str(title)) if kind == "file" and title else title,
            section,
        )

    def _ids_of(self, conn: sqlite3.Connection, kind: str, key: str) -> list[int]:
        """A feed source by URL, or the file sources under a configured path."""
        if kind == "feed":
            sql = "SELECT id FROM sources WHERE kind = 'feed' AND key = ?"
        else:
            sql = "SELECT id FROM sources WHERE kind = 'file' AND root = ?"
            key = file_key(key)
        return [int(r[0]) for r in conn.execute(sql, (key,))]

    def source_article_counts(self, kind: str, key: str) -> tuple[int, int]:
        """(articles, of which starred or saved) of a feed (by URL) or of the files under
        a configured path: what removing it would delete, and what it would keep."""
        with self._reading():
            ids = self._ids_of(self.conn, kind, key)
            if not ids:
                return 0, 0
            marks = ",".join("?" * len(ids))
            total, kept = self.conn.execute(
                f"SELECT count(*), coalesce(sum(starred OR saved), 0) FROM articles "
                f"WHERE source_id IN ({marks})",
                ids,
            ).fetchone()
        return int(total), int(kept)

    def forget_source(self, kind: str, key: str) -> tuple[int, int]:
        """A feed (by URL) or a configured path left the config on the reader's word:
        its articles go, except starred and saved ones, which stay with no section (in
        Starred and Saved); a source with nothing kept goes too. Returns (deleted,
        kept)."""
        deleted = kept = 0
        with transaction(self.conn, "removing a source") as conn:
            for source_id in self._ids_of(conn, kind, key):
                deleted += conn.execute(
                    "DELETE FROM articles WHERE source_id = ? AND NOT starred AND NOT saved",
                    (source_id,),
                ).rowcount
                left = int(
                    conn.execute(
                        "SELECT count(*) FROM articles WHERE source_id = ?", (source_id,)
                    ).fetchone()[0]
                )
                kept += left
                if left:
                    conn.execute("UPDATE sources SET section = NULL WHERE id = ?", (source_id,))
                    conn.execute(
                        "UPDATE articles SET section = NULL WHERE source_id = ?", (source_id,)
                    )
                else:
                    conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        return deleted, kept

    def set_feed_title(self, url: str, title: str | None) -> None:
        """The title shown for a feed. None forgets it and the feed's validators, so the
        next refresh reads the whole feed again and takes its own title."""
        with transaction(self.conn, "renaming a feed") as conn:
            if title is None:
                conn.execute(
                    "UPDATE sources SET title = NULL, etag = NULL, last_modified = NULL "
                    "WHERE kind = 'feed' AND key = ?",
                    (url,),
                )
            else:
                conn.execute(
                    "UPDATE sources SET title = ? WHERE kind = 'feed' AND key = ?", (title, url)
                )

    def feed_titles(self) -> dict[str, str]:
        """Each feed's title as last read (or as the config names it), by URL."""
        with self._reading():
            rows = self.conn.execute(
                "SELECT key, title FROM sources WHERE kind = 'feed' AND title IS NOT NULL"
            ).fetchall()
        return {str(key): str(title) for key, title in rows}

    def failing_sources(self) -> list[SourceStatus]:
        """Every source in a section whose last read failed, with when it last worked
        and when it may be asked again."""
        with self._reading():
            rows = self.conn.execute(
                "SELECT id, kind, key, title, section, last_error, last_attempt, "
                "last_success, cache_until, disabled FROM sources "
                "WHERE last_error IS NOT NULL AND section IS NOT NULL "
                "ORDER BY section, COALESCE(title, key) COLLATE NOCASE"
            ).fetchall()
        return [
            SourceStatus(
                int(sid),
                str(kind),
                shown_key(str(key)) if kind == "file" else str(key),
                (clean_name(str(title)) if kind == "file" else str(title)) if title else None,
                str(section),
                str(error),
                attempt,
                success,
                until,
                bool(disabled),
            )
            for sid, kind, key, title, section, error, attempt, success, until, disabled in rows
        ]
