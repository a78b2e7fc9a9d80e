"""The reading flow, key by key on the real app: n and p, space at an article's end,
marking a whole list read and undoing it, numbered links."""

from __future__ import annotations

from textual.pilot import Pilot

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.entries import EntryKind
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.widgets import ArticleList, ReadingPane, Sidebar, StatusBar

from .conftest import AppFactory, settle

SEED_TITLE = "Chinese official: We need to respect national sovereignty over cyberspace"


def main(app: NewsReaderApp) -> MainScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


def status(app: NewsReaderApp) -> str:
    return str(app.query_one(StatusBar).render())


def open_uid(app: NewsReaderApp) -> str | None:
    article = app.query_one(ReadingPane).article
    return article.id if article else None


async def choose(pilot: Pilot[None], app: NewsReaderApp, kind: EntryKind, name: str) -> None:
    """Select a sidebar entry as the reader does (cursor on it, enter)."""
    sidebar = app.query_one(Sidebar)
    node = next(
        n
        for n in sidebar.root.children
        if n.data is not None and n.data.kind is kind and n.data.name == name
    )
    sidebar.focus()
    sidebar.move_cursor(node)
    await pilot.press("enter")
    await settle(pilot)
    app.query_one(ArticleList).focus()


async def test_n_opens_the_unread_article_under_the_cursor_first(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        first, second = articles.row(0), articles.row(1)
        assert first is not None and second is not None and not first.read
        await pilot.press("n")  # nothing open yet: the one under the cursor
        await settle(pilot)
        assert open_uid(app) == first.uid and articles.cursor == 0
        await pilot.press("n")  # it is open now: on to the next
        await settle(pilot)
        assert open_uid(app) == second.uid and articles.cursor == 1
        await pilot.press("j", "j")  # moved onto an unread one: n opens that one
        await pilot.press("n")
        await settle(pilot)
        assert articles.cursor == 3 and open_uid(app) == articles.row(3).uid  # type: ignore[union-attr]
        await pilot.press("k")  # up onto the unread one skipped: p opens it too
        await pilot.press("p")
        await settle(pilot)
        assert articles.cursor == 2 and open_uid(app) == articles.row(2).uid  # type: ignore[union-attr]
        await pilot.press("p")  # above it, all read
        await settle(pilot)
        assert articles.cursor == 2 and "No more unread" in status(app)


async def test_n_in_starred_opens_the_starred_unread_article(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("j", "s")  # star the second article (unread)
        await settle(pilot)
        starred = articles.current
        assert starred is not None and not starred.read
        await choose(pilot, app, EntryKind.STARRED, "Starred")
        assert articles.total == 1
        await pilot.press("n")
        await settle(pilot)
        assert open_uid(app) == starred.uid
        assert "No more unread" not in status(app)
        await pilot.press("n")  # now there is none left
        await settle(pilot)
        assert "No more unread" in status(app)


async def test_no_more_unread_goes_once_n_opens_an_article(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("end", "n")  # the last one, unread: opened
        await settle(pilot)
        await pilot.press("n")  # nothing below it
        await settle(pilot)
        assert "No more unread" in status(app)
        await pilot.press("home", "n")  # the first one, unread: opened
        await settle(pilot)
        assert open_uid(app) == articles.row(0).uid  # type: ignore[union-attr]
        assert "No more unread" not in status(app)
        await pilot.press("n")
        await settle(pilot)
        assert open_uid(app) == articles.row(1).uid  # type: ignore[union-attr]
        assert "No more unread" not in status(app)


async def open_title(pilot: Pilot[None], app: NewsReaderApp, title: str) -> int:
    """Move the list cursor to the article with this title and open it; its index."""
    articles = app.query_one(ArticleList)
    for index, row in articles.loaded_rows():
        if row.title == title:
            articles.move_to(index)
            await pilot.press("enter")
            await settle(pilot)
            return index
    raise AssertionError(f"{title} is not in the list")


async def test_space_pages_and_at_the_end_opens_the_next_unread(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        reader = app.query_one(ReadingPane)
        await pilot.press("S")  # oldest first: the seed article is at the top
        await settle(pilot)
        index = await open_title(pilot, app, SEED_TITLE)
        seed = open_uid(app)
        assert reader.max_scroll_y > 0
        pages = 0
        while reader.scroll_y < reader.max_scroll_y:
            await pilot.press("space")  # pages down, the article stays
            await settle(pilot)
            assert open_uid(app) == seed
            pages += 1
            assert pages < 50, "space never reached the end"
        assert pages >= 1 and reader.scroll_y == reader.max_scroll_y
        await pilot.press("space")  # at the end: the next unread article
        await settle(pilot)
        after = articles.row(index + 1)
        assert after is not None and open_uid(app) == after.uid
        assert articles.cursor == index + 1 and reader.scroll_y == 0


def unread_in(app: NewsReaderApp, **query: object) -> set[str]:
    from newsreader.query import ArticleQuery

    rows = app.client.library.articles(ArticleQuery(**query))  # type: ignore[arg-type]
    return {r.uid for r in rows if not r.read}


def sidebar_label(app: NewsReaderApp, name: str) -> str:
    sidebar = app.query_one(Sidebar)
    node = next(
        n
        for n in sidebar.root.children
        if n.data is not None and n.data.kind is EntryKind.SECTION and n.data.name == name
    )
    return str(node.label)


async def test_A_marks_the_whole_list_read_and_u_undoes_exactly_that(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await choose(pilot, app, EntryKind.SECTION, "World")
        articles = app.query_one(ArticleList)
        world = unread_in(app, sections=("World",))
        assert len(world) == 15
        await pilot.press("m", "j", "m")  # two read by hand before
        await settle(pilot)
        read_before = {r.uid for _, r in articles.loaded_rows() if r.read}
        assert len(read_before) == 2
        await pilot.press("A")
        await settle(pilot)
        assert status(app) == "Marked 13 read (u undoes)"
        assert unread_in(app, sections=("World",)) == set()
        assert all(r.read for _, r in articles.loaded_rows())
        assert sidebar_label(app, "World") == "World"  # no unread left to count
        assert unread_in(app, sections=("Tech",))  # other lists untouched
        await pilot.press("u")
        await settle(pilot)
        assert status(app) == "Marked 13 unread again"
        assert unread_in(app, sections=("World",)) == world - read_before
        assert {r.uid for _, r in articles.loaded_rows() if r.read} == read_before
        assert sidebar_label(app, "World") == "World  13"
        await pilot.press("u")  # once only
        await settle(pilot)
        assert status(app) == "Nothing to undo."


async def test_A_marks_rows_not_loaded_yet(make_app: AppFactory, tmp_path: object) -> None:
    from pathlib import Path

    from newsreader.models import Article, article_id, paragraph
    from newsreader.storage import Store

    app = make_app()
    assert isinstance(tmp_path, Path)
    store = Store(tmp_path / "library.db")
    source = store.ensure_feed_source("https://bulk.example/rss", "World", "Bulk")
    store.upsert_articles(
        source,
        "World",
        [
            Article(
                id=article_id("bulk", guid=f"b{n}"),
                source="Bulk",
                title=f"Bulk {n}",
                published=f"2020-01-01T00:{n // 60:02d}:{n % 60:02d}Z",
                body=(paragraph("Filler."),),
            )
            for n in range(350)
        ],
    )
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.total == 396 and articles.row(390) is None  # a page is loaded
        await pilot.press("A")
        await settle(pilot)
        assert status(app) == "Marked 396 read (u undoes)"
        assert unread_in(app) == set()


async def test_A_in_search_results_marks_the_hits_only(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"cyber*", "enter")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        hits = {r.uid for _, r in articles.loaded_rows()}
        assert 0 < len(hits) < 46
        await pilot.press("A")
        await settle(pilot)
        assert status(app) == f"Marked {len(hits)} read (u undoes)"
        assert not unread_in(app) & hits and len(unread_in(app)) == 46 - len(hits)
        assert all(r.read for _, r in articles.loaded_rows())
        assert main(app).entry.kind is EntryKind.SEARCH  # still on the results


async def test_A_in_unread_empties_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await choose(pilot, app, EntryKind.UNREAD, "Unread")
        await pilot.press("A")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.total == 0 and articles.empty_message == "All read."
        await pilot.press("A")
        await settle(pilot)
        assert status(app) == "Nothing unread here."


NOTE = """# Three links

See [the first](https://one.example/a) and [the second](https://two.example/b).

The first again: [one](https://one.example/a). And [a third](https://three.example/c).
"""


async def test_number_keys_open_the_articles_numbered_links(
    make_app: AppFactory, library_dir: object, browser_opens: list[str]
) -> None:
    from pathlib import Path

    assert isinstance(library_dir, Path)
    (library_dir / "saved" / "links.md").write_text(NOTE, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # nothing open
        await settle(pilot)
        assert browser_opens == [] and "Open an article first" in status(app)
        await open_title(pilot, app, "Three links")
        reader = app.query_one(ReadingPane)
        assert reader.links == [
            "https://one.example/a",
            "https://two.example/b",
            "https://three.example/c",
        ]
        await pilot.press("3")
        await settle(pilot)
        assert browser_opens == ["https://three.example/c"]
        await pilot.press("1")
        await settle(pilot)
        assert browser_opens[-1] == "https://one.example/a"
        await pilot.press("4")
        await settle(pilot)
        assert len(browser_opens) == 2
        assert status(app) == "No link [4]: this article has 3 links."
        # The same keys work with the focus in the reading pane.
        reader.focus()
        await pilot.press("2")
        await settle(pilot)
        assert browser_opens[-1] == "https://two.example/b"


async def test_L_lists_the_links_and_enter_opens_one(
    make_app: AppFactory, library_dir: object, browser_opens: list[str]
) -> None:
    from pathlib import Path

    from newsreader.tui.screens.dialogs import LinksDialog

    assert isinstance(library_dir, Path)
    (library_dir / "saved" / "links.md").write_text(NOTE, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await open_title(pilot, app, "Three links")
        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, LinksDialog)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert browser_opens == ["https://two.example/b"]
        await pilot.press("L", "escape")  # closed: nothing opened
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and len(browser_opens) == 1
        await open_title(pilot, app, SEED_TITLE)  # a text file: no links
        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert status(app) == "This article has no links."


async def test_a_message_about_the_open_article_goes_when_another_is_opened(
    make_app: AppFactory, library_dir: object
) -> None:
    from pathlib import Path

    assert isinstance(library_dir, Path)
    (library_dir / "saved" / "links.md").write_text(NOTE, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        bar = app.query_one(StatusBar)
        await open_title(pilot, app, SEED_TITLE)  # a text file: no links
        await pilot.press("L")
        await settle(pilot)
        assert status(app) == "This article has no links."
        await pilot.press("L")  # the same article still: it still holds
        await settle(pilot)
        assert status(app) == "This article has no links."
        await open_title(pilot, app, "Three links")
        assert bar.is_summary and status(app) == bar.summary
        await pilot.press("9")
        await settle(pilot)
        assert status(app) == "No link [9]: this article has 3 links."
        await open_title(pilot, app, SEED_TITLE)
        assert bar.is_summary and status(app) == bar.summary
