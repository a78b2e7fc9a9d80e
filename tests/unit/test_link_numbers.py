"""The numbers the reading pane gives links ([1], [2]…) are known before it is drawn, and
are the numbers drawn: keys 1-9 open link n of a long article still being laid out."""

from __future__ import annotations

import io
import re

from rich.console import Console

from newsreader.models import Article, Block, BlockKind, Run
from newsreader.present.article import ArticleRenderer, link_targets, render_article


def linked(text: str, url: str) -> tuple[Run, ...]:
    return (Run("see "), Run(text, link=url))


BODY = (
    Block(BlockKind.HEADING, linked("head", "https://a.example/1"), level=2),
    Block(BlockKind.CODE, text="https://not-a-link.example"),
    Block(BlockKind.PARAGRAPH, (Run("plain text"),)),
    Block(BlockKind.LIST_ITEM, linked("item", "https://b.example/2")),
    Block(BlockKind.QUOTE, linked("again", "https://a.example/1")),  # the same link: [1]
    *(Block(BlockKind.PARAGRAPH, (Run(f"filler {n}"),)) for n in range(120)),
    Block(BlockKind.PARAGRAPH, linked("far down", "mailto:x@c.example")),
)


def test_numbers_are_known_up_front_and_match_what_is_drawn() -> None:
    article = Article(id="x", source="s", title="T", body=BODY)
    expected = ["https://a.example/1", "https://b.example/2", "mailto:x@c.example"]
    assert link_targets(BODY) == expected
    renderer = ArticleRenderer(article)
    assert renderer.links.urls == expected  # before a single block is drawn
    out = io.StringIO()
    Console(file=out, width=100, color_system=None, markup=False).print(render_article(article))
    text = out.getvalue()
    assert "head[1]" in text and "item[2]" in text and "again[1]" in text
    assert "far down[3]" in text
    listed = re.findall(r"^\[(\d)\] (\S+)$", text, flags=re.MULTILINE)
    assert listed == [(str(n), url) for n, url in enumerate(expected, start=1)]


def test_links_are_shown_and_hyperlinked_as_ascii_where_they_lead() -> None:
    body = (
        Block(BlockKind.PARAGRAPH, linked("apple", "http://\u0430pple.com/\u00e9t\u00e9")),
        Block(BlockKind.PARAGRAPH, linked("write", "mailto:me@example.org?attach=/etc/passwd")),
    )
    article = Article(id="x", source="s", title="T", url="https://b\u00fccher.example/a", body=body)
    out = io.StringIO()
    Console(file=out, width=100, force_terminal=True, markup=False).print(render_article(article))
    text = out.getvalue()
    targets = re.findall(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\", text)
    assert targets and all(t.isascii() for t in targets), targets
    assert "http://xn--pple-43d.com/%C3%A9t%C3%A9" in targets
    shown = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", text)
    assert "[1] http://xn--pple-43d.com/%C3%A9t%C3%A9" in shown
    assert "[2] mailto:me@example.org" in shown and "attach" not in text
    assert "https://xn--bcher-kva.example/a" in shown  # the article's own address
