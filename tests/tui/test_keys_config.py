"""The config's `[keys]` rebinding keys in the running app, and `browser` opening links."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.dialogs import HelpDialog
from newsreader.tui.screens.dialogs.help import keys_table
from newsreader.tui.widgets import ArticleList, ReadingPane, StatusBar

from .conftest import AppFactory, settle


def add_to_config(library_dir: Path, settings: str = "", tables: str = "") -> None:
    """Lines for the samples' [settings], and tables at the end of their config."""
    path = library_dir / "config.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("[settings]\n", f"[settings]\n{settings}", 1)
    path.write_text(text + tables, encoding="utf-8")


def footer_keys(app: NewsReaderApp) -> dict[str, str]:
    from textual.widgets._footer import FooterKey

    return {key.description: key.key_display for key in app.query(FooterKey)}


async def test_keys_rebound_in_the_config_work_and_show(
    make_app: AppFactory, library_dir: Path
) -> None:
    add_to_config(
        library_dir,
        tables='\n[keys]\nnext_unread = "j"\ncursor_down = "down"\n'
        '"newsreader.toggle_star" = "*"\n',
    )
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("j")  # next unread now: opens the one under the cursor
        await settle(pilot)
        reader = app.query_one(ReadingPane)
        assert reader.article is not None and reader.article.id == articles.row(0).uid  # type: ignore[union-attr]
        await pilot.press("j")
        await settle(pilot)
        assert articles.cursor == 1 and reader.article.id == articles.row(1).uid  # type: ignore[union-attr]
        await pilot.press("n")  # no longer bound
        await settle(pilot)
        assert articles.cursor == 1
        await pilot.press("down")
        assert articles.cursor == 2
        await pilot.press("asterisk")
        await settle(pilot)
        assert articles.current is not None and articles.current.starred
        assert footer_keys(app)["Next unread"] == "j"
        assert not [e for e in app.message_log.entries if "[keys]" in e.text]  # no clash
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpDialog)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(keys_table(app.screen.keymap))
        text = console.export_text()
        assert re.search(r"^ *j +open the next unread article", text, re.MULTILINE)
        assert re.search(r"^ *\* +star / unstar", text, re.MULTILINE)


async def test_a_rebound_key_another_binding_answers_first_is_pointed_out(
    make_app: AppFactory, library_dir: Path
) -> None:
    add_to_config(library_dir, tables='\n[keys]\nnext_unread = "j"\n')
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        texts = [entry.text for entry in app.message_log.entries]
        assert any(
            "[keys] next_unread = 'j' does nothing in the article list: j is Down "
            "(cursor_down) there" in text
            for text in texts
        )


async def test_browser_command_gets_the_url_as_its_last_argument(
    make_app: AppFactory,
    library_dir: Path,
    tmp_path: Path,
    started: list[subprocess.Popen[bytes]],
) -> None:
    out = tmp_path / "opened.txt"
    script = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_text(repr(sys.argv[2:]))"
    add_to_config(
        library_dir,
        settings=f"browser = [{sys.executable!r}, '-c', {script!r}, {str(out)!r}, '--new-tab']\n",
    )
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        [process] = started
        assert process.wait(timeout=30) == 0  # the program's end, not a sleep
        assert out.read_text() == repr(["--new-tab", "https://gazette.example.org/world/item-000"])
        status = app.query_one(StatusBar)
        assert status.message == "Opened https://gazette.example.org/world/item-000"


async def test_a_browser_that_is_not_there_is_a_clear_message(
    make_app: AppFactory, library_dir: Path, browser_opens: list[str]
) -> None:
    add_to_config(library_dir, settings='browser = ["/nonexistent/firefox", "--new-tab"]\n')
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        status = app.query_one(StatusBar)
        assert status.has_class("-error")
        assert status.message == (
            "Could not open the link: no program /nonexistent/firefox (browser in your config)"
        )
        assert browser_opens == []  # not the system's browser instead


def test_the_config_knows_the_tuis_actions() -> None:
    """`[keys]` is checked outside the TUI against a copy of its action names."""
    from newsreader.config.values import ACTIONS
    from newsreader.tui.bindings import rebindable_actions

    assert ACTIONS == tuple(rebindable_actions())
