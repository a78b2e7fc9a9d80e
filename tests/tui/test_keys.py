"""Every key of the TUI, driven through Pilot on the real app; state asserted, never slept on."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette

from newsreader.query import ArticleQuery
from newsreader.tui.entries import EntryKind
from newsreader.tui.screens.dialogs import HelpDialog, SearchDialog
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.widgets import ArticleList, ReadingPane, Sidebar, StatusBar

from .conftest import AppFactory, settle

SEED_TITLE = "Chinese official: We need to respect national sovereignty over cyberspace"


def main(app: object) -> MainScreen:
    screen = app.screen_stack[0]  # type: ignore[attr-defined]
    assert isinstance(screen, MainScreen)
    return screen


async def test_first_paint_lists_all_articles_newest_first(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.total == 46
        first = articles.row(0)
        assert (
            first is not None and first.title == "Harbour city opens its first tidal power station"
        )
        assert str(main(app).sub_title).startswith("All · 46 articles")
        assert app.focused is articles


async def test_j_k_and_arrows_move_the_cursor(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("j", "j", "down")
        assert articles.cursor == 3
        await pilot.press("k", "up")
        assert articles.cursor == 1
        await pilot.press("end")
        assert articles.cursor == 45
        await pilot.press("home")
        assert articles.cursor == 0


async def test_tab_moves_between_panes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, ArticleList)
        await pilot.press("tab")  # no article open: no reading pane to go to
        assert isinstance(app.focused, Sidebar)
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert isinstance(app.focused, ArticleList)
        await pilot.press("tab")
        assert isinstance(app.focused, ReadingPane)
        await pilot.press("tab")
        assert isinstance(app.focused, Sidebar)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ReadingPane)


async def test_enter_opens_and_marks_read_at_once(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        row = articles.current
        assert row is not None and not row.read
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ReadingPane)
        assert reader.article is not None and reader.article.id == row.uid
        # Saved in the store immediately, not on exit.
        library = app.client.library
        [stored] = library.articles(ArticleQuery(uids=(row.uid,)))
        assert stored.read
        assert articles.current is not None and articles.current.read


async def test_space_and_b_page_the_article(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await open_title(pilot, app, SEED_TITLE)
        reader = app.query_one(ReadingPane)
        await pilot.pause()
        assert reader.max_scroll_y > 0
        await pilot.press("space")
        await pilot.pause()
        assert reader.scroll_y > 0
        down = reader.scroll_y
        await pilot.press("b")
        await pilot.pause()
        assert reader.scroll_y < down


async def test_n_and_p_go_to_unread_articles(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        app.client.library.mark([r.uid for _, r in articles.loaded_rows()[1:3]], read=True)
        await pilot.press("r")  # reload the list with the new state
        await settle(pilot)
        await pilot.press("n")  # the unread one under the cursor first
        await settle(pilot)
        assert articles.cursor == 0
        await pilot.press("n")
        await settle(pilot)
        assert articles.cursor == 3  # rows 1 and 2 were read
        reader = app.query_one(ReadingPane)
        assert reader.article is not None and reader.article.title == articles.row(3).title  # type: ignore[union-attr]
        await pilot.press("p")  # rows 0 (opened by the first n) to 2 are read
        await settle(pilot)
        assert articles.cursor == 3
        app.client.library.mark([articles.row(1).uid], read=False)  # type: ignore[union-attr]
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert articles.cursor == 1


async def test_m_toggles_read_and_s_stars(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        uid = articles.current.uid  # type: ignore[union-attr]
        library = app.client.library
        await pilot.press("m")
        await settle(pilot)
        assert library.articles(ArticleQuery(uids=(uid,)))[0].read
        await pilot.press("m")
        await settle(pilot)
        assert not library.articles(ArticleQuery(uids=(uid,)))[0].read
        await pilot.press("s")
        await settle(pilot)
        assert library.articles(ArticleQuery(uids=(uid,)))[0].starred
        assert articles.current is not None and articles.current.starred
        sidebar = app.query_one(Sidebar)
        starred = [n for n in sidebar.root.children if n.data and n.data.kind is EntryKind.STARRED]
        assert str(starred[0].label) == "★ Starred  1"


async def test_o_opens_the_browser_only_for_web_links(
    make_app: AppFactory, browser_opens: list[str]
) -> None:
    opened = browser_opens
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert opened == ["https://gazette.example.org/world/item-000"]
        await open_title(pilot, app, SEED_TITLE)  # a local text file: no web address
        await pilot.press("o")
        await settle(pilot)
        assert len(opened) == 1
        assert app.query_one(StatusBar).has_class("-error")


async def test_c_copies_the_link(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        assert app.clipboard == "https://gazette.example.org/world/item-000"


async def test_slash_searches_and_escape_goes_back(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("j", "j")
        before = articles.current
        await pilot.press("slash")
        assert isinstance(app.screen, SearchDialog)
        await pilot.press(*'"national sovereignty"')
        await pilot.press("enter")
        await settle(pilot)
        assert articles.total == 1
        assert articles.row(0).title == SEED_TITLE  # type: ignore[union-attr]
        assert main(app).entry.kind is EntryKind.SEARCH
        await pilot.press("escape")
        await settle(pilot)
        assert main(app).entry.kind is EntryKind.ALL
        assert articles.total == 46 and articles.current == before


async def test_bad_search_says_where_and_stays_open(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *'cyber "oops', "enter")
        assert isinstance(app.screen, SearchDialog)
        error = app.screen.query_one("#search-error")
        assert "unclosed quote at position 7" in str(error.render())
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_chinese_search_finds_words_inside_text(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"网络安全", "enter")
        await settle(pilot)
        titles = {r.title for _, r in app.query_one(ArticleList).loaded_rows()}
        assert titles == {
            "网络安全周在多地举行 专家呼吁提升公众防范意识",
            "网络安全专家：个人信息保护需要每个人参与",
            "A gentle introduction to full-text search",  # its code block has 网络安全
        }


async def test_r_refreshes_and_finds_new_files(make_app: AppFactory, library_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        (library_dir / "saved" / "new.md").write_text(
            "# Fresh note\n\nJust written.\n", encoding="utf-8"
        )
        await pilot.press("r")
        await settle(pilot)
        assert app.query_one(ArticleList).total == 47
        assert "1 new" in str(app.query_one(StatusBar).render())


async def test_scan_on_start_fills_an_empty_library(make_app: AppFactory) -> None:
    app = make_app(scan=False, scan_on_start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert app.query_one(ArticleList).total == 46


async def test_sort_cycles(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("S")
        await settle(pilot)
        assert articles.row(0).title == SEED_TITLE  # type: ignore[union-attr]  # oldest first
        await pilot.press("S")
        await settle(pilot)
        assert articles.row(0).title.startswith("A gentle")  # type: ignore[union-attr]


async def test_sidebar_sections_sources_and_watches(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        labels = [str(n.label) for n in sidebar.root.children]
        assert labels[:4] == ["≡ All  46", "● Unread  46", "★ Starred", "↓ Saved"]
        assert labels[4:8] == ["World  15", "Tech  15", "Asia  12", "Clippings  4"]
        sidebar.focus()
        await pilot.press("j", "j", "j", "j", "j", "j", "j")  # to the "Clippings" section
        await pilot.press("enter")
        await settle(pilot)
        assert main(app).entry.name == "Clippings" and app.query_one(ArticleList).total == 4
        section = sidebar.cursor_node
        assert section is not None and section.is_expanded  # enter shows its sources too
        assert [str(n.label).split("  ")[0] for n in section.children] == [
            "000_43ac081b49265214.txt",
            "night-trains-return.html",
            "reading-offline.md",
            "网络安全专家.txt",
        ]
        await pilot.press("space")
        assert not section.is_expanded
        await pilot.press("l")
        assert section.is_expanded
        await pilot.press("j", "h")  # into a source, then back up to its section
        assert sidebar.cursor_node is section
        watches = [n for n in sidebar.root.children if str(n.label) == "Watches"][0]
        assert str(watches.children[0].label) == "Cyber  3"


async def test_failed_source_is_marked_and_its_error_shown(
    make_app: AppFactory, library_dir: Path
) -> None:
    (library_dir / "saved" / "broken.xml").write_text("<config/>", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        section = [n for n in sidebar.root.children if str(n.label).startswith("Clippings  ")][0]
        section.expand()  # loads the section's sources
        await settle(pilot)
        broken = [n for n in section.children if "broken.xml" in str(n.label)][0]
        assert str(broken.label).startswith("⚠ ")
        sidebar.focus()
        sidebar.move_cursor(broken)
        await pilot.press("enter")
        await settle(pilot)
        status = app.query_one(StatusBar)
        assert status.has_class("-error")
        assert "not an RSS, Atom or JSON feed" in str(status.render())


async def test_help_palette_and_quit(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Toggle star")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.query_one(ArticleList).current.starred  # type: ignore[union-attr]
        await pilot.press("q")
    assert app.return_code == 0


async def test_theme_choice_is_remembered(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
    again = make_app(scan=False)
    async with again.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def open_title(pilot: object, app: object, title: str) -> None:
    """Move the list cursor to the article with this title and open it."""
    articles = app.query_one(ArticleList)  # type: ignore[attr-defined]
    for index, row in articles.loaded_rows():
        if row.title == title:
            articles.move_to(index)
            await pilot.press("enter")  # type: ignore[attr-defined]
            await settle(pilot)  # type: ignore[arg-type]
            return
    raise AssertionError(f"{title} is not in the list")


async def test_w_creates_a_watch_and_e_explains(make_app: AppFactory, library_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.press(*"Trains", "tab", *"title:night*", "enter")
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        watches = [n for n in sidebar.root.children if str(n.label) == "Watches"][0]
        assert [str(c.label) for c in watches.children] == ["Cyber  3", "Trains  1"]
        assert 'name = "Trains"' in (library_dir / "config.toml").read_text()
        await open_title(pilot, app, SEED_TITLE)
        await pilot.press("e")
        await settle(pilot)
        from newsreader.tui.screens.dialogs import ExplainDialog

        assert isinstance(app.screen, ExplainDialog)
        assert app.screen.lines == [
            'watch Cyber: matches (cyber* in title, body; "national sovereignty" in title, body)',
            "watch Trains: no match",
            "mute title:sponsored (only in Tech): does not apply",
        ]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_watch_matches_show_in_the_watch_colour(make_app: AppFactory) -> None:
    from rich.color import Color

    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        [seed] = [r for _, r in articles.loaded_rows() if r.title == SEED_TITLE]
        line = articles._row_text(seed, 150)
        orange = Color.parse("#ffa500")  # "orange" in the config
        marked = [
            line.plain[span.start : span.end]
            for span in line.spans
            if getattr(span.style, "bgcolor", None) == orange
        ]
        # The sample watch is 'cyber* OR "national sovereignty"', colour orange.
        assert marked == ["national sovereignty", "cyberspace"]


async def test_mutes_hide_and_M_shows_them_dimmed(make_app: AppFactory, library_dir: Path) -> None:
    with (library_dir / "config.toml").open("a", encoding="utf-8") as fh:
        fh.write('\n[[mute]]\nquery = "title:ferry"\n')
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.total == 45
        sidebar = app.query_one(Sidebar)
        labels = [str(n.label) for n in sidebar.root.children]
        assert "⊘ Muted  2" in labels  # the samples mute their sponsored post too
        await pilot.press("M")
        await settle(pilot)
        assert articles.total == 47
        muted = [r for _, r in articles.loaded_rows() if r.muted_by]
        assert [(r.title, r.muted_by) for r in muted] == [
            ("Cyber attack disrupts ferry bookings across the northern isles", "title:ferry"),
            ("Sponsored: ten gadgets you need before the holidays", "title:sponsored"),
        ]
        index = next(i for i, r in articles.loaded_rows() if r.muted_by)
        assert "muted by: title:ferry" in articles._row_text(muted[0], 150).plain
        assert index >= 0
        await pilot.press("M")
        await settle(pilot)
        assert articles.total == 45


async def test_new_since_last_look_badge(make_app: AppFactory, library_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(Sidebar)

        def cyber_label() -> str:
            heading = [n for n in sidebar.root.children if str(n.label) == "Watches"][0]
            return str(heading.children[0].label)

        assert cyber_label() == "Cyber  3"
        (library_dir / "saved" / "new.md").write_text(
            "# Cyber rules for ferries\n\nNew cyber rules.\n", encoding="utf-8"
        )
        await pilot.press("r")
        await settle(pilot)
        assert cyber_label() == "Cyber  4  +1 new"
        heading = [n for n in sidebar.root.children if str(n.label) == "Watches"][0]
        sidebar.focus()
        sidebar.move_cursor(heading.children[0])
        await pilot.press("enter")
        await settle(pilot)
        assert cyber_label() == "Cyber  4"


async def test_brackets_jump_between_matches(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await open_title(pilot, app, SEED_TITLE)  # the Cyber watch marks most paragraphs
        reader = app.query_one(ReadingPane)
        offsets = reader.match_offsets()
        assert len(offsets) >= 5 and offsets == sorted(offsets)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        first = reader.scroll_y
        assert first == min(y for y in offsets if y > 0)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert reader.scroll_y > first
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert reader.scroll_y == first


async def test_clicking_a_word_then_w_watches_it(make_app: AppFactory, library_dir: Path) -> None:
    from textual.widgets import Input

    from newsreader.tui.screens.dialogs import WatchDialog
    from newsreader.tui.widgets.reading_pane import ArticleBody

    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await open_title(pilot, app, SEED_TITLE)
        piece = app.query(ArticleBody).first()
        lines = piece.render_lines(piece.content_region.reset_offset)
        row = next(i for i, line in enumerate(lines) if "sovereignty" in line.text)
        column = lines[row].text.index("sovereignty") + 3
        gutter = piece.content_region.offset - piece.region.offset
        await pilot.click(piece, offset=(column + gutter.x, row + gutter.y))
        await settle(pilot)
        assert "Picked “sovereignty”" in str(app.query_one(StatusBar).render())
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, WatchDialog)
        assert app.screen.query_one("#watch-name", Input).value == "sovereignty"
        assert app.screen.query_one("#watch-query", Input).value == "sovereignty"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert 'query = "sovereignty"' in (library_dir / "config.toml").read_text()


def footer_keys(app: object) -> list[str]:
    """The descriptions the footer shows now."""
    from textual.widgets._footer import FooterKey

    return [key.description for key in app.query(FooterKey)]  # type: ignore[attr-defined]


async def test_x_removes_the_open_watch_after_asking(
    make_app: AppFactory, library_dir: Path
) -> None:
    from newsreader.tui.screens.dialogs import ConfirmDialog

    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert not screen.check_action("remove_watch", ())  # not offered outside a watch
        assert "Remove watch" not in footer_keys(app)
        sidebar = app.query_one(Sidebar)
        watches = [n for n in sidebar.root.children if str(n.label) == "Watches"][0]
        sidebar.focus()
        sidebar.move_cursor(watches.children[0])
        await pilot.press("enter")
        await settle(pilot)
        assert screen.entry.kind is EntryKind.WATCH and screen.check_action("remove_watch", ())
        assert "Remove watch" in footer_keys(app)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # no: nothing changes
        await settle(pilot)
        assert 'name = "Cyber"' in (library_dir / "config.toml").read_text()
        await pilot.press("x", "y")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert 'name = "Cyber"' not in (library_dir / "config.toml").read_text()
        assert main(app).entry.kind is EntryKind.ALL
        assert "Remove watch" not in footer_keys(app)
        assert not [n for n in sidebar.root.children if str(n.label) == "Watches"]
        assert app.query_one(ArticleList).total == 46  # the articles stay


async def test_a_reload_keeps_the_cursor_on_its_article_far_down(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Articles arriving above (a refresh) must not move the reader, even 6,000 rows down."""
    from newsreader.models import Article, article_id, paragraph
    from newsreader.storage import Store

    app = make_app()
    store = Store(tmp_path / "library.db")
    source = store.ensure_feed_source("https://bulk.example/rss", "World", "Bulk")

    def bulk(n: int, day: int) -> Article:
        return Article(
            id=article_id("bulk", guid=f"b{n}"),
            source="Bulk",
            title=f"Bulk {n}",
            published=f"2020-01-{day:02d}T{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}Z",
            body=(paragraph("Filler."),),
        )

    store.upsert_articles(source, "World", [bulk(n, 1) for n in range(6000)])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        articles.move_to(5990)
        await settle(pilot)
        kept = articles.current
        assert kept is not None and kept.title.startswith("Bulk")
        store.upsert_articles(source, "World", [bulk(n, 2) for n in range(6000, 6003)])
        # M reloads the list keeping the cursor's article, as a refresh's reloads do; the
        # muted sample post it shows and the three new articles all sort above.
        await pilot.press("M")
        await settle(pilot)
        assert articles.current is not None and articles.current.uid == kept.uid
        assert articles.cursor == 5994


async def test_a_library_error_while_opening_is_a_message_not_a_crash(
    make_app: AppFactory, tmp_path: Path
) -> None:
    from newsreader.storage import Store

    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        damaged = articles.row(0)
        assert damaged is not None
        Store(tmp_path / "library.db").conn.execute(
            "UPDATE articles SET body = x'52ff00ff' WHERE uid = ?", (damaged.uid,)
        )
        articles.focus()
        await pilot.press("enter")
        await settle(pilot)
        status = app.query_one(StatusBar)
        assert status.has_class("-error") and "stored text is damaged" in str(status.render())
        assert app.is_running
        await pilot.press("j", "enter")  # the rest of the library still reads
        await settle(pilot)
        reader = app.query_one(ReadingPane)
        assert reader.article is not None and reader.article.id == articles.row(1).uid  # type: ignore[union-attr]
