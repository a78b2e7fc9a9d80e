"""The `newsreader` command: argument parsing and the headless commands.

Errors reach the user as one line on stderr naming what failed and why, with exit
status 2; a folder with one bad file still prints the others. Heavy modules (feedparser,
trafilatura, the TUI) are imported only by the commands that use them, so `--help`
stays instant. `--json` output is one JSON object per line; output to a pipe has no
colour codes, and NO_COLOR is honoured (Rich does both).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader import __version__
from newsreader.errors import NewsreaderError

if TYPE_CHECKING:
    from rich.console import Console

    from newsreader.core import Library

PROG = "newsreader"

_DESCRIPTION = """\
A terminal news reader for feeds, saved web pages and plain-text copies of news pages.

With no command, shows your sections and their newest articles (the bundled samples
when you have no config). Config: $XDG_CONFIG_HOME/newsreader/config.toml (or
$NEWSREADER_CONFIG); library: $XDG_DATA_HOME/newsreader/library.db (or $NEWSREADER_DATA).
"""

_READ_HELP = """\
Print an article read from a local file, rendered for the terminal (or as JSON).

Formats: plain-text copies of news pages (.txt), saved web pages (.html, .htm),
Markdown (.md, with optional front matter), and feed files (RSS, Atom, JSON Feed:
.xml, .rss, .atom, .rdf, .json). A feed file prints each of its articles; a folder
is read recursively. Files ending in .gz are decompressed first.
"""

_QUERY_HELP = """\
query syntax: words are ANDed; "a phrase"; OR; -word or NOT word; word* (prefix);
title:, author:, source:, section: limit a term to a field; (parentheses) group.
Case and accents are ignored; Chinese and Japanese words match inside running text.
"""


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="one JSON object per line")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description=_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    raw = argparse.RawDescriptionHelpFormatter

    read = commands.add_parser(
        "read",
        help="print articles from files or folders",
        description=_READ_HELP,
        epilog="examples:\n  newsreader read saved/article.txt\n"
        "  newsreader read feeds/world.xml --highlight 'cyber* \"national sovereignty\"'\n"
        "  newsreader read ~/articles --json | jq .title",
        formatter_class=raw,
    )
    read.add_argument("paths", nargs="+", metavar="PATH", help="a file or folder to read")
    _add_json(read)
    read.add_argument("--highlight", metavar="QUERY", help="highlight the words of this query")

    lst = commands.add_parser(
        "list",
        help="list stored articles, newest first",
        epilog=_QUERY_HELP,
        formatter_class=raw,
        description="List articles from your library (local paths are rescanned first).",
    )
    lst.add_argument("--section", metavar="S", help="only this section")
    lst.add_argument("--watch", metavar="W", help="only articles matching this watch")
    lst.add_argument("--unread", action="store_true", help="only unread articles")
    lst.add_argument("--starred", action="store_true", help="only starred articles")
    lst.add_argument("--query", metavar="Q", help="only articles matching this query")
    lst.add_argument(
        "--show-muted",
        action="store_true",
        help="include articles your [[mute]] rules hide (JSON says which rule)",
    )
    lst.add_argument(
        "--limit", metavar="N", type=int, default=50, help="at most N (default 50; 0: all)"
    )
    _add_json(lst)

    search = commands.add_parser(
        "search",
        help="full-text search, best matches first",
        epilog=_QUERY_HELP,
        formatter_class=raw,
        description="Search your library; results are ranked.",
    )
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--section", metavar="S", help="only this section")
    search.add_argument("--limit", metavar="N", type=int, default=20, help="at most N (default 20)")
    _add_json(search)

    mark = commands.add_parser(
        "mark",
        help="mark articles read, unread, starred or unstarred",
        description="Change article state. IDs are as `list` shows them (a unique prefix "
        "of at least 4 characters is enough).",
    )
    mark.add_argument("state", choices=["read", "unread", "star", "unstar", "save", "unsave"])
    mark.add_argument("ids", nargs="+", metavar="ID")

    refresh = commands.add_parser(
        "refresh",
        help="refresh every feed and rescan your local paths",
        description="Fetch your feeds (politely: conditional requests, the servers' caching "
        "hints) and rescan the files and folders of your sections. Exits 0 when the run "
        "completed, even if some sources failed (they are listed).",
    )
    refresh.add_argument(
        "--force",
        action="store_true",
        help="fetch every feed now, ignoring caching hints and validators",
    )
    _add_json(refresh)

    full = commands.add_parser(
        "fetch-full",
        help="download the full text of articles to read offline",
        description="Fetch each article's web page and keep its main text (the article "
        "becomes saved). IDs as `list` shows them.",
    )
    full.add_argument("ids", nargs="+", metavar="ID")

    export = commands.add_parser(
        "export",
        help="write articles as Markdown files",
        description="Write each article (its full text when kept) as a Markdown file named "
        "after its title.",
    )
    export.add_argument("ids", nargs="+", metavar="ID")
    export.add_argument("--to", metavar="DIR", required=True, help="folder to write into")

    watch = commands.add_parser(
        "watch",
        help="follow a topic: add, list or remove watches",
        epilog=_QUERY_HELP,
        formatter_class=raw,
        description="Watches are named queries followed across every source.",
    )
    watch_commands = watch.add_subparsers(dest="watch_command", metavar="ACTION", required=True)
    watch_add = watch_commands.add_parser("add", help="add a watch")
    watch_add.add_argument("name", metavar="NAME")
    watch_add.add_argument("query", metavar="QUERY")
    watch_add.add_argument("--color", metavar="C", help="highlight colour (a name or #rrggbb)")
    watch_list = watch_commands.add_parser("list", help="list watches with their matches")
    _add_json(watch_list)
    watch_remove = watch_commands.add_parser("remove", help="remove a watch")
    watch_remove.add_argument("name", metavar="NAME")

    explain = commands.add_parser(
        "explain",
        help="say which watches match an article and which mutes would hide it",
    )
    explain.add_argument("id", metavar="ID")

    add = commands.add_parser(
        "add",
        help="subscribe to a feed URL or add a file or folder to a section",
        description="Add to your config (comments and layout are kept). Creates the config "
        "if you have none.",
    )
    add.add_argument("target", metavar="URL_OR_PATH")
    add.add_argument(
        "--section", "-s", metavar="S", default="Unsorted", help="section (default: Unsorted)"
    )

    imp = commands.add_parser(
        "import-opml",
        help="subscribe to the feeds of an OPML file",
        description="Each outline folder becomes a section (nested ones as 'A / B').",
    )
    imp.add_argument("file", metavar="FILE")

    exp = commands.add_parser("export-opml", help="write your feeds as OPML 2.0")
    exp.add_argument("file", metavar="FILE", nargs="?", help="where to write (default: stdout)")
    return parser


def _console() -> Console:
    from rich.console import Console

    # Markup, emoji codes and auto-highlighting stay off: article text is untrusted, and
    # everything we print is already a Text object with explicit styles.
    return Console(markup=False, emoji=False, highlight=False)


def _error(message: str) -> None:
    sys.stderr.write(f"{PROG}: {message}\n")


def _print_json(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "read": _cmd_read,
        "list": _cmd_list,
        "search": _cmd_search,
        "mark": _cmd_mark,
        "refresh": _cmd_refresh,
        "fetch-full": _cmd_fetch_full,
        "watch": _cmd_watch,
        "explain": _cmd_explain,
        "export": _cmd_export,
        "add": _cmd_add,
        "import-opml": _cmd_import_opml,
        "export-opml": _cmd_export_opml,
    }
    try:
        if args and not args[0].startswith("-") and args[0] not in commands:
            # `newsreader PATH...`: open those files and folders as an "Opened" section.
            return _run_tui(args) if _interactive() else _cmd_overview_paths(args)
        ns = parser.parse_args(args)
        if ns.command is None:
            return _run_tui([]) if _interactive() else _cmd_overview(ns)
        return commands[ns.command](ns)
    except NewsreaderError as exc:
        _error(exc.message)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`); that is not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2


def _interactive() -> bool:
    """Whether a person is at a terminal (else `newsreader` prints instead of opening the TUI)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _run_tui(paths: list[str]) -> int:
    """Open the three-pane reader; PATHs become an extra "Opened" section."""
    from dataclasses import replace

    from newsreader.config import SectionConfig, load_config
    from newsreader.core import Library

    config = load_config()
    if paths:
        missing = [p for p in paths if not Path(p).expanduser().exists()]
        if missing:
            from newsreader.sanitize import clean_name

            raise NewsreaderError(f"{clean_name(missing[0])}: no such file or directory")
        opened = SectionConfig("Opened", paths=tuple(Path(p).expanduser().resolve() for p in paths))
        others = tuple(s for s in config.sections if s.name != "Opened")
        config = replace(config, sections=(opened, *others))
    library = Library.open(config)
    from newsreader.tui.app import NewsReaderApp

    NewsReaderApp(library).run()
    return 0


