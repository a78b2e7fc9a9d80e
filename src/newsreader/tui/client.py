"""The TUI's door to the library: every call runs off the event loop.

Reads and small writes go through one database thread (so the store keeps one
connection for them, not one per worker), and scans through another, so a long scan
never holds up moving through the list.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from newsreader.core import Library

T = TypeVar("T")


class LibraryClient:
    """Runs Library methods on background threads and awaits their results."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsreader-db")
        self._scan = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsreader-scan")

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """fn(*args, **kwargs) on the database thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db, partial(fn, *args, **kwargs))

    async def call_long(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """fn(*args, **kwargs) on the scan thread (long work: scanning, refreshing)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._scan, partial(fn, *args, **kwargs))

    def close(self) -> None:
        self._scan.shutdown(wait=True, cancel_futures=True)
        self._db.shutdown(wait=True, cancel_futures=True)
        self.library.close()
