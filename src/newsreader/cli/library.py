"""Commands that change the library: refresh, fetch-full, add, OPML, watches."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from newsreader.cli.articles import open_library
from newsreader.cli.output import make_console, print_error, print_json, user_path
from newsreader.errors import NewsreaderError
from newsreader.sanitize import clean_name, shown


def cmd_refresh(ns: argparse.Namespace) -> int:
    """Rescan local paths and refresh every feed; failures are listed, not fatal."""
    from newsreader.core import Library
    from newsreader.update.report import Status

    console = make_console()
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
            print_json(result.to_json())
        for path, error in scan.errors:
            print_json({"source": path, "status": "error", "error": error})
        for news in outcome.watch_news:
            print_json(
                {
                    "watch": news.watch,
                    "new": news.count,
                    "title": news.title,
                    "id": news.uid,
                    "url": news.url,
                    "notify_error": news.notify_error,
                }
            )
        print_json({"summary": True, "files": scan.summary(), "feeds": feeds.summary()})
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
            print_error(f"{result.url}: {result.error}")
    for path, error in scan.errors:
        print_error(f"{path}: {error}")
    for news in outcome.watch_news:
        print(f"watch {news.message()}")
        if news.notify_error:
            print_error(news.notify_error)
    print(outcome.summary())
    return 0


def cmd_fetch_full(ns: argparse.Namespace) -> int:
    with open_library(scan=False) as library:
        uids = library.resolve_ids(ns.ids)
        results = library.fetch_full(uids)
    failed = False
    for uid, error in results:
        if error:
            print_error(f"{uid[:8]}: {error} (the summary is kept)")
            failed = True
        else:
            print(f"{uid[:8]}: full text saved")
    return 2 if failed else 0


def cmd_add(ns: argparse.Namespace) -> int:
    if re.match(r"https?:", ns.target, re.IGNORECASE):
        from newsreader.cli.subscriptions import cmd_add_url

        return cmd_add_url(ns)  # found and checked on the web first
    with open_library(scan=False) as library:
        result = library.add(ns.target, ns.section)
    what = "feed" if result.kind == "feed" else "path"
    if result.added:
        print(
            f"added {what} {shown(result.target)} to section '{shown(result.section)}' "
            f"in {shown(str(result.config_path))}"
        )
    else:
        print(
            f"{shown(result.target)} is already in section '{shown(result.section)}' "
            f"in {shown(str(result.config_path))}"
        )
    return 0


def cmd_import_opml(ns: argparse.Namespace) -> int:
    from newsreader.update.report import plural

    with open_library(scan=False) as library:
        result = library.import_opml(user_path(ns.file))
        path = library.config.path
    notes = []
    if result.existing:
        notes.append(f"{result.existing} already subscribed")
    if result.skipped:
        notes.append(f"{result.skipped} skipped: not an http or https address newsreader can use")
    print(
        f"imported {plural(result.added, 'feed')} in {plural(result.sections, 'section')} "
        f"into {path}" + (f" ({'; '.join(notes)})" if notes else "")
    )
    return 0


def cmd_export_opml(ns: argparse.Namespace) -> int:
    with open_library(scan=False) as library:
        text = library.export_opml()
    if not ns.file:
        sys.stdout.write(text)
        return 0
    try:
        _write_export(user_path(ns.file), text, force=ns.force)
    except OSError as exc:
        raise NewsreaderError(f"{shown(ns.file)}: {exc.strerror or exc}") from None
    return 0


def _write_export(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path` as `export` writes: never through a symbolic link (it could
    point anywhere, your config included), never over a file unless `force` (then the
    file is replaced at once, keeping its mode), never into a device or a FIFO."""
    import os
    import stat

    from newsreader.paths import write_atomically

    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    name = shown(str(path))
    if mode is not None and stat.S_ISLNK(mode):
        raise NewsreaderError(f"{name}: a symbolic link; not written through (name a file)")
    if mode is not None and not stat.S_ISREG(mode):
        raise NewsreaderError(f"{name}: not a regular file; not written")
    if mode is not None and not force:
        raise NewsreaderError(f"{name}: the file exists; not overwritten (--force replaces it)")
    if force:
        write_atomically(path, text, follow_links=False)
        return
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except FileExistsError:  # made since we looked
        raise NewsreaderError(
            f"{name}: the file exists; not overwritten (--force replaces it)"
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def cmd_watch(ns: argparse.Namespace) -> int:
    if ns.watch_command == "add":
        with open_library(scan=False) as library:
            added = library.add_watch(ns.name, ns.query, ns.color)
            path = library.config.path
        if not added:
            raise NewsreaderError(f"a watch named {shown(ns.name)} exists")
        print(f"added watch {shown(ns.name)} to {shown(str(path))}")
        return 0
    if ns.watch_command == "remove":
        with open_library(scan=False) as library:
            if not library.remove_watch(ns.name):
                raise NewsreaderError(f"no watch named '{shown(ns.name)}'")
        print(f"removed watch {shown(ns.name)}")
        return 0
    with open_library() as library:
        counts = {name: (unread, total) for name, unread, total in library.watch_counts()}
        watches = library.config.watches
    for w in watches:
        unread, total = counts.get(w.name, (0, 0))
        if ns.json:
            print_json(
                {
                    "name": w.name,
                    "query": w.query,
                    "color": w.color,
                    "unread": unread,
                    "total": total,
                }
            )
        else:
            print(f"{clean_name(w.name)}\t{clean_name(w.query)}\t{unread} unread / {total}")
    return 0
