"""The sources table: feeds and local files, their fetch state, sections and errors.

A local file's key is its path. A path that is not UTF-8 (bytes from an old disk, which
Python hands over as surrogate escapes, `caf\\udce9.txt`) cannot be SQLite text as it
is, so `file_key` writes it as `bytes:` followed by the path's bytes with each byte that
is not UTF-8 as `\\xNN` and each backslash doubled; `key_path` reads it back. Every other
path is its own key, as libraries have always stored it, and no such key starts with
`bytes:` (configured paths are absolute), so the two kinds never meet.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsreader.models import SourceInfo
from newsreader.sanitize import clean_name
from newsreader.storage.base import StoreBase
from newsreader.storage.columns import now_iso
from newsreader.storage.db import transaction, wrap_errors

_BYTES_KEY = "bytes:"
_SURROGATE = re.compile("[\udc80-\udcff]")
_ESCAPE = re.compile(rb"\\(\\|x([0-9a-f]{2}))")


def file_key(path: str) -> str:
    """The key a local file (or configured path) is stored under; see the module doc."""
    if not _SURROGATE.search(path):
        return path
    raw = os.fsencode(path).replace(b"\\", b"\\\\")
    return _BYTES_KEY + raw.decode("utf-8", "backslashreplace")


def key_path(key: str) -> str:
    """The path `file_key` stored as `key`, surrogate escapes and all (to open it)."""
    if not key.startswith(_BYTES_KEY):
        return key

    def byte(m: re.Match[bytes]) -> bytes:
        return b"\\" if m.group(2) is None else bytes([int(m.group(2), 16)])

    return os.fsdecode(_ESCAPE.sub(byte, key[len(_BYTES_KEY) :].encode("utf-8")))


def shown_key(key: str) -> str:
    """A file's key as the reader sees it: the path, with nothing raw in it."""
    return clean_name(key_path(key))


@dataclass(frozen=True, slots=True)
class FileState:
    """What the store remembers of a local file, to skip it when unchanged."""

    source_id: int
    mtime_ns: int | None
    size: int | None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the store remembers of a feed, for polite refreshing."""

    source_id: int
    etag: str | None
    last_modified: str | None
    cache_until: str | None
    last_success: str | None
    disabled: bool


class SourcesMixin(StoreBase):
    """Feeds and files: what is subscribed where, and how their last read went."""

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

    def rename_feed(self, old: str, new: str, *, merge: bool = True) -> bool:
        """A feed moved for good (301/308): keep its id, articles and state under the new URL.

        When the new URL is a feed source already (both were subscribed), the two become
        one: the old source's articles (and their read, starred and saved state) join the
        new source, in its section, and the old source goes. With `merge=False` that case
        is left alone (a refresh still writing to the old source's id merges at its end).
        True if the old source is gone (renamed or merged).
        """
        if old == new:
            return False
        with transaction(self.conn, "renaming a feed") as conn:
            row = conn.execute(
                "SELECT id FROM sources WHERE key = ? AND kind = 'feed'", (old,)
            ).fetchone()
            if row is None:
                return False
            taken = conn.execute(
                "SELECT id, section, kind FROM sources WHERE key = ?", (new,)
            ).fetchone()
            if taken is None:
                conn.execute("UPDATE sources SET key = ? WHERE id = ?", (new, row[0]))
                return True
            if not merge or taken[2] != "feed":
                return False
            conn.execute(
                "UPDATE articles SET source_id = ?, section = ? WHERE source_id = ?",
                (taken[0], taken[1], row[0]),
            )
            conn.execute("DELETE FROM sources WHERE id = ?", (row[0],))
            return True

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
        """The local files known under a configured path (its `file_key`), by key."""
        with wrap_errors("reading the library"):
            rows = self.conn.execute(
                "SELECT key, id, mtime_ns, size, title FROM sources "
                "WHERE kind = 'file' AND root = ?",
                (root,),
            ).fetchall()
        return {key: FileState(sid, mtime, size, title) for key, sid, mtime, size, title in rows}

    def root_article_count(self, root: str) -> int:
        """How many articles the files under a configured path (its `file_key`) gave."""
        with wrap_errors("reading the library"):
            row = self.conn.execute(
                "SELECT count(*) FROM articles a JOIN sources s ON s.id = a.source_id "
                "WHERE s.kind = 'file' AND s.root = ?",
                (root,),
            ).fetchone()
        return int(row[0])

    def retitle_files(self, titles: dict[int, str]) -> None:
        """Give file sources new titles (by id): names stored raw by older versions are
        cleaned on the next scan, without waiting for their files to change."""
        if titles:
            with transaction(self.conn, "renaming files") as conn:
                conn.executemany(
                    "UPDATE sources SET title = ? WHERE id = ? AND kind = 'file'",
                    [(title, source_id) for source_id, title in titles.items()],
                )

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
                clean_name(str(name)) if kind == "file" else str(name),
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
        """(source, error) for every source whose last read failed; files by their path
        as shown (`shown_key`), feeds by URL."""
        with wrap_errors("reading the library"):
            return [
                (shown_key(str(k)) if kind == "file" else str(k), str(e))
                for k, kind, e in self.conn.execute(
                    "SELECT key, kind, last_error FROM sources WHERE last_error IS NOT NULL "
                    "ORDER BY key"
                )
            ]
