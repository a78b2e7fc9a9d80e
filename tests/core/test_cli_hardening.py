"""The commands cannot be turned against the reader: no address, query, name or colour
they accept breaks a later command, notify commands cannot hang a refresh or linger, a
read-only library can still be read, and JSON stays one object per line."""

from __future__ import annotations

import json
import os
import select
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsreader.core.updates
from newsreader.cli import main
from newsreader.cli.output import print_json
from newsreader.config import load_config
from newsreader.paths import db_path
from tests.servers import Reply, rss, running_server


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def config(isolated_home: Path) -> Path:
    """Where the user's config goes (not created)."""
    return isolated_home / ".config" / "newsreader" / "config.toml"


def feeds_in(path: Path) -> list[str]:
    return [f.url for s in load_config(path).sections for f in s.feeds]


# --- 1. add and import-opml write only what loads ------------------------------------


def test_add_refuses_an_address_that_would_brick_the_config(
    capsys: pytest.CaptureFixture[str], config: Path
) -> None:
    bad = ["http://", "https://x y", "http:foo", "HTTPS://", "http://exa mple.org/"]
    for target in bad:
        code, out, err = run(capsys, "add", target)
        assert (code, out) == (2, ""), (target, out)
        assert "is not a web address newsreader can use" in err
    assert not config.exists()  # nothing was created for nothing
    server = next(servers := running_server())  # `add` fetches the feed to check it
    server.routes["/a%20feed.xml"] = Reply(body=rss("A feed", []))
    port = server.base.rsplit(":", 1)[1]
    code, out, err = run(capsys, "add", f"HTTP://127.0.0.1:{port}/a feed.xml")
    next(servers, None)
    assert code == 0, err
    normal = f"http://127.0.0.1:{port}/a%20feed.xml"
    assert f"added feed {normal} to section 'Unsorted'" in out
    written = config.read_text(encoding="utf-8")
    for target in bad:
        assert run(capsys, "add", target)[0] == 2
    assert config.read_text(encoding="utf-8") == written
    code, _, err = run(capsys, "list")
    assert code == 0, err
    assert feeds_in(config) == [normal]


def test_add_refuses_a_path_with_a_nul(capsys: pytest.CaptureFixture[str], config: Path) -> None:
    code, out, err = run(capsys, "add", "notes\x00.txt")
    assert (code, out) == (2, "") and "NUL" in err
    assert not config.exists()


def test_import_opml_skips_and_counts_outlines_it_cannot_use(
    capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path
) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="News">'
        '<outline text="Shouting" xmlUrl="HTTP://Host.Example/ok"/>'
        '<outline text="No host" xmlUrl="http:foo"/>'
        '<outline text="Empty" xmlUrl="http://"/>'
        '<outline text="Fine" xmlUrl="https://fine.example/rss"/>'
        "</outline></body></opml>",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import-opml", str(opml))
    assert code == 0, err
    assert out.startswith("imported 2 feeds in 1 section into ")
    assert "(2 skipped: not an http or https address newsreader can use)" in out
    assert feeds_in(config) == ["http://host.example/ok", "https://fine.example/rss"]
    code, _, err = run(capsys, "list")
    assert code == 0, err


# --- 5. queries nest and grow only so far, and every accepted one runs -----------------


@pytest.mark.parametrize(
    "query", ["(" * 400 + "a" + ")" * 400, "NOT " * 60 + "x", "-" * 60 + "x", "(-" * 30 + "x"]
)
def test_a_deeply_nested_query_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], query: str
) -> None:
    for command in (["list", f"--query={query}"], ["search", "--", query]):
        code, out, err = run(capsys, *command)
        assert (code, out) == (2, "")
        assert "the query nests too deeply (at most 50 levels)" in err


def test_a_very_long_query_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "list", "--query", "NOT " * 3000 + "x")
    assert code == 2 and "the query is too long (12001 characters, at most 2000)" in err


def test_a_deep_watch_is_refused_by_watch_add_and_by_the_config(
    capsys: pytest.CaptureFixture[str], config: Path
) -> None:
    deep = "(" * 60 + "cyber" + ")" * 60
    code, out, err = run(capsys, "watch", "add", "Deep", deep)
    assert (code, out) == (2, "") and "nests too deeply" in err
    assert not config.exists()
    config.parent.mkdir(parents=True)
    config.write_text(f'[[watch]]\nname = "Deep"\nquery = "{"NOT " * 400}x"\n', "utf-8")
    code, _, err = run(capsys, "list")
    assert code == 2
    assert err.startswith(f"newsreader: {config}:3: the watch's query does not parse: the query ")


