"""The list reads in every theme: the WCAG contrast of every character the list draws,
measured against the cell it is drawn on, from the strips `render_line` returns.

Unread titles need 4.5:1; read titles and the source and age columns need 3:1 and must
be dimmer than the unread titles on the same background; everything else (markers,
highlights) needs 3:1. Themes of the terminal's own ANSI colours are measured through
the terminal palette Textual assumes for them, with dim as Textual's dim factor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from io import StringIO
from typing import Any

import pytest
from rich.cells import cell_len
from rich.color import Color
from rich.console import Console
from textual.constants import DIM_FACTOR
from textual.pilot import Pilot
from textual.widget import Widget

from newsreader.present.article import meta_line
from newsreader.query.spans import needles_from_query
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.contrast import RGB, blend, contrast
from newsreader.tui.entries import EntryKind
from newsreader.tui.widgets import ArticleList, ReadingPane, Sidebar
from newsreader.tui.widgets.article_list import MARKERS, columns
from newsreader.tui.widgets.sidebar import BUILT_IN

from .conftest import AppFactory, settle
from .test_keys import SEED_TITLE, main, open_title

READ_ROWS = (2, 3, 5, 8)
Measures = dict[tuple[str, str], list[float]]


def _rgb(app: NewsReaderApp, color: Color | None, *, foreground: bool) -> RGB:
    assert color is not None, "a list segment without a resolved colour"
    triplet = color.get_truecolor(app.ansi_theme, foreground=foreground)
    return (triplet.red, triplet.green, triplet.blue)


def measure(app: NewsReaderApp, into: Measures, context: str) -> None:
    """Add the contrast of every visible character of the list, by what it is.

    Keys are (background, kind): background is "cursor" or "rows" under `context`
    (focus), kind is unread, read, meta or other.
    """
    articles = app.query_one(ArticleList)
    title_width, source_width = columns(articles.scrollable_content_region.width)
    title = range(MARKERS + 1, MARKERS + 1 + title_width)
    meta_start = title.stop + 1
    for y in range(articles.size.height):
        index = y + articles.scroll_offset.y
        row = articles.row(index)
        if row is None:
            continue
        where = f"{context}/{'cursor' if index == articles.cursor else 'rows'}"
        segments = list(articles.render_line(y))
        row_bg = segments[0].style.bgcolor if segments[0].style else None
        x = 0
        for segment in segments:
            text, style = segment.text, segment.style
            assert style is not None
            if not text.strip():
                x += cell_len(text)
                continue
            fg = _rgb(app, style.color, foreground=True)
            bg = _rgb(app, style.bgcolor, foreground=False)
            if style.dim:  # as a terminal draws it: fainter, toward the background
                fg = blend(bg, fg, DIM_FACTOR)
            kinds = set()
            for char in text:  # what each drawn character is, by the column it is in
                if not char.isspace():
                    if x in title and style.bgcolor == row_bg:
                        kinds.add("read" if row.read else "unread")
                    elif x >= meta_start:
                        kinds.add("meta")
                    else:
                        kinds.add("other")  # markers, search highlights, watch colours
                x += cell_len(char)
            for kind in kinds:
                into[(where, kind)].append(contrast(fg, bg))


def check(theme: str, measures: Measures) -> list[str]:
    """What falls short, in words (empty: all good)."""
    problems = []
    by_background: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for (where, kind), values in measures.items():
        by_background[where][kind] = values
    for where, kinds in by_background.items():
        unread = kinds.get("unread", [])
        dimmed = kinds.get("read", []) + kinds.get("meta", [])
        assert unread and dimmed, f"{theme} {where}: nothing measured"
        if min(unread) < 4.5:
            problems.append(f"{theme} {where}: unread title {min(unread):.2f}:1")
        for kind in ("read", "meta", "other"):
            if kinds.get(kind) and min(kinds[kind]) < 3.0:
                problems.append(f"{theme} {where}: {kind} {min(kinds[kind]):.2f}:1")
        if max(dimmed) >= min(unread):
            problems.append(
                f"{theme} {where}: read/muted {max(dimmed):.2f}:1 not dimmer than "
                f"unread {min(unread):.2f}:1"
            )
    return problems


def footer_contrasts(app: NewsReaderApp) -> list[float]:
    """The contrast of every key and label the footer draws, as the screen has it."""
    footer = app.screen._compositor.render_strips()[app.size.height - 1]
    found = []
    for segment in footer:
        style = segment.style
        if segment.text.strip() and style is not None and segment.text != "▏":
            fg = _rgb(app, style.color, foreground=True)
            found.append(contrast(fg, _rgb(app, style.bgcolor, foreground=False)))
    return found


async def measure_theme(pilot: Pilot[None], theme: str) -> Measures:
    """Cursor on an unread row and on a read one, with the list focused and not."""
    app = pilot.app
    assert isinstance(app, NewsReaderApp)
    app.theme = theme
    await pilot.pause()
    articles = app.query_one(ArticleList)
    measures: Measures = defaultdict(list)
    for focus in (articles, app.query_one(Sidebar)):
        focus.focus()
        for cursor in (0, READ_ROWS[0]):
            articles.move_to(cursor)
            await pilot.pause()
            measure(app, measures, "focused" if focus is articles else "blurred")
    articles.focus()
    return measures


async def prepare(pilot: Pilot[None]) -> ArticleList:
    """Some rows read, search terms highlighted, the Cyber watch's matches in view."""
    await settle(pilot)
    articles = pilot.app.query_one(ArticleList)
    for index in READ_ROWS:
        row = articles.row(index)
        assert row is not None
        articles.update_row(row.uid, read=True)
    articles.terms = needles_from_query("city OR the")
    articles.refresh()
    return articles


