"""Factories for the real app on a real library (a copy of the samples, a tmp SQLite file)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from newsreader.config import load_config
from newsreader.core import Library
from newsreader.storage import Store
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
        library = Library(load_config(library_dir / "config.toml"), Store(tmp_path / "library.db"))
        if scan:
            library.scan(workers=1)
        return NewsReaderApp(library, clock=lambda: NOW, scan_on_start=scan_on_start, **kwargs)  # type: ignore[arg-type]

    return factory


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker is done and every message handled (no sleeping)."""
    for _ in range(5):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            break
