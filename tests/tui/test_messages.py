"""The message log: every status message and notification of the session, with its time;
`!` shows them all in full; notifications go after a few seconds."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

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
        await pilot.press("slash", *LONG_QUERY[:5])
        # The rest pasted, not typed: 330 key presses took most of this test's 20 s.
        app.screen.query_one("#search-input", Input).insert_text_at_cursor(LONG_QUERY[5:])
        await pilot.press("enter")
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


async def test_the_messages_dialog_opens_on_the_newest_and_keeps_its_hint() -> None:
    """Many messages at 80x24 and 120x36: the box fits the screen, its list scrolls
    inside it, opened at the bottom (the newest, why one opens it), the keys scroll it,
    and "Press escape to close." stays in view."""
    from textual.containers import VerticalScroll

    from newsreader.tui.message_log import MessageLog

    from .conftest import NOW

    for size in ((80, 24), (120, 36)):
        log = MessageLog(lambda: NOW)
        for n in range(60):
            log.add(f"message {n}")
        dialog = MessagesDialog(log.entries)
        from textual.app import App

        async with App[None]().run_test(size=size) as pilot:
            await pilot.app.push_screen(dialog)
            await pilot.pause()
            await pilot.pause()
            screen = pilot.app.screen
            listing = screen.query_one("#messages-list", VerticalScroll)
            box = listing.region
            text = screen.query_one("#messages-text").region
            footer = screen.query_one("#messages-footer").region
            width, height = size
            assert box.y >= 0 and box.bottom <= height, (size, box)
            # the hint's line inside the box, below the messages' visible part
            assert text.y < footer.y and footer.bottom < box.bottom, (size, footer)
            hint = [screen.get_widget_at(footer.x, y)[0].id for y in range(*footer.line_range)]
            assert "messages-footer" in hint
            assert listing.max_scroll_y > 0
            assert listing.scroll_y == listing.max_scroll_y  # the newest in view
            await pilot.press("home")
            await pilot.pause()
            assert listing.scroll_y == 0
            await pilot.press("pagedown")
            await pilot.pause()
            assert listing.scroll_y > 0
            await pilot.press("end")
            await pilot.pause()
            assert listing.scroll_y == listing.max_scroll_y
