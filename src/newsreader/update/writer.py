"""The one writer of an update run: group commit over the store's single connection."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

from newsreader.storage import Store

WriteJob = Callable[[sqlite3.Connection], Any]
GROUP_LIMIT = 64
"""Feeds written in one transaction at most, so a commit never holds the lock for long."""


class GroupWriter:
    """Group commit: while one transaction is being written, the feeds that finish
    meanwhile queue up and go in the next one together.

    A refresh of a few feeds still writes each as soon as it is parsed; a cold refresh
    of hundreds writes them in few transactions, which is what SQLite and the FTS index
    are fast at (per-feed commits cost a quarter more). `executor` is the run's one
    writer thread.
    """

    def __init__(self, store: Store, executor: Executor) -> None:
        self._store = store
        self._executor = executor
        self._pending: list[tuple[WriteJob, asyncio.Future[Any]]] = []
        self._busy = False

    async def write(self, job: WriteJob) -> Any:
        """Run `job(conn)` in a write transaction; its result, or its error raised here."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._pending.append((job, future))
        if not self._busy:
            self._next(loop)
        return await future

    def _next(self, loop: asyncio.AbstractEventLoop) -> None:
        batch, self._pending = self._pending[:GROUP_LIMIT], self._pending[GROUP_LIMIT:]
        try:
            running = loop.run_in_executor(
                self._executor, self._store.write_batch, [job for job, _ in batch], "saving feeds"
            )
        except RuntimeError as exc:  # the run is ending (its executor shut down)
            for _, future in batch + self._pending:
                if not future.done():
                    future.set_exception(exc)
            self._pending = []
            return
        self._busy = True
        running.add_done_callback(lambda done: self._done(loop, batch, done))

    def _done(
        self,
        loop: asyncio.AbstractEventLoop,
        batch: list[tuple[WriteJob, asyncio.Future[Any]]],
        done: asyncio.Future[list[Any]],
    ) -> None:
        self._busy = False
        if done.cancelled():
            results: list[Any] = [asyncio.CancelledError()] * len(batch)
        elif (error := done.exception()) is not None:
            results = [error] * len(batch)
        else:
            results = done.result()
        for (_, future), result in zip(batch, results, strict=True):
            if future.done():
                continue
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)
        if self._pending:
            self._next(loop)
