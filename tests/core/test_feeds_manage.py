"""Managing feeds: finding the feed behind an address (a real server on 127.0.0.1),
`add`, `remove`, `rename`, `move` with the real CLI, the config keeping its comments,
the library following, failing sources, reading the config again, OPML titles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import listparser
import pytest

from newsreader.cli import main
from newsreader.config import ConfigEditor, load_config
from newsreader.core import Library
from newsreader.errors import ConfigError, NewsreaderError
from newsreader.query import ArticleQuery
from tests.servers import FeedServer, Reply, rss, running_server

RSS = {"Content-Type": "application/rss+xml"}
HTML = {"Content-Type": "text/html; charset=utf-8"}
ATOM = (
    b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    b"<title>Comments on Example</title><id>urn:c</id><updated>2024-03-05T10:00:00Z</updated>"
    b"<entry><title>A comment</title><id>urn:c1</id><updated>2024-03-05T10:00:00Z</updated>"
    b"</entry></feed>"
)


def page(*links: str, base: str = "") -> bytes:
    """An HTML page whose head has these <link> tags (and a <base>, if given)."""
    head = (f'<base href="{base}">' if base else "") + "".join(links)
    return (
        f"<!DOCTYPE html><html><head><title>Example</title>{head}</head>"
        "<body><p>Hello</p></body></html>"
    ).encode()


def rss_link(href: str, title: str = "") -> str:
    named = f' title="{title}"' if title else ""
    return f'<link rel="alternate" type="application/rss+xml" href="{href}"{named}>'


@pytest.fixture
def server() -> Iterator[FeedServer]:
    server = next(gen := running_server())
    server.routes["/feed.xml"] = Reply(
        body=rss("Example News", [("n1", "Storm over the bay"), ("n2", "Ferries return")]),
        headers=RSS,
    )
    server.routes["/comments.atom"] = Reply(body=ATOM, headers={"Content-Type": "text/xml"})
    server.routes["/blog/"] = Reply(body=page(rss_link("../feed.xml")), headers=HTML)
    server.routes["/two.html"] = Reply(
        body=page(
            rss_link("/feed.xml", "Posts"),
            '<link rel="alternate" type="application/atom+xml" href="comments.atom">',
        ),
        headers=HTML,
    )
    server.routes["/plain.html"] = Reply(body=page(), headers=HTML)
    server.routes["/broken-link.html"] = Reply(body=page(rss_link("/missing.xml")), headers=HTML)
    server.routes["/notes.txt"] = Reply(
        body=b"just some text", headers={"Content-Type": "text/plain"}
    )
    yield server
    next(gen, None)


@pytest.fixture
def config(isolated_home: Path) -> Path:
    """Where the CLI's user config is (not created yet)."""
    return isolated_home / ".config" / "newsreader" / "config.toml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def feeds_in(path: Path) -> dict[str, list[str]]:
    return {s.name: [f.url for f in s.feeds] for s in load_config(path).sections if s.feeds}


# --- discovery and `add URL` ----------------------------------------------------------


def test_add_a_feed_url_adds_it_as_it_is(
    capsys: pytest.CaptureFixture[str], server: FeedServer, config: Path
) -> None:
    url = server.url("/feed.xml")
    code, out, err = run(capsys, "add", url, "--section", "News")
    assert code == 0, err
    assert out == f"added feed {url} to section 'News' in {config}\n"
    assert feeds_in(config)["News"] == [url]


def test_add_a_page_adds_the_feed_it_links_to_resolving_a_relative_href(
    capsys: pytest.CaptureFixture[str], server: FeedServer, config: Path
) -> None:
    code, out, err = run(capsys, "add", server.url("/blog/"), "--section", "News")
    assert code == 0, err
    feed = server.url("/feed.xml")  # "../feed.xml" from /blog/
    assert out.splitlines() == [
        f"found the feed {feed} (Example News) on {server.url('/blog/')}",
        f"added feed {feed} to section 'News' in {config}",
    ]
    assert feeds_in(config)["News"] == [feed]


