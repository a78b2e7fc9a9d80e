"""The TOML config: discovery, validation with file:line errors, and comment-keeping edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.config import ConfigEditor, load_config
from newsreader.errors import ConfigError
from newsreader.paths import config_file, db_path, sample_feeds_dir

GOOD = """\
# my news
[settings]
refresh_minutes = 15  # often
concurrency = 8
per_host = 2

[[section]]
name = "World"
feeds = [
  "https://example.org/world/rss.xml",  # the main one
  { url = "https://example.net/atom", title = "Net", refresh_minutes = 60, full_text = true },
]

[[section]]
name = "Saved"
paths = ["articles", "~/elsewhere"]

[[watch]]
name = "Cyber"
query = 'cyber* OR "national sovereignty"'
color = "orange"

[[mute]]
query = "title:sponsored"
sections = ["World"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_config_means_the_bundled_samples() -> None:
    config = load_config()
    assert config.is_sample
    assert [s.name for s in config.sections] == ["World", "Tech", "Asia", "Clippings"]
    saved = config.section("clippings")
    assert saved is not None and saved.paths == ((sample_feeds_dir() / "saved").resolve(),)


def test_paths_follow_xdg_and_override(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert config_file() == isolated_home / ".config" / "newsreader" / "config.toml"
    assert db_path() == isolated_home / ".local" / "share" / "newsreader" / "library.db"
    monkeypatch.setenv("NEWSREADER_CONFIG", str(isolated_home / "x.toml"))
    assert config_file() == isolated_home / "x.toml"


def test_full_config_is_read(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD))
    assert not config.is_sample
    assert config.settings.refresh_minutes == 15 and config.settings.concurrency == 8
    assert config.settings.per_host == 2
    world = config.section("WORLD")
    assert world is not None
    assert [f.url for f in world.feeds] == [
        "https://example.org/world/rss.xml",
        "https://example.net/atom",
    ]
    assert world.feeds[1].title == "Net" and world.feeds[1].refresh_minutes == 60
    assert world.feeds[1].full_text
    saved = config.section("Saved")
    assert saved is not None
    assert saved.paths[0] == (tmp_path / "articles").resolve()  # relative to the config file
    assert saved.paths[1] == Path("~/elsewhere").expanduser()
    assert config.watches[0].query == 'cyber* OR "national sovereignty"'
    assert config.mutes[0].sections == ("World",)


def test_user_config_found_through_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSREADER_CONFIG", str(write(tmp_path, GOOD)))
    assert not load_config().is_sample


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ('[[section]]\nname = "A"\nfeeds = ["https://a"\n', ":3", "Unclosed array"),
        ('[[section]]\nname = "A"\nfeeds = oops\n', ":3:9", "Invalid value"),
        ("[settings]\nrefresh_minutes = -5\n", ":2", "refresh_minutes"),
        ("[settings]\nconcurrency = 16\nper_host = 0\n", ":3", "'per_host' must be a whole"),
        ("[settings]\ncolour = 1\n", ":2", "unknown setting 'colour'"),
        ("[[section]]\nfeeds = []\n", ":1", "needs a name"),
        (
            '[[section]]\nname = "A"\n\n[[section]]\nname = "B"\nfeeds = ["ftp://x"]\n',
            ":6",
            "must start with http",
        ),
        ('[[section]]\nname = "A"\n[[section]]\nname = "a"\n', ":4", "defined twice"),
        ('[[watch]]\nname = "W"\n', ":1", "needs a query"),
        (
            '[[watch]]\nname = "W"\nquery = "a"\n\n[[mute]]\nquery = \'x "open\'\n',
            ":6",
            "the mute's query does not parse: unclosed quote at position 3",
        ),
        ('[[watch]]\nname = "W"\nquery = "(a OR"\n', ":3", "the watch's query does not parse"),
        ("sections = 1\n", ":1", "unknown key"),
    ],
)
def test_mistakes_name_file_line_and_problem(
    tmp_path: Path, text: str, where: str, what: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = info.value.message
    assert message.startswith(f"{path}{where}"), message
    assert what in message


def test_editor_keeps_comments_and_layout(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    editor = ConfigEditor(path)
    assert editor.add_feed("World", "https://new.example/feed")
    assert not editor.add_feed("Other", "https://example.org/world/rss.xml")  # already there
    assert editor.add_path("Local", str(tmp_path / "notes"))
    editor.save()
    text = path.read_text(encoding="utf-8")
    assert "# my news" in text and "# often" in text and "# the main one" in text
    config = load_config(path)
    world = config.section("World")
    assert world is not None and world.feeds[-1].url == "https://new.example/feed"
    local = config.section("Local")
    assert local is not None and local.paths == (tmp_path / "notes",)


def test_editor_creates_a_config_when_there_is_none(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    editor = ConfigEditor(path)
    editor.add_feed("Tech", "https://tech.example/rss", title="Tech News")
    editor.save()
    config = load_config(path)
    tech = config.section("Tech")
    assert tech is not None and tech.feeds[0].title == "Tech News"
    assert path.read_text().startswith("# newsreader configuration")


def test_editor_refuses_to_rewrite_a_broken_config(tmp_path: Path) -> None:
    path = write(tmp_path, "[[section]\nname = 1\n")
    with pytest.raises(ConfigError):
        ConfigEditor(path)
    assert path.read_text() == "[[section]\nname = 1\n"


def test_replace_feed_url_after_a_permanent_redirect(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    editor = ConfigEditor(path)
    assert editor.replace_feed_url("https://example.net/atom", "https://example.net/feed.atom")
    editor.save()
    world = load_config(path).section("World")
    assert world is not None and world.feeds[1].url == "https://example.net/feed.atom"
    assert world.feeds[1].title == "Net"
