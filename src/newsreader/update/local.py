"""Scanning the configured local paths into the store.

A rescan compares each file's mtime and size with what the store remembers and parses
only new or changed files, so an unchanged folder of a thousand articles rescans in
well under a second. Parsing (trafilatura on a saved page costs ~25 ms) runs in worker
processes when there is enough of it to pay for them; the store is written from this
process, one transaction per file, so a crash mid-scan loses at most that file's update.
A configured path that is missing (an unmounted disk) removes nothing, and neither does
a folder that had files and now has none (the empty mount point of an unmounted disk).

Files are stored under `file_key(path)` (a path that is not UTF-8 is escaped there) and
are named in reports and progress by `path_text(path)`, never raw.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from newsreader.config import Config
from newsreader.errors import SourceError
from newsreader.models import Article
from newsreader.sources.local import iter_files, path_text, read_file
from newsreader.storage import FileState, Store
from newsreader.storage.sources import file_key, key_path
from newsreader.update.pool import LazyPool, Overrun
from newsreader.update.report import Progress, ScanReport, plural

PARALLEL_FROM = 24
"""Below this many files to parse, worker processes cost more than they save."""
PRELOAD = ("newsreader.sources.local", "newsreader.extraction.html")
PARSE_BUDGET = 30.0
"""Seconds one file may take to read (a 1 MB saved page takes well under one)."""
"""What a parser worker imports before its first job."""


@dataclass(frozen=True, slots=True)
class _Job:
    path: str
    key: str
    root: str
    section: str
    mtime_ns: int
    size: int


@dataclass(frozen=True, slots=True)
class _Parsed:
    job: _Job
    articles: tuple[Article, ...] = ()
    error: str | None = None


def _parse(job: _Job) -> _Parsed:
    """Read one file (runs in a worker process); errors come back as values."""
    try:
        return _Parsed(job, tuple(read_file(Path(job.path))))
    except SourceError as exc:
        return _Parsed(job, error=exc.reason)
    except (RecursionError, MemoryError, ValueError, LookupError, TypeError, AttributeError) as exc:
        return _Parsed(job, error=f"internal error while reading ({type(exc).__name__})")


def _roots(config: Config) -> dict[str, str]:
    """Configured path -> section (the first section to name a path wins)."""
    roots: dict[str, str] = {}
    for section in config.sections:
        for path in section.paths:
            roots.setdefault(str(path), section.name)
    return roots


def _parsed_results(jobs: list[_Job], workers: int | None) -> Iterator[_Parsed]:
    """Each job's result, as they finish. Few files are read here, in this process (a
    pool costs more than it saves; the readers are linear-time, property-tested); many
    go to worker processes, where a file that reads for longer than PARSE_BUDGET is
    stopped and reported, and the scan goes on."""
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if workers <= 1 or len(jobs) < PARALLEL_FROM:
        for job in jobs:
            yield _parse(job)
        return
    pool = LazyPool(len(jobs), PRELOAD, workers=workers)
    finished = False
    try:
        for job, result in pool.imap(_parse, jobs, budget=PARSE_BUDGET, ahead=2 * workers):
            if isinstance(result, Overrun):
                yield _Parsed(job, error=result.message("reading this file"))
            elif isinstance(result, BrokenProcessPool):
                yield _Parsed(
                    job, error="the reader stopped on this file (too large or malformed?)"
                )
            else:
                yield result
        finished = True
    finally:
        if not finished:  # interrupted: a worker may be deep in a long file
            pool.kill_all()
        pool.shutdown(wait=True, cancel_futures=True)


def scan_local(
    store: Store,
    config: Config,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ScanReport:
    """Bring the store in line with the files under the configured paths."""
    report = ScanReport()
    roots = _roots(config)
    feeds = {feed.url: s.name for s in config.sections for feed in s.feeds}
    store.assign_sections(feeds, {file_key(root): section for root, section in roots.items()})
    jobs: list[_Job] = []
    for root, section in roots.items():
        root_path = Path(root)
        root_key = file_key(root)
        unlisted: list[OSError] = []
        try:
            if root_path.is_dir():
                files = list(iter_files(root_path, special=True, errors=unlisted))
            else:
                files = [root_path]
            if not root_path.exists():
                raise FileNotFoundError
        except FileNotFoundError:
            report.errors.append((path_text(root), "no such file or directory"))
            continue  # an unmounted disk must not empty the library
        except OSError as exc:
            report.errors.append((path_text(root), exc.strerror or str(exc)))
            continue
        known = store.file_states(root_key)
        # A folder we could not list (permissions, a stale network mount) hides its
        # files; they are not gone, so they are kept.
        hidden = tuple(os.path.join(str(e.filename), "") for e in unlisted)
        for failure in unlisted:
            report.errors.append(
                (path_text(str(failure.filename)), failure.strerror or str(failure))
            )
        if not files and not unlisted and known and (kept := store.root_article_count(root_key)):
            # The empty mount point of an unmounted disk looks like this: keep everything.
            were = "is" if kept == 1 else "are"
            why = "the folder is empty now (an unmounted disk?)"
            report.errors.append(
                (path_text(root), f"{why}; its {plural(kept, 'article')} {were} kept")
            )
            continue
        store.retitle_files(_clean_titles(known))
        seen: set[str] = set()
        for path in files:
            key = file_key(str(path))
            seen.add(key)
            try:
                info = path.stat()
            except OSError as exc:
                report.errors.append((path_text(path), exc.strerror or str(exc)))
                continue
            state = known.get(key)
            if state and state.mtime_ns == info.st_mtime_ns and state.size == info.st_size:
                report.files_unchanged += 1
                continue
            jobs.append(_Job(str(path), key, root_key, section, info.st_mtime_ns, info.st_size))
        gone = [key for key in known if key not in seen and not key_path(key).startswith(hidden)]
        if gone:
            report.removed += store.remove_files(gone)

    for done, parsed in enumerate(_parsed_results(jobs, workers), start=1):
        job = parsed.job
        if parsed.error is not None:
            report.errors.append((path_text(job.path), parsed.error))
        counts = store.record_file(
            job.key,
            job.root,
            job.section,
            parsed.articles,
            mtime_ns=job.mtime_ns,
            size=job.size,
            error=parsed.error,
        )
        report.counts.add(counts)
        report.files_parsed += 1
        if progress is not None:
            progress(done, len(jobs), path_text(job.path))
    return report


def _clean_titles(known: dict[str, FileState]) -> dict[int, str]:
    """New titles for file sources whose stored name is not clean (stored raw by a
    version before names were cleaned), so the list stops showing them at once."""
    return {
        state.source_id: path_text(state.title)
        for state in known.values()
        if state.title and path_text(state.title) != state.title
    }
