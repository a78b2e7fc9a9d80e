"""The `newsreader` command: argument parsing and the headless commands.

Errors reach the user as one line on stderr naming what failed and why, with exit
status 2; a folder with one bad file still prints the others. Heavy modules (feedparser,
trafilatura, the TUI) are imported only by the commands that use them, so `--help`
stays instant.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader import __version__
from newsreader.errors import NewsreaderError

if TYPE_CHECKING:
    from rich.console import Console

PROG = "newsreader"

_DESCRIPTION = """\
A terminal news reader for feeds, saved web pages and plain-text copies of news pages.

With no command, shows the articles of the bundled samples (or of the PATHs given).
"""

_READ_HELP = """\
Print an article read from a local file, rendered for the terminal (or as JSON).

Formats: plain-text copies of news pages (.txt), saved web pages (.html, .htm),
Markdown (.md, with optional front matter), and feed files (RSS, Atom, JSON Feed:
.xml, .rss, .atom, .rdf, .json). A feed file prints each of its articles; a folder
is read recursively. Files ending in .gz are decompressed first.
"""

_READ_EPILOG = """\
examples:
  newsreader read saved/article.txt
  newsreader read feeds/world.xml --highlight 'cyber* "national sovereignty"'
  newsreader read ~/articles --json | jq .title
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    read = commands.add_parser(
        "read",
        help="print an article from a file or folder",
        description=_READ_HELP,
        epilog=_READ_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    read.add_argument("paths", nargs="+", metavar="PATH", help="a file or folder to read")
    read.add_argument(
        "--json", action="store_true", help="print one JSON object per article, one per line"
    )
    read.add_argument(
        "--highlight",
        metavar="QUERY",
        help='highlight these words and "phrases" (word* for prefixes)',
    )
    return parser


def _overview_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=_DESCRIPTION,
        epilog="commands:\n  read    print an article from a file or folder "
        "(see: newsreader read --help)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to show")
    return parser


def _console() -> Console:
    from rich.console import Console

    # Markup, emoji codes and auto-highlighting stay off: article text is untrusted, and
    # everything we print is already a Text object with explicit styles.
    return Console(markup=False, emoji=False, highlight=False)


def _error(message: str) -> None:
    sys.stderr.write(f"{PROG}: {message}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["read"]:
            ns = _parser().parse_args(args)
            return _cmd_read(ns.paths, as_json=ns.json, highlight=ns.highlight)
        ns = _overview_parser().parse_args(args)
        return _cmd_overview(ns.paths)
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


def _cmd_read(paths: list[str], *, as_json: bool, highlight: str | None) -> int:
    from rich.rule import Rule

    from newsreader.highlight import terms_from_query
    from newsreader.render import render_article
    from newsreader.sources.local import read_path

    terms = terms_from_query(highlight) if highlight else []
    console = _console()
    failed = False
    printed = 0
    for raw in paths:
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
                if as_json:
                    sys.stdout.write(json.dumps(article.to_json(), ensure_ascii=False) + "\n")
                else:
                    if printed:
                        console.print(Rule(style="dim"))
                    console.print(render_article(article, terms=terms))
                printed += 1
    if as_json:
        sys.stdout.flush()
    return 2 if failed else 0


def _cmd_overview(paths: list[str]) -> int:
    """What the app would show: each section with its newest articles."""
    from rich.table import Table
    from rich.text import Text

    from newsreader.models import Article
    from newsreader.paths import sample_feeds_dir
    from newsreader.render import format_date
    from newsreader.sources.local import read_path

    console = _console()
    sections: dict[str, list[Article]] = {}
    failed = False
    roots = [Path(p).expanduser() for p in paths] or [sample_feeds_dir()]
    for root in roots:
        for result in read_path(root):
            if result.error is not None:
                _error(result.error.message)
                failed = True
                continue
            rel = result.path.relative_to(root) if root.is_dir() else Path(result.path.name)
            section = rel.parts[0].replace("_", " ").title() if len(rel.parts) > 1 else root.name
            sections.setdefault(section, []).extend(result.articles)
    total = sum(len(a) for a in sections.values())
    console.print(
        Text(
            f"newsreader {__version__}: {total} articles in {len(sections)} sections", style="bold"
        )
    )
    for name, articles in sections.items():
        table = Table(
            title=Text(f"{name} ({len(articles)})", style="bold"),
            title_justify="left",
            show_header=False,
            box=None,
            padding=(0, 1),
            expand=True,
        )
        table.add_column("date", no_wrap=True, style="dim")
        table.add_column("title", ratio=1, overflow="ellipsis", no_wrap=True)
        table.add_column("source", no_wrap=True, style="dim", max_width=24, overflow="ellipsis")
        articles.sort(key=lambda a: a.published or "", reverse=True)
        for article in articles:
            date = format_date(article.published) or ""
            table.add_row(
                Text(date[:11]), Text(article.title), Text(article.site or article.source)
            )
        console.print(table)
    console.print(
        Text(
            "Read an article with: newsreader read PATH   (newsreader --help for more)", style="dim"
        )
    )
    return 2 if failed else 0