def test_a_page_with_two_feeds_lists_them_and_adds_none_without_a_person(
    capsys: pytest.CaptureFixture[str], server: FeedServer, config: Path
) -> None:
    code, out, err = run(capsys, "add", server.url("/two.html"))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"newsreader: {server.url('/two.html')} is a web page that links to 2 feeds; "
        "add one of them:",
        f"  {server.url('/feed.xml')}  Example News (2 articles)",
        f"  {server.url('/comments.atom')}  Comments on Example (1 article)",
    ]
    assert not config.exists()
    code, out, err = run(capsys, "add", server.url("/comments.atom"))  # one of them, given
    assert code == 0, err
    assert feeds_in(config)["Unsorted"] == [server.url("/comments.atom")]


def test_a_person_at_a_terminal_picks_one_of_the_feeds(
    capsys: pytest.CaptureFixture[str],
    server: FeedServer,
    config: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsreader.cli.subscriptions  # imported here: each test can fail on its own

    monkeypatch.setattr(newsreader.cli.subscriptions, "_interactive", lambda: True)
    asked: list[str] = []

    def answer(prompt: str) -> str:
        asked.append(prompt)
        return "2"

    monkeypatch.setattr("builtins.input", answer)
    code, out, err = run(capsys, "add", server.url("/two.html"), "-s", "Talk")
    assert code == 0, err
    assert asked == ["Add which one (1-2, enter for none)? "]
    assert f"  2. {server.url('/comments.atom')}  Comments on Example (1 article)" in out
    assert feeds_in(config) == {"Talk": [server.url("/comments.atom")]}


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/gone.xml", "HTTP 404 Not Found"),
        ("/plain.html", "this is a web page that links to no feed"),
        ("/notes.txt", "not a feed: not an RSS, Atom or JSON feed"),
        ("/broken-link.html", "links to feeds, but none of them could be read"),
    ],
)
def test_add_refuses_what_answers_with_no_feed(
    capsys: pytest.CaptureFixture[str], server: FeedServer, config: Path, path: str, reason: str
) -> None:
    code, out, err = run(capsys, "add", server.url(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"newsreader: {server.url(path)}: ") and reason in err, err
    assert not config.exists()


def test_add_path_is_as_it_was(
    capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    code, out, err = run(capsys, "add", str(folder), "-s", "Notes")
    assert code == 0, err
    assert out == f"added path {folder} to section 'Notes' in {config}\n"


def test_discover_values(server: FeedServer, tmp_path: Path) -> None:
    with Library.open(load_config(), tmp_path / "library.db") as library:
        found = library.discover(server.url("/two.html"))
        assert found.from_page and found.problem is None
        assert [(c.url, c.title, c.items) for c in found.candidates] == [
            (server.url("/feed.xml"), "Example News", 2),
            (server.url("/comments.atom"), "Comments on Example", 1),
        ]
        direct = library.discover(server.url("/feed.xml"))
        assert not direct.from_page and len(direct.candidates) == 1


def test_feed_links_follow_base_and_skip_what_is_no_feed() -> None:
    from newsreader.sources.discovery import feed_links

    body = page(
        rss_link("feed.xml", "Posts\x1b[31m"),
        rss_link("feed.xml"),  # the same feed twice: once
        '<link rel="stylesheet" type="text/css" href="a.css">',
        '<link rel="alternate" type="text/html" href="other.html">',
        '<link rel="alternate" type="application/feed+json" href="/feed.json">',
        '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">',
        base="https://cdn.example/news/",
    )
    links = feed_links(body, "https://example.org/")
    assert [(link.url, link.title) for link in links] == [
        ("https://cdn.example/news/feed.xml", "Posts"),  # no escape reaches a screen
        ("https://cdn.example/feed.json", None),
    ]


def test_feed_links_repeated_many_times_leave_room_for_the_others() -> None:
    """A page naming one feed 3,000 times still offers the feed it names after them."""
    from newsreader.sources.discovery import MAX_LINKS, feed_links

    repeats = [rss_link("same.xml")] * 3_000
    others = [rss_link(f"other{i}.xml") for i in range(MAX_LINKS + 5)]
    links = feed_links(page(*repeats, *others), "https://example.org/")
    urls = [link.url for link in links]
    assert len(urls) == MAX_LINKS  # what is fetched stays bounded
    assert urls[:2] == ["https://example.org/same.xml", "https://example.org/other0.xml"]


# --- remove, rename, move ---------------------------------------------------------------

COMMENTED = """\
# My feeds. Keep this comment.
[settings]
refresh_minutes = 30  # half an hour

# News first
[[section]]
name = "News"  # the big one
feeds = [
    # the wire
    "{feed}",
    {{ url = "{atom}", title = "Talk" }},  # comments
]

# Reading for later
[[section]]
name = "Later"
paths = ["notes"]  # my notes
"""


def test_the_config_keeps_its_comments_through_add_remove_rename_and_move(
    capsys: pytest.CaptureFixture[str], server: FeedServer, config: Path
) -> None:
    config.parent.mkdir(parents=True)
    (config.parent / "notes").mkdir()
    (config.parent / "notes" / "a.md").write_text("# A note\n\nText.\n", encoding="utf-8")
    feed, atom = server.url("/feed.xml"), server.url("/comments.atom")
    config.write_text(COMMENTED.format(feed=feed, atom=atom), encoding="utf-8")
    comments = [line.split("#", 1)[1] for line in config.read_text().splitlines() if "#" in line]

    server.routes["/other.xml"] = Reply(body=rss("Other", [("o1", "One")]), headers=RSS)
    assert run(capsys, "add", server.url("/other.xml"), "-s", "News")[0] == 0
    code, out, err = run(capsys, "rename", feed, "The Wire")
    assert code == 0, err
    assert out == f"renamed feed {feed} to 'The Wire' in {config}\n"
    code, out, err = run(capsys, "move", atom, "Later")
    assert code == 0, err
    assert out == f"moved feed {atom} from 'News' to 'Later' in {config}\n"
    code, out, err = run(capsys, "move", str(config.parent / "notes"), "Notes")
    assert code == 0, err
    code, out, err = run(capsys, "remove", server.url("/other.xml"))
    assert code == 0, err

    text = config.read_text(encoding="utf-8")
    for comment in comments:
        if comment != " comments":  # the moved entry's own comment goes with the old line
            assert comment in text, (comment, text)
    loaded = load_config(config)
    news, later, notes = loaded.sections
    assert [(f.url, f.title) for f in news.feeds] == [(feed, "The Wire")]
    assert [(f.url, f.title) for f in later.feeds] == [(atom, "Talk")]  # title moved along
    assert later.paths == () and notes.paths == (config.parent / "notes",)
    assert '"notes"' in text  # written as it was: relative to the config

    code, out, err = run(capsys, "rename", feed, "")
    assert code == 0 and "has its own title again" in out
    assert load_config(config).sections[0].feeds[0].title is None
    assert "# the wire" in config.read_text(encoding="utf-8")


def test_editor_refuses_and_reports_what_is_not_there(config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_text('[[section]]\nname = "A"\nfeeds = ["https://a.example/rss"]\n', "utf-8")
    editor = ConfigEditor(config)
    assert not editor.remove_feed("https://b.example/rss")
    assert not editor.remove_path("/nowhere")
    assert not editor.move_feed("https://a.example/rss", "a")  # already there (any case)
    with pytest.raises(ConfigError):
        editor.move_feed("https://a.example/rss", "bad\x00name")
    assert editor.move_feed("HTTPS://A.example/rss", "B")  # any spelling of the address
    editor.save()
    assert feeds_in(config) == {"B": ["https://a.example/rss"]}


def test_remove_rename_move_say_what_is_not_in_the_config(
    capsys: pytest.CaptureFixture[str], config: Path
) -> None:
    for argv in (
        ("remove", "https://nowhere.example/rss"),
        ("rename", "https://nowhere.example/rss", "X"),
        ("move", "/no/such/path", "X"),
    ):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, ""), argv
        assert "is not a feed or path in your config" in err


def test_rename_refuses_a_path(capsys: pytest.CaptureFixture[str], samples: Path) -> None:
    code, _, err = run(capsys, "rename", str(samples / "world"), "Mine")
    assert code == 2 and "the config gives paths no title" in err


def test_remove_deletes_articles_but_keeps_starred_and_saved(
    capsys: pytest.CaptureFixture[str], server: FeedServer, samples: Path, config: Path
) -> None:
    # The samples' World folder: 15 articles; star one, then remove the folder.
    _, out, _ = run(capsys, "list", "--section", "World", "--json", "--limit", "0")
    world = [json.loads(line) for line in out.splitlines()]
    assert len(world) == 15
    run(capsys, "mark", "star", str(world[0]["id"]))
    code, out, err = run(capsys, "remove", str(samples / "world"))
    assert code == 0, err
    assert out == (
        f"removed path {samples / 'world'} from section 'World' in {config}: "
        "14 articles deleted; 1 starred or saved kept\n"
    )
    _, out, _ = run(capsys, "list", "--starred", "--json")
    assert [json.loads(line)["id"] for line in out.splitlines()] == [world[0]["id"]]
    _, out, _ = run(capsys, "list", "--json", "--limit", "0")
    assert len(out.splitlines()) == 46 - 15  # the kept one is in Starred, not in a section
    code, _, err = run(capsys, "list", "--section", "World")
    assert code == 0, err  # the section stays, empty

    # A feed: fetched, one saved, removed.
    url = server.url("/feed.xml")
    assert run(capsys, "add", url, "-s", "News")[0] == 0
    assert run(capsys, "refresh")[0] == 0
    _, out, _ = run(capsys, "list", "--section", "News", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 2
    run(capsys, "mark", "save", str(rows[0]["id"]))
    code, out, err = run(capsys, "remove", url)
    assert code == 0, err
    assert out.endswith(": 1 article deleted; 1 starred or saved kept\n")
    with Library.open() as library:
        assert [r.uid for r in library.articles(ArticleQuery(saved=True))] == [rows[0]["id"]]
        with pytest.raises(NewsreaderError):
            library.resolve_ids([str(rows[1]["id"])])  # deleted
    assert url not in config.read_text(encoding="utf-8")


def test_move_takes_the_articles_along(
    capsys: pytest.CaptureFixture[str], samples: Path, config: Path
) -> None:
    code, out, err = run(capsys, "move", str(samples / "asia"), "World")
    assert code == 0, err
    assert out == f"moved path {samples / 'asia'} from 'Asia' to 'World' in {config}\n"
    _, out, _ = run(capsys, "list", "--section", "World", "--json", "--limit", "0")
    assert len(out.splitlines()) == 15 + 12
    code, out, _ = run(capsys, "move", str(samples / "asia"), "world")
    assert code == 0 and out.endswith("is in section 'World' already\n")


# --- export-opml, failing sources, reading the config again ---------------------------


def test_export_opml_names_feeds_by_their_real_titles(
    capsys: pytest.CaptureFixture[str], server: FeedServer, config: Path, tmp_path: Path
) -> None:
    feed, atom = server.url("/feed.xml"), server.url("/comments.atom")
    assert run(capsys, "add", feed, "-s", "News")[0] == 0
    assert run(capsys, "add", atom, "-s", "News")[0] == 0
    assert run(capsys, "rename", atom, "Talk")[0] == 0
    _, before, _ = run(capsys, "export-opml")
    assert {f.url: f.title for f in listparser.parse(before).feeds}[feed] == feed  # unknown yet
    assert run(capsys, "refresh")[0] == 0
    _, out, _ = run(capsys, "export-opml")
    titles = {f.url: f.title for f in listparser.parse(out).feeds}
    assert titles == {feed: "Example News", atom: "Talk"}  # the config's title wins


def test_failing_sources_say_what_when_and_until_when(server: FeedServer, tmp_path: Path) -> None:
    server.routes["/flaky.xml"] = Reply(body=rss("Flaky", [("f1", "One")]), headers=RSS)
    server.routes["/busy.xml"] = Reply(503, b"busy", headers={"Retry-After": "3600"})
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "bad.xml").write_text("<config/>", encoding="utf-8")
    config = tmp_path / "config.toml"
    urls = [server.url(p) for p in ("/feed.xml", "/flaky.xml", "/dead.xml", "/busy.xml")]
    config.write_text(
        '[[section]]\nname = "News"\nfeeds = [' + ", ".join(f'"{u}"' for u in urls) + "]\n"
        '[[section]]\nname = "Files"\npaths = ["files", "missing"]\n',
        encoding="utf-8",
    )
    with Library.open(load_config(config), tmp_path / "library.db") as library:
        assert [p.where for p in library.failing_sources()] == [str(tmp_path / "missing")]
        library.refresh()
        server.routes["/flaky.xml"] = Reply(500, b"oops")
        library.refresh(force=True)
        problems = {p.where.rsplit("/", 1)[-1]: p for p in library.failing_sources()}
    assert set(problems) == {"flaky.xml", "dead.xml", "busy.xml", "bad.xml", "missing"}
    flaky, dead, busy = problems["flaky.xml"], problems["dead.xml"], problems["busy.xml"]
    assert flaky.error == "HTTP 500 Internal Server Error" and flaky.last_success is not None
    assert flaky.name == "Flaky" and flaky.section == "News" and flaky.kind == "feed"
    assert dead.error == "HTTP 404 Not Found" and dead.last_success is None
    assert dead.last_attempt is not None and dead.retry_after is None
    assert busy.retry_after is not None and busy.retry_after > busy.last_attempt  # type: ignore[operator]
    assert problems["bad.xml"].kind == "file" and "not an RSS" in problems["bad.xml"].error
    missing = problems["missing"]
    assert (missing.kind, missing.source_id, missing.section) == ("path", None, "Files")
    sections = [p.section for p in problems.values()]
    assert sections == sorted(sections, key=["News", "Files"].index)  # in config order


def test_reload_config_follows_the_file_and_keeps_the_old_one_when_broken(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('# mine\n[[section]]\nname = "A"\npaths = []\n', encoding="utf-8")
    with Library.open(load_config(config), tmp_path / "library.db") as library:
        assert library.reload_config() is False
        editor = ConfigEditor(config)
        editor.add_path("B", str(tmp_path))
        editor.save()
        assert library.reload_config() is True
        assert [s.name for s in library.config.sections] == ["A", "B"]
        config.write_text("[[section]\nbroken", encoding="utf-8")
        with pytest.raises(ConfigError):
            library.reload_config()
        assert [s.name for s in library.config.sections] == ["A", "B"]


def test_pinned_sections_survive_a_reload(tmp_path: Path) -> None:
    from dataclasses import replace

    from newsreader.config import SectionConfig

    config = tmp_path / "config.toml"
    config.write_text('[[section]]\nname = "A"\npaths = []\n', encoding="utf-8")
    opened = SectionConfig("Opened", paths=(tmp_path,))
    loaded = load_config(config)
    with Library.open(
        replace(loaded, sections=(opened, *loaded.sections)), tmp_path / "l.db"
    ) as lib:
        lib.pinned_sections = (opened,)
        config.write_text('[[section]]\nname = "A"\npaths = []\n[[section]]\nname = "C"\n', "utf-8")
        assert lib.reload_config()
        assert [s.name for s in lib.config.sections] == ["Opened", "A", "C"]
        assert lib.articles(ArticleQuery()) == []


def test_pinned_sections_survive_a_refresh_that_rewrites_the_config(
    server: FeedServer, tmp_path: Path
) -> None:
    """A feed that moved for good (301) is rewritten in the config, which is then read
    again: the sections opened from the command line stay."""
    from dataclasses import replace

    from newsreader.config import SectionConfig

    server.routes["/old.xml"] = Reply(301, headers={"Location": server.url("/feed.xml")})
    config = tmp_path / "config.toml"
    config.write_text(f'[[section]]\nname = "A"\nfeeds = ["{server.url("/old.xml")}"]\n', "utf-8")
    opened = SectionConfig("Opened", paths=(tmp_path,))
    loaded = load_config(config)
    with Library.open(
        replace(loaded, sections=(opened, *loaded.sections)), tmp_path / "l.db"
    ) as lib:
        lib.pinned_sections = (opened,)
        lib.refresh_feeds()
        assert [f.url for f in lib.config.sections[1].feeds] == [server.url("/feed.xml")]
        assert [s.name for s in lib.config.sections] == ["Opened", "A"]
