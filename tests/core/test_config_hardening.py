"""The config cannot be bricked: what the editor writes always loads again, the loader
refuses what would break later (huge numbers, bad names and colours, misspelt keys) with
file and line, and a redirect or a prune never loses or resurrects articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.config import ConfigEditor, FeedSpec, load_config
from newsreader.config.values import CSS_COLOR_NAMES
from newsreader.core import FEED_WINDOW, Library
from newsreader.errors import ConfigError
from newsreader.models import Article, article_id, paragraph
from newsreader.query import ArticleQuery
from newsreader.storage import FeedState, Store
from newsreader.update.parsing import MAX_ITEMS
from newsreader.update.schedule import is_due
from tests.servers import FeedServer, Reply, rss, running_server

HUGE = 9223372036854775807


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from running_server()


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def feed_urls(path: Path) -> list[str]:
    return [f.url for s in load_config(path).sections for f in s.feeds]


# --- 1. writes that brick the config ------------------------------------------------


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("HTTP://Host.Example/ok", "http://host.example/ok"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org:443/a feed.xml", "https://example.org/a%20feed.xml"),
        ("  https://bücher.example/ü  ", "https://xn--bcher-kva.example/%C3%BC"),
    ],
)
def test_the_editor_writes_feed_addresses_in_their_normal_form(
    tmp_path: Path, given: str, written: str
) -> None:
    path = write(tmp_path, '[[section]]\nname = "A"\n')
    editor = ConfigEditor(path)
    assert editor.add_feed("A", given)
    assert not editor.add_feed("B", written)  # the same address, spelt as written
    editor.save()
    assert feed_urls(path) == [written]


@pytest.mark.parametrize(
    "bad", ["http://", "https://x y", "http:foo", "javascript:alert(1)", "http://a\x00b/", ""]
)
def test_the_editor_refuses_an_address_it_cannot_normalise(tmp_path: Path, bad: str) -> None:
    text = '# mine\n[[section]]\nname = "A"\nfeeds = ["https://ok.example/rss"]\n'
    path = write(tmp_path, text)
    editor = ConfigEditor(path)
    with pytest.raises(ConfigError, match="not a web address newsreader can use"):
        editor.add_feed("A", bad)
    with pytest.raises(ConfigError, match="not a web address"):
        editor.replace_feed_url("https://ok.example/rss", bad)
    editor.save()
    assert path.read_text(encoding="utf-8") == text
    assert feed_urls(path) == ["https://ok.example/rss"]


def test_a_redirect_target_is_normalised_by_the_editor_itself(tmp_path: Path) -> None:
    """The fetcher normalises redirects now, but the writer must not rely on its caller."""
    path = write(tmp_path, '[[section]]\nname = "A"\nfeeds = ["http://127.0.0.1:8000/old"]\n')
    editor = ConfigEditor(path)
    assert editor.replace_feed_url("http://127.0.0.1:8000/old", "http://127.0.0.1:8000/ok new.xml")
    editor.save()
    assert feed_urls(path) == ["http://127.0.0.1:8000/ok%20new.xml"]


def test_section_and_path_values_that_would_not_load_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, '[[section]]\nname = "A"\n')
    editor = ConfigEditor(path)
    for section in ("", "   ", "a\x00b", "x" * 201):
        with pytest.raises(ConfigError, match="section's name"):
            editor.add_feed(section, "https://ok.example/rss")
    with pytest.raises(ConfigError, match="NUL"):
        editor.add_path("A", "/tmp/a\x00b")
    editor.save()
    load_config(path)


def test_save_never_writes_what_would_not_load(tmp_path: Path) -> None:
    text = '[settings]\nconcurrency = 4\n\n[[section]]\nname = "A"\n'
    path = write(tmp_path, text)
    editor = ConfigEditor(path)
    # Whatever a caller does to the document, a text that would not load is not written.
    editor.doc["section"][0]["feeds"] = ["http://"]
    with pytest.raises(ConfigError, match="not saved, the change would make the config"):
        editor.save()
    assert path.read_text(encoding="utf-8") == text
    editor = ConfigEditor(path)
    editor.doc["settings"]["concurrency"] = 0
    with pytest.raises(ConfigError, match=r"config\.toml:2: 'concurrency' must be"):
        editor.save()
    assert path.read_text(encoding="utf-8") == text


def test_the_loader_reads_addresses_in_their_normal_form(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[section]]\nname = "A"\nfeeds = [\n  "HTTP://Example.ORG",\n'
        '  { url = "https://example.org:443/a b", title = "AB" },\n'
        '  "http://example.org/",  # the first one again, spelt otherwise\n]\n'
        '[[section]]\nname = "B"\nfeeds = ["http://EXAMPLE.org:80/"]\n',
    )
    config = load_config(path)
    assert [[f.url for f in s.feeds] for s in config.sections] == [
        ["http://example.org/", "https://example.org/a%20b"],
        [],
    ]


def test_a_library_from_before_normal_forms_keeps_its_articles_in_their_section(
    tmp_path: Path,
) -> None:
    """A store keyed on the address as an older config spelt it follows the normal form."""
    database = tmp_path / "library.db"
    store = Store(database)
    source = store.ensure_feed_source("https://Example.org", "World", "Example")
    article = Article(
        id=article_id("ex", guid="g1"),
        source="Example",
        title="Kept",
        published="2024-01-01T10:00:00Z",
        body=(paragraph("Text."),),
    )
    store.upsert_articles(source, "World", [article])
    store.set_state([article.id], read=True)
    store.close()
    path = write(tmp_path, '[[section]]\nname = "World"\nfeeds = ["https://Example.org"]\n')
    with Library.open(load_config(path), database) as lib:
        lib.scan()
        [row] = lib.articles(ArticleQuery(sections=("World",)))
        assert (row.title, row.read) == ("Kept", True)
    store = Store(database)
    assert set(store.feed_states()) == {"https://example.org/"}
    store.close()


def test_a_redirect_to_an_address_with_spaces_keeps_the_config_loading(
    server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/old"] = Reply(301, headers={"Location": "/ok new feed.xml"})
    server.routes["/ok%20new%20feed.xml"] = Reply(body=rss("Moved", [("m1", "Moved one")]))
    path = write(tmp_path, f'[[section]]\nname = "N"\nfeeds = ["{server.url("/old")}"]\n')
    with Library.open(load_config(path), tmp_path / "library.db") as lib:
        lib.refresh_feeds()
    assert feed_urls(path) == [server.url("/ok%20new%20feed.xml")]


# --- 2. a permanent redirect onto a feed already subscribed -----------------------------


EIGHT = [(f"h{i}", f"Hostile {i}") for i in range(8)]


def test_a_redirect_onto_a_subscribed_feed_changes_nothing_and_says_so(
    server: FeedServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reviewer's case: B's feed answers 301 to the feed section A follows. B's entry
    keeps its title and interval, B's articles (and their stars) stay B's, A's articles
    are not stored twice, and the refresh says what happened, on B and in the summary."""
    server.routes["/hostile.xml"] = Reply(body=rss("Hostile", EIGHT))
    server.routes["/feed"] = Reply(body=rss("Mine", [("m1", "Mine one"), ("m2", "Mine two")]))
    hostile, mine = server.url("/hostile.xml"), server.url("/feed")
    text = (
        f'[[section]]\nname = "A"\nfeeds = ["{hostile}"]\n\n'
        f'[[section]]\nname = "B"\n'
        f'feeds = [{{url = "{mine}", title = "Mine", refresh_minutes = 5}}]\n'
    )
    path = write(tmp_path, text)
    database = tmp_path / "library.db"
    with Library.open(load_config(path), database) as lib:
        lib.refresh()
        [m1] = lib.articles(ArticleQuery(text='title:"mine one"'))
        lib.mark([m1.uid], starred=True)
        server.routes["/feed"] = Reply(301, headers={"Location": hostile})
        for _ in range(2):  # and again: the message stays, nothing moves
            report = lib.refresh_feeds(force=True)
            [b] = [r for r in report.results if r.url == mine]
            assert b.moved_to is None and b.redirect_refused
            assert b.error is not None and hostile in b.error and '"A"' in b.error
            assert "already follow" in b.error and "remove one" in b.error
            assert "now redirecting to one you already follow" in report.summary()
            [source] = lib.sources("B")
            assert source.last_error == b.error  # kept on the source, where problems show
    assert path.read_text(encoding="utf-8") == text
    config = load_config(path)
    [spec] = config.sections[1].feeds
    assert (spec.url, spec.title, spec.refresh_minutes) == (mine, "Mine", 5)
    with Library.open(config, database) as lib:
        lib.scan()
        a = sorted(r.title for r in lib.articles(ArticleQuery(sections=("A",))))
        assert a == sorted(title for _, title in EIGHT)  # once each
        b_rows = {r.title: r for r in lib.articles(ArticleQuery(sections=("B",)))}
        assert set(b_rows) == {"Mine one", "Mine two"}
        assert b_rows["Mine one"].starred and b_rows["Mine one"].uid == m1.uid
    store = Store(database)
    assert set(store.feed_states()) == {hostile, mine}
    store.close()
    # The command line says it too.
    monkeypatch.setenv("NEWSREADER_CONFIG", str(path))
    monkeypatch.setenv("NEWSREADER_DATA", str(tmp_path))
    code, out, err = run(capsys, "refresh", "--force")
    assert code == 0
    assert "already follow" in err and "now redirecting to one you already follow" in out


