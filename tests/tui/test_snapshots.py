"""How the app looks, as SVG snapshots (review changes in the HTML report before updating)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from newsreader.tui.widgets import ArticleList

from .conftest import AppFactory, settle


def opening(title: str) -> Callable[[Pilot[None]], Any]:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        articles = pilot.app.query_one(ArticleList)
        for index, row in articles.loaded_rows():
            if row.title == title:
                articles.move_to(index)
                break
        else:
            raise AssertionError(title)
        await pilot.press("enter")
        await settle(pilot)

    return run_before


def test_main_screen_on_the_samples(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=settle)


def test_article_with_table_list_and_quote(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(
        make_app(),
        terminal_size=(140, 60),
        run_before=opening("Night trains are back, and they are full"),
    )


def test_chinese_article(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(
        make_app(),
        terminal_size=(120, 36),
        run_before=opening("网络安全专家：个人信息保护需要每个人参与"),
    )


def test_seed_article(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(
        make_app(),
        terminal_size=(200, 60),
        run_before=opening(
            "Chinese official: We need to respect national sovereignty over cyberspace"
        ),
    )


def test_help_screen(snap_compare: Any, make_app: AppFactory) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 36), run_before=run_before)


def test_narrow_terminal(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(
        make_app(),
        terminal_size=(80, 24),
        run_before=opening("Release notes: Loam database 4.0"),
    )


def test_tiny_terminal_reading(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(
        make_app(),
        terminal_size=(50, 20),
        run_before=opening("Harbour city opens its first tidal power station"),
    )
