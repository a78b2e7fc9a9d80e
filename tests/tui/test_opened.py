"""`newsreader PATH`: the TUI opens on the "Opened" section, and on one file, with its
article open. Driven through the command line's own start-up (`_run_tui`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import newsreader.cli as cli
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.entries import EntryKind
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.widgets import ArticleList, ReadingPane, Sidebar

from .conftest import ROOT, settle

NOTE = "# A note given on the command line\n\nRead me first.\n"


@pytest.fixture
def started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[NewsReaderApp]:
    """The apps `newsreader PATH` would run (on a copy of the samples, a fresh library)."""
    shutil.copytree(ROOT / "sample_feeds", tmp_path / "samples")
    monkeypatch.setenv("NEWSREADER_CONFIG", str(tmp_path / "samples" / "config.toml"))
    monkeypatch.setenv("NEWSREADER_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    apps: list[NewsReaderApp] = []
    monkeypatch.setattr(NewsReaderApp, "run", lambda self, **kw: apps.append(self))
    return apps


def screen(app: NewsReaderApp) -> MainScreen:
    main = app.screen_stack[0]
    assert isinstance(main, MainScreen)
    return main


async def test_one_file_opens_on_opened_with_its_article(
    started: list[NewsReaderApp], tmp_path: Path
) -> None:
    note = tmp_path / "elsewhere" / "note.md"
    note.parent.mkdir()
    note.write_text(NOTE, encoding="utf-8")
    assert cli.main([str(note)]) == 0
    [app] = started
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = screen(app)
        assert main.entry.kind is EntryKind.SECTION and main.entry.name == "Opened"
        sidebar = app.query_one(Sidebar)
        assert sidebar.cursor_node is not None and sidebar.cursor_node.data == main.entry
        articles = app.query_one(ArticleList)
        assert articles.total == 1 and articles.cursor == 0
        reader = app.query_one(ReadingPane)
        assert reader.article is not None
        assert reader.article.title == "A note given on the command line"
        assert reader.article.id == articles.row(0).uid  # type: ignore[union-attr]


async def test_a_folder_opens_on_opened_without_opening_an_article(
    started: list[NewsReaderApp], tmp_path: Path
) -> None:
    folder = tmp_path / "samples" / "world"
    assert cli.main([str(folder)]) == 0
    [app] = started
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert screen(app).entry.name == "Opened"
        assert app.query_one(ArticleList).total == 15
        assert app.query_one(ReadingPane).article is None


async def test_without_paths_it_opens_on_all(started: list[NewsReaderApp]) -> None:
    assert cli.main([]) == 0
    [app] = started
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert screen(app).entry.kind is EntryKind.ALL
        assert app.query_one(ArticleList).total == 46
        assert app.query_one(ReadingPane).article is None
