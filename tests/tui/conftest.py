"""Factories for the real app on a real library (a copy of the samples, a tmp SQLite file)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed, WorkerState

from newsreader.config import load_config
from newsreader.core import Library
from newsreader.tui.app import NewsReaderApp

ROOT = Path(__file__).parents[2]
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
"""The app's clock in tests, so ages ("17h") and snapshots do not drift."""

AppFactory = Callable[..., NewsReaderApp]


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled samples with their config."""
    target = tmp_path / "samples"
    shutil.copytree(ROOT / "sample_feeds", target)
    return target


@pytest.fixture
def make_app(library_dir: Path, tmp_path: Path) -> AppFactory:
    """An app on the sample library, already scanned so the first paint is complete."""

    def factory(
        *, scan: bool = True, scan_on_start: bool = False, **kwargs: object
    ) -> NewsReaderApp:
        library = Library.open(load_config(library_dir / "config.toml"), tmp_path / "library.db")
        if scan:
            library.scan(workers=1)
        return NewsReaderApp(library, clock=lambda: NOW, scan_on_start=scan_on_start, **kwargs)  # type: ignore[arg-type]

    return factory


_BUSY = (WorkerState.PENDING, WorkerState.RUNNING)


async def settle(pilot: Pilot[None], *, rounds: int = 100) -> None:
    """Wait until no worker is pending or running and every message is handled.

    Waits on the workers themselves, never on time. A worker cancelled while we wait is
    simply done: exclusive workers are replaced by newer ones all the time (each move in
    the list cancels the previous load), and under load that happens mid-wait. A worker
    that fails is the app's to report, as it does for a user (tests look at the screen).
    """
    for _ in range(rounds):
        busy = [w for w in pilot.app.workers if w.state in _BUSY]
        for worker in busy:
            if worker.state is WorkerState.RUNNING:
                with contextlib.suppress(WorkerCancelled, WorkerFailed):
                    await worker.wait()
        await pilot.pause()
        if not busy and not any(w.state in _BUSY for w in pilot.app.workers):
            return
    raise AssertionError(f"the app kept starting work: {list(pilot.app.workers)}")


@pytest.fixture
def browser_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the app asks the system's browser to open (a graphical one, as far as the
    app can tell; none is started: none exists here)."""
    import webbrowser

    opened: list[str] = []

    class Recorder(webbrowser.BaseBrowser):
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            opened.append(url)
            return True

    monkeypatch.setattr(webbrowser, "get", lambda using=None: Recorder("recorder"))
    return opened


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """The processes the app starts (really started: the spy only keeps them, so a test
    can wait for a program's end rather than sleep)."""
    processes: list[subprocess.Popen[bytes]] = []
    real = subprocess.Popen

    def spy(*args: object, **kwargs: object) -> subprocess.Popen[bytes]:
        process = real(*args, **kwargs)  # type: ignore[call-overload]
        processes.append(process)
        return process  # type: ignore[no-any-return]

    monkeypatch.setattr(subprocess, "Popen", spy)
    return processes
