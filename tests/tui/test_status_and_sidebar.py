"""The status line says the latest thing worth saying, and the sidebar stays where the
reader put it when it is built again: real app, Pilot, events waited on, not time."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message

from newsreader.cli import main as cli
from newsreader.tui.entries import EntryKind
from newsreader.tui.messages import ScanProgress
from newsreader.tui.widgets import Sidebar, StatusBar

from .conftest import AppFactory, settle
from .test_feeds_in_app import main, section
from .test_layout_widths import screen_text


async def test_a_late_progress_event_does_not_cover_the_summary(make_app: AppFactory) -> None:
    """The scan thread posts progress; one can be handled after the refresh said
    "Refreshed: ..." (as a slow event loop does): the summary stays."""
    posted: list[ScanProgress] = []

    def hook(message: Message) -> None:
        if isinstance(message, ScanProgress):
            posted.append(message)

    app = make_app(scan=False)  # the refresh reads the samples' files, with progress
    async with app.run_test(size=(120, 36), message_hook=hook) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        status = app.query_one(StatusBar)
        assert str(status.render()).startswith("Refreshed: "), status.render()
        assert posted
        late = posted[-1]
        app.screen.post_message(ScanProgress(late.done, late.total, late.name, late.scan))
        await settle(pilot)
        assert str(status.render()).startswith("Refreshed: "), status.render()
        # A progress event of a refresh that is running still shows.
        main(app)._scanning = late.scan
        app.screen.post_message(ScanProgress(late.done, late.total, late.name, late.scan))
        await settle(pilot)
        assert str(status.render()).startswith(f"Refreshing {late.done}/{late.total}: ")


async def pick(pilot: object, app: object, kind: EntryKind, name: str) -> None:
    sidebar = app.query_one(Sidebar)  # type: ignore[attr-defined]
    found = [n for n in sidebar._tree_lines if n.node.data and n.node.data.key[:2] == (kind, name)]
    assert found, (kind, name)
    sidebar.focus()
    sidebar.move_cursor(found[0].node)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


def on(app: object) -> tuple[str, str] | None:
    node = app.query_one(Sidebar).cursor_node  # type: ignore[attr-defined]
    return (node.data.kind.value, node.data.name) if node and node.data else None


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
@pytest.mark.parametrize(
    ("kind", "name"),
    [
        (EntryKind.UNREAD, "Unread"),
        (EntryKind.WATCH, "Cyber"),
        (EntryKind.SECTION, "Asia"),
        (EntryKind.MUTED, "Muted"),
        (EntryKind.SOURCE, "The Harbour Gazette"),
    ],
)
async def test_r_with_a_changed_config_keeps_the_sidebar_on_the_entry(
    make_app: AppFactory,
    library_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: EntryKind,
    name: str,
    size: tuple[int, int],
) -> None:
    monkeypatch.setenv("NEWSREADER_CONFIG", str(library_dir / "config.toml"))
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# A note\n\nSome text.\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if kind is EntryKind.SOURCE:
            section(app, "World").expand()
            await settle(pilot)
        await pick(pilot, app, kind, name)
        assert cli(["add", str(notes), "--section", "Notes"]) == 0
        await pilot.press("r")
        await settle(pilot)
        assert "Notes" in str(section(app, "Notes").label)  # built again
        assert on(app) == (kind.value, name)
        assert main(app).entry.kind is kind and main(app).entry.name == name


async def test_a_new_watch_keeps_the_sidebar_on_the_entry(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pick(pilot, app, EntryKind.STARRED, "Starred")
        main(app).create_watch("Tides", "tidal")
        await settle(pilot)
        assert on(app) == ("starred", "Starred")
        await pick(pilot, app, EntryKind.WATCH, "Cyber")
        main(app).create_watch("Storms", "storm")
        await settle(pilot)
        assert on(app) == ("watch", "Cyber")


async def test_escape_from_a_search_puts_the_sidebar_back_on_the_entry(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pick(pilot, app, EntryKind.SECTION, "Tech")
        await pilot.press("slash")
        await pilot.press(*"harbour", "enter")
        await settle(pilot)
        assert on(app) == ("search", "harbour")
        assert "for harbour (escape to go back)" in str(app.query_one(StatusBar).render())
        await pilot.press("escape")
        await settle(pilot)
        assert main(app).entry.name == "Tech"
        assert on(app) == ("section", "Tech")
        # The status line goes back to the library's summary, not to nothing.
        assert "unread. Press ? for help." in str(app.query_one(StatusBar).render())


async def test_the_summary_a_search_gives_way_to_counts_what_changed_meanwhile(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        before = main(app)._counts
        assert before is not None
        await pilot.press("slash")
        await pilot.press(*"harbour", "enter")
        await settle(pilot)
        await pilot.press("m")  # the first hit read while the search's message shows
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        expected = f"{before.total} articles, {before.unread - 1} unread. Press ? for help."
        assert str(app.query_one(StatusBar).render()) == expected


async def test_opening_on_a_section_puts_the_sidebar_on_it(make_app: AppFactory) -> None:
    app = make_app(start_section="Asia")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert main(app).entry.name == "Asia"
        assert on(app) == ("section", "Asia")


async def test_a_long_section_name_is_cut_before_its_count(
    make_app: AppFactory, library_dir: Path
) -> None:
    long_name = "A section with a very long name that goes on and on"
    samples = library_dir / "config.toml"
    text = samples.read_text(encoding="utf-8")
    samples.write_text(text.replace('name = "Tech"', f'name = "{long_name}"', 1), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        assert sidebar.virtual_size.width <= sidebar.scrollable_content_region.width
        node = next(n for n in sidebar.root.children if n.data and n.data.name == long_name)
        assert node.data is not None
        counts = main(app)._counts
        assert counts is not None
        unread = next(c.unread for c in counts.sections if c.name == long_name)
        lines = [screen_text(app, y)[: sidebar.size.width] for y in range(36)]
        line = next(line for line in lines if "A section with" in line)
        assert "…" in line and line.rstrip().endswith(f"  {unread}"), line
