"""Writing the config back: a symlinked config stays a link and keeps its mode, names
that look alike are refused, a path lives in one section, and the built-in sidebar
entries' names are not given to new sections."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.config import load_config
from newsreader.paths import write_atomically

CONFIG = '# mine\n[[section]]\nname = "World"\nfeeds = ["https://example.org/feed"]\n'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def user_config(home: Path) -> Path:
    """Where the CLI looks for the config (XDG_CONFIG_HOME is under the test's HOME)."""
    folder = home / ".config" / "newsreader"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "config.toml"


def user_config_path() -> Path:
    """The user's config, made with one section (not the samples' copy)."""
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "newsreader" / "config.toml"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(CONFIG, encoding="utf-8")
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- a symlinked config -------------------------------------------------------------


def test_a_symlinked_config_stays_a_link_and_keeps_its_mode(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dotfiles = isolated_home / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "nr.toml"
    real.write_text(CONFIG, encoding="utf-8")
    real.chmod(0o644)
    link = user_config(isolated_home)
    link.symlink_to(real)

    code, out, err = run(capsys, "watch", "add", "y", "body2")

    assert (code, err) == (0, ""), err
    assert link.is_symlink() and link.readlink() == real
    assert mode(real) == 0o644
    assert "# mine" in real.read_text(encoding="utf-8")
    assert [w.name for w in load_config(real).watches] == ["y"]
    assert sorted(p.name for p in dotfiles.iterdir()) == ["nr.toml"]  # no temporary left


def test_a_chain_of_relative_links_is_followed_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "c.toml"
    real.write_text("a", encoding="utf-8")
    real.chmod(0o640)
    (tmp_path / "middle.toml").symlink_to("real/c.toml")
    (tmp_path / "links").mkdir()
    first = tmp_path / "links" / "config.toml"
    first.symlink_to("../middle.toml")

    write_atomically(first, "b")

    assert first.is_symlink() and (tmp_path / "middle.toml").is_symlink()
    assert real.read_text(encoding="utf-8") == "b" and mode(real) == 0o640
    assert os.listdir(tmp_path / "real") == ["c.toml"]


def test_a_link_to_no_file_yet_makes_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "config.toml"
    link.symlink_to(tmp_path / "elsewhere.toml")
    write_atomically(link, "x")
    assert link.is_symlink() and (tmp_path / "elsewhere.toml").read_text() == "x"


def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.toml", "x")
        os.umask(0o077)
        write_atomically(tmp_path / "private.toml", "x")
    finally:
        os.umask(previous)
    assert mode(tmp_path / "new.toml") == 0o644
    assert mode(tmp_path / "private.toml") == 0o600


def test_an_existing_files_mode_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o604)
    write_atomically(path, "new")
    assert mode(path) == 0o604 and path.read_text(encoding="utf-8") == "new"


def test_a_link_loop_is_a_clear_error_not_a_hang(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = user_config(isolated_home)
    other = link.parent / "other.toml"
    link.symlink_to(other)
    other.symlink_to(link)

    code, out, err = run(capsys, "add", str(isolated_home), "--section", "Home")

    assert code == 2 and out == ""
    assert "symbolic links" in err and str(link) in err, err
    assert link.is_symlink() and other.is_symlink()


def test_not_following_links_replaces_the_link_itself(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("keep", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(real)
    write_atomically(link, "new", follow_links=False)
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "new"
    assert real.read_text(encoding="utf-8") == "keep"


# --- export-opml writes as export does ------------------------------------------------


def test_export_opml_never_writes_through_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "out.opml"
    link.symlink_to(victim)
    for argv in (["export-opml", str(link)], ["export-opml", str(link), "--force"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and "symbolic link" in err, err
    assert victim.read_text(encoding="utf-8") == "precious" and link.is_symlink()


def test_export_opml_overwrites_a_file_only_when_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "feeds.opml"
    target.write_text("mine", encoding="utf-8")
    target.chmod(0o640)

    code, out, err = run(capsys, "export-opml", str(target))
    assert code == 2 and "exists" in err and "--force" in err, err
    assert target.read_text(encoding="utf-8") == "mine"

    code, out, err = run(capsys, "export-opml", str(target), "--force")
    assert (code, err) == (0, "")
    assert "<opml" in target.read_text(encoding="utf-8") and mode(target) == 0o640


def test_export_opml_makes_a_new_file_and_refuses_a_fifo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "export-opml", str(tmp_path / "new.opml"))
    assert (code, err) == (0, "")
    assert "<opml" in (tmp_path / "new.opml").read_text(encoding="utf-8")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "export-opml", str(fifo), "--force")
    assert code == 2 and "not a regular file" in err, err


# --- names that look alike ------------------------------------------------------------


@pytest.mark.parametrize("hidden", ["\u200b", "\u00ad", "\u2060", "\U000e0041", "\u200e"])
def test_a_watch_name_with_an_invisible_character_is_refused(
    capsys: pytest.CaptureFixture[str], hidden: str
) -> None:
    user_config_path()
    assert run(capsys, "watch", "add", "zwsp", "x")[0] == 0
    code, out, err = run(capsys, "watch", "add", f"zw{hidden}sp", "x")
    assert code == 2 and "invisible" in err and f"U+{ord(hidden):04X}" in err, err
    config = load_config(user_config_path())
    assert [w.name for w in config.watches] == ["zwsp"]


def test_a_flag_spelled_with_tag_characters_may_name_a_watch(
    capsys: pytest.CaptureFixture[str],
) -> None:
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    user_config_path()
    assert run(capsys, "watch", "add", f"{scotland} Scotland", "scotland")[0] == 0
    config = load_config(user_config_path())  # and the config loads again
    assert [w.name for w in config.watches] == [f"{scotland} Scotland"]


@pytest.mark.parametrize(
    "argv", [["add", "{path}", "--section", "Tech\u200b"], ["move", "{path}", "Tech\u200b"]]
)
def test_a_section_name_with_an_invisible_character_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    user_config_path()
    assert run(capsys, "add", str(folder), "--section", "Tech")[0] == 0
    code, _, err = run(capsys, *[a.format(path=folder) for a in argv])
    assert code == 2 and "U+200B" in err, err
    assert "Tech\u200b" not in user_config_path().read_text(encoding="utf-8")


def test_the_loader_refuses_an_invisible_character_in_a_name_with_its_line(
    tmp_path: Path,
) -> None:
    from newsreader.errors import ConfigError

    path = tmp_path / "c.toml"
    path.write_text(
        '[[watch]]\nname = "a"\nquery = "x"\n\n[[watch]]\nname = "zw\\u200bsp"\nquery = "y"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=rf"^{path}:6: .*U\+200B"):
        load_config(path)


@pytest.mark.parametrize(("first", "second"), [("Café", "CAFE\u0301"), ("ﬁles", "FILES")])
def test_names_that_are_one_name_folded_are_refused_as_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], first: str, second: str
) -> None:
    from newsreader.errors import ConfigError

    user_config_path()
    assert run(capsys, "watch", "add", first, "x")[0] == 0
    code, _, err = run(capsys, "watch", "add", second, "y")
    assert code == 2 and "exists" in err, err
    assert run(capsys, "watch", "remove", second)[0] == 0
    assert load_config(user_config_path()).watches == ()

    for table in ("section", "watch"):
        path = tmp_path / f"{table}.toml"
        path.write_text(
            f'[[{table}]]\nname = "{first}"\nquery = "x"\n\n'
            f'[[{table}]]\nname = "{second}"\nquery = "x"\n',
            encoding="utf-8",
        )
        if table == "section":
            path.write_text(path.read_text().replace('query = "x"\n', ""), encoding="utf-8")
        with pytest.raises(ConfigError, match="defined twice"):
            load_config(path)


# --- sections: not a built-in's name, and a path in one section -------------------------


@pytest.mark.parametrize("name", ["All", "starred", "SAVED", "Unread", "Muted", "Opened"])
def test_a_new_section_may_not_take_a_built_in_entrys_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    folder = tmp_path / "dl"
    folder.mkdir()
    config = user_config_path()
    before = config.read_text(encoding="utf-8")

    code, _, err = run(capsys, "add", str(folder), "--section", name)
    assert code == 2 and "sidebar's own entries" in err, err
    from newsreader.core import Library
    from newsreader.errors import ConfigError

    with Library.open() as library, pytest.raises(ConfigError, match="sidebar's own entries"):
        library.add_feed("https://example.org/other", name)  # as `add URL` does once found
    assert run(capsys, "add", str(folder), "--section", "Downloads")[0] == 0
    code, _, err = run(capsys, "move", str(folder), name)
    assert code == 2 and "sidebar's own entries" in err, err

    assert [s.name for s in load_config(config).sections] == ["World", "Downloads"]
    assert config.read_text(encoding="utf-8").startswith(before)


def test_a_section_written_by_hand_with_a_built_in_name_still_takes_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = user_config_path()
    config.write_text('[[section]]\nname = "Saved"\npaths = []\n', encoding="utf-8")
    folder = tmp_path / "dl"
    folder.mkdir()
    assert run(capsys, "add", str(folder), "--section", "saved")[0] == 0
    assert load_config(config).sections[0].paths == (folder,)


def test_one_path_in_two_sections_is_refused_naming_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "dl"
    folder.mkdir()
    config = user_config_path()
    assert run(capsys, "add", str(folder), "--section", "Downloads")[0] == 0
    before = config.read_text(encoding="utf-8")

    code, out, err = run(capsys, "add", str(folder), "--section", "Other")
    assert code == 2 and out == "", out
    assert "in section 'Downloads' already" in err and "move" in err, err
    code, out, _ = run(capsys, "add", str(folder) + "/", "--section", "downloads")
    assert code == 0 and "already" in out  # the same section: nothing to do
    assert config.read_text(encoding="utf-8") == before


def test_a_feed_already_subscribed_says_which_section_it_is_in(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from newsreader.core import Library

    user_config_path()
    with Library.open() as library:
        result = library.add_feed("https://EXAMPLE.org/feed", "Elsewhere")
    assert not result.added and result.section == "World"


def test_an_opml_folder_named_like_a_built_in_becomes_its_own_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="Saved">'
        '<outline type="rss" xmlUrl="https://example.org/a" text="A"/></outline>'
        '<outline text="Sp\u200bort"><outline type="rss" xmlUrl="https://example.org/b"/>'
        "</outline></body></opml>",
        encoding="utf-8",
    )
    config = user_config_path()
    code, out, err = run(capsys, "import-opml", str(opml))
    assert (code, err) == (0, ""), err
    assert "imported 2 feeds in 2 sections" in out, out
    names = [s.name for s in load_config(config).sections]
    assert names == ["World", "Saved (imported)", "Sport"]
