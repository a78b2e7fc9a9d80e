"""Terminal rendering: structure shows, untrusted text never becomes markup or escapes."""

from __future__ import annotations

import io
import re

from rich.console import Console

from newsreader.models import Article, Block, BlockKind, Run
from newsreader.present.article import render_article
from newsreader.present.listing import format_date
from newsreader.query.spans import needles_from_query

SGR_OR_OSC = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")


def rendered(article: Article, *, color: bool = True, query: str | None = None) -> str:
    out = io.StringIO()
    console = Console(
        file=out,
        width=100,
        force_terminal=color,
        color_system="truecolor" if color else None,
        markup=False,
        emoji=False,
        highlight=False,
    )
    console.print(render_article(article, terms=needles_from_query(query) if query else None))
    return out.getvalue()


def article(**fields: object) -> Article:
    base: dict[str, object] = {"id": "x", "source": "s", "title": "T"}
    base.update(fields)
    return Article(**base)  # type: ignore[arg-type]


def test_markup_in_text_is_shown_literally() -> None:
    a = article(
        title="[@click=app.quit]x[/] [bold]b[/bold]",
        body=(Block(BlockKind.PARAGRAPH, (Run("[link=https://evil.example]y[/link] :smile:"),)),),
    )
    text = SGR_OR_OSC.sub("", rendered(a))
    assert "[@click=app.quit]x[/] [bold]b[/bold]" in text
    assert "[link=https://evil.example]y[/link] :smile:" in text
    assert "evil.example" not in "".join(re.findall(r"\x1b\]8;[^\x1b]*", rendered(a)))


def test_only_safe_links_become_hyperlinks_and_are_listed() -> None:
    a = article(
        body=(
            Block(
                BlockKind.PARAGRAPH,
                (Run("see "), Run("here", link="https://ok.example/a"), Run(" and "), Run("x")),
            ),
        )
    )
    out = rendered(a)
    assert "\x1b]8;" in out and "https://ok.example/a" in out
    plain = SGR_OR_OSC.sub("", out)
    assert "here[1]" in plain and "[1] https://ok.example/a" in plain


def test_meta_line_caption_and_blocks() -> None:
    a = article(
        authors=("A One", "B Two"),
        site="Outlet",
        section="World",
        published="2013-11-06T09:13",
        dateline="Paris, Nov. 5",
        caption="A photo. (Photo/X)",
        body=(
            Block(BlockKind.HEADING, (Run("Head"),), level=2),
            Block(BlockKind.LIST_ITEM, (Run("item"),), ordinal=3),
            Block(BlockKind.QUOTE, (Run("quoted"),)),
            Block(BlockKind.CODE, text="code()"),
            Block(BlockKind.TABLE, rows=(("k", "v"), ("a", "1")), header=True),
            Block(BlockKind.IMAGE, text="A map"),
        ),
    )
    plain = rendered(a, color=False)
    assert "A One, B Two · Outlet · World · 6 Nov 2013 09:13 · Paris, Nov. 5" in plain
    assert "▣ A photo. (Photo/X)" in plain
    assert "3. item" in plain
    assert "▌ quoted" in plain
    assert "code()" in plain
    assert re.search(r"k\s+v", plain) and re.search(r"a\s+1", plain)
    assert "[image: A map]" in plain


def test_no_color_output_has_no_escape_codes() -> None:
    a = article(
        body=(
            Block(
                BlockKind.PARAGRAPH, (Run("bold", bold=True), Run("link", link="https://x.example"))
            ),
        )
    )
    assert "\x1b" not in rendered(a, color=False)


def test_highlight_marks_matching_words() -> None:
    a = article(title="Cyber news", body=(Block(BlockKind.PARAGRAPH, (Run("about cyberspace"),)),))
    out = rendered(a, query="cyber*")
    assert out.count("\x1b[1;7m") >= 2 or out.count("7m") >= 2


def test_format_date_keeps_precision() -> None:
    assert format_date("2013-11-06") == "6 Nov 2013"
    assert format_date("2013-11-06T09:13") == "6 Nov 2013 09:13"
    assert format_date("2024-03-05T10:32-05:00") == "5 Mar 2024 10:32 -05:00"
    assert format_date("2024-03-05T10:32:00Z") == "5 Mar 2024 10:32 UTC"
    assert format_date(None) is None


def test_watch_groups_draw_in_their_own_colours() -> None:
    from rich.style import Style

    a = article(
        title="Cyber rules and trains",
        body=(Block(BlockKind.PARAGRAPH, (Run("Night trains face cyber threats."),)),),
    )
    out = io.StringIO()
    console = Console(file=out, width=100, force_terminal=True, color_system="truecolor")
    console.print(
        render_article(
            a,
            watches=[
                (needles_from_query("cyber"), Style(bgcolor="#ff0000")),
                (needles_from_query("trains"), Style(bgcolor="#00ff00")),
            ],
        )
    )
    text = out.getvalue()
    assert text.count("48;2;255;0;0m") >= 2  # "Cyber" in the title, "cyber" in the body
    assert text.count("48;2;0;255;0m") >= 2  # "trains" twice
