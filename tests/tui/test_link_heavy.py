"""An article of one paragraph with 20,000 links and a 200 KB address: the pane lays it
out in bounded pieces (the opening first), and L lists a bounded number of links, each
on one line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual.message import Message

from newsreader.tui.screens.dialogs import LinksDialog
from newsreader.tui.widgets import ArticleList, ReadingPane
from newsreader.tui.widgets.reading_pane import PIECE_CHARS

from .conftest import AppFactory, settle

LINKS = 20_000
BIG = "https://big.example/" + "x" * 200_000


def write_article(folder: Path) -> None:
    links = " ".join(f"[link {i}](https://e.example/{i})" for i in range(LINKS))
    text = f"# Many links\n\nStart here. {links} [big]({BIG})\n"
    (folder / "many.md").write_text(text, encoding="utf-8")


def piece_chars(parts: Sequence[object]) -> int:
    return sum(len(part) for part in parts if isinstance(part, Text))


async def test_a_paragraph_of_links_is_laid_out_in_bounded_pieces(
    make_app: AppFactory, library_dir: Path
) -> None:
    write_article(library_dir / "saved")
    app = make_app()
    at_paint: list[int] = []

    def hook(message: Message) -> None:
        if isinstance(message, ReadingPane.Painted):
            at_paint.append(len(app.query_one(ReadingPane)._pieces))

    async with app.run_test(size=(120, 36), message_hook=hook) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        [index] = [i for i, row in articles.loaded_rows() if row.title == "Many links"]
        articles.move_to(index)
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ReadingPane)
        for _ in range(2000):  # a piece per refresh: wait for the last, not for a time
            if reader._complete:
                break
            await pilot.pause()
        assert reader._complete
        pieces = [parts for _, parts in reader._pieces]
        assert at_paint and at_paint[0] < len(pieces)  # the opening painted before the rest
        assert len(pieces) > 10
        assert all(piece_chars(parts) <= PIECE_CHARS + 200 for parts in pieces)
        # The paragraph's parts follow on without a blank line between them.
        continued = [piece.has_class("-continued") for piece, _ in reader._pieces]
        assert continued[:2] == [False, False] and sum(continued) >= len(pieces) - 4
        opening = "".join(p.plain for ps in pieces[:2] for p in ps if isinstance(p, Text))
        assert "Start here." in opening
        assert len(reader.links) > 1000  # (the note is kept to its first 1 MB or so)

        await pilot.press("L")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, LinksDialog)
        from textual.widgets import OptionList, Static

        listing = dialog.query_one("#links-list", OptionList)
        assert listing.option_count <= 500
        more = str(dialog.query_one("#links-more", Static).render())
        assert f"{len(reader.links) - listing.option_count:,} more" in more


async def test_the_links_dialog_lists_a_bounded_number_each_on_one_line() -> None:
    from textual.app import App
    from textual.widgets import OptionList, Static

    from newsreader.tui.screens.dialogs.links import LIMIT

    links = [f"https://e.example/{i}" for i in range(LINKS)] + [BIG]
    chosen: list[str | None] = []
    async with App[None]().run_test(size=(80, 24)) as pilot:
        await pilot.app.push_screen(LinksDialog("Many links", links), chosen.append)
        await pilot.pause()
        dialog = pilot.app.screen
        listing = dialog.query_one("#links-list", OptionList)
        assert listing.option_count == LIMIT
        assert listing.virtual_size.height == LIMIT  # one line each
        more = str(dialog.query_one("#links-more", Static).render())
        assert f"{LINKS + 1 - LIMIT:,} more" in more
        await pilot.press("end", "enter")
        await pilot.pause()
        assert chosen == [links[LIMIT - 1]]

    links = [BIG, "https://e.example/short"]
    chosen.clear()
    async with App[None]().run_test(size=(80, 24)) as pilot:
        await pilot.app.push_screen(LinksDialog("A long address", links), chosen.append)
        await pilot.pause()
        listing = pilot.app.screen.query_one("#links-list", OptionList)
        assert listing.virtual_size.height == 2  # the 200 KB address on one line
        await pilot.press("enter")  # the first: the whole address opens
        await pilot.pause()
        assert chosen == [BIG]


async def test_the_links_dialog_keeps_its_lines_in_view_at_80x24() -> None:
    from textual.app import App

    links = [f"https://e.example/{i}" for i in range(LINKS)]
    async with App[None]().run_test(size=(80, 24)) as pilot:
        await pilot.app.push_screen(LinksDialog("Many links", links))
        await pilot.pause()
        dialog = pilot.app.screen
        box = dialog.query_one("#links-box").region
        more = dialog.query_one("#links-more").region
        hint = dialog.query_one("#links-hint").region
        assert box.bottom <= 24
        # both inside the box's border and padding
        assert more.bottom <= hint.y and hint.bottom <= box.bottom - 2
