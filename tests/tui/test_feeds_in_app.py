"""Feeds managed in the app, through Pilot on the real app and a real server on 127.0.0.1:
a adds (a page's feeds found), D removes, R renames, V moves, r reads the config again,
E lists the failing sources. State is asserted, never slept on."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, Static
from textual.widgets.tree import TreeNode

from newsreader.cli import main as cli
from newsreader.config import load_config
from newsreader.core import Library, SourceProblem
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.entries import Entry, EntryKind

# The dialogs by attribute: a test fails on its own where one is missing.
from newsreader.tui.screens import dialogs
from newsreader.tui.screens.dialogs.errors import problem_text
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.widgets import ArticleList, Sidebar, StatusBar
from tests.servers import FeedServer, Reply, rss, running_server

from .conftest import AppFactory, settle

RSS = {"Content-Type": "application/rss+xml"}
HTML = {"Content-Type": "text/html; charset=utf-8"}
ATOM = (
    b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    b"<title>Gazette comments</title><id>urn:c</id><updated>2024-03-05T10:00:00Z</updated>"
    b"<entry><title>A reader writes</title><id>urn:c1</id><updated>2024-03-05T10:00:00Z</updated>"
    b"<content>Hi</content></entry></feed>"
)


def page(*hrefs: tuple[str, str]) -> bytes:
    links = "".join(
        f'<link rel="alternate" type="application/{kind}+xml" href="{href}">'
        for kind, href in hrefs
    )
    return f"<!DOCTYPE html><html><head>{links}</head><body>x</body></html>".encode()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    server = next(gen := running_server())
    server.routes["/feed.xml"] = Reply(
        body=rss("Harbour Gazette", [("g1", "Storm over the bay")]), headers=RSS
    )
    server.routes["/comments.atom"] = Reply(body=ATOM, headers={"Content-Type": "text/xml"})
    server.routes["/"] = Reply(
        body=page(("rss", "feed.xml"), ("atom", "/comments.atom")), headers=HTML
    )
    server.routes["/blog/"] = Reply(body=page(("rss", "../feed.xml")), headers=HTML)
    server.routes["/plain.html"] = Reply(body=page(), headers=HTML)
    yield server
    next(gen, None)


def main(app: NewsReaderApp) -> MainScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


def section(app: NewsReaderApp, name: str) -> TreeNode[Entry]:
    sidebar = app.query_one(Sidebar)
    for node in sidebar.root.children:
        if node.data is not None and node.data.kind is EntryKind.SECTION and node.data.name == name:
            return node
    raise AssertionError(f"no section {name}: {[str(n.label) for n in sidebar.root.children]}")


def section_names(app: NewsReaderApp) -> list[str]:
    sidebar = app.query_one(Sidebar)
    return [
        n.data.name
        for n in sidebar.root.children
        if n.data is not None and n.data.kind is EntryKind.SECTION
    ]


async def pick_source(pilot: object, app: NewsReaderApp, section_name: str, label: str) -> None:
    """Open a section in the sidebar and put the cursor on one of its sources."""
    node = section(app, section_name)
    node.expand()
    await settle(pilot)  # type: ignore[arg-type]
    sidebar = app.query_one(Sidebar)
    sidebar.focus()
    found = [n for n in node.children if label in str(n.label)]
    assert found, [str(n.label) for n in node.children]
    sidebar.move_cursor(found[0])
    await settle(pilot)  # type: ignore[arg-type]


def status(app: NewsReaderApp) -> str:
    return str(app.query_one(StatusBar).render())


def text_of(screen: object) -> str:
    return "\n".join(str(w.render()) for w in screen.query(Static))  # type: ignore[attr-defined]


def feed_app(tmp_path: Path, body: str) -> NewsReaderApp:
    config = tmp_path / "config.toml"
    config.write_text(body, encoding="utf-8")
    library = Library.open(load_config(config), tmp_path / "library.db")
    return NewsReaderApp(
        library, clock=lambda: datetime(2024, 3, 6, tzinfo=UTC), scan_on_start=False
    )


# --- a ----------------------------------------------------------------------------------


async def test_a_adds_the_feed_picked_from_a_page_that_links_to_two(
    make_app: AppFactory, library_dir: Path, server: FeedServer
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        sidebar.focus()
        sidebar.move_cursor(section(app, "Asia"))
        await pilot.press("enter")  # the section in view: the dialog's default
        await settle(pilot)
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, dialogs.AddFeedDialog)
        assert dialog.query_one("#add-section", Input).value == "Asia"
        await pilot.press(*server.url("/"), "enter")
        await settle(pilot)
        choices = dialog.query_one("#add-choices", OptionList)
        assert choices.option_count == 2 and choices.has_focus
        assert "This page links to 2 feeds" in str(dialog.message.render())
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        config = load_config(library_dir / "config.toml")
        asia = config.section("Asia")
        assert asia is not None and [f.url for f in asia.feeds] == [server.url("/comments.atom")]
        assert "# The plain-text copy" in (library_dir / "config.toml").read_text()
        # It is fetched at once: its article is in the Asia list and the sidebar.
        titles = [r.title for _, r in app.query_one(ArticleList).loaded_rows()]
        assert "A reader writes" in titles
        asia_node = section(app, "Asia")
        asia_node.expand()
        await settle(pilot)
        assert any("Gazette comments" in str(n.label) for n in asia_node.children)


async def test_a_adds_a_page_s_only_feed_and_refuses_what_is_none(
    make_app: AppFactory, library_dir: Path, server: FeedServer
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, dialogs.AddFeedDialog)
        url_input = dialog.query_one("#add-url", Input)
        for path, reason in (
            ("/missing.xml", "Not added: HTTP 404 Not Found"),
            ("/plain.html", "Not added: this is a web page that links to no feed"),
        ):
            url_input.value = server.url(path)
            url_input.focus()
            await pilot.press("enter")
            await settle(pilot)
            assert dialog.is_current  # it stays, to fix the address
            assert str(dialog.message.render()).startswith(reason)
            assert dialog.message.has_class("-error")
        url_input.value = server.url("/blog/")  # links to ../feed.xml
        url_input.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        config = load_config(library_dir / "config.toml")
        unsorted = config.section("Unsorted")
        assert unsorted is not None and [f.url for f in unsorted.feeds] == [server.url("/feed.xml")]
        assert "Unsorted" in section_names(app)
        await pilot.press("a")
        await pilot.press(*server.url("/feed.xml"), "enter")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, dialogs.AddFeedDialog)
        assert "is in your config already" in str(again.message.render())
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_adds_a_folder_too(make_app: AppFactory, library_dir: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# A note\n\nSome text.\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.press(*str(notes), "tab", "ctrl+u", *"Notes", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert load_config(library_dir / "config.toml").section("Notes").paths == (notes,)  # type: ignore[union-attr]
        assert str(section(app, "Notes").label) == "Notes  1"  # read at once


# --- D ----------------------------------------------------------------------------------


async def test_D_asks_then_removes_a_path_keeping_starred(
    make_app: AppFactory, library_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("D")  # nothing picked: it says how
        assert "Pick a feed, file or folder in the sidebar first" in status(app)
        await pick_source(pilot, app, "Clippings", "reading-offline.md")
        await pilot.press("enter")  # show its article, star it
        await settle(pilot)
        articles.focus()
        await pilot.press("s")
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        sidebar.focus()
        await pilot.press("D")
        await settle(pilot)
        question = app.screen
        assert isinstance(question, dialogs.ConfirmDialog)
        assert question.question.split("\n") == [
            "Remove the path saved from Clippings?",
            str(library_dir / "saved"),
            "",
            "Nothing on disk is touched; it leaves your config and the library.",
            "3 of its 4 articles go; 1 starred or saved stays, in Starred and Saved.",
            "",
        ]
        await pilot.press("n")
        await settle(pilot)
        assert load_config(library_dir / "config.toml").section("Clippings").paths  # type: ignore[union-attr]
        await pilot.press("D", "y")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert load_config(library_dir / "config.toml").section("Clippings").paths == ()  # type: ignore[union-attr]
        assert (library_dir / "saved" / "reading-offline.md").exists()
        assert (
            status(app)
            == "Removed saved from Clippings: 3 articles deleted; 1 starred or saved kept."
        )
        saved = section(app, "Clippings")
        assert len(saved.children) == 0
        assert main(app).entry.kind is EntryKind.SECTION and articles.total == 0
        sidebar.move_cursor(
            [n for n in sidebar.root.children if str(n.label).startswith("★ Starred")][0]
        )
        await pilot.press("enter")
        await settle(pilot)
        kept = [r.title for _, r in articles.loaded_rows()]
        assert kept == ["How to keep the news you want to read later"]


# --- R and V ------------------------------------------------------------------------------


async def test_R_renames_a_feed_and_V_moves_it(server: FeedServer, tmp_path: Path) -> None:
    app = feed_app(
        tmp_path,
        f'# mine\n[[section]]\nname = "News"  # the wire\nfeeds = ["{server.url("/feed.xml")}"]\n'
        '\n[[section]]\nname = "Later"\npaths = []\n',
    )
    config = tmp_path / "config.toml"
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pick_source(pilot, app, "News", "Harbour Gazette")
        await pilot.press("enter")
        await settle(pilot)
        app.query_one(Sidebar).focus()
        await pilot.press("R")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, dialogs.RenameDialog)
        title = dialog.query_one(Input)
        assert title.value == "Harbour Gazette"
        title.value = ""
        await pilot.press(*"The Wire", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert load_config(config).sections[0].feeds[0].title == "The Wire"
        assert "# the wire" in config.read_text(encoding="utf-8")
        news = section(app, "News")
        assert [str(n.label) for n in news.children] == ["The Wire  1"]
        assert main(app).entry.name == "The Wire"  # the list it shows follows
        assert app.query_one(Sidebar).cursor_node is news.children[0]
        assert status(app) == "Renamed Harbour Gazette to The Wire."

        await pilot.press("V")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, dialogs.SectionDialog)
        assert picker.sections == ["Later"]  # not the one it is in
        await pilot.press("enter")
        await settle(pilot)
        assert [s.name for s in load_config(config).sections if s.feeds] == ["Later"]
        later = section(app, "Later")
        assert [str(n.label) for n in later.children] == ["The Wire  1"]
        assert str(later.label) == "Later  1" and str(section(app, "News").label) == "News"
        assert main(app).entry.section == "Later"
        assert app.query_one(Sidebar).cursor_node is later.children[0]
        assert status(app) == "Moved The Wire from News to Later."

        await pilot.press("V")  # to a new section, typed
        await settle(pilot)
        await pilot.press("tab", *"Elsewhere", "enter")
        await settle(pilot)
        assert "Elsewhere" in section_names(app)
        assert load_config(config).section("Elsewhere") is not None


async def test_R_on_a_path_says_files_keep_their_titles(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pick_source(pilot, app, "World", "")
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "Only a feed can be renamed" in status(app)


async def test_V_moves_a_path_and_its_articles_at_once(
    make_app: AppFactory, library_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pick_source(pilot, app, "Asia", "")
        await pilot.press("V")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, dialogs.SectionDialog)
        assert dialog.sections == ["World", "Tech", "Clippings"]
        await pilot.press("enter")  # World
        await settle(pilot)
        assert str(section(app, "World").label) == "World  27"
        assert str(section(app, "Asia").label) == "Asia"
        assert load_config(library_dir / "config.toml").section("Asia").paths == ()  # type: ignore[union-attr]


# --- r ------------------------------------------------------------------------------------


async def test_r_reads_the_config_again_keeping_the_selection(
    make_app: AppFactory,
    library_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = library_dir / "config.toml"
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))  # the CLI edits the app's config
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# A note\n\nSome text.\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        sidebar.focus()
        sidebar.move_cursor(section(app, "Tech"))
        await pilot.press("enter")
        await settle(pilot)
        assert cli(["add", str(notes), "--section", "Notes"]) == 0
        await pilot.press("r")
        await settle(pilot)
        assert section_names(app) == ["World", "Tech", "Asia", "Clippings", "Notes"]
        assert str(section(app, "Notes").label) == "Notes  1"
        assert main(app).entry.name == "Tech" and sidebar.cursor_node is section(app, "Tech")
        assert section(app, "Tech").is_expanded  # as the reader left it

        assert cli(["remove", str(library_dir / "tech")]) == 0
        await pilot.press("r")
        await settle(pilot)
        assert "Tech" in section_names(app)  # the section stays, empty
        assert app.query_one(ArticleList).total == 0

        assert cli(["move", str(notes), "World"]) == 0
        config.write_text(config.read_text() + "\n[[section]\nbroken\n", encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        assert section_names(app) == ["World", "Tech", "Asia", "Clippings", "Notes"]  # kept
        messages = [n.message for n in app._notifications]
        assert any(str(config) in m and "config in use stays" in m for m in messages), messages
        assert isinstance(app.screen, MainScreen)
    capsys.readouterr()


# --- E ------------------------------------------------------------------------------------


async def test_E_lists_failing_sources_and_enter_shows_one(
    server: FeedServer, tmp_path: Path
) -> None:
    server.routes["/busy.xml"] = Reply(503, b"busy", headers={"Retry-After": "7200"})
    app = feed_app(
        tmp_path,
        f'[[section]]\nname = "News"\nfeeds = ["{server.url("/feed.xml")}", '
        f'"{server.url("/dead.xml")}", "{server.url("/busy.xml")}"]\n'
        '[[section]]\nname = "Files"\npaths = ["gone"]\n',
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, dialogs.ErrorsDialog)
        assert [p.where.rsplit("/", 1)[-1] for p in dialog.problems] == [
            "busy.xml",
            "dead.xml",
            "gone",
        ]
        rows = dialog.query_one(OptionList)
        shown = [drawn(rows.get_option_at_index(i).prompt) for i in range(rows.option_count)]
        assert "HTTP 503 Service Unavailable" in shown[0]
        assert "tried again in " in shown[0] and "the server asked to wait" in shown[0]
        assert "HTTP 404 Not Found" in shown[1] and "never worked" in shown[1]
        assert "tried again at the next refresh" in shown[1]
        assert "no such file or directory" in shown[2] and "Files" in shown[2]
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = main(app)
        assert isinstance(app.screen, MainScreen)
        assert screen.entry.kind is EntryKind.SOURCE and screen.entry.name.endswith("dead.xml")
        cursor = app.query_one(Sidebar).cursor_node
        assert cursor is not None and cursor.data == screen.entry
        assert "HTTP 404 Not Found" in status(app)


def drawn(renderable: object, width: int = 96) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_a_failing_source_s_long_error_wraps_under_its_indent() -> None:
    problem = SourceProblem(
        source_id=1,
        kind="feed",
        name="Harbour",
        where="https://gazette.example/feed.xml",
        section="News",
        error="HTTP 500 " + "the server said something long " * 8,
        last_attempt=None,
        last_success=None,
        retry_after=None,
        switched_off=False,
    )
    now = datetime(2026, 12, 2, tzinfo=UTC)
    lines = drawn(problem_text(problem, now, 30, Style(bold=True)), width=50).splitlines()
    assert lines[0].startswith("⚠ Harbour")
    assert len(lines) > 5 and all(line.startswith("  ") and line.strip() for line in lines[1:])


async def test_E_says_all_is_fine_and_is_in_the_palette(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Failing sources", "enter")
        await settle(pilot)
        assert isinstance(app.screen, dialogs.ErrorsDialog)
        assert "All sources are fine." in text_of(app.screen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
