"""Commands that manage feeds and paths: adding a feed found behind an address, remove,
rename, move. Each changes the config (comments kept) and the library follows."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from newsreader.cli.articles import open_library
from newsreader.cli.output import print_error
from newsreader.errors import NewsreaderError
from newsreader.sanitize import shown

if TYPE_CHECKING:
    from newsreader.core import FeedCandidate


def _interactive() -> bool:
    """A person at a terminal can be asked which feed to add; a script cannot."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _described(candidate: FeedCandidate) -> str:
    items = f"{candidate.items} article{'s' if candidate.items != 1 else ''}"
    return f"{shown(candidate.url)}  {shown(candidate.title or '(untitled)')} ({items})"


def _choose(url: str, candidates: tuple[FeedCandidate, ...]) -> FeedCandidate:
    """Ask which of a page's feeds to add; without a person to ask, list them and stop
    (exit 2) so a script can give one of them instead."""
    if not _interactive():
        print_error(
            f"{shown(url)} is a web page that links to {len(candidates)} feeds; add one of them:"
        )
        for candidate in candidates:
            sys.stderr.write(f"  {_described(candidate)}\n")
        raise SystemExit(2)
    print(f"{shown(url)} is a web page that links to {len(candidates)} feeds:")
    for number, candidate in enumerate(candidates, 1):
        print(f"  {number}. {_described(candidate)}")
    answer = input(f"Add which one (1-{len(candidates)}, enter for none)? ").strip()
    if answer.isdigit() and 1 <= int(answer) <= len(candidates):
        return candidates[int(answer) - 1]
    raise NewsreaderError("nothing added")


def cmd_add_url(ns: argparse.Namespace) -> int:
    """Add the feed at a URL, or the one its web page links to; refuse what is neither."""
    with open_library(scan=False) as library:
        found = library.discover(ns.target)
        if not found.candidates:
            raise NewsreaderError(f"{shown(found.url)}: {shown(found.problem or '', 1000)}")
        if len(found.candidates) == 1:
            feed = found.candidates[0]
        else:
            feed = _choose(found.url, found.candidates)
        if found.from_page:
            print(
                f"found the feed {shown(feed.url)} ({shown(feed.title or 'untitled')}) "
                f"on {shown(found.url)}"
            )
        result = library.add_feed(feed.url, ns.section)
    if result.added:
        print(
            f"added feed {shown(result.target)} to section '{shown(result.section)}' "
            f"in {shown(str(result.config_path))}"
        )
    else:
        print(
            f"{shown(result.target)} is already in section '{shown(result.section)}' "
            f"in {shown(str(result.config_path))}"
        )
    return 0


def cmd_remove(ns: argparse.Namespace) -> int:
    with open_library(scan=False) as library:
        result = library.remove(ns.target)
    sub = result.subscription
    kept = f"; {result.kept} starred or saved kept" if result.kept else ""
    print(
        f"removed {sub.kind} {shown(sub.target)} from section '{shown(sub.section)}' "
        f"in {shown(str(result.config_path))}: "
        f"{result.deleted} article{'s' if result.deleted != 1 else ''} deleted{kept}"
    )
    return 0


def cmd_rename(ns: argparse.Namespace) -> int:
    with open_library(scan=False) as library:
        sub = library.rename(ns.target, ns.title)
        path = library.config.path
    if sub.title:
        print(f"renamed feed {shown(sub.target)} to '{shown(sub.title)}' in {shown(str(path))}")
    else:
        print(
            f"feed {shown(sub.target)} has its own title again (from the next refresh) "
            f"in {shown(str(path))}"
        )
    return 0


def cmd_move(ns: argparse.Namespace) -> int:
    with open_library(scan=False) as library:
        before = library.subscription(ns.target).section
        sub, moved = library.move(ns.target, ns.section)
        path = library.config.path
    if moved:
        print(
            f"moved {sub.kind} {shown(sub.target)} from '{shown(before)}' "
            f"to '{shown(sub.section)}' in {shown(str(path))}"
        )
    else:
        print(f"{shown(sub.target)} is in section '{shown(sub.section)}' already")
    return 0