@pytest.mark.parametrize("form", ["inline", "table"])
def test_a_redirect_to_a_new_address_keeps_every_option_of_the_entry(
    server: FeedServer, tmp_path: Path, form: str
) -> None:
    server.routes["/old"] = Reply(301, headers={"Location": "/new.xml"})
    server.routes["/new.xml"] = Reply(body=rss("New", [("n1", "New one")]))
    old, new = server.url("/old"), server.url("/new.xml")
    options = 'title = "Mine", refresh_minutes = 5, full_text = true'
    entry = (
        f'feeds = [\n  # mine\n  {{ url = "{old}", {options} }},\n]\n'
        if form == "inline"
        else f'[[section.feeds]]\n# mine\nurl = "{old}"\n' + options.replace(", ", "\n") + "\n"
    )
    path = write(tmp_path, f'[[section]]\nname = "B"\n{entry}')
    with Library.open(load_config(path), tmp_path / "library.db") as lib:
        [result] = lib.refresh_feeds().results
        assert result.moved_to == new and not result.redirect_refused
    [spec] = load_config(path).sections[0].feeds
    assert spec == FeedSpec(new, title="Mine", refresh_minutes=5, full_text=True)
    assert "# mine" in path.read_text(encoding="utf-8")


def test_two_feeds_moving_onto_one_new_address_keep_the_second_entry(
    server: FeedServer, tmp_path: Path
) -> None:
    """The first feed to move onto an address nobody follows takes it (entry rewritten,
    title and options kept); the second is then refused like any duplicate, not deleted."""
    server.routes["/new.xml"] = Reply(body=rss("New", [("n1", "New one")]))
    server.routes["/one"] = Reply(301, headers={"Location": "/new.xml"})
    server.routes["/two"] = Reply(301, headers={"Location": "/new.xml"})
    one, two, new = server.url("/one"), server.url("/two"), server.url("/new.xml")
    path = write(
        tmp_path,
        f'[[section]]\nname = "N"\nfeeds = [\n'
        f'  {{ url = "{one}", title = "One", refresh_minutes = 7, full_text = true }},\n'
        f'  {{ url = "{two}", title = "Two" }},\n]\n',
    )
    with Library.open(load_config(path), tmp_path / "library.db") as lib:
        results = {r.url: r for r in lib.refresh_feeds().results}
        assert sum(r.moved_to is not None for r in results.values()) == 1
        assert sum(r.redirect_refused for r in results.values()) == 1
        assert lib.count(ArticleQuery()) == 1
    feeds = {f.title: f for s in load_config(path).sections for f in s.feeds}
    moved = next(r.url for r in results.values() if r.moved_to)
    kept = one if moved == two else two
    assert {f.url for f in feeds.values()} == {new, kept}
    if moved == one:
        assert (feeds["One"].url, feeds["One"].refresh_minutes, feeds["One"].full_text) == (
            new,
            7,
            True,
        )