def test_an_exclusion_inside_an_excluded_group_keeps_its_meaning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """FTS5's NOT groups to the left: `a NOT b NOT c` is `(a NOT b) NOT c`, so the group
    `-(chinese -sovereignty)` must keep its parentheses in the one MATCH it becomes."""
    code, out, err = run(capsys, "list", "--query", "cyber* -(chinese -sovereignty)", "--json")
    assert code == 0, err
    titles = {json.loads(line)["title"] for line in out.splitlines()}
    assert "Chinese official: We need to respect national sovereignty over cyberspace" in titles


ACCEPTED = [
    "(" * 50 + "cyber" + ")" * 50,
    "NOT " * 50 + "source:gazette",
    "".join(f"(source:x{i} OR " for i in range(50)) + "ferry" + ")" * 50,
    "".join(f"(a{i} -section:Tech " for i in range(25)) + "ferry" + ")" * 25,
    "".join(f"(w{i} OR (cyber -b{i} " for i in range(24)) + "c" + "))" * 24,
    " ".join(["-网络"] * 450),
    " OR ".join(f"section:s{i}" for i in range(120)),
]


@pytest.mark.parametrize("query", ACCEPTED)
def test_every_query_the_parser_accepts_runs(
    capsys: pytest.CaptureFixture[str], config: Path, query: str
) -> None:
    code, _, err = run(capsys, "list", f"--query={query}", "--json")
    assert code == 0, err
    code, _, err = run(capsys, "search", "--json", "--", query)
    assert code == 0, err
    code, _, err = run(capsys, "watch", "add", "Edge", "--", query)
    assert code == 0, err
    code, out, err = run(capsys, "list", "--json", "--limit", "1")
    assert code == 0, err
    code, _, err = run(capsys, "explain", str(json.loads(out)["id"]))
    assert code == 0, err
    code, _, err = run(capsys, "watch", "list")
    assert code == 0, err


# --- 6. notify commands: side by side, bounded, their children stopped, "--" -----------


NOTIFY = """\
#!/bin/sh
# Record the arguments, start a child that sleeps forever, and wait for it.
printf '%s\\n' "$@" > "{dir}/$NEWSREADER_WATCH.args"
sleep 1000 &
echo $! > "{dir}/$NEWSREADER_WATCH.pid"
wait
"""


def gone(pid: int, timeout: float) -> bool:
    """Whether the process has ended, waiting on its pidfd (no polling) up to `timeout`."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([fd], [], [], timeout)
        return bool(readable)
    finally:
        os.close(fd)


@pytest.fixture
def hanging_watches(config: Path, tmp_path: Path) -> Iterator[Path]:
    """Two watches whose notify command never ends and leaves a child behind."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "feed.xml").write_bytes(rss("Wire", [("g1", "Gardening")]))
    script = tmp_path / "notify.sh"
    script.write_text(NOTIFY.format(dir=tmp_path), encoding="utf-8")
    config.parent.mkdir(parents=True)
    config.write_text(
        f'[[section]]\nname = "News"\npaths = ["{news}"]\n'
        f'[[watch]]\nname = "A"\nquery = "cyber*"\nnotify_command = ["/bin/sh", "{script}"]\n'
        f'[[watch]]\nname = "B"\nquery = "attack"\nnotify_command = ["/bin/sh", "{script}"]\n',
        encoding="utf-8",
    )
    yield news


def test_hanging_notify_commands_are_stopped_with_their_children(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    hanging_watches: Path,
    tmp_path: Path,
) -> None:
    budget = 2.0
    monkeypatch.setattr(newsreader.core.updates, "NOTIFY_SECONDS", budget)
    assert run(capsys, "refresh")[0] == 0  # the first fill is not news
    items = [("g1", "Gardening"), ("c1", "-n cyber attack on the ferries")]
    (hanging_watches / "feed.xml").write_bytes(rss("Wire", items))
    started = time.monotonic()
    code, out, err = run(capsys, "refresh")
    elapsed = time.monotonic() - started
    assert code == 0
    # Side by side within one budget: one after the other would take two.
    assert elapsed < 2 * budget - 0.3, elapsed
    for watch in ("A", "B"):
        assert f"watch {watch}: -n cyber attack on the ferries" in out
        assert f"notify command for {watch} was stopped after 2 s" in err
        child = int((tmp_path / f"{watch}.pid").read_text())
        assert gone(child, timeout=10), f"the notify command's child {child} is still running"
        args = (tmp_path / f"{watch}.args").read_text().splitlines()
        assert args[:3] == ["--", watch, "-n cyber attack on the ferries"]


