"""`r` in the TUI refreshes feeds from a real loopback server; failures are marked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.config import load_config
from newsreader.core import Library
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets import ArticleList, Sidebar, StatusBar
from tests.servers import FeedServer, Reply, rss, running_server

from .conftest import settle


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from running_server()


async def test_r_fetches_feeds_and_marks_the_failed_one(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/world.xml"] = Reply(body=rss("World Wire", [("w1", "Storm over the bay")]))
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[section]]\nname = "World"\nfeeds = ["{server.url("/world.xml")}", '
        f'"{server.url("/dead.xml")}"]\n',
        encoding="utf-8",
    )
    library = Library.open(load_config(config), tmp_path / "library.db")
    app = NewsReaderApp(
        library, clock=lambda: datetime(2024, 3, 6, tzinfo=UTC), scan_on_start=False
    )
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.total == 0
        await pilot.press("r")
        await settle(pilot)
        assert [r.title for _, r in articles.loaded_rows()] == ["Storm over the bay"]
        status = app.query_one(StatusBar)
        assert status.has_class("-error") and "HTTP 404 Not Found" in str(status.render())
        # No local paths configured: the message is about feeds only.
        assert str(status.render()).startswith("Refreshed: 2 feeds: 1 new, 0 updated articles")
        assert "files:" not in str(status.render())
        sidebar = app.query_one(Sidebar)
        world = [n for n in sidebar.root.children if str(n.label).startswith("World")][0]
        world.expand()
        await settle(pilot)
        marked = {str(n.label) for n in world.children}
        assert any(label.startswith("⚠ ") and "dead.xml" in label for label in marked)
        assert any(label.startswith("World Wire") for label in marked)


async def test_r_with_many_feeds_parses_in_worker_processes(
    server: FeedServer, tmp_path: Path
) -> None:
    """Enough feeds for the process pool: its helpers must start under Textual, whose
    stand-in stderr has no file descriptor (this once crashed the app)."""
    urls = []
    for i in range(8):
        server.routes[f"/f{i}.xml"] = Reply(body=rss(f"Feed {i}", [(f"i{i}", f"Story {i}")]))
        urls.append(f'"{server.url(f"/f{i}.xml")}"')
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[section]]\nname = "Many"\nfeeds = [{", ".join(urls)}]\n', encoding="utf-8"
    )
    library = Library.open(load_config(config), tmp_path / "library.db")
    app = NewsReaderApp(
        library, clock=lambda: datetime(2024, 3, 6, tzinfo=UTC), scan_on_start=False
    )
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        titles = sorted(r.title for _, r in app.query_one(ArticleList).loaded_rows())
        assert titles == [f"Story {i}" for i in range(8)]
        assert not app.query_one(StatusBar).has_class("-error")
        await pilot.press("r")
        await settle(pilot)
        assert str(app.query_one(StatusBar).render()).startswith("Refreshed: 8 feeds: 0 new")


async def test_f_fetches_full_text_and_toggles_back(server: FeedServer, tmp_path: Path) -> None:
    page = (
        "<html><body><article><h1>Long read</h1>"
        + "<p>The complete text of the long read, with all its detail. </p>" * 8
        + "</article></body></html>"
    ).encode()
    server.routes["/story"] = Reply(body=page, headers={"Content-Type": "text/html"})
    server.routes["/feed.xml"] = Reply(
        body=(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item>'
            f"<title>Long read</title><link>{server.url('/story')}</link><guid>x</guid>"
            "<description>Just a teaser.</description></item></channel></rss>"
        ).encode()
    )
    config = tmp_path / "config.toml"
    config.write_text(f'[[section]]\nname = "N"\nfeeds = ["{server.url("/feed.xml")}"]\n')
    library = Library.open(load_config(config), tmp_path / "library.db")
    app = NewsReaderApp(library, scan_on_start=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        from newsreader.tui.widgets import ReadingPane

        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ReadingPane)
        assert reader.article is not None and reader.article.paragraphs == ["Just a teaser."]
        await pilot.press("f")
        await settle(pilot)
        assert reader.article.full_text
        assert "complete text of the long read" in " ".join(reader.article.paragraphs)
        assert library.article(reader.article.id).saved  # type: ignore[union-attr]
        await pilot.press("f")
        await settle(pilot)
        assert not reader.article.full_text
        assert reader.article.paragraphs == ["Just a teaser."]
        await pilot.press("f")  # kept: no second download
        await settle(pilot)
        assert reader.article.full_text and server.hits["/story"] == 1


async def test_r_with_only_local_paths_reports_files_only(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "note.txt").write_text("A saved page\n\nIts only paragraph.\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[[section]]\nname = "Saved"\npaths = ["{folder}"]\n', encoding="utf-8")
    library = Library.open(load_config(config), tmp_path / "library.db")
    app = NewsReaderApp(
        library, clock=lambda: datetime(2024, 3, 6, tzinfo=UTC), scan_on_start=False
    )
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        shown = str(app.query_one(StatusBar).render())
        assert shown.startswith("Refreshed: files: 1 new"), shown
        assert "feeds" not in shown