# --- 3. numbers out of range --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        (f"[settings]\nrefresh_minutes = {HUGE}\n", 2, "'refresh_minutes' must be a whole number"),
        ("[settings]\nrefresh_minutes = 525601\n", 2, "from 0 to 525600"),
        (f"[settings]\nconcurrency = {HUGE}\n", 2, "'concurrency' must be a whole number"),
        ("[settings]\nconcurrency = 257\n", 2, "from 1 to 256"),
        ("[settings]\n\nper_host = 65\n", 3, "'per_host' must be a whole number from 1 to 64"),
        ("[settings]\nkeep_read_per_source = 0\n", 2, "'keep_read_per_source' must be"),
        ("[settings]\nkeep_read_per_source = -1\n", 2, "'keep_read_per_source' must be"),
        (
            '[[section]]\nname = "A"\nfeeds = [\n  "https://a.example/",\n'
            f'  {{ url = "https://b.example/", refresh_minutes = {HUGE} }},\n]\n',
            5,
            "'refresh_minutes' must be a whole number from 0 to 525600",
        ),
        (
            '[[section]]\nname = "A"\nfeeds = [{ url = "https://b.example/", '
            "refresh_minutes = -3 }]\n",
            3,
            "'refresh_minutes' must be",
        ),
    ],
)
def test_numbers_out_of_range_are_config_errors_with_their_line(
    tmp_path: Path, text: str, line: int, what: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.message.startswith(f"{path}:{line}: "), info.value.message
    assert what in info.value.message


def test_due_never_raises_on_a_huge_wait_or_an_odd_stored_time() -> None:
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)

    def state(last_success: str) -> FeedState:
        return FeedState(1, None, None, None, last_success, False)

    huge = FeedSpec("https://a.example/", refresh_minutes=HUGE)
    assert not is_due(state("2026-05-01T11:00:00"), huge, now)  # waits (a year at most)
    assert is_due(state("2024-05-01T11:00:00"), huge, now)  # more than a year ago
    hourly = FeedSpec("https://a.example/", refresh_minutes=60)
    assert is_due(state("not a time"), hourly, now)
    assert is_due(state("9999-12-31T23:59:59"), hourly, now)  # a clock that went back
    assert not is_due(state("2026-05-01T11:30:00"), hourly, now)


