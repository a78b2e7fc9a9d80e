"""The message log: every status message and notification of the session, with its time;
`!` shows them all in full; notifications go after a few seconds."""

from __future__ import annotations

from pathlib import Path

from newsreader.tui.app import NOTIFY_SECONDS, NewsReaderApp
from newsreader.tui.screens.dialogs import MessagesDialog
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.widgets import StatusBar

from .conftest import AppFactory, settle

LONG_QUERY = " OR ".join(f"word{n}" for n in range(30))


def logged(app: NewsReaderApp) -> list[str]:
    return [entry.text for entry in app.message_log.entries]


async def test_messages_are_logged_and_bang_shows_them_whole(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("S", "m")
        await settle(pilot)
        await pilot.press("slash", *LONG_QUERY, "enter")
        await settle(pilot)
        whole = f"0 results for {LONG_QUERY} (escape to go back)"
        status = app.query_one(StatusBar)
        assert status.message == whole
        line = status.render_line(0).text
        assert len(whole) > 80 and line.rstrip().endswith("…")  # cut on screen
        assert logged(app)[-3:] == ["Sorted by oldest", "Marked read", whole]
        assert all(entry.at.strftime("%H:%M:%S") == "12:00:00" for entry in app.message_log.entries)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, MessagesDialog)
        shown = str(app.screen.query_one("#messages-text").render())
        assert f"12:00:00  {whole}" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_notifications_are_short_and_logged(make_app: AppFactory, library_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        (library_dir / "saved" / "new.md").write_text(
            "# Cyber rules for ferries\n\nNew cyber rules.\n", encoding="utf-8"
        )
        await pilot.press("r")
        await settle(pilot)
        [notification] = list(app._notifications)
        assert notification.title == "New in your watches"
        assert notification.timeout <= NOTIFY_SECONDS
        text = logged(app)
        assert any(t.startswith("New in your watches: ") and "Cyber" in t for t in text)
        assert any(t.startswith("Refreshed: ") for t in text)
        assert not any(t.startswith("Refreshing ") and "/" in t for t in text)  # progress


async def test_a_repeated_message_is_counted_not_repeated(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("end", "n")
        await settle(pilot)
        for _ in range(3):
            await pilot.press("n")
            await settle(pilot)
        [last] = app.message_log.entries[-1:]
        assert last.text == "No more unread articles here." and last.repeats == 3


async def test_notifications_in_markup_are_logged_as_plain_text(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.notify("Press [b]q[/b] to quit")
        app.notify("[b]odd[/i] [link", markup=False)
        assert logged(app)[-2:] == ["Press q to quit", "[b]odd[/i] [link"]
