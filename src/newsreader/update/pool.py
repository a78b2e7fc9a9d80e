"""The worker processes parsing runs in, set up in one place for every update pipeline.

Parsing (feeds, saved pages, full texts) is where a reader spends its CPU, so it runs in
worker processes. They are started with forkserver: workers never fork a threaded
parent (the TUI), and preloading the parser makes each one start warm. Under the TUI,
standard error is Textual's print capture, which has no descriptor for multiprocessing
to hand on, and the real standard error is the screen: workers must not write there.

Workers die with the process that started them. A worker blocks on its job queue, of
which it holds both ends, so it never sees its parent go; and the forkserver lives as
long as any worker does. Killed with SIGKILL (or the OOM killer), a refresh used to
leave four processes behind for good. Each worker now watches the main process (a
pidfd where Linux has one, else a poll) and exits when it is gone; then the forkserver
and the resource tracker see their pipes close and exit too.

A job that runs past its budget (a pathological document) is that job's error: the
pool's workers are killed (a process cannot be stopped in the middle of a job any
other way), and the jobs that shared the pool are run again in a fresh one.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import select
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import resource_tracker
from typing import Any, TypeVar

POOL_FROM = 6
"""Below this many jobs, one worker process is enough."""
_TICK = 0.25
"""How often a waiting job's budget is looked at (seconds)."""
T = TypeVar("T")
Item = TypeVar("Item")


@dataclass(frozen=True, slots=True)
class Overrun:
    """A job stopped because it ran past its budget."""

    budget: float

    def message(self, what: str) -> str:
        return f"{what} took longer than {self.budget:.0f} s and was stopped"


def process_pool(workers: int, preload: Sequence[str]) -> ProcessPoolExecutor:
    """A pool of `workers` processes with `preload` modules imported ahead of jobs."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    main = os.getpid()
    if _stderr_has_fd():
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_worker, initargs=(main, False)
        )
    # multiprocessing's helper process would be handed sys.stderr (and fail on it).
    with open(os.devnull, "w") as sink, contextlib.redirect_stderr(sink):
        resource_tracker.ensure_running()
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_worker, initargs=(main, True)
        )


def kill_workers(pool: Executor) -> None:
    """Stop a process pool's workers now, mid-job (the pool is broken afterwards)."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _worker(main: int, silence: bool) -> None:
    """A worker's start: tie its life to the main process; under the TUI, no stderr."""
    if silence:
        _silence_stderr()
    threading.Thread(target=_exit_with, args=(main,), name="exit-with-main", daemon=True).start()


