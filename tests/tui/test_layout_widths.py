"""How the width is shared: the list has the room until an article opens, a headline keeps
40 characters beside it, `z` zooms a pane, `<` and `>` move the border (remembered), the
sidebar is a drawer over the panes where there is no room for it, and the footer keeps
`? Help` whole."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets import ArticleList, ReadingPane, Sidebar, StatusBar

from .conftest import AppFactory, settle
from .test_keys import main

LONG = "Small models, big savings: running speech recognition on a phone"


def visible_headline(app: NewsReaderApp, title: str = LONG) -> int:
    """How many characters of `title` its row in the list shows (before the ellipsis)."""
    articles = app.query_one(ArticleList)
    index = next(i for i, r in articles.loaded_rows() if r.title == title)
    articles.scroll_to(y=max(index - 2, 0), animate=False, immediate=True)
    drawn = articles.render_line(index - articles.scroll_offset.y).text
    start = drawn.index(title[:10])
    shown = 0
    for mine, theirs in zip(drawn[start:], title, strict=False):
        if mine != theirs:
            break
        shown += 1
    return shown


def screen_text(app: NewsReaderApp, y: int) -> str:
    return app.screen._compositor.render_strips()[y].text


async def open_long(pilot: Pilot[None]) -> None:
    articles = pilot.app.query_one(ArticleList)
    index = next(i for i, r in articles.loaded_rows() if r.title == LONG)
    articles.move_to(index)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("width", [80, 100, 120, 160])
async def test_a_headline_keeps_40_characters_beside_an_open_article(
    make_app: AppFactory, width: int
) -> None:
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        before = visible_headline(app)
        await open_long(pilot)
        reader = app.query_one(ReadingPane)
        assert reader.display and reader.article is not None
        assert reader.region.width >= 30 and reader.region.height >= 10
        shown = visible_headline(app)
        assert shown >= 40, f"{shown} characters of headline at {width} columns"
        assert before >= shown


async def test_the_list_has_the_room_until_an_article_opens(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        reader = app.query_one(ReadingPane)
        articles = app.query_one(ArticleList)
        sidebar = app.query_one(Sidebar)
        assert not reader.display
        assert sidebar.display and articles.region.width == 120 - sidebar.region.width
        assert visible_headline(app) > 60
        await open_long(pilot)
        assert reader.display
        # 120 columns hold the list and the article; the sidebar becomes a drawer.
        assert not sidebar.display
        assert articles.region.width + reader.region.width == 120
    wide = make_app(scan=False)
    async with wide.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await open_long(pilot)
        sidebar = wide.query_one(Sidebar)
        assert sidebar.display  # room for all three
        assert sidebar.region.right == wide.query_one(ArticleList).region.x


async def test_z_zooms_the_focused_pane_and_again_unzooms(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await open_long(pilot)
        screen = main(app)
        articles = app.query_one(ArticleList)
        reader = app.query_one(ReadingPane)
        list_width = articles.region.width
        await pilot.press("tab")
        assert app.focused is reader
        await pilot.press("z")
        await pilot.pause()
        assert screen.maximized is reader
        assert reader.region.width == 120 and not articles.region
        assert app.query_one(Footer).region and app.query_one(StatusBar).region
        await pilot.press("z")
        await pilot.pause()
        assert screen.maximized is None
        assert articles.region.width == list_width and reader.region.width == 120 - list_width
        await pilot.press("shift+tab", "z")
        await pilot.pause()
        assert screen.maximized is articles and articles.region.width == 120
        assert visible_headline(app) > 60
        await pilot.press("escape")  # escape unzooms too
        await pilot.pause()
        assert screen.maximized is None and articles.region.width == list_width


async def test_angle_brackets_move_the_border_and_it_is_remembered(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await open_long(pilot)
        articles = app.query_one(ArticleList)
        start = articles.region.width
        await pilot.press("greater_than_sign")
        await pilot.pause()
        wider = articles.region.width
        assert wider > start
        assert app.query_one(ArticleList).region.right == app.query_one(ReadingPane).region.x
        await pilot.press("less_than_sign", "less_than_sign", "less_than_sign")
        await pilot.pause()
        narrower = articles.region.width
        assert narrower < start
        status = str(app.query_one(StatusBar).render())
        assert f"List {narrower} columns" in status
        for _ in range(30):  # the article keeps its room however often it is pressed
            await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.query_one(ReadingPane).region.width >= 30
        await pilot.press("less_than_sign")
        await pilot.pause()
        kept = articles.region.width
    again = make_app(scan=False)
    async with again.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await open_long(pilot)
        assert again.query_one(ArticleList).region.width == kept


@pytest.mark.parametrize("size", [(80, 24), (120, 30)])
async def test_the_sidebar_opens_as_a_drawer_over_the_panes(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_long(pilot)
        articles = app.query_one(ArticleList)
        reader = app.query_one(ReadingPane)
        sidebar = app.query_one(Sidebar)
        before = (articles.region, reader.region)
        assert not sidebar.display
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert sidebar.display and app.focused is sidebar
        assert (articles.region, reader.region) == before  # over them, not beside them
        assert sidebar.region.x == 0 and sidebar.region.overlaps(articles.region)
        drawn = screen_text(app, sidebar.region.y + 1)  # the second entry, on top
        assert drawn[: sidebar.region.width].startswith("● Unread")
        await pilot.press("escape")
        await pilot.pause()
        assert not sidebar.display and app.focused is articles
        # A choice in the drawer closes it and shows the choice.
        await pilot.press("ctrl+b", "j")
        await pilot.press("enter")
        await settle(pilot)
        assert not sidebar.display and app.focused is articles
        assert main(app).entry.name == "Unread"
        assert (articles.region, reader.region) == before


async def test_a_click_beside_the_drawer_closes_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await pilot.pause()
        sidebar = app.query_one(Sidebar)
        assert sidebar.display
        await pilot.click(ArticleList, offset=(70, 3))
        await pilot.pause()
        assert not sidebar.display


@pytest.mark.parametrize("width", [80, 120, 200])
async def test_the_footer_shows_the_keys_and_help_is_never_cut(
    make_app: AppFactory, width: int
) -> None:
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        footer = app.query_one(Footer)
        keys = {getattr(w, "key", None) for w in footer.children}
        assert {"w", "e", "S", "right_square_bracket", "question_mark"} <= keys
        assert "ctrl+p" not in keys  # the palette hint made way for help
        bottom = screen_text(app, 23)
        assert bottom.rstrip().endswith("? Help"), bottom
        assert bottom.startswith("⏎ Open n Next unread")


@pytest.mark.parametrize("width", [60, 80, 100, 120, 200])
async def test_a_footer_key_is_shown_whole_or_not_at_all(make_app: AppFactory, width: int) -> None:
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        footer = app.query_one(Footer)
        help_key = next(w for w in footer.children if getattr(w, "key", None) == "question_mark")
        shown = [w for w in footer.children if w.display and w is not help_key]
        hidden = [w for w in footer.children if not w.display]
        assert shown and all(w.region.right <= help_key.region.x for w in shown)
        bottom = screen_text(app, 23)
        for w in shown:  # each shown key's description is on the line, whole
            assert str(getattr(w, "description", "")) in bottom
        if width < 200:
            assert hidden  # the ones that did not fit, from the end
            assert footer.children.index(hidden[0]) > footer.children.index(shown[-1])
