"""Crashes and company: SIGKILL mid-ingest, and two processes sharing one library.

Real processes, real SQLite file; the tests wait on what the child prints, never on time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsreader.config import load_config
from newsreader.core import Library
from newsreader.query import ArticleQuery
from newsreader.storage import Store

SCAN_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from newsreader.config import load_config
    from newsreader.core import Library
    from newsreader.storage import Store

    lib = Library.open(load_config(Path(sys.argv[1])), Path(sys.argv[2]))

    def tick(done, total, path):
        print(f"tick {done}/{total}", flush=True)

    report = lib.scan(progress=tick, workers=1)
    print("done", report.counts.new, report.counts.updated, flush=True)
    """
)


def make_folder(folder: Path, count: int, version: int = 1) -> None:
    folder.mkdir(exist_ok=True)
    for n in range(count):
        (folder / f"{n:04d}.txt").write_text(
            f"Article {n} version {version}\n\n"
            + f"Paragraph {n} of the article, written for version {version} of this test. " * 20
            + "\n",
            encoding="utf-8",
        )


def setup_library(tmp_path: Path, count: int) -> tuple[Path, Path, Path]:
    folder = tmp_path / "articles"
    make_folder(folder, count)
    config = tmp_path / "config.toml"
    config.write_text(f'[[section]]\nname = "Saved"\npaths = ["{folder}"]\n', encoding="utf-8")
    return folder, config, tmp_path / "library.db"


def start_scan(config: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SCAN_SCRIPT, str(config), str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_ticks(proc: subprocess.Popen[str], ticks: int) -> None:
    assert proc.stdout is not None
    seen = 0
    for line in proc.stdout:
        if line.startswith("tick"):
            seen += 1
            if seen >= ticks:
                return
        if line.startswith("done"):
            pytest.fail("the scan finished before it could be interrupted")
    pytest.fail(f"the scan stopped early: {proc.stderr.read() if proc.stderr else ''}")


def test_sigkill_mid_ingest_loses_no_state(tmp_path: Path) -> None:
    folder, config, db = setup_library(tmp_path, 40)
    with Library.open(load_config(config), db) as lib:
        lib.scan(workers=1)
        rows = lib.articles(ArticleQuery(limit=0))
        starred = [r.uid for r in rows[:10]]
        read = [r.uid for r in rows[10:25]]
        lib.mark(starred, starred=True)
        lib.mark(read, read=True)
    # Every file changes and 260 more appear: a long ingest that rewrites starred rows.
    make_folder(folder, 300, version=2)
    proc = start_scan(config, db)
    wait_for_ticks(proc, 60)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    store = Store(db)
    try:
        assert store.integrity_ok()
        assert {r.uid for r in store.list_articles(ArticleQuery(starred=True))} == set(starred)
        assert all(r.read for r in store.list_articles(ArticleQuery(uids=tuple(read))))
        # Finishing the interrupted work later gives one article per file, state intact.
        with Library(load_config(config), store) as lib:
            report = lib.scan(workers=1)
            assert report.errors == []
            assert lib.count(ArticleQuery()) == 300
            assert {r.uid for r in lib.articles(ArticleQuery(starred=True))} == set(starred)
            titles = {r.title for r in lib.articles(ArticleQuery(limit=0))}
            assert all(t.endswith("version 2") for t in titles)
    finally:
        store.close()


def test_two_processes_share_the_library(tmp_path: Path) -> None:
    """A `refresh` in a cron job while the reader marks articles: both succeed."""
    folder, config, db = setup_library(tmp_path, 20)
    with Library.open(load_config(config), db) as lib:
        lib.scan(workers=1)
        uids = [r.uid for r in lib.articles(ArticleQuery(limit=0))]
    make_folder(folder, 200, version=2)
    scanner = start_scan(config, db)
    wait_for_ticks(scanner, 5)
    marker_script = textwrap.dedent(
        f"""
        from pathlib import Path
        from newsreader.storage import Store
        store = Store(Path({str(db)!r}))
        uids = {uids!r}
        for round in range(30):
            for uid in uids:
                store.set_state([uid], starred=round % 2 == 0, read=True)
        print("marked", flush=True)
        """
    )
    marker = subprocess.run(
        [sys.executable, "-c", marker_script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    out, err = scanner.communicate(timeout=120)
    assert marker.returncode == 0, marker.stderr
    assert marker.stdout.strip() == "marked"
    assert scanner.returncode == 0, err
    assert "done" in out
    store = Store(db)
    try:
        assert store.integrity_ok()
        assert store.count(ArticleQuery()) == 200
        marked = store.list_articles(ArticleQuery(uids=tuple(uids)))
        assert all(r.read and not r.starred for r in marked)  # the last round unstarred
    finally:
        store.close()
