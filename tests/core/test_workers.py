"""Parser workers: a job past its budget is its own error, and workers die with the
process that started them (a killed refresh used to leave four processes behind)."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsreader.update.parsing
from newsreader.config import load_config
from newsreader.core import Library
from newsreader.query import ArticleQuery
from newsreader.update.report import Status
from tests.servers import FeedServer, Reply, hanging_parse, rss, running_server

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from running_server()


def test_a_feed_that_parses_past_its_budget_fails_alone(
    server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(newsreader.update.parsing, "parse_job", hanging_parse)
    # Long enough for a loaded machine to parse a small feed, short enough for a test.
    monkeypatch.setattr(newsreader.update.parsing, "PARSE_BUDGET", 5.0)
    paths = [f"/ok{i}.xml" for i in range(7)]
    for i, path in enumerate(paths):
        server.routes[path] = Reply(body=rss(f"Feed {i}", [(f"k{i}", f"Kept {i}")]))
    server.routes["/hang.xml"] = Reply(body=rss("HANG-THE-PARSER", [("h", "Hung")]))
    urls = [server.url(p) for p in [*paths, "/hang.xml"]]
    config = tmp_path / "config.toml"
    feeds = ", ".join(f'"{u}"' for u in urls)
    config.write_text(f'[[section]]\nname = "News"\nfeeds = [{feeds}]\n', encoding="utf-8")
    with Library.open(load_config(config), tmp_path / "library.db") as lib:
        results = {r.url: r for r in lib.refresh_feeds().results}
        hung = results[server.url("/hang.xml")]
        assert hung.status is Status.ERROR
        assert "took longer than 5 s" in (hung.error or "")
        assert {p: results[server.url(p)].error for p in paths} == dict.fromkeys(paths)
        assert lib.count(ArticleQuery()) == 7


def _wait_gone(pid: int, seconds: float = 20.0) -> bool:
    """Wait for process `pid` to exit (on the kernel's event, not by polling)."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        ready, _, _ = select.select([fd], [], [], seconds)
        return bool(ready)
    finally:
        os.close(fd)


CHILD = textwrap.dedent(
    """
    import os, sys, threading
    from multiprocessing import forkserver, resource_tracker
    from newsreader.update.pool import process_pool

    def main():
        pool = process_pool(2, ())
        workers = {pool.submit(os.getpid).result() for _ in range(8)}
        helpers = [forkserver._forkserver._forkserver_pid, resource_tracker._resource_tracker._pid]
        print(*workers, *helpers, flush=True)
        threading.Event().wait()

    if __name__ == "__main__":
        main()
    """
)


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux's pidfd_open")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_and_helpers_die_with_their_parent(tmp_path: Path, sig: signal.Signals) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert child.stdout is not None
    pids = [int(p) for p in child.stdout.readline().split()]
    assert len(pids) >= 3  # at least one worker, the forkserver and the resource tracker
    child.send_signal(sig)
    child.wait()
    assert [pid for pid in pids if not _wait_gone(pid)] == []


def test_a_file_that_reads_past_its_budget_fails_alone_in_a_big_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsreader.update.local
    from tests.servers import hanging_read

    monkeypatch.setattr(newsreader.update.local, "_parse", hanging_read)
    monkeypatch.setattr(newsreader.update.local, "PARSE_BUDGET", 5.0)
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(30):
        (folder / f"note{n:02d}.txt").write_text(f"Note {n}\n\nIts text.\n", encoding="utf-8")
    (folder / "hang.txt").write_text("Hang\n\nNever read.\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[[section]]\nname = "Notes"\npaths = ["{folder}"]\n', encoding="utf-8")
    with Library.open(load_config(config), tmp_path / "library.db") as lib:
        report = lib.scan(workers=2)
        assert [(Path(p).name, e) for p, e in report.errors] == [
            ("hang.txt", "reading this file took longer than 5 s and was stopped")
        ]
        assert lib.count(ArticleQuery()) == 30


STUCK_REFRESH = textwrap.dedent(
    """
    import os, sys, threading
    import newsreader.update.local as local
    from newsreader.cli import main

    def stuck(job):
        if job.path.endswith("hang.txt"):
            with open(os.environ["PID_FIFO"], "w") as fifo:
                fifo.write(str(os.getpid()))
            threading.Event().wait()
        return local._parse(job)

    if __name__ == "__main__":
        local._parse = stuck
        sys.exit(main(["refresh"]))
    """
)


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux's pidfd_open")
def test_sigterm_stops_a_refresh_as_ctrl_c_does(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(30):
        (folder / f"note{n:02d}.txt").write_text(f"Note {n}\n\nIts text.\n", encoding="utf-8")
    (folder / "hang.txt").write_text("Hang\n\nNever read.\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[[section]]\nname = "Notes"\npaths = ["{folder}"]\n', encoding="utf-8")
    script = tmp_path / "stuck.py"
    script.write_text(STUCK_REFRESH, encoding="utf-8")
    fifo = tmp_path / "pid.fifo"
    os.mkfifo(fifo)
    env = {
        **os.environ,
        "NEWSREADER_CONFIG": str(config),
        "NEWSREADER_DATA": str(tmp_path / "data"),
        "PID_FIFO": str(fifo),
    }
    child = subprocess.Popen([sys.executable, str(script)], env=env, cwd=ROOT)
    with open(fifo, encoding="utf-8") as reader:  # opens when the stuck worker writes
        worker = int(reader.read())
    child.send_signal(signal.SIGTERM)
    assert child.wait() == 128 + signal.SIGTERM
    assert _wait_gone(worker)