def test_a_huge_refresh_minutes_is_reported_not_crashed_on(
    server: FeedServer, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/feed.xml"] = Reply(body=rss("F", [("a", "A")]))
    config = isolated_home / ".config" / "newsreader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        f'[[section]]\nname = "N"\nfeeds = [\n  {{ url = "{server.url("/feed.xml")}", '
        f"refresh_minutes = {HUGE} }},\n]\n",
        encoding="utf-8",
    )
    for _ in range(2):  # the second refresh used to die of OverflowError
        code, _, err = run(capsys, "refresh")
        assert code == 2
        assert err.startswith(f"newsreader: {config}:4: 'refresh_minutes' must be"), err


# --- 4. pruning never brings articles back unread ---------------------------------------


def test_pruning_never_resurrects_read_articles_a_feed_still_lists(
    server: FeedServer, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = [("a1", "First"), ("a2", "Second"), ("a3", "Third")]
    server.routes["/feed.xml"] = Reply(body=rss("F", items))
    config = isolated_home / ".config" / "newsreader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        "[settings]\nkeep_read_per_source = 1\n\n"
        f'[[section]]\nname = "N"\nfeeds = ["{server.url("/feed.xml")}"]\n',
        encoding="utf-8",
    )
    assert run(capsys, "refresh")[0] == 0
    _, out, _ = run(capsys, "list", "--json")
    ids = [str(json.loads(line)["id"]) for line in out.splitlines()]
    assert len(ids) == 3
    assert run(capsys, "mark", "read", *ids)[0] == 0
    assert run(capsys, "list")[0] == 0  # a scan, which prunes
    server.routes["/feed.xml"] = Reply(body=rss("F", [*items, ("a4", "Fourth")]))
    assert run(capsys, "refresh")[0] == 0
    _, out, _ = run(capsys, "list", "--unread", "--json")
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Fourth"]
    _, out, _ = run(capsys, "list", "--json")
    assert len(out.splitlines()) == 4


def test_keep_read_per_source_zero_is_refused_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[settings]\nrefresh_minutes = 5\nkeep_read_per_source = 0\n")
    with pytest.raises(ConfigError, match=r":3: 'keep_read_per_source' must be a whole number"):
        load_config(path)


def test_prune_keeps_local_files_and_the_newest_of_each_feed(tmp_path: Path) -> None:
    store = Store(tmp_path / "library.db")

    def make(n: int, source: str) -> Article:
        return Article(
            id=article_id(source, guid=f"g{n}"),
            source=source,
            title=f"{source} {n}",
            published=f"2024-01-{n:02d}T10:00:00Z",
            body=(paragraph("Text."),),
        )

    feed = [make(n, "feed") for n in range(1, 7)]
    store.upsert_articles(store.ensure_feed_source("https://f.example/", "A"), "A", feed)
    files = [make(n, "file") for n in range(1, 7)]
    store.record_file("/x/a.xml", "/x", "A", files, mtime_ns=1, size=1)
    store.set_state([a.id for a in feed + files], read=True)
    assert store.prune(1, feed_window=3) == 3  # the feed's oldest three
    left = {r.title for r in store.list_articles(ArticleQuery())}
    assert left == {"feed 6", "feed 5", "feed 4"} | {a.title for a in files}
    assert store.prune(0) == 0
    store.close()
    # The library keeps as many of a feed's newest as one fetch of a feed can store.
    assert FEED_WINDOW == MAX_ITEMS


# --- 7. watch names and colours -----------------------------------------------------


