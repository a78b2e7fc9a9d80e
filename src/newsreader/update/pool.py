"""The worker processes parsing runs in, set up in one place for every update pipeline.

Parsing (feeds, saved pages, full texts) is where a reader spends its CPU, so it runs in
worker processes. They are started with forkserver: workers never fork a threaded
parent (the TUI), and preloading the parser makes each one start warm. Under the TUI,
standard error is Textual's print capture, which has no descriptor for multiprocessing
to hand on, and the real standard error is the screen: workers must not write there.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import resource_tracker

POOL_FROM = 6
"""Below this many jobs, a pool of processes costs more than it saves."""


def process_pool(workers: int, preload: Sequence[str]) -> ProcessPoolExecutor:
    """A pool of `workers` processes with `preload` modules imported ahead of jobs."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    if _stderr_has_fd():
        return ProcessPoolExecutor(max_workers=workers, mp_context=context)
    # multiprocessing's helper process would be handed sys.stderr (and fail on it).
    with open(os.devnull, "w") as sink, contextlib.redirect_stderr(sink):
        resource_tracker.ensure_running()
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_silence_stderr
        )


def _stderr_has_fd() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.fileno() >= 0
    except (OSError, ValueError, AttributeError):
        return False


def _silence_stderr() -> None:
    """A TUI's worker: its standard error is the terminal the TUI draws on."""
    sink = os.open(os.devnull, os.O_WRONLY)
    os.dup2(sink, 2)
    os.close(sink)


def _ready() -> None:
    """A job that does nothing, to start a worker."""


def _pool(jobs: int, workers: int | None, preload: Sequence[str]) -> Executor:
    if jobs < POOL_FROM or (workers is None and (os.cpu_count() or 1) < 2):
        return ThreadPoolExecutor(max_workers=1)
    return process_pool(workers or os.cpu_count() or 1, preload)


class LazyPool(Executor):
    """Starts its worker processes on the first job: a refresh where every feed answers
    304 parses nothing and should not pay for starting them. A worker that dies (a
    parser crash, the OOM killer) breaks a process pool for good; the next job then
    starts a fresh one, so one feed cannot stop the refresh of the others."""

    def __init__(self, jobs: int, preload: Sequence[str], workers: int | None = None) -> None:
        self._jobs = jobs
        self._preload = tuple(preload)
        self._workers = workers
        self._pool: Executor | None = None
        self._quarantine: LazyPool | None = None
        self._lock = threading.Lock()  # `start` runs on a helper thread

    def _current(self, broken: Executor | None = None) -> Executor:
        """The pool, started if need be, or a fresh one in place of `broken`."""
        with self._lock:
            if self._pool is None or self._pool is broken:
                if broken is not None:
                    broken.shutdown(wait=False, cancel_futures=True)
                self._pool = _pool(self._jobs, self._workers, self._preload)
            return self._pool

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        pool = self._current()
        try:
            return pool.submit(fn, *args, **kwargs)
        except BrokenProcessPool:
            return self._current(broken=pool).submit(fn, *args, **kwargs)

    def start(self) -> None:
        """Start the workers now (they take a few hundred ms to start and import the
        parser), for a run that will certainly parse: it overlaps with the first fetches."""
        pool = self._current()
        for future in [pool.submit(_ready) for _ in range(self._workers or os.cpu_count() or 1)]:
            future.result()

    @property
    def quarantine(self) -> LazyPool:
        """One worker process, for jobs whose worker died: one at a time there, a crash
        is the job's own."""
        if self._quarantine is None:
            self._quarantine = LazyPool(POOL_FROM, self._preload, workers=1)
        return self._quarantine

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)
        if self._quarantine is not None:
            self._quarantine.shutdown(wait=wait, cancel_futures=cancel_futures)