def _open_library(scan: bool = True) -> Library:
    from newsreader.core import Library

    library = Library.open()
    if scan:
        library.scan()
    return library


# --- read ---------------------------------------------------------------------------


def _cmd_read(ns: argparse.Namespace) -> int:
    from rich.rule import Rule

    from newsreader.present.article import render_article
    from newsreader.query.spans import needles_from_query
    from newsreader.sources.local import read_path

    terms = needles_from_query(ns.highlight) if ns.highlight else []
    console = _console()
    failed = False
    printed = 0
    for raw in ns.paths:
        if raw.startswith(("http://", "https://")):
            _error(
                f"{raw}: reading from the network is not supported yet; save it and read the file"
            )
            failed = True
            continue
        for result in read_path(Path(raw).expanduser()):
            if result.error is not None:
                _error(result.error.message)
                failed = True
                continue
            for article in result.articles:
                if ns.json:
                    _print_json(article.to_json())
                else:
                    if printed:
                        console.print(Rule(style="dim"))
                    console.print(render_article(article, terms=terms))
                printed += 1
    sys.stdout.flush()
    return 2 if failed else 0


# --- library commands -------------------------------------------------------------


def _cmd_list(ns: argparse.Namespace) -> int:
    from newsreader.present.listing import rows_table
    from newsreader.query import ArticleQuery

    if ns.limit < 0:
        raise NewsreaderError("--limit must be 0 (all) or more")
    with _open_library() as library:
        sections = library.section_names(ns.section) if ns.section else None
        text_parts = [f"({ns.query})"] if ns.query else []
        if ns.watch:
            text_parts.append(f"({library.watch_query(ns.watch)})")
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
                _print_json(row.to_json())
            return 0
        console = _console()
        if not rows:
            console.print("No articles match.", style="dim")
            return 0
        console.print(rows_table(rows))
    return 0


