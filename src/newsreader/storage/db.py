"""SQLite connections: WAL, foreign keys, a busy timeout, one connection per thread.

WAL lets the TUI read while a `refresh` in a cron job writes; the busy timeout makes a
second writer wait instead of failing; every sqlite3 error leaving this package becomes
a StorageError with a message a person can act on.

A library that cannot be written (its file, or its folder: WAL keeps its index in a
`-shm` file beside the database) is opened read-only, so reading works: through
`mode=ro`, and with `immutable=1` when the folder is read-only and holds no write-ahead
log (SQLite then needs no `-shm` file; with a log left behind, `immutable` would skip
its commits). Every write then fails with "the library is read-only".
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from newsreader.errors import StorageError
from newsreader.models import file_scope, local_file_id, scoped_id
from newsreader.query.scripts import cjk_split
from newsreader.storage.schema import MIGRATIONS, VERSION

BUSY_TIMEOUT_MS = 10_000


def _casefold(text: str | None) -> str | None:
    return text.casefold() if isinstance(text, str) else None


@contextmanager
def wrap_errors(what: str) -> Iterator[None]:
    """Turn sqlite3 errors into StorageError, naming what we were doing."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        message = str(exc)
        if "locked" in message or "busy" in message:
            hint = "another newsreader is writing to the library; try again"
        elif "malformed" in message or "not a database" in message:
            hint = "the library file is damaged or not a newsreader database"
        elif "readonly" in message or "read-only" in message:
            hint = "the library is read-only (its file or its folder cannot be written)"
        elif "disk" in message and "full" in message:
            hint = "the disk is full"
        else:
            hint = message
        raise StorageError(f"{what}: {hint}") from exc


def _file_item_id(key: str, uid: str) -> str:
    """A stored local file article's id as sources.local now makes it: a feed file's
    items are scoped by the file; a file that is one article keeps its id."""
    from newsreader.storage.sources import key_path

    resolved = str(Path(key_path(key)).resolve())
    return uid if uid == local_file_id(resolved) else scoped_id(file_scope(resolved), uid)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no commit
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -16000")  # 16 MB
    # The CJK index's triggers call this; every connection that writes must have it.
    # Any number of parts: the feed's title and text, and a fetched full text (schema 3).
    conn.create_function("nr_cjk_split", -1, cjk_split, deterministic=True)
    # section: terms compare as the in-memory matcher does (NOCASE folds ASCII only).
    conn.create_function("nr_casefold", 1, _casefold, deterministic=True)
    # Schema 4's and 5's migrations scope stored article ids (models.scoped_id).
    conn.create_function("nr_scoped_id", 2, scoped_id, deterministic=True)
    conn.create_function("nr_file_item_id", 2, _file_item_id, deterministic=True)


def read_only_reason(path: Path) -> str | None:
    """Why the library at `path` can only be read, or None when it can be written."""
    if str(path) == ":memory:":
        return None
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} is read-only"
    if path.parent.is_dir() and not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} is read-only"
    return None


def _read_only_uri(path: Path) -> str:
    """The URI that opens `path` for reading only (see the module's notes)."""
    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not os.access(path.parent, os.W_OK) and not wal.exists():
        uri += "&immutable=1"
    return uri


def migrate(conn: sqlite3.Connection, path: Path, read_only: str | None = None) -> None:
    """Bring the schema up to VERSION, one migration per transaction."""
    if read_only is not None:
        with wrap_errors(f"opening {path}"):
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != VERSION:
            newer = "a newer" if version > VERSION else "an older"
            raise StorageError(
                f"opening {path}: the library was written by {newer} newsreader (schema "
                f"{version}, this one knows {VERSION}) and cannot be upgraded: {read_only}"
            )
        return
    with wrap_errors(f"opening {path}"):
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal" and str(path) != ":memory:":
            raise StorageError(f"opening {path}: the file system does not support WAL")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > VERSION:
            raise StorageError(
                f"opening {path}: the library was written by a newer newsreader "
                f"(schema {version}, this one knows {VERSION})"
            )
        while version < VERSION:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have migrated while we waited for the lock.
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version < VERSION:
                    for statement in MIGRATIONS[version]:
                        conn.execute(statement)
                    version += 1
                    conn.execute(f"PRAGMA user_version = {version}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise


class ConnectionFactory:
    """Hands each thread its own connection to one database file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        if str(path) != ":memory:":
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"creating {path.parent}: {exc.strerror or exc}") from None
        # Why the library is open for reading only (None: it can be written).
        self.read_only = read_only_reason(path)
        if self.read_only is not None and not path.exists():
            raise StorageError(f"creating {path}: {self.read_only}")
        migrate(self.get(), path, self.read_only)

    def get(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            with wrap_errors(f"opening {self.path}"):
                # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a read never
                # holds a transaction open behind our back.
                conn = sqlite3.connect(
                    _read_only_uri(self.path) if self.read_only else self.path,
                    isolation_level=None,
                    check_same_thread=False,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                    uri=bool(self.read_only),
                )
                _configure(conn)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close_current(self) -> None:
        """Close the calling thread's connection (a thread that is about to end)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        with self._lock:
            if conn in self._all:
                self._all.remove(conn)
        conn.close()

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()


@contextmanager
def transaction(conn: sqlite3.Connection, what: str) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken up front (IMMEDIATE) so it cannot deadlock on upgrade."""
    with wrap_errors(what):
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
