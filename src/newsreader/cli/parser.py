"""The command line's arguments, and the help each command prints."""

from __future__ import annotations

import argparse
import functools

from newsreader import __version__
from newsreader.cli.output import PROG

_DESCRIPTION = """\
A terminal news reader for feeds, saved web pages and plain-text copies of news pages.

  newsreader             opens the reader on your library (the bundled samples when you
                         have no config); when its output is not a terminal, prints your
                         sections and their newest articles instead
  newsreader PATH...     the same on these files and folders, as an "Opened" section
                         (on the article itself when PATH is one file)
  newsreader COMMAND     one of the commands below; newsreader COMMAND --help explains it

Config: $XDG_CONFIG_HOME/newsreader/config.toml (or $NEWSREADER_CONFIG); library:
$XDG_DATA_HOME/newsreader/library.db (or $NEWSREADER_DATA).
"""

_IDS = (
    "IDs are as `list` shows them (their first 8 characters); any prefix of at least 4 "
    "characters that only one article has will do."
)

_READ_HELP = """\
Print an article read from a local file, rendered for the terminal (or as JSON).

Formats: plain-text copies of news pages (.txt), saved web pages (.html, .htm,
.mhtml, .mht; a "Web Page, Complete" save's NAME_files/ folder is skipped), Markdown
(.md, with optional front matter), and feed files (RSS, Atom, JSON Feed: .xml, .rss,
.atom, .rdf, .json). A feed file prints each of its articles; a folder
is read recursively. Files ending in .gz are decompressed first.
"""

_QUERY_HELP = """\
query syntax: words are ANDed; "a phrase"; OR; -word or NOT word; word* (prefix);
title:, author:, source:, section: limit a term to a field; (parentheses) group.
Case and accents are ignored; Chinese and Japanese words match inside running text.
A query that begins with -word goes after --: newsreader search -- -word
"""


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="one JSON object per line")


@functools.cache
def build_parser() -> argparse.ArgumentParser:
    """The parser, built once: building it takes ~20 ms (argparse looks up a translation
    on disk for every help string), which was most of the time `main` takes for a small
    file, and parsing leaves it unchanged."""
    parser = argparse.ArgumentParser(
        prog=PROG, description=_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Set after the subparsers, whose own usage lines begin with the parser's.
    parser.usage = "%(prog)s [-h] [--version] [COMMAND ... | PATH ...]"
    raw = argparse.RawDescriptionHelpFormatter

    read = commands.add_parser(
        "read",
        help="print articles from files or folders",
        description=_READ_HELP,
        epilog="examples:\n  newsreader read saved/article.txt\n"
        "  newsreader read feeds/world.xml --highlight 'cyber* \"national sovereignty\"'\n"
        "  newsreader read ~/articles --json | jq .title\n"
        "  newsreader read saved/page.mhtml --url https://news.example/2024/03/05/trains",
        formatter_class=raw,
    )
    read.add_argument("paths", nargs="+", metavar="PATH", help="a file or folder to read")
    _add_json(read)
    read.add_argument("--highlight", metavar="QUERY", help="highlight the words of this query")
    read.add_argument(
        "--url",
        metavar="URL",
        type=_page_url,
        help="where the saved page came from (one PATH; its dates and author in the address count, "
        "relative links resolve against it); default: the page's canonical link",
    )

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
        help="mark articles read or unread, starred or unstarred, saved or unsaved",
        description="Change article state (saved articles are kept when their source "
        f"drops them). {_IDS}",
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
        f"becomes saved). {_IDS}",
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
        description="For one article: each watch that matches it, with the words and "
        f"fields it matched on, and each mute that would hide it. {_IDS}",
    )
    explain.add_argument("id", metavar="ID")

    add = commands.add_parser(
        "add",
        help="subscribe to a feed URL or add a file or folder to a section",
        description="Add to your config (comments and layout are kept). Creates the config "
        "if you have none. A URL is fetched first: a feed is added as it is; a web page is "
        "looked through for the feeds it links to (with several, they are listed and you "
        "pick one); anything else is refused with the reason.",
    )
    add.add_argument("target", metavar="URL_OR_PATH")
    add.add_argument(
        "--section", "-s", metavar="S", default="Unsorted", help="section (default: Unsorted)"
    )

    remove = commands.add_parser(
        "remove",
        help="unsubscribe from a feed or take a file or folder out of its section",
        description="Remove from your config (comments are kept). Its articles are deleted, "
        "except starred and saved ones, which stay in Starred and Saved.",
    )
    remove.add_argument("target", metavar="URL_OR_PATH")

    rename = commands.add_parser(
        "rename",
        help="give a feed the title you want to see",
        description="Set the feed's title in your config ({ url = ..., title = ... }). "
        'An empty TITLE ("") gives the feed back its own title. Only feeds take a '
        "title: a file or folder shows its articles' own.",
    )
    rename.add_argument("target", metavar="URL", help="the feed's address, as subscribed")
    rename.add_argument("title", metavar="TITLE")

    move = commands.add_parser(
        "move",
        help="move a feed, file or folder to another section",
        description="Move it in your config (comments are kept), with its articles; the "
        "section is made if it does not exist.",
    )
    move.add_argument("target", metavar="URL_OR_PATH")
    move.add_argument("section", metavar="SECTION")

    imp = commands.add_parser(
        "import-opml",
        help="subscribe to the feeds of an OPML file",
        description="Each outline folder becomes a section (nested ones as 'A / B').",
    )
    imp.add_argument("file", metavar="FILE")

    exp = commands.add_parser(
        "export-opml",
        help="write your feeds as OPML 2.0",
        description="Write your subscriptions as OPML 2.0, one outline folder per section, "
        "with the feeds' real titles once known. FILE is made new: a file already there "
        "is not overwritten (unless --force), and a symbolic link is never written through.",
    )
    exp.add_argument("file", metavar="FILE", nargs="?", help="where to write (default: stdout)")
    exp.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (never a symbolic link)"
    )
    return parser


def _page_url(value: str) -> str:
    """`read --url`: an http(s) address with a host (in its normal form), else refused."""
    from newsreader.urls import normalize_feed_url

    normal = normalize_feed_url(value)
    if normal is None:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a web address: give one that starts with http:// or https:// "
            "and names a host"
        )
    return normal
