"""The headless library commands as a script uses them: JSON lines, exit codes, messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import listparser
import pytest

from newsreader.cli import main
from newsreader.present.listing import format_age
from tests.servers import Reply, rss, running_server


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_list_json_newest_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "--json", "--limit", "0")
    assert code == 0, err
    rows = lines(out)
    assert len(rows) == 46
    dates = [str(r["published"]) for r in rows if r["section"] == "World"]
    assert dates == sorted(dates, reverse=True)
    assert {"id", "title", "source", "section", "url", "read", "starred"} <= set(rows[0])


def test_list_filters(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "list", "--section", "clippings", "--json")
    assert len(lines(out)) == 4
    _, out, _ = run(capsys, "list", "--query", "title:sovereignty", "--json")
    [seed] = lines(out)
    assert seed["source"] == "People's Daily Online"
    _, out, _ = run(capsys, "list", "--watch", "cyber", "--json", "--limit", "0")
    titles = {r["title"] for r in lines(out)}
    assert "Chinese official: We need to respect national sovereignty over cyberspace" in titles
    assert "Cyber attack disrupts ferry bookings across the northern isles" in titles
    code, _, err = run(capsys, "list", "--section", "Nope")
    assert code == 2 and "no section named 'Nope'" in err
    code, _, err = run(capsys, "list", "--watch", "Nope")
    assert code == 2 and "no watch named 'Nope'" in err


def test_mark_changes_state_seen_by_list(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "list", "--section", "Clippings", "--json")
    ids = [str(r["id"]) for r in lines(out)]
    code, out, _ = run(capsys, "mark", "read", ids[0][:6], ids[1])
    assert code == 0 and out == "marked 2 articles read\n"
    code, out, _ = run(capsys, "mark", "star", ids[2])
    assert out == "marked 1 article starred\n"
    _, out, _ = run(capsys, "list", "--section", "Clippings", "--unread", "--json")
    assert {r["id"] for r in lines(out)} == set(ids[2:])
    _, out, _ = run(capsys, "list", "--starred", "--json")
    assert [r["id"] for r in lines(out)] == [ids[2]]
    code, _, err = run(capsys, "mark", "read", "ffffffffffff")
    assert code == 2 and "no article with id 'ffffffffffff'" in err
    code, _, err = run(capsys, "mark", "read", "ab")
    assert code == 2


def test_search_json_and_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", '"national sovereignty"', "--json")
    assert code == 0
    hits = lines(out)
    assert (
        hits[0]["title"]
        == "Chinese official: We need to respect national sovereignty over cyberspace"
    )
    snippet = str(hits[0]["snippet"])
    start, end = hits[0]["snippet_spans"][0]  # type: ignore[index]
    assert snippet[start:end].lower() == "national sovereignty"
    code, out, _ = run(capsys, "search", "网络安全")
    assert code == 0 and "网络安全" in out and "\x1b" not in out


def test_bad_query_points_at_the_problem(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", 'cyber "unclosed')
    assert code == 2 and out == ""
    assert err == "newsreader: unclosed quote at position 7\n"
    code, _, err = run(capsys, "list", "--query", "a OR")
    assert code == 2 and "needs a term" in err


def test_add_feed_and_path_write_the_config(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, isolated_home: Path
) -> None:
    config = isolated_home / ".config" / "newsreader" / "config.toml"
    server = next(servers := running_server())  # `add` fetches a URL to check it is a feed
    server.routes["/rss"] = Reply(body=rss("News", []))
    url = server.url("/rss")
    code, out, _ = run(capsys, "add", url, "--section", "Tech")
    assert code == 0 and f"added feed {url} to section 'Tech'" in out
    assert config.exists()
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "note.md").write_text("# My note\n\nSome text.\n", encoding="utf-8")
    code, out, _ = run(capsys, "add", str(folder), "--section", "Mine")
    assert code == 0
    _, out, _ = run(capsys, "list", "--json", "--limit", "0")
    titles = [r["title"] for r in lines(out)]
    # The new config keeps the sample sections the user saw, and adds the new one.
    assert "My note" in titles and len(titles) == 47
    assert "The bundled samples, kept so nothing disappears" in config.read_text()
    code, out, _ = run(capsys, "add", url)
    assert "already in" in out
    next(servers, None)
    code, _, err = run(capsys, "add", "ftp://x/y")
    assert code == 2 and "only http and https" in err
    code, _, err = run(capsys, "add", str(tmp_path / "missing"))
    assert code == 2 and "no such file or directory" in err


def test_import_then_export_opml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="News"><outline text="A" xmlUrl="https://a.example/rss"/>'
        '<outline text="Deep"><outline text="B" xmlUrl="https://b.example/atom"/></outline></outline>'
        '<outline text="C" xmlUrl="https://c.example/feed"/></body></opml>',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import-opml", str(opml))
    assert code == 0, err
    assert out.startswith("imported 3 feeds in 3 sections into ")
    code, out, _ = run(capsys, "import-opml", str(opml))
    assert "imported 0 feeds" in out and "(3 already subscribed)" in out
    target = tmp_path / "out.opml"
    code, _, _ = run(capsys, "export-opml", str(target))
    assert code == 0
    parsed = listparser.parse(target.read_text(encoding="utf-8"))
    assert {(f.url, tuple(f.categories[0])) for f in parsed.feeds} == {
        ("https://a.example/rss", ("News",)),
        ("https://b.example/atom", ("News / Deep",)),
        ("https://c.example/feed", ("Imported",)),
    }
    code, out, _ = run(capsys, "export-opml")
    assert code == 0 and out.startswith('<?xml version="1.0" encoding="UTF-8"?>')


def test_refresh_reports(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "refresh")
    assert code == 0
    # The samples have local paths only: the summary names files, not "0 feeds".
    assert out == "files: 47 new, 0 updated, 0 removed articles; 7 files read, 0 unchanged\n"
    code, out, _ = run(capsys, "refresh", "--json")
    [summary] = lines(out)
    assert summary["files"] == ("0 new, 0 updated, 0 removed articles; 0 files read, 7 unchanged")


def test_broken_config_is_exit_2_with_file_and_line(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    config = isolated_home / ".config" / "newsreader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[[section]]\nname = "A"\nfeeds = "not a list"\n', encoding="utf-8")
    code, out, err = run(capsys, "list")
    assert code == 2 and out == ""
    assert err == f"newsreader: {config}:3: 'feeds' must be a list of URLs\n"


def test_piped_output_has_no_colour_and_no_color_is_honoured() -> None:
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "newsreader", "search", "cyber*"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b[3" not in result.stdout  # no colour codes (bold/reverse may stay)
    piped = subprocess.run(
        [sys.executable, "-m", "newsreader", "list"], capture_output=True, text=True, check=False
    )
    assert piped.returncode == 0 and "\x1b" not in piped.stdout and "●" in piped.stdout


def test_format_age() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    assert format_age("2026-11-29T11:30:00", now) == "30m"
    assert format_age("2026-11-29T09:00:00", now) == "3h"
    assert format_age("2026-11-26T12:00:00", now) == "3d"
    assert format_age("2026-11-06T12:00:00", now) == "Nov 6"
    assert format_age("2013-11-06T09:13:00", now) == "2013"


def test_watch_add_list_remove_and_explain(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    code, out, _ = run(
        capsys, "watch", "add", "Trains", "title:night* OR railway", "--color", "green"
    )
    assert code == 0 and out.startswith("added watch Trains to ")
    code, _, err = run(capsys, "watch", "add", "Bad", 'x "open')
    assert code == 2 and "unclosed quote at position 3" in err
    code, out, _ = run(capsys, "watch", "list", "--json")
    watches = {w["name"]: w for w in lines(out)}
    assert watches["Trains"]["query"] == "title:night* OR railway"
    assert watches["Trains"]["color"] == "green" and watches["Trains"]["total"] == 1
    code, out, _ = run(capsys, "list", "--query", "title:sovereignty", "--json")
    seed = lines(out)[0]["id"]
    code, out, _ = run(capsys, "explain", str(seed)[:8])
    assert code == 0
    assert out.splitlines() == [
        'watch Cyber: matches (cyber* in title, body; "national sovereignty" in title, body)',
        "watch Trains: no match",
        "mute title:sponsored (only in Tech): does not apply",
    ]
    code, out, _ = run(capsys, "watch", "remove", "Trains")
    assert code == 0
    code, _, err = run(capsys, "watch", "remove", "Trains")
    assert code == 2 and "no watch named 'Trains'" in err


def test_explain_on_the_samples_names_the_words(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "list", "--query", "title:sovereignty", "--json")
    seed = str(lines(out)[0]["id"])
    code, out, _ = run(capsys, "explain", seed)
    assert code == 0
    assert out == (
        'watch Cyber: matches (cyber* in title, body; "national sovereignty" in title, body)\n'
        "mute title:sponsored (only in Tech): does not apply\n"
    )


def test_mutes_hide_everywhere_but_can_be_shown(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    config = isolated_home / ".config" / "newsreader" / "config.toml"
    run(capsys, "watch", "add", "Trains", "trains")  # creates the config from the samples
    with config.open("a", encoding="utf-8") as fh:
        fh.write(
            '\n[[mute]]\nquery = "title:ferry OR title:routers"\n'
            '\n[[mute]]\nquery = "trains"\nsections = ["Tech"]\n'
        )
    _, out, _ = run(capsys, "list", "--json", "--limit", "0")
    titles = {r["title"] for r in lines(out)}
    assert len(titles) == 44
    assert "Night trains are back, and they are full" in titles  # the trains mute is Tech-only
    _, out, _ = run(capsys, "list", "--json", "--limit", "0", "--show-muted")
    rows = lines(out)
    assert len(rows) == 47
    muted = {r["title"]: r["muted_by"] for r in rows if r["muted_by"]}
    rule = "title:ferry OR title:routers"
    assert muted == {
        "Cyber attack disrupts ferry bookings across the northern isles": rule,
        "Understanding the new cyber security rules for routers": rule,
        "Sponsored: ten gadgets you need before the holidays": "title:sponsored",
    }
    _, out, _ = run(capsys, "search", "ferry", "--json")
    assert lines(out) == []  # hidden in search too
    _, out, _ = run(capsys, "watch", "list", "--json")
    assert {w["name"]: w["total"] for w in lines(out)}["Cyber"] == 1  # counts leave them out
    _, out, _ = run(capsys, "list", "--query", "title:routers", "--json", "--show-muted")
    uid = str(lines(out)[0]["id"])
    _, out, _ = run(capsys, "explain", uid)
    assert "mute title:ferry OR title:routers: would hide it" in out
    assert "mute trains (only in Tech): does not apply" in out
    _, out, _ = run(capsys, "list", "--query", "title:sponsored", "--json", "--show-muted")
    _, out, _ = run(capsys, "explain", str(lines(out)[0]["id"]))
    assert "mute title:sponsored (only in Tech): would hide it" in out


def test_search_to_a_pipe_has_no_padding(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "night")
    assert code == 0 and "Night trains" in out
    assert [line for line in out.splitlines() if line != line.rstrip()] == []
