"""The store's foundation: one connection per thread, and how errors leave the package.

Every table's mixin (sources, articles, reading, search) builds on `StoreBase`; `Store`
in `storage/__init__.py` puts them together.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from newsreader.errors import QueryError
from newsreader.storage.db import ConnectionFactory, wrap_errors


class StoreBase:
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

    def named(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        """Run a query whose rows are read by column name (`sqlite3.Row`)."""
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params)

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


def locked_by_another(exc: BaseException) -> bool:
    """Whether a write failed because another connection holds the library's lock."""
    cause = exc.__cause__
    return isinstance(cause, sqlite3.OperationalError) and (
        "locked" in str(cause) or "busy" in str(cause)
    )


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