@pytest.mark.parametrize(
    ("watch", "line", "what"),
    [
        ('name = "a\\u0000b"\nquery = "x"', 2, "control or invisible formatting character"),
        ('name = "a\\u202eb"\nquery = "x"', 2, "control or invisible"),
        (f'query = "x"\nname = "{"w" * 65}"', 3, "at most 64"),
        ('name = "W"\nquery = "x"\ncolor = "notacolour"', 4, "unknown colour 'notacolour'"),
        ('name = "W"\nquery = "x"\ncolor = "oragne"', 4, "did you mean 'orange'?"),
        ('name = "W"\nquery = "x"\ncolor = "#12345"', 4, "unknown colour"),
        ('name = "W"\nquery = "x"\nnotify_command = ["a\\u0000"]', 4, "NUL"),
    ],
)
def test_watch_names_and_colours_are_checked(
    tmp_path: Path, watch: str, line: int, what: str
) -> None:
    path = write(tmp_path, f"[[watch]]\n{watch}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.message.startswith(f"{path}:{line}: "), info.value.message
    assert what in info.value.message


def test_colours_are_read_in_the_form_the_tui_draws(tmp_path: Path) -> None:
    from newsreader.tui.watch_styles import parse_color

    given = ["Orange", "#ABC", "#A0b1C2", " rebeccapurple "]
    text = "".join(
        f'[[watch]]\nname = "W{i}"\nquery = "x"\ncolor = "{c}"\n' for i, c in enumerate(given)
    )
    colors = [w.color for w in load_config(write(tmp_path, text)).watches]
    assert colors == ["orange", "#abc", "#a0b1c2", "rebeccapurple"]
    for color in [*colors, *sorted(CSS_COLOR_NAMES)]:
        assert parse_color(color) is not None, color
    assert len(CSS_COLOR_NAMES) == 148


def test_the_editor_checks_watches_like_the_loader(tmp_path: Path) -> None:
    path = write(tmp_path, '[[section]]\nname = "A"\n')
    editor = ConfigEditor(path)
    with pytest.raises(ConfigError, match="control"):
        editor.add_watch("a\x00b", "cyber")
    with pytest.raises(ConfigError, match="unknown colour"):
        editor.add_watch("W", "cyber", "notacolour")
    assert editor.add_watch("W", "cyber", "DarkOrange")
    editor.save()
    assert [(w.name, w.color) for w in load_config(path).watches] == [("W", "darkorange")]


# --- 8. misspelt keys ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        (
            '[[watch]]\nname = "W"\nquery = "x"\ncolour = "red"\n',
            4,
            "unknown key 'colour'; did you mean 'color'?",
        ),
        (
            '[[section]]\nname = "A"\nfeeds = [\n  "https://a.example/",\n'
            '  { url = "https://b.example/", titel = "B" },\n]\n',
            5,
            "unknown key in a feed 'titel'; did you mean 'title'?",
        ),
        (
            '[[section]]\nname = "A"\nfeeds = [{ url = "https://b.example/", fulltext = true }]\n',
            3,
            "did you mean 'full_text'?",
        ),
        ('[[section]]\nname = "A"\nfeed = []\n', 3, "did you mean 'feeds'?"),
        ('[[mute]]\nquery = "x"\nsection = ["A"]\n', 3, "did you mean 'sections'?"),
        ("[settings]\nconcurency = 2\n", 2, "unknown setting 'concurency'; did you mean"),
        ('[[watch]]\nname = "W"\nquery = "x"\nzzz = 1\n', 4, "unknown key 'zzz' (known: "),
        ('[[sections]]\nname = "A"\n', 1, "did you mean 'section'?"),
    ],
)
def test_unknown_keys_are_errors_with_line_and_suggestion(
    tmp_path: Path, text: str, line: int, what: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.message.startswith(f"{path}:{line}: "), info.value.message
    assert what in info.value.message


# --- 9. a byte order mark -----------------------------------------------------------


def test_a_config_starting_with_a_bom_loads_and_is_written_back_without_it(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], server: FeedServer
) -> None:
    config = isolated_home / ".config" / "newsreader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('\ufeff# mine\n[[watch]]\nname = "Cyber"\nquery = "cyber*"\n', "utf-8")
    assert [w.name for w in load_config(config).watches] == ["Cyber"]
    code, _, err = run(capsys, "watch", "list")
    assert code == 0, err
    server.routes["/rss"] = Reply(body=rss("News", []))
    code, _, err = run(capsys, "add", server.url("/rss"))
    assert code == 0, err
    data = config.read_bytes()
    assert data.startswith(b"# mine\n") and b"\xef\xbb\xbf" not in data
    assert feed_urls(config) == [server.url("/rss")]