def _exit_with(main: int) -> None:
    """Block until process `main` is gone, then end this worker at once."""
    try:
        fd = os.pidfd_open(main)
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        select.select([fd], [], [])  # readable when the process has exited
    else:
        while _alive(main):
            time.sleep(0.5)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
    # Always processes, even for one job: only a process can be stopped when a job runs
    # past its budget (a thread would hang the run, and the interpreter's exit).
    if workers is None:
        workers = 1 if jobs < POOL_FROM else os.cpu_count() or 1
    return process_pool(workers, preload)


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
        self._warm = False

    def _current(self, broken: Executor | None = None) -> Executor:
        """The pool, started if need be, or a fresh one in place of `broken`."""
        with self._lock:
            if self._pool is None or self._pool is broken:
                if broken is not None:
                    broken.shutdown(wait=False, cancel_futures=True)
                self._pool = _pool(self._jobs, self._workers, self._preload)
                self._warm = False
            return self._pool

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        return self.submit_to(fn, *args, **kwargs)[1]

    def submit_to(
        self, fn: Callable[..., T], /, *args: Any, **kwargs: Any
    ) -> tuple[Executor, Future[T]]:
        """Submit a job; also say which pool took it (to kill it if the job overruns)."""
        pool = self._current()
        try:
            return pool, pool.submit(fn, *args, **kwargs)
        except BrokenProcessPool:
            pool = self._current(broken=pool)
            return pool, pool.submit(fn, *args, **kwargs)

    async def run(self, fn: Callable[..., T], /, *args: Any, budget: float) -> T | Overrun:
        """Run a job, awaiting it; once it has run for `budget` seconds it is stopped (with
        the jobs that shared its pool: they fail with BrokenProcessPool and may be run
        again). Starting the workers and waiting for a free one do not count."""
        await self._started()
        pool, future = self.submit_to(fn, *args)
        waiting = asyncio.wrap_future(future)
        deadline: float | None = None
        loop = asyncio.get_running_loop()
        while True:
            # A job is "running" once it is handed to a worker (at most one queued
            # behind each busy worker): its budget starts then.
            done, _ = await asyncio.wait({waiting}, timeout=_TICK)
            if done:
                if future.cancelled():  # its pool was stopped for another job's overrun
                    raise BrokenProcessPool("the pool was stopped")
                return waiting.result()
            now = loop.time()
            if deadline is None and future.running():
                deadline = now + budget
            if deadline is not None and now >= deadline:
                self.kill(pool)
                waiting.cancel()
                return Overrun(budget)

    def start(self) -> None:
        """Start the workers now (they take a few hundred ms to start and import the
        parser), for a run that will certainly parse: it overlaps with the first fetches."""
        pool = self._current()
        for future in [pool.submit(_ready) for _ in range(self._workers or os.cpu_count() or 1)]:
            future.result()
        self._warm = True

    async def _started(self) -> None:
        """The workers up and warm before the first job is timed (starting them takes a
        few hundred ms, seconds on a loaded machine)."""
        if not self._warm:
            await asyncio.to_thread(self.start)
            self._warm = True

    def kill(self, pool: Executor) -> None:
        """Kill `pool`'s workers mid-job (a job over its budget); the next job starts a
        fresh pool, and jobs that were sharing it fail with BrokenProcessPool."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
                self._warm = False
        kill_workers(pool)

    def imap(
        self, fn: Callable[[Item], T], items: Iterable[Item], *, budget: float, ahead: int
    ) -> Iterator[tuple[Item, T | Overrun | BrokenProcessPool]]:
        """(item, fn(item)) as jobs finish, `ahead` jobs in flight, each within `budget`
        seconds from when a worker takes it (blocking: for synchronous callers).

        A job whose pool was stopped for another's overrun, or whose worker died, runs
        again once; a second death is its own (BrokenProcessPool in its place).
        """
        pending = deque((item, 0) for item in items)
        running: dict[Future[T], tuple[Item, int, Executor, float | None]] = {}
        if pending and not self._warm:
            self.start()  # as in `run`: starting the workers is no job's time
        while pending or running:
            while pending and len(running) < ahead:
                item, tries = pending.popleft()
                pool, future = self.submit_to(fn, item)
                running[future] = (item, tries, pool, None)
            done, _ = wait(running, timeout=_TICK, return_when=FIRST_COMPLETED)
            for future in done:
                item, tries, _, _ = running.pop(future)
                error = None if future.cancelled() else future.exception()
                if future.cancelled() or isinstance(error, BrokenProcessPool):
                    if tries == 0:
                        pending.append((item, 1))
                    else:
                        yield item, BrokenProcessPool("its worker stopped")
                    continue
                yield item, future.result()
            now = time.monotonic()
            for future, (item, tries, pool, started) in list(running.items()):
                if started is None:
                    if future.running():
                        running[future] = (item, tries, pool, now)
                elif now - started >= budget:
                    del running[future]
                    self.kill(pool)
                    yield item, Overrun(budget)

    def kill_all(self) -> None:
        """Stop every worker now, the quarantine's too (the run is being abandoned)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            kill_workers(pool)
        if self._quarantine is not None:
            self._quarantine.kill_all()

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
