"""`--help` and the README say what the code does: what `newsreader` alone does, the
PATH form, every command described, the id prefix the code accepts, add's default."""

from __future__ import annotations

import argparse
import re

import pytest

from newsreader.cli import main
from newsreader.cli.parser import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def help_of(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main([*argv, "--help"]) == 0
    return " ".join(capsys.readouterr().out.split())


def commands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_the_top_help_says_what_newsreader_alone_and_with_paths_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = help_of(capsys)
    assert "usage: newsreader [-h] [--version] [COMMAND ... | PATH ...]" in text
    assert "opens the reader" in text and "not a terminal, prints your sections" in text
    assert 'newsreader PATH... the same on these files and folders, as an "Opened"' in text
    assert "mark articles read or unread, starred or unstarred, saved or unsaved" in text


def test_every_command_has_a_description() -> None:
    missing = [name for name, parser in commands().items() if not parser.description]
    assert missing == []


def test_the_id_prefix_help_and_readme_give_is_the_one_the_code_takes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from newsreader.core import Library
    from newsreader.query import ArticleQuery

    with Library.open() as library:
        library.scan()
        uids = [r.uid for r in library.articles(ArticleQuery(limit=None))]
    unique4 = next(u[:4] for u in uids if sum(o.startswith(u[:4]) for o in uids) == 1)
    assert main(["mark", "read", unique4]) == 0
    assert main(["mark", "read", unique4[:3]]) == 2
    capsys.readouterr()
    for command in ("mark", "fetch-full", "explain"):
        assert "any prefix of at least 4 characters" in help_of(capsys, command)
    assert "any prefix of at least 4 characters that only one article has" in README
    assert "8-character id prefix" not in README


def test_rename_takes_a_feed_address_and_add_names_its_default_section(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = help_of(capsys, "rename")
    assert "usage: newsreader rename [-h] URL TITLE" in text and "URL_OR_PATH" not in text
    default = commands()["add"].get_default("section")
    assert default == "Unsorted"
    [row] = [line for line in README.splitlines() if line.startswith("| `newsreader add ")]
    assert re.search(rf"default: `{default}`", row), row
