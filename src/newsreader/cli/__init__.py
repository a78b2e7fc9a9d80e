"""The `newsreader` command: argument parsing and the headless commands.

Errors reach the user as one line on stderr naming what failed and why, with exit
status 2; a folder with one bad file still prints the others. Heavy modules (feedparser,
trafilatura, the TUI) are imported only by the commands that use them, so `--help`
stays instant. `--json` output is one JSON object per line; output to a pipe has no
colour codes, and NO_COLOR is honoured (Rich does both).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from newsreader.cli import articles, library, subscriptions
from newsreader.cli.output import print_error
from newsreader.cli.parser import build_parser
from newsreader.errors import NewsreaderError

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "read": articles.cmd_read,
    "list": articles.cmd_list,
    "search": articles.cmd_search,
    "mark": articles.cmd_mark,
    "explain": articles.cmd_explain,
    "export": articles.cmd_export,
    "refresh": library.cmd_refresh,
    "fetch-full": library.cmd_fetch_full,
    "watch": library.cmd_watch,
    "add": library.cmd_add,
    "import-opml": library.cmd_import_opml,
    "export-opml": library.cmd_export_opml,
    "remove": subscriptions.cmd_remove,
    "rename": subscriptions.cmd_rename,
    "move": subscriptions.cmd_move,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = COMMANDS
    try:
        if args and not args[0].startswith("-") and args[0] not in commands:
            # `newsreader PATH...`: open those files and folders as an "Opened" section.
            return _run_tui(args) if _interactive() else articles.cmd_overview_paths(args)
        try:
            ns = parser.parse_args(args)
        except SystemExit as exc:
            if exc.code == 2 and (hint := _dash_word_hint(args)):
                print_error(hint)
            raise
        if ns.command is None:
            return _run_tui([]) if _interactive() else articles.cmd_overview(ns)
        with _terminate_like_interrupt():
            return commands[ns.command](ns)
    except NewsreaderError as exc:
        print_error(exc.message)
        return 2
    except _Terminated:
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`); that is not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2


def _dash_word_hint(args: list[str]) -> str | None:
    """What to write instead, when a query's "-word" was taken for an option (every
    option of ours begins with "--", so a word with one "-" never is one): the words
    from it up to the next option as one argument, after "--" or in "--query=..."."""
    import shlex

    from newsreader.sanitize import shown

    for i, arg in enumerate(args):
        if arg == "--":
            return None
        if not arg.startswith("-") or arg.startswith("--") or arg in ("-", "-h"):
            continue
        end = next((k for k in range(i + 1, len(args)) if args[k].startswith("--")), len(args))
        query, rest = " ".join(args[i:end]), args[end:]
        before = args[i - 1] if i else ""
        if before.startswith("--") and "=" not in before:
            instead = [*args[: i - 1], f"{before}={query}", *rest]
        else:
            instead = [*args[:i], *rest, "--", query]
        return f"{shown(arg)} was read as an option: write newsreader {shown(shlex.join(instead))}"
    return None


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the command is, so it unwinds as Ctrl-C does."""


@contextlib.contextmanager
def _terminate_like_interrupt() -> Iterator[None]:
    """While a headless command runs, SIGTERM (a service stop, `kill`) shuts it down as
    Ctrl-C does: transactions roll back, worker processes are stopped, the library is
    closed. (The TUI is left to Textual's own handling.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interactive() -> bool:
    """Whether a person is at a terminal (else `newsreader` prints instead of opening the TUI)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _run_tui(paths: list[str]) -> int:
    """Open the three-pane reader; PATHs become an extra "Opened" section."""
    from dataclasses import replace

    from newsreader.config import OPENED_SECTION, SectionConfig, load_config
    from newsreader.core import Library
    from newsreader.tui.bindings import rebindable_actions

    config = load_config(actions=rebindable_actions())  # [keys] names checked here
    expanded: list[Path] = []
    if paths:
        from newsreader.cli.output import user_path
        from newsreader.sanitize import shown

        expanded = [user_path(p) for p in paths]  # `~nobody/x`: a one-line error
        missing = [raw for raw, p in zip(paths, expanded, strict=True) if not p.exists()]
        if missing:
            raise NewsreaderError(f"{shown(missing[0])}: no such file or directory")
        given = tuple(p.resolve() for p in expanded)
        # Its own name: beside a section of the config called "Opened", not instead of it.
        config = replace(
            config, sections=(SectionConfig(OPENED_SECTION, paths=given), *config.sections)
        )
    library = Library.open(config)
    if paths:
        library.pinned_sections = (config.sections[0],)  # kept when `r` reads the config again
    from newsreader.tui.app import NewsReaderApp

    # On the "Opened" section; one file: its article open too.
    one_file = len(paths) == 1 and expanded[0].is_file()
    NewsReaderApp(
        library, start_section=OPENED_SECTION if paths else None, open_first=one_file
    ).run()
    return 0