def _cmd_search(ns: argparse.Namespace) -> int:
    from newsreader.present.listing import search_hit

    with _open_library() as library:
        sections = library.section_names(ns.section) if ns.section else None
        hits = library.search(ns.query, limit=max(ns.limit, 1), sections=sections)
    if ns.json:
        for hit in hits:
            _print_json(hit.to_json())
        return 0
    console = _console()
    if not hits:
        console.print("No articles match.", style="dim")
        return 0
    for hit in hits:
        console.print(search_hit(hit))
    return 0


def _cmd_mark(ns: argparse.Namespace) -> int:
    changes = {
        "read": {"read": True},
        "unread": {"read": False},
        "star": {"starred": True},
        "unstar": {"starred": False},
        "save": {"saved": True},
        "unsave": {"saved": False},
    }[ns.state]
    with _open_library(scan=False) as library:
        uids = library.resolve_ids(ns.ids)
        count = library.mark(uids, **changes)
    word = {"star": "starred", "unstar": "unstarred", "save": "saved", "unsave": "unsaved"}
    print(f"marked {count} article{'s' if count != 1 else ''} {word.get(ns.state, ns.state)}")
    return 0


def _cmd_refresh(ns: argparse.Namespace) -> int:
    """Rescan local paths and refresh every feed; failures are listed, not fatal."""
    from newsreader.core import Library
    from newsreader.update.report import Status

    console = _console()
    with Library.open() as library:
        if console.is_terminal and not ns.json:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
            with Progress(*columns, console=console, transient=True) as bar:
                task = bar.add_task("Refreshing", total=None)

                def progress(done: int, total: int, name: str) -> None:
                    bar.update(
                        task,
                        completed=done,
                        total=total,
                        description=Path(name).name[:40] or name[:40],
                    )

                outcome = library.refresh(force=ns.force, progress=progress)
        else:
            outcome = library.refresh(force=ns.force)
    scan, feeds = outcome.scan, outcome.feeds
    if ns.json:
        for result in feeds.results:
            _print_json(result.to_json())
        for path, error in scan.errors:
            _print_json({"source": path, "status": "error", "error": error})
        for news in outcome.watch_news:
            _print_json(
                {
                    "watch": news.watch,
                    "new": news.count,
                    "title": news.title,
                    "id": news.uid,
                    "url": news.url,
                    "notify_error": news.notify_error,
                }
            )
        _print_json({"summary": True, "files": scan.summary(), "feeds": feeds.summary()})
        return 0
    if console.is_terminal:
        from rich.text import Text

        marks = {Status.NEW: "+", Status.UPDATED: "~", Status.ERROR: "!", Status.GONE: "!"}
        for result in feeds.results:
            if result.status in marks:
                line = Text(f" {marks[result.status]} {result.title or result.url}")
                if result.error:
                    line.append(f": {result.error}", style="red")
                elif result.new or result.updated:
                    line.append(f": {result.new} new, {result.updated} updated", style="dim")
                console.print(line)
    else:
        for result in feeds.failed:
            _error(f"{result.url}: {result.error}")
    for path, error in scan.errors:
        _error(f"{path}: {error}")
    for news in outcome.watch_news:
        print(f"watch {news.message()}")
        if news.notify_error:
            _error(news.notify_error)
    print(outcome.summary())
    return 0


