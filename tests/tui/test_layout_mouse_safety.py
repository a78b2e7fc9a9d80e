"""Narrow terminals, the mouse, and hostile text reaching the screen inert."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from newsreader.tui.screens.main import MainScreen
from newsreader.tui.widgets import ArticleList, ReadingPane, Sidebar

from .conftest import AppFactory, settle
from .test_keys import main, open_title

DATA = Path(__file__).parents[1] / "data"


async def test_below_100_columns_the_sidebar_folds_away(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(90, 30)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        assert main(app).has_class("-narrow")
        assert not sidebar.display
        await pilot.press("ctrl+b")
        assert sidebar.display and app.focused is sidebar
        await pilot.press("escape")
        assert not sidebar.display
    wide = make_app(scan=False)
    async with wide.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        assert wide.query_one(Sidebar).display


async def test_below_60_columns_the_article_takes_the_screen(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(50, 20)) as pilot:
        await settle(pilot)
        screen = main(app)
        reader = app.query_one(ReadingPane)
        articles = app.query_one(ArticleList)
        assert screen.has_class("-tiny") and not reader.display and articles.display
        await pilot.press("enter")
        await settle(pilot)
        assert reader.display and not articles.display and app.focused is reader
        await pilot.press("escape")
        assert articles.display and not reader.display and app.focused is articles


async def test_click_a_section_and_an_article(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        tech_line = next(
            i for i, n in enumerate(sidebar.root.children) if str(n.label).startswith("Tech")
        )
        await pilot.click(Sidebar, offset=(6, tech_line))
        await settle(pilot)
        assert main(app).entry.name == "Tech"
        articles = app.query_one(ArticleList)
        assert articles.total == 15
        await pilot.click(ArticleList, offset=(10, 2))
        await settle(pilot)
        assert articles.cursor == 2
        reader = app.query_one(ReadingPane)
        assert reader.article is not None and reader.article.id == articles.row(2).uid  # type: ignore[union-attr]


async def test_click_a_link_in_the_article(make_app: AppFactory, browser_opens: list[str]) -> None:
    opened = browser_opens
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await open_title(pilot, app, "Night trains are back, and they are full")
        await pilot.pause()
        target = "https://rail.example.org/night/availability"
        spot = None
        for y in range(50):
            for x in range(160):
                style = app.screen.get_style_at(x, y)
                if style.link == target:
                    spot = (x, y)
                    break
            if spot:
                break
        assert spot is not None, "the link is not on screen"
        await pilot.click(offset=spot)
        await settle(pilot)
        assert opened == [target]


async def test_hostile_titles_and_bodies_reach_the_screen_inert(
    make_app: AppFactory, library_dir: Path
) -> None:
    shutil.copy(DATA / "hostile.xml", library_dir / "saved" / "hostile.xml")
    shutil.copy(DATA / "hostile.txt", library_dir / "saved" / "hostile.txt")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        titles = [r.title for _, r in articles.loaded_rows()]
        assert "[@click=app.quit]Click me[/] red" in titles
        await open_title(pilot, app, "[@click=app.quit]Click me[/] red")
        screen_text = shown(app)
        # Shown literally, escape sequences gone, bidi override gone.
        assert "[@click=app.quit]Click me[/] red" in screen_text
        assert "[link=https://evil.example]markup[/link]" in screen_text
        assert "\x1b" not in screen_text and "\u202e" not in screen_text
        # Clicking the title does nothing (no action hidden in it): the app keeps running.
        row_y = next(i for i, r in articles.loaded_rows() if r.title.startswith("[@click"))
        await pilot.click(ArticleList, offset=(8, row_y - articles.scroll_offset.y))
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, MainScreen)
        await open_title(pilot, app, "Hostile [bold]headline[/bold] red")
        text = shown(app)
        assert "Hostile [bold]headline[/bold] red" in text
        assert "[@click=app.quit]markup[/]" in text and "\x1b" not in text


def shown(app: object) -> str:
    """The text on screen, from Textual's own SVG export (what a person would see)."""
    svg = app.export_screenshot()  # type: ignore[attr-defined]
    return html.unescape(svg).replace("\xa0", " ")


def test_word_at_cell_counts_wide_characters() -> None:
    from newsreader.tui.widgets.reading_pane import word_at_cell

    line = "网络 安全 cyber-security don’t"
    assert word_at_cell(line, 0) == "网络"
    assert word_at_cell(line, 3) == "网络"
    assert word_at_cell(line, 4) is None  # the space between
    assert word_at_cell(line, 5) == "安全"
    assert word_at_cell(line, 10) == "cyber"
    assert word_at_cell(line, 16) == "security"
    assert word_at_cell(line, 26) == "don’t"
    assert word_at_cell(line, 99) is None
