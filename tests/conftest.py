"""Shared fixtures; every test runs with its own HOME and XDG folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SHARED = Path(os.environ.get("NEWSREADER_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seeds" / "000_43ac081b49265214.txt"
BUNDLED_SEED = ROOT / "sample_feeds" / "saved" / "000_43ac081b49265214.txt"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the developer's own config and data out of every test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("NEWSREADER_CONFIG", raising=False)
    # NEWSREADER_DATA wins over XDG: a developer's own library must never be written.
    monkeypatch.delenv("NEWSREADER_DATA", raising=False)
    return home


@pytest.fixture
def seed_path() -> Path:
    """The example saved article: the shared copy if present, else the bundled one."""
    return SEED if SEED.exists() else BUNDLED_SEED


@pytest.fixture
def samples() -> Path:
    return ROOT / "sample_feeds"


@pytest.fixture
def corpus() -> Path:
    path = SHARED / "corpus"
    if not path.is_dir():
        pytest.skip(f"shared corpus not found at {path}")
    return path