# --- 7. watch names and colours -------------------------------------------------------


def test_watch_add_checks_name_and_colour_and_reports_on_stderr(
    capsys: pytest.CaptureFixture[str], config: Path
) -> None:
    code, out, err = run(capsys, "watch", "add", "a\x00b", "cyber")
    assert (code, out) == (2, "") and "control or invisible formatting character" in err
    code, out, err = run(capsys, "watch", "add", "Colourful", "cyber", "--color", "notacolour")
    assert (code, out) == (2, "") and "unknown colour 'notacolour'" in err
    code, out, err = run(capsys, "watch", "add", "Long", "x", "--color", "oragne")
    assert code == 2 and "did you mean 'orange'?" in err
    assert not config.exists()
    code, out, err = run(capsys, "watch", "add", "Ferries", "ferry", "--color", "#FA0")
    assert code == 0 and out.startswith("added watch Ferries to "), err
    code, out, err = run(capsys, "watch", "add", "ferries", "boats")
    assert (code, out) == (2, "") and "a watch named ferries exists" in err
    code, out, _ = run(capsys, "watch", "list", "--json")
    colours = {w["name"]: w["color"] for w in map(json.loads, out.splitlines())}
    assert colours == {"Cyber": "orange", "Ferries": "#fa0"}


# --- 10. a read-only library ----------------------------------------------------------


def test_a_read_only_library_can_be_read_and_says_so_on_writes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "list", "--json", "--limit", "0")  # fills the library
    assert code == 0
    rows = out.splitlines()
    data = db_path().parent
    os.chmod(data, 0o555)
    try:
        if os.geteuid() == 0:
            # Root writes to a 0555 folder anyway; only os.access can say it must not,
            # and what SQLite is asked to do (read only, no -shm) is then real.
            real_access = os.access

            def access(path: str | os.PathLike[str], mode: int, **kwargs: bool) -> bool:
                if mode & os.W_OK and Path(path) in (data, db_path()):
                    return False
                return real_access(path, mode, **kwargs)

            monkeypatch.setattr(os, "access", access)
        files = sorted(os.listdir(data))
        code, out, err = run(capsys, "list", "--json", "--limit", "0")
        assert code == 0, err
        assert out.splitlines() == rows
        code, out, err = run(capsys, "search", "cyber*", "--json")
        assert code == 0 and out, err
        code, out, err = run(capsys)
        assert code == 0 and "46 articles" in out, err
        uid = str(json.loads(rows[0])["id"])
        code, out, err = run(capsys, "mark", "read", uid)
        assert (code, out) == (2, "")
        assert err.startswith("newsreader: cannot mark articles: the library is read-only (")
        code, out, err = run(capsys, "refresh")
        assert code == 2 and "cannot refresh: the library is read-only" in err
        assert sorted(os.listdir(data)) == files  # no -wal, -shm or journal was made
    finally:
        os.chmod(data, 0o755)


# --- 11. JSON lines survive line-based readers ------------------------------------------

SEPARATORS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\r\n"


def test_json_output_escapes_every_line_separator(capsys: pytest.CaptureFixture[str]) -> None:
    objects = [{"title": f"a{sep}b", "n": i} for i, sep in enumerate(SEPARATORS)]
    for obj in objects:
        print_json(obj)
    out = capsys.readouterr().out
    assert [json.loads(line) for line in out.splitlines()] == objects


def test_hostile_text_stays_one_json_line_per_article(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, config: Path
) -> None:
    feed = tmp_path / "news" / "feed.xml"
    feed.parent.mkdir()
    # Titles are folded to one line at ingestion; the body keeps U+2028 and U+2029 (rss()
    # puts each title in its item's text too).
    titles = ["Line\u2028separator", "Paragraph\u2029separator", "Both\u2028\u2029end"]
    feed.write_bytes(rss("Wire", [(f"g{i}", t) for i, t in enumerate(titles)]))
    code, out, _ = run(capsys, "read", str(feed), "--json")
    assert code == 0
    articles = [json.loads(line) for line in out.splitlines()]
    assert len(articles) == 3
    assert {"\u2028", "\u2029"} <= set("".join(p for a in articles for p in a["paragraphs"]))
    config.parent.mkdir(parents=True)
    config.write_text(f'[[section]]\nname = "News"\npaths = ["{feed.parent}"]\n', "utf-8")
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0 and len([json.loads(line) for line in out.splitlines()]) == 3
    code, out, _ = run(capsys, "search", "text", "--json")
    hits = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(hits) == 3
