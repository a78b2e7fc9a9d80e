"""Commands that read: read a file, list, search, the overview, explain, mark, export."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from newsreader import __version__
from newsreader.cli.output import make_console, print_error, print_json, user_path
from newsreader.errors import NewsreaderError
from newsreader.sanitize import shown

if TYPE_CHECKING:
    from pathlib import Path

    from newsreader.core import Library


def _given_path(raw: str) -> Path | None:
    """One of several paths given: `~` expanded, or its error said (`~nobody/x`) and
    None, so that the others are still read."""
    try:
        return user_path(raw)
    except NewsreaderError as exc:
        print_error(exc.message)
        return None


def open_library(scan: bool = True) -> Library:
    from newsreader.core import Library

    library = Library.open()
    if scan:
        library.scan()
    return library


def cmd_read(ns: argparse.Namespace) -> int:
    from rich.rule import Rule

    from newsreader.present.article import render_article
    from newsreader.query.spans import needles_from_query
    from newsreader.sources.local import read_path

    if ns.url and len(ns.paths) > 1:
        # One address cannot be where several pages came from: their dates and links
        # would all be read against it.
        raise NewsreaderError("--url says where one saved page came from: give it one PATH")
    terms = needles_from_query(ns.highlight) if ns.highlight else []
    console = make_console()
    piped = not console.is_terminal
    failed = False
    printed = 0
    for raw in ns.paths:
        if raw.startswith(("http://", "https://")):
            print_error(
                f"{shown(raw)}: reading from the network is not supported yet; "
                "save it and read the file"
            )
            failed = True
            continue
        path = _given_path(raw)
        if path is None:
            failed = True
            continue
        if ns.url and path.is_dir():
            raise NewsreaderError("--url says where one saved page came from, not a folder's")
        for result in read_path(path, url=ns.url):
            if result.error is not None:
                print_error(result.error.message)
                failed = True
                continue
            for article in result.articles:
                if ns.json:
                    print_json(article.to_json())
                else:
                    if printed:
                        console.print(Rule(style="dim"))
                    # To a pipe or a file, lines are not wrapped: a URL or a command
                    # copied from the output must come out whole.
                    console.print(render_article(article, terms=terms), soft_wrap=piped)
                printed += 1
    sys.stdout.flush()
    return 2 if failed else 0


def cmd_list(ns: argparse.Namespace) -> int:
    from newsreader.present.listing import rows_table
    from newsreader.query import ArticleQuery

    if ns.limit < 0:
        raise NewsreaderError("--limit must be 0 (all) or more")
    with open_library() as library:
        sections = library.section_names(ns.section) if ns.section else None
        text_parts = [ns.query] if ns.query else []
        if ns.watch:
            text_parts.append(library.watch_query(ns.watch))
        if len(text_parts) > 1:  # both: each in parentheses (alone, as written)
            text_parts = [f"({part})" for part in text_parts]
        query = ArticleQuery(
            sections=sections,
            unread=ns.unread,
            starred=ns.starred,
            text=" ".join(text_parts) or None,
            limit=ns.limit or None,
            show_muted=ns.show_muted,
        )
        rows = library.articles(query)
        if ns.json:
            for row in rows:
                print_json(row.to_json())
            return 0
        console = make_console()
        if not rows:
            console.print("No articles match.", style="dim")
            return 0
        console.print(rows_table(rows))
    return 0


def cmd_search(ns: argparse.Namespace) -> int:
    from newsreader.present.listing import search_hit

    with open_library() as library:
        sections = library.section_names(ns.section) if ns.section else None
        hits = library.search(ns.query, limit=max(ns.limit, 1), sections=sections)
    if ns.json:
        for hit in hits:
            print_json(hit.to_json())
        return 0
    console = make_console()
    if not hits:
        console.print("No articles match.", style="dim")
        return 0
    piped = not console.is_terminal
    for hit in hits:
        console.print(search_hit(hit, plain=piped), soft_wrap=piped)
    return 0


def cmd_mark(ns: argparse.Namespace) -> int:
    changes = {
        "read": {"read": True},
        "unread": {"read": False},
        "star": {"starred": True},
        "unstar": {"starred": False},
        "save": {"saved": True},
        "unsave": {"saved": False},
    }[ns.state]
    with open_library(scan=False) as library:
        uids = library.resolve_ids(ns.ids)
        count = library.mark(uids, **changes)
    word = {"star": "starred", "unstar": "unstarred", "save": "saved", "unsave": "unsaved"}
    print(f"marked {count} article{'s' if count != 1 else ''} {word.get(ns.state, ns.state)}")
    return 0


def cmd_explain(ns: argparse.Namespace) -> int:
    with open_library() as library:
        [uid] = library.resolve_ids([ns.id])
        for line in library.explain(uid):
            print(line)
    return 0


def cmd_export(ns: argparse.Namespace) -> int:
    from newsreader.present.markdown import export_articles

    with open_library(scan=False) as library:
        uids = library.resolve_ids(ns.ids)
        articles = [a for uid in uids if (a := library.article(uid)) is not None]
    try:
        results = export_articles(articles, user_path(ns.to))
    except OSError as exc:
        raise NewsreaderError(f"{shown(ns.to)}: {exc.strerror or exc}") from None
    failed = False
    for article, outcome in results:
        if isinstance(outcome, OSError):
            print_error(f"{article.id[:8]}: {outcome.strerror or outcome}")
            failed = True
        else:
            print(outcome)
    return 2 if failed else 0


def cmd_overview(ns: argparse.Namespace) -> int:
    """Each section with its newest articles."""
    from rich.text import Text

    from newsreader.present.listing import rows_table
    from newsreader.query import ArticleQuery

    console = make_console()
    with open_library() as library:
        sections = library.sections()
        total = sum(s.total for s in sections)
        unread = sum(s.unread for s in sections)
        where = "the bundled samples" if library.config.is_sample else str(library.config.path)
        console.print(
            Text(
                f"newsreader {__version__}: {total} articles ({unread} unread) in "
                f"{len(sections)} sections, from {where}",
                style="bold",
            )
        )
        for section in sections:
            console.print(
                Text(f"\n{section.name} ({section.unread}/{section.total})", style="bold"),
                soft_wrap=not console.is_terminal,
            )
            rows = library.articles(ArticleQuery(sections=(section.name,), limit=8))
            if rows:
                console.print(rows_table(rows))
    console.print(
        Text(
            "\nnewsreader list | search | read | mark | refresh | add  (newsreader --help)",
            style="dim",
        )
    )
    return 0


def cmd_overview_paths(paths: list[str]) -> int:
    """Articles of the given files and folders, grouped by folder."""
    from rich.text import Text

    from newsreader.models import ArticleRow
    from newsreader.present.listing import rows_table
    from newsreader.sanitize import clean_name
    from newsreader.sources.local import read_path

    console = make_console()
    failed = False
    groups: dict[str, list[ArticleRow]] = {}
    for raw in paths:
        root = _given_path(raw)
        if root is None:
            failed = True
            continue
        for result in read_path(root):
            if result.error is not None:
                print_error(result.error.message)
                failed = True
                continue
            group = str(result.path.parent if root.is_dir() else root.parent)
            for a in result.articles:
                groups.setdefault(group, []).append(ArticleRow.from_article(a))
    for group, rows in groups.items():
        rows.sort(key=lambda r: r.sort_key, reverse=True)
        # A folder's path is not cut mid-word when piped: it is copied whole.
        header = Text(f"{clean_name(group)} ({len(rows)})", style="bold")
        console.print(header, soft_wrap=not console.is_terminal)
        console.print(rows_table(rows))
    return 2 if failed else 0