def _cmd_fetch_full(ns: argparse.Namespace) -> int:
    with _open_library(scan=False) as library:
        uids = library.resolve_ids(ns.ids)
        results = library.fetch_full(uids)
    failed = False
    for uid, error in results:
        if error:
            _error(f"{uid[:8]}: {error} (the summary is kept)")
            failed = True
        else:
            print(f"{uid[:8]}: full text saved")
    return 2 if failed else 0


def _cmd_export(ns: argparse.Namespace) -> int:
    from newsreader.present.markdown import export_articles

    with _open_library(scan=False) as library:
        uids = library.resolve_ids(ns.ids)
        articles = [a for uid in uids if (a := library.article(uid)) is not None]
    try:
        written = export_articles(articles, Path(ns.to).expanduser())
    except OSError as exc:
        raise NewsreaderError(f"{ns.to}: {exc.strerror or exc}") from None
    for path in written:
        print(path)
    return 0


def _cmd_watch(ns: argparse.Namespace) -> int:
    if ns.watch_command == "add":
        with _open_library(scan=False) as library:
            added = library.add_watch(ns.name, ns.query, ns.color)
            path = library.config.path
        print(f"added watch {ns.name} to {path}" if added else f"a watch named {ns.name} exists")
        return 0 if added else 2
    if ns.watch_command == "remove":
        with _open_library(scan=False) as library:
            if not library.remove_watch(ns.name):
                raise NewsreaderError(f"no watch named '{ns.name}'")
        print(f"removed watch {ns.name}")
        return 0
    with _open_library() as library:
        counts = {name: (unread, total) for name, unread, total in library.watch_counts()}
        watches = library.config.watches
    for w in watches:
        unread, total = counts.get(w.name, (0, 0))
        if ns.json:
            _print_json(
                {
                    "name": w.name,
                    "query": w.query,
                    "color": w.color,
                    "unread": unread,
                    "total": total,
                }
            )
        else:
            print(f"{w.name}\t{w.query}\t{unread} unread / {total}")
    return 0


def _cmd_explain(ns: argparse.Namespace) -> int:
    with _open_library() as library:
        [uid] = library.resolve_ids([ns.id])
        for line in library.explain(uid):
            print(line)
    return 0


def _cmd_add(ns: argparse.Namespace) -> int:
    with _open_library(scan=False) as library:
        result = library.add(ns.target, ns.section)
    what = "feed" if result.kind == "feed" else "path"
    if result.added:
        print(f"added {what} {result.target} to section '{result.section}' in {result.config_path}")
    else:
        print(f"{result.target} is already in {result.config_path}")
    return 0


def _cmd_import_opml(ns: argparse.Namespace) -> int:
    with _open_library(scan=False) as library:
        added, existing, sections = library.import_opml(Path(ns.file).expanduser())
        path = library.config.path
    print(
        f"imported {added} feed{'s' if added != 1 else ''} in {sections} section"
        f"{'s' if sections != 1 else ''} into {path}"
        + (f" ({existing} already subscribed)" if existing else "")
    )
    return 0


def _cmd_export_opml(ns: argparse.Namespace) -> int:
    with _open_library(scan=False) as library:
        text = library.export_opml()
    if ns.file:
        try:
            Path(ns.file).expanduser().write_text(text, encoding="utf-8")
        except OSError as exc:
            raise NewsreaderError(f"{ns.file}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
    return 0


# --- overview (what the TUI will show) ----------------------------------------------


def _cmd_overview(ns: argparse.Namespace) -> int:
    """Each section with its newest articles."""
    from rich.text import Text

    from newsreader.present.listing import rows_table
    from newsreader.query import ArticleQuery

    console = _console()
    with _open_library() as library:
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
                Text(f"\n{section.name} ({section.unread}/{section.total})", style="bold")
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


def _cmd_overview_paths(paths: list[str]) -> int:
    """Articles of the given files and folders, grouped by folder."""
    from rich.text import Text

    from newsreader.models import ArticleRow
    from newsreader.present.listing import rows_table
    from newsreader.sanitize import clean_name
    from newsreader.sources.local import read_path

    console = _console()
    failed = False
    groups: dict[str, list[ArticleRow]] = {}
    for raw in paths:
        root = Path(raw).expanduser()
        for result in read_path(root):
            if result.error is not None:
                _error(result.error.message)
                failed = True
                continue
            group = str(result.path.parent if root.is_dir() else root.parent)
            for a in result.articles:
                groups.setdefault(group, []).append(ArticleRow.from_article(a))
    for group, rows in groups.items():
        rows.sort(key=lambda r: r.sort_key, reverse=True)
        console.print(Text(f"{clean_name(group)} ({len(rows)})", style="bold"))
        console.print(rows_table(rows))
    return 2 if failed else 0
