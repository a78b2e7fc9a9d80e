"""The CLI against hostile and odd paths: names with escapes, bytes that are not UTF-8,
`~nobody`, a `$` in a name, things that are no file, long addresses, unknown [keys]
actions. Real files, a real config and SQLite library, the real `main`."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.cli import main
from tests.servers import FeedServer, Reply, running_server

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
TEXT = "Harbour reopens\n\nThe harbour opened again on Monday after the storm.\n"
ESCAPES = "esc\x1b[31mred\x1b]0;pwned\x07\nnl.txt"
"""A file name that colours the terminal, retitles its window and breaks the line."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("NEWSREADER_CONFIG", str(path))
    return path


def one_clean_line(err: str) -> None:
    assert err.count("\n") == 1 and err.startswith("newsreader: "), err
    assert RAW.search(err) is None, err
    assert "Traceback" not in err


def test_add_move_remove_show_a_hostile_name_inert(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, config: Path
) -> None:
    path = tmp_path / ESCAPES
    path.write_text(TEXT, encoding="utf-8")
    for argv in (
        ("add", str(path), "--section", "F"),
        ("add", str(path), "--section", "F"),  # already there
        ("move", str(path), "G"),
        ("move", str(path), "G"),  # there already
        ("remove", str(path)),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        assert out.count("\n") == 1, out
        assert RAW.search(out) is None, f"raw control in {out!r}"
        assert "escred nl.txt" in out


def test_a_name_that_is_not_utf8_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, config: Path
) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    Path(os.fsdecode(name)).write_text(TEXT, encoding="utf-8")
    code, out, err = run(capsys, "add", os.fsdecode(name), "--section", "F")
    assert code == 2 and out == ""
    one_clean_line(err)
    assert "caf\ufffd.txt" in err and "not UTF-8" in err
    assert not config.exists()  # nothing half-written


def test_a_tilde_for_no_user_is_an_error_not_a_traceback(
    capsys: pytest.CaptureFixture[str], config: Path
) -> None:
    for argv in (
        ("add", "~nonexist/x"),
        ("read", "~nonexist/x"),
        ("~nonexist/x",),  # not at a terminal: printed, as `newsreader PATH` is
        ("remove", "~nonexist/x"),
        ("export-opml", "~nonexist/x.opml"),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2, (argv, err)
        one_clean_line(err)
        assert "~nonexist: no such user" in err, err
    assert not config.exists()


def test_a_configured_tilde_for_no_user_is_a_missing_path_not_fatal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, config: Path
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text(TEXT, encoding="utf-8")
    config.write_text(
        f'[[section]]\nname = "S"\npaths = ["~nonexist/x", {json.dumps(str(notes))}]\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "list", "--json")
    assert code == 0, err
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Harbour reopens"]
    code, out, err = run(capsys, "refresh")
    assert code == 0
    assert "~nonexist/x: no such file or directory" in err


def test_a_dollar_in_a_name_reads_back_as_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, config: Path
) -> None:
    path = tmp_path / "$HOME.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, _, err = run(capsys, "add", str(path), "--section", "D")
    assert code == 0, err
    code, out, err = run(capsys, "list", "--section", "D", "--json")
    assert code == 0, err
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Harbour reopens"]
    code, out, err = run(capsys, "remove", str(path))
    assert code == 0 and "1 article deleted" in out, err


def test_a_variable_that_begins_a_configured_path_is_still_expanded(
    capsys: pytest.CaptureFixture[str], isolated_home: Path, config: Path
) -> None:
    notes = isolated_home / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text(TEXT, encoding="utf-8")
    config.write_text('[[section]]\nname = "S"\npaths = ["$HOME/notes"]\n', encoding="utf-8")
    code, out, err = run(capsys, "list", "--json")
    assert code == 0, err
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Harbour reopens"]


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("FIFO", "not a regular file or a folder"),
        ("/dev/zero", "a system file or device"),
        ("/dev/stdin", "a system file or device"),
        ("/proc/self/environ", "a system file or device"),
        ("/", "not adding the whole filesystem"),
    ],
)
def test_add_refuses_what_can_never_be_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, config: Path, target: str, reason: str
) -> None:
    if target == "FIFO":
        target = str(tmp_path / "fifo")
        os.mkfifo(target)
        assert stat.S_ISFIFO(os.stat(target).st_mode)
    elif not os.path.exists(target):
        pytest.skip(f"{target} is not on this system")
    code, out, err = run(capsys, "add", target, "--section", "X")
    assert code == 2 and out == ""
    one_clean_line(err)
    assert reason in err and err.startswith(f"newsreader: {target}:")
    assert not config.exists()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from running_server()


