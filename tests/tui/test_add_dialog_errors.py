"""The add dialog never sits on "Looking at…": a path the facade refuses, and a failure
nobody planned for, are both said in the dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input

from newsreader.tui.screens import dialogs

from .conftest import AppFactory, settle


async def open_add_dialog(pilot: Pilot[None], app: App[None]) -> dialogs.AddFeedDialog:
    """The add dialog, as `a` opens it once the library is loaded."""
    await settle(pilot)
    await pilot.press("a")
    dialog = app.screen
    assert isinstance(dialog, dialogs.AddFeedDialog)
    return dialog


async def test_a_tilde_for_no_user_is_said_in_the_dialog(
    make_app: AppFactory, library_dir: Path
) -> None:
    before = (library_dir / "config.toml").read_text(encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_add_dialog(pilot, app)
        await pilot.press(*"~nonexist/x", "enter")
        await settle(pilot)
        assert dialog.is_current
        message = str(dialog.message.render())
        assert message == "~nonexist: no such user, so no home folder to expand", message
        assert dialog.message.has_class("-error")
    assert (library_dir / "config.toml").read_text(encoding="utf-8") == before


async def test_an_unexpected_failure_is_said_not_hung_on(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_add_dialog(pilot, app)

        def boom(*args: object) -> None:
            raise RuntimeError("a bug")

        monkeypatch.setattr(dialog.client.library, "add", boom)
        dialog.query_one("#add-url", Input).value = str(tmp_path)
        await pilot.press("enter")
        await settle(pilot)
        assert dialog.is_current
        message = str(dialog.message.render())
        assert message == "Not added: something went wrong (RuntimeError: a bug)", message
        assert dialog.message.has_class("-error")


async def test_a_long_pasted_address_is_cut_in_the_looking_line(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_add_dialog(pilot, app)
        looked: list[list[str]] = []
        monkeypatch.setattr(dialog, "look", lambda targets, section: looked.append(targets))
        address = "https://news.example/" + "a" * 5000 + "/feed.xml"
        dialog.query_one("#add-url", Input).value = address
        await pilot.press("enter")
        await settle(pilot)
        assert looked == [[address]]  # the whole address is looked at
        message = str(dialog.message.render())
        assert message.startswith("Looking at https://news.example/aaa")
        assert message.endswith("a/feed.xml…") and len(message) < 250, len(message)
