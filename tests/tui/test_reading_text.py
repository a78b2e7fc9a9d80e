"""The reading pane breaks Chinese and Japanese lines by their rules, at every width."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from newsreader.present.linebreak import NO_LINE_END, NO_LINE_START
from newsreader.tui.widgets import ArticleList, ReadingPane
from newsreader.tui.widgets.reading_pane import ArticleBody
from tests.tui.conftest import AppFactory, settle

TITLE = "网络安全专家：个人信息保护需要每个人参与"


@pytest.mark.parametrize("width", [61, 80, 101, 120])
async def test_no_line_in_the_pane_starts_with_a_closing_mark(
    make_app: AppFactory, width: int
) -> None:
    app = make_app()
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        [index] = [i for i, row in articles.loaded_rows() if row.title == TITLE]
        articles.move_to(index)
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ReadingPane)
        assert reader.article is not None and reader.article.title == TITLE
        lines: list[str] = []
        for body in reader.query(ArticleBody):
            strips = body.render_lines(Region(0, 0, body.size.width, body.size.height))
            lines.extend(strip.text.strip() for strip in strips)
        text = [line for line in lines if line]
        assert len(text) > 5
        assert [line for line in text if line[0] in NO_LINE_START] == []
        assert [line for line in text if line[-1] in NO_LINE_END] == []
