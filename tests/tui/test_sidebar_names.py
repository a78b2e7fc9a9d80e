"""The sidebar after reading, and names that would be the same: counts of the sources
showing stay current, a built-in entry is told from a section of the same name, and two
sources with one title are told apart."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets.tree import TreeNode

from newsreader.config import load_config
from newsreader.core import Library
from newsreader.models import SourceInfo
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.entries import Entry, EntryKind
from newsreader.tui.source_names import distinct_hints
from newsreader.tui.widgets import ArticleList, Sidebar

from .conftest import NOW, ROOT, AppFactory, settle


def section_node(app: NewsReaderApp, name: str) -> TreeNode[Entry]:
    return next(
        n
        for n in app.query_one(Sidebar).root.children
        if n.data is not None and n.data.kind is EntryKind.SECTION and n.data.name == name
    )


async def test_source_counts_follow_reading_while_the_section_is_open(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        world = section_node(app, "World")
        world.expand()
        await settle(pilot)
        [gazette] = world.children
        assert str(world.label) == "World  15" and str(gazette.label) == "The Harbour Gazette  15"
        sidebar = app.query_one(Sidebar)
        sidebar.focus()
        sidebar.move_cursor(gazette)
        await pilot.press("enter")  # the feed's list
        await settle(pilot)
        app.query_one(ArticleList).focus()
        await pilot.press("enter", "j", "enter", "j", "m")  # two opened, one marked
        await settle(pilot)
        assert str(world.label) == "World  12"
        assert str(gazette.label) == "The Harbour Gazette  12"  # not 15 until collapsed
        assert sidebar.cursor_node is gazette  # updated in place: the cursor stays
        await pilot.press("A")
        await settle(pilot)
        assert str(world.label) == "World" and str(gazette.label) == "The Harbour Gazette"


async def test_a_feed_never_counts_its_muted_articles(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        tech = section_node(app, "Tech")
        tech.expand()
        await settle(pilot)
        [notes] = tech.children
        # The samples mute a sponsored post in Tech: 16 articles, 15 shown.
        assert str(tech.label) == "Tech  15" and str(notes.label) == "Circuit Notes  15"


async def test_the_built_in_saved_and_a_saved_section_are_two_entries(
    make_app: AppFactory, library_dir: Path
) -> None:
    """The editor gives no new section a built-in's name, but one written by hand (or
    before that rule) still loads, and is told apart from the built-in."""
    config = library_dir / "config.toml"
    text = config.read_text(encoding="utf-8").replace('name = "Clippings"', 'name = "Saved"')
    config.write_text(text, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        saved = [n for n in sidebar.root.children if n.data and n.data.name == "Saved"]
        assert [(n.data.kind, str(n.label)) for n in saved if n.data] == [
            (EntryKind.SAVED, "↓ Saved"),
            (EntryKind.SECTION, "Saved  4"),
        ]
        for node, total in zip(saved, (0, 4), strict=True):
            sidebar.focus()
            sidebar.move_cursor(node)
            await pilot.press("enter")
            await settle(pilot)
            assert app.query_one(ArticleList).total == total


def info(source_id: int, name: str, key: str, kind: str = "feed") -> SourceInfo:
    return SourceInfo(source_id, name, kind, key, 1, 1, None, None)


def test_hints_are_the_shortest_tail_that_differs() -> None:
    sources = [
        info(1, "Daring Fireball", "https://daringfireball.net/feeds/main"),
        info(2, "Daring Fireball", "https://daringfireball.net/feeds/json"),
        info(3, "Other", "https://example.org/feed"),
        info(4, "notes.md", "/home/me/a/notes.md", "file"),
        info(5, "Notes.md", "/home/me/b/notes.md", "file"),
        info(6, "Same", "http://same.example/rss"),
        info(7, "Same", "https://same.example/rss"),
        info(8, "Q", "https://q.example/feed?format=atom"),
        info(9, "Q", "https://q.example/feed?format=json"),
    ]
    assert distinct_hints(sources) == {
        1: "main",
        2: "json",
        4: "a/notes.md",
        5: "b/notes.md",
        6: "http://same.example/rss",
        7: "https://same.example/rss",
        8: "?format=atom",
        9: "?format=json",
    }


async def test_two_files_with_one_title_are_told_apart(tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    atom = (ROOT / "sample_feeds" / "tech" / "circuit-notes.atom").read_text(encoding="utf-8")
    (folder / "site.atom").write_text(atom, encoding="utf-8")
    shutil.copy(folder / "site.atom", folder / "site-copy.atom")
    config = tmp_path / "config.toml"
    config.write_text(f'[[section]]\nname = "Blogs"\npaths = ["{folder}"]\n', encoding="utf-8")
    library = Library.open(load_config(config), tmp_path / "library.db")
    library.scan(workers=1)
    app = NewsReaderApp(library, clock=lambda: NOW, scan_on_start=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        blogs = section_node(app, "Blogs")
        blogs.expand()
        await settle(pilot)
        labels = sorted(str(n.label) for n in blogs.children)
        assert labels == [
            "Circuit Notes · site-copy.atom  16",
            "Circuit Notes · site.atom  16",
        ]
        names = {n.data.name for n in blogs.children if n.data}
        assert names == {"Circuit Notes (site.atom)", "Circuit Notes (site-copy.atom)"}


async def test_the_configs_list_of_built_in_entries_is_the_sidebars(make_app: AppFactory) -> None:
    """`config.values.BUILT_IN_ENTRIES` (names a new section may not take) is written out
    because the config may not import the UI: it must name every built-in entry."""
    from newsreader.config.values import BUILT_IN_ENTRIES
    from newsreader.core import OPENED_SECTION

    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        fixed = {
            node.data.kind: node.data.title
            for node in sidebar.root.children
            if node.data is not None
            and node.data.kind not in (EntryKind.SECTION, EntryKind.WATCH, EntryKind.HEADING)
        }
    kinds = {EntryKind.ALL, EntryKind.UNREAD, EntryKind.STARRED, EntryKind.SAVED}
    assert kinds | {EntryKind.MUTED} == set(fixed)  # the samples have a mute
    opened = Entry(EntryKind.SECTION, OPENED_SECTION).title
    assert sorted([*fixed.values(), opened]) == sorted(BUILT_IN_ENTRIES)