async def test_every_theme_draws_the_list_legibly(make_app: AppFactory) -> None:
    app = make_app(remember_theme=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await prepare(pilot)
        themes = sorted(app.available_themes)
        assert {"textual-dark", "textual-light", "solarized-light", "gruvbox"} <= set(themes)
        problems: list[str] = []
        figures = []
        for theme in themes:
            measures = await measure_theme(pilot, theme)
            problems += check(theme, measures)
            if not app.current_theme.ansi:  # the terminal's colours: unknown
                footer = footer_contrasts(app)
                assert footer, theme
                if min(footer) < 4.5:
                    problems.append(f"{theme} footer: {min(footer):.2f}:1")
            rows = {k: min(v) for (w, k), v in measures.items() if w == "focused/rows"}
            figures.append(
                f"{theme:22} "
                + "  ".join(f"{k} {rows.get(k, 0):5.2f}" for k in ("unread", "read", "meta"))
            )
        print("\n".join(figures))  # the figures, with -s
        assert not problems, "\n".join(problems)


Drawn = list[tuple[int, str, float]]
"""(line in the widget, text, contrast) of every visible segment a widget shows."""
GUIDES = set("─│├└┌┐┘┤┬┴┼╴╵╶╷━┃┣┗▏▕ ")
"""The sidebar's tree guides and the panes' borders: lines, not text to read."""


def drawn(app: NewsReaderApp, widget: Widget) -> Drawn:
    """The contrast of every segment `widget` shows, as the screen has it."""
    region = widget.region
    strips = app.screen._compositor.render_strips()
    found = []
    for y in range(region.y, region.bottom):
        for segment in strips[y].crop(region.x, region.right):
            style = segment.style
            if style is None or not set(segment.text) - GUIDES:
                continue
            fg = _rgb(app, style.color, foreground=True)
            bg = _rgb(app, style.bgcolor, foreground=False)
            if style.dim:
                fg = blend(bg, fg, DIM_FACTOR)
            found.append((y - region.y, segment.text, contrast(fg, bg)))
    return found


def muted_parts(app: NewsReaderApp) -> dict[str, list[float]]:
    """The reading pane's meta line and address, and the sidebar's counts, hints and
    marks, by where they are, with the text beside them (names, the article's body)."""
    reader = app.query_one(ReadingPane)
    article = reader.article
    assert article is not None and article.url
    meta = meta_line(article).plain
    parts: dict[str, list[float]] = defaultdict(list)
    for _, text, ratio in drawn(app, reader):
        where = "reader meta" if text.strip() in meta or text in article.url else "reader text"
        parts[where].append(ratio)
    for _, text, ratio in drawn(app, app.query_one(Sidebar)):
        stripped = text.strip(" ·")
        if "new" in text:
            parts["sidebar marks"].append(ratio)  # "+3 new", in the theme's accent
            continue
        muted = (
            stripped.isdigit()
            or text.startswith(" · ")
            or stripped in (*BUILT_IN.values(), "Muted")  # Muted is muted itself
            or text in (Sidebar.ICON_NODE, Sidebar.ICON_NODE_EXPANDED)  # icons: 3:1
        )
        parts["sidebar muted" if muted else "sidebar names"].append(ratio)
    return parts


async def test_every_theme_draws_the_reader_and_sidebar_legibly(make_app: AppFactory) -> None:
    """The article's meta line and address, the sidebar's counts and hints: muted, and
    still 3:1 in every theme, focused or not, under the sidebar's cursor or not."""
    app = make_app(remember_theme=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the first article: a meta line and an address
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        world = next(n for n in sidebar.root.children if n.data and n.data.name == "World")
        world.expand()
        await settle(pilot)
        counts = main(app)._counts
        assert counts is not None
        sidebar.set_counts(replace(counts, new={"Cyber": 3}))  # as after a refresh
        problems: list[str] = []
        figures = []
        for theme in sorted(app.available_themes):
            app.theme = theme
            await settle(pilot)
            measured: dict[str, list[float]] = defaultdict(list)
            for focus in (sidebar, app.query_one(ReadingPane)):
                focus.focus()
                await pilot.pause()
                for where, ratios in muted_parts(app).items():
                    measured[where] += ratios
            assert all(measured[w] for w in ("reader meta", "sidebar muted", "sidebar marks"))
            for where, ratios in measured.items():
                least = 4.5 if where.endswith(("names", "text")) else 3.0
                if min(ratios) < least:
                    problems.append(f"{theme} {where}: {min(ratios):.2f}:1")
            figures.append(
                f"{theme:22} " + "  ".join(f"{w} {min(r):5.2f}" for w, r in measured.items())
            )
        print("\n".join(figures))  # the figures, with -s
        assert not problems, "\n".join(problems)


def test_the_check_catches_what_the_issue_saw() -> None:
    """Pure white read rows: invisible on textual-light's grey, and brighter than the
    unread titles on textual-dark."""
    white = (255, 255, 255)
    light, dark = (0xE0, 0xE0, 0xE0), (0x12, 0x12, 0x12)
    on_light: Measures = {
        ("focused/rows", "unread"): [contrast((0x1F, 0x1F, 0x1F), light)],
        ("focused/rows", "read"): [contrast(white, light)],
        ("focused/rows", "meta"): [contrast(white, light)],
    }
    assert check("textual-light", on_light) == [
        "textual-light focused/rows: read 1.32:1",
        "textual-light focused/rows: meta 1.32:1",
    ]
    on_dark: Measures = {
        ("focused/rows", "unread"): [contrast((0xDD, 0xDD, 0xDD), dark)],
        ("focused/rows", "read"): [contrast(white, dark)],
        ("focused/rows", "meta"): [contrast(white, dark)],
    }
    [problem] = check("textual-dark", on_dark)
    assert "not dimmer than unread" in problem


# --- snapshots of the list in a light and a dark theme ----------------------------------


def list_in(theme: str) -> Callable[[Pilot[None]], Any]:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.theme = theme
        await pilot.press("j", "m", "j", "j", "m", "j", "s", "k")  # read, starred, read
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
def test_list_snapshot(
    snap_compare: Any, make_app: AppFactory, theme: str, size: tuple[int, int]
) -> None:
    assert snap_compare(
        make_app(remember_theme=False), terminal_size=size, run_before=list_in(theme)
    )


# --- a watch's own view -----------------------------------------------------------------


async def test_a_watch_view_marks_its_matches_in_the_watch_colour(make_app: AppFactory) -> None:
    """In the Cyber watch (colour orange), its matches are orange, in the list and in
    the article: not the search highlight, not reverse video."""
    orange = Color.parse("#ffa500")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(Sidebar)
        heading = next(n for n in sidebar.root.children if str(n.label) == "Watches")
        sidebar.focus()
        sidebar.move_cursor(heading.children[0])
        await pilot.press("enter")
        await settle(pilot)
        assert main(app).entry.kind is EntryKind.WATCH
        articles = app.query_one(ArticleList)
        articles.focus()
        index = next(i for i, r in articles.loaded_rows() if r.title == SEED_TITLE)
        articles.move_to(index)
        await pilot.pause()
        segments = list(articles.render_line(index - articles.scroll_offset.y))
        row_bg = segments[0].style.bgcolor if segments[0].style else None
        marked = [s for s in segments if s.style and s.style.bgcolor != row_bg]
        assert marked and marked[0].text.startswith("na")  # "national sovereignty"
        assert all(s.style and s.style.bgcolor == orange for s in marked), marked
        await open_title(pilot, app, SEED_TITLE)
        region = app.query_one(ReadingPane).region
        screen = app.screen._compositor.render_strips()  # the screen as drawn
        drawn = [
            segment
            for strip in screen[region.y : region.bottom]
            for segment in strip.crop(region.x, region.right)
        ]
        match = re.compile(r"(?i)cyber\w*|national sovereignty")
        cyber = [s for s in drawn if match.fullmatch(s.text)]
        assert len(cyber) >= 3, "the article's matches are on screen"
        for segment in cyber:
            assert segment.style is not None
            assert segment.style.bgcolor == orange, segment
            assert not segment.style.reverse, segment


# --- NO_COLOR ---------------------------------------------------------------------------

_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def colours_in(ansi: str) -> set[str]:
    """The colour parameters of the SGR sequences in `ansi` (39 and 49: default)."""
    found = set()
    for params in _SGR.findall(ansi):
        parts = params.split(";")
        i = 0
        while i < len(parts):
            p = parts[i]
            if p in ("38", "48"):
                found.add(";".join(parts[i : i + (5 if parts[i + 1] == "2" else 3)]))
                i += 5 if parts[i + 1] == "2" else 3
                continue
            if p and (30 <= int(p) <= 37 or 40 <= int(p) <= 47 or 90 <= int(p) <= 107):
                found.add(p)
            i += 1
    return found


def screen_ansi(app: NewsReaderApp) -> str:
    """The whole screen as the terminal would receive it."""
    out = StringIO()
    console = Console(file=out, force_terminal=True, color_system="truecolor", width=app.size.width)
    console.print(app.screen._compositor.render_update(full=True))
    return out.getvalue()


def test_colours_in_reads_sgr() -> None:
    assert colours_in("\x1b[1;38;2;1;2;3;48;5;17mX\x1b[39;49m\x1b[31m") == {
        "38;2;1;2;3",
        "48;5;17",
        "31",
    }
    assert colours_in("\x1b[1;2;7;4m\x1b[39m\x1b[49m") == set()


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_no_color_draws_no_colour_at_all(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(remember_theme=False)
    async with app.run_test(size=size) as pilot:
        await prepare(pilot)
        await pilot.press("enter")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        for y in range(articles.size.height):
            for segment in articles.render_line(y):
                style = segment.style
                assert style is None or (
                    (style.color is None or style.color.is_default)
                    and (style.bgcolor is None or style.bgcolor.is_default)
                ), segment
        assert colours_in(screen_ansi(app)) == set()
        cursor_line = articles.render_line(articles.cursor - articles.scroll_offset.y)
        assert all(s.style and s.style.reverse for s in cursor_line if s.text.strip())
        app.theme = "solarized-light"
        await pilot.pause()
        assert colours_in(screen_ansi(app)) == set()