def test_a_huge_redirect_target_is_cut_in_the_error(
    capsys: pytest.CaptureFixture[str], config: Path, server: FeedServer
) -> None:
    huge = "ftp://example.org/" + "a" * 100_000 + "/end"
    server.routes["/feed.xml"] = Reply(status=301, headers={"Location": huge})
    server.routes["/page"] = Reply(
        status=301, headers={"Location": server.url("/" + "b" * 100_000)}
    )
    server.routes["/" + "b" * 100_000] = Reply(
        body=b"<html><body>no feed</body></html>",
        headers={"Content-Type": "text/html"},
    )
    long_link = "/" + "c" * 100_000 + ".xml"  # a page's feed link: 404
    server.routes["/links"] = Reply(
        body=f'<html><head><link rel="alternate" type="application/rss+xml" '
        f'href="{long_link}"></head><body>x</body></html>'.encode(),
        headers={"Content-Type": "text/html"},
    )
    for path in ("/feed.xml", "/page", "/links", "/feed.xml?" + "q" * 100_000):
        code, out, err = run(capsys, "add", server.url(path))
        assert code == 2
        one_clean_line(err)
        assert len(err) < 2_000, err[:300]


def test_shown_cuts_the_middle_and_keeps_both_ends() -> None:
    from newsreader.sanitize import shown

    text = "/home/me/" + "x" * 500 + "/name.txt"
    cut = shown(text)
    assert len(cut) == 200 and cut.startswith("/home/me/") and cut.endswith("/name.txt")
    assert "…" in cut
    assert shown("short\x1b[31m.txt") == "short.txt"
    assert shown("caf\udce9") == "caf\ufffd"


def test_what_the_user_typed_is_echoed_inert_and_cut(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An argument echoed in an error (a section, a watch, an id, a path, an address)
    cannot set the terminal's title or fill the screen."""
    hostile = "x\x1b]0;pwned\x07\x1b[2J" + "y" * 50_000
    for argv in (
        ("list", "--section", hostile),
        ("list", "--watch", hostile),
        ("mark", "read", hostile),
        ("remove", hostile),
        ("rename", hostile, "T"),
        ("read", "http://" + hostile),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2, (argv[:2], err[:200])
        one_clean_line(err)
        assert len(err) < 1_000, (argv[:2], err[:200])


def test_no_home_at_all_is_said_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsreader.paths import expand_user

    def no_home(self: Path) -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "expanduser", no_home)
    with pytest.raises(ValueError, match=r"^~: no home folder to expand \(HOME is not set\)$"):
        expand_user("~/notes")
    with pytest.raises(ValueError, match=r"^~bob: no such user"):
        expand_user("~bob/notes")


def test_a_long_folder_header_is_one_whole_line_when_piped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, config: Path
) -> None:
    folder = tmp_path / ("a-long-folder-name-" * 8)
    folder.mkdir()
    (folder / "note.txt").write_text(TEXT, encoding="utf-8")
    code, out, _ = run(capsys, str(folder))
    assert code == 0
    assert f"{folder} (1)" in out.splitlines()  # not cut mid-word at 80 columns
