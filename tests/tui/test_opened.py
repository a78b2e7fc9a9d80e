"""`newsreader PATH`: the TUI opens on the "Opened" section, and on one file, with its
article open. Driven through the command line's own start-up (`_run_tui`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import newsreader.cli as cli
from newsreader.config import OPENED_SECTION
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
        assert main.entry.kind is EntryKind.SECTION and main.entry.name == OPENED_SECTION
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
        assert screen(app).entry.name == OPENED_SECTION
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


async def test_a_section_of_the_config_called_opened_stays_beside_the_opened_files(
    started: list[NewsReaderApp], tmp_path: Path
) -> None:
    """The built-in Opened (the paths given, marked like All or Saved) does not shadow
    the reader's own section "Opened" nor hide its articles."""
    config = tmp_path / "samples" / "config.toml"
    text = config.read_text(encoding="utf-8").replace('name = "Asia"', 'name = "Opened"')
    config.write_text(text, encoding="utf-8")
    note = tmp_path / "elsewhere" / "note.md"
    note.parent.mkdir()
    note.write_text(NOTE, encoding="utf-8")
    assert cli.main([str(note)]) == 0
    [app] = started
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = screen(app)
        sidebar = app.query_one(Sidebar)
        sections = [
            (node.data.name, str(node.label))
            for node in sidebar.root.children
            if node.data is not None and node.data.kind is EntryKind.SECTION
        ]
        built_in, *own = sections
        assert built_in[0] == main.entry.name  # where it starts: the paths given
        assert built_in[1].startswith("◇ Opened")  # marked as built in
        assert [name for name, _ in own] == ["World", "Tech", "Opened", "Clippings"]
        assert app.query_one(ArticleList).total == 1  # the note alone
        assert (main.sub_title or "").startswith("Opened · 1 article")
        # The reader's own section "Opened" still lists its articles (the Asia samples).
        users = next(
            n
            for n in sidebar.root.children
            if n.data is not None and n.data.name == "Opened" and n.data is not main.entry
        )
        sidebar.focus()
        sidebar.move_cursor(users)
        await pilot.press("enter")
        await settle(pilot)
        assert main.entry.name == "Opened"
        articles = app.query_one(ArticleList)
        assert articles.total > 1
        assert all(row.section == "Opened" for _, row in articles.loaded_rows())


async def test_a_in_the_opened_section_adds_to_unsorted_not_to_it(
    started: list[NewsReaderApp], tmp_path: Path
) -> None:
    """The Opened section is no section of the config: `a` there suggests Unsorted (its
    own name, which no config section may hold, would be refused on writing)."""
    from textual.widgets import Input

    from newsreader.tui.screens.dialogs import AddFeedDialog

    note = tmp_path / "note.md"
    note.write_text(NOTE, encoding="utf-8")
    assert cli.main([str(note)]) == 0
    [app] = started
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert screen(app).entry.name == OPENED_SECTION
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AddFeedDialog)
        assert app.screen.query_one("#add-section", Input).value == "Unsorted"
