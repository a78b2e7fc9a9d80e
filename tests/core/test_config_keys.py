"""`[keys]` (rebinding the TUI's keys) and `browser` in `[settings]`, read from real files:
checked with the file and line of a mistake, never written back."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.config import ConfigEditor, load_config
from newsreader.errors import ConfigError
from newsreader.tui.bindings import rebindable_actions

ACTIONS = rebindable_actions()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_keys_and_browser_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
[settings]
browser = ["firefox", "--new-tab"]

[keys]
next_unread = "j"
"newsreader.cursor_down" = ["down", "ctrl+n"]
newsreader.toggle_star = "?"   # a dotted key is the binding id too
open_link_1 = "f1"
""",
    )
    config = load_config(path, actions=ACTIONS)
    assert config.settings.browser == ("firefox", "--new-tab")
    assert config.keys == (
        ("next_unread", "j"),
        ("cursor_down", "down,ctrl+n"),
        ("toggle_star", "question_mark"),  # in Textual's spelling
        ("open_link_1", "f1"),
    )


def test_without_them_nothing_changes(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[[section]]\nname = "A"\n'), actions=ACTIONS)
    assert config.keys == () and config.settings.browser == ()


def test_a_browser_given_as_one_word_is_a_program(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[settings]\nbrowser = "w3m"\n'))
    assert config.settings.browser == ("w3m",)


def test_a_browser_given_as_one_string_is_split_into_words_as_a_shell_would(
    tmp_path: Path,
) -> None:
    text = "[settings]\nbrowser = \"firefox --new-tab 'my profile'\"\n"
    config = load_config(write(tmp_path, text))
    assert config.settings.browser == ("firefox", "--new-tab", "my profile")
    with pytest.raises(ConfigError, match="'browser' cannot be split into words"):
        load_config(write(tmp_path, '[settings]\nbrowser = "firefox \'unclosed"\n'))


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '[settings]\nrefresh_minutes = 5\n\n[keys]\nnext_unred = "j"\n',
            5,
            "unknown action 'next_unred' in [keys]; did you mean 'next_unread'?",
        ),
        (
            '[keys]\n"newsreader.toggle_sart" = "j"\n',
            2,
            "unknown action 'newsreader.toggle_sart' in [keys]; did you mean 'toggle_star'?",
        ),
        ('[keys]\nsearch = "contrl+f"\n', 2, "unknown modifier 'contrl'"),
        ('[keys]\nsearch = "ctrl+f"\nrefresh = "pgdown"\n', 3, "did you mean 'pagedown'?"),
        ('[keys]\nsearch = "ff"\n', 2, "'ff' is not a key"),
        ('[keys]\nsearch = ""\n', 2, "a key is empty"),
        ("[keys]\nsearch = []\n", 2, "give at least one key"),
        ("[keys]\nsearch = 3\n", 2, 'keys are written "j"'),
        ('[keys]\nsearch = "g"\nrefresh = "x,g"\n', 3, "'g' is given to both search and refresh"),
        ("keys = 3\n", 1, "[keys] must be a table"),
        ("[settings]\nbrowser = []\n", 2, "'browser' must be a program"),
        ('[settings]\nbrowser = ["", "x"]\n', 2, "'browser' names no program"),
        ('[settings]\nbrowser = ["firefox", 3]\n', 2, "'browser' must be a program"),
        ('[settings]\nbrowzer = "firefox"\n', 2, "unknown setting 'browzer'; did you mean"),
    ],
)
def test_mistakes_are_config_errors_with_their_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, actions=ACTIONS)
    assert caught.value.message.startswith(f"{path}:{line}: ")
    assert message in caught.value.message


def test_action_names_are_checked_by_every_command_too(tmp_path: Path) -> None:
    """The headless commands check the names against the TUI's actions as written out
    in `config.values.ACTIONS` (the config cannot import the UI; a TUI test keeps the two
    the same), so `list` refuses what the TUI would."""
    path = write(tmp_path, '[keys]\nnext_unred = "j"\n')
    for actions in (None, ACTIONS):
        with pytest.raises(ConfigError, match="did you mean 'next_unread'"):
            load_config(path, actions=actions)


def test_the_editor_leaves_keys_and_browser_as_written(tmp_path: Path) -> None:
    text = (
        '[settings]\nbrowser = ["firefox", "--new-tab"]  # mine\n\n'
        '[keys]\nnext_unread = "j"  # as in newsboat\n'
    )
    path = write(tmp_path, text)
    editor = ConfigEditor(path)
    editor.add_feed("News", "https://example.org/rss")
    editor.save()
    written = path.read_text(encoding="utf-8")
    assert written.startswith(text)
    config = load_config(path, actions=ACTIONS)
    assert config.keys == (("next_unread", "j"),)
    assert config.settings.browser == ("firefox", "--new-tab")


def test_newsreader_refuses_to_open_on_a_mistake_in_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import newsreader.cli as cli
    from newsreader.tui.app import NewsReaderApp

    path = write(tmp_path, '[keys]\nnext_unred = "j"\n')
    monkeypatch.setenv("NEWSREADER_CONFIG", str(path))
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    started: list[object] = []
    monkeypatch.setattr(NewsReaderApp, "run", lambda self, **kw: started.append(self))
    assert cli.main([]) == 2
    assert f"{path}:2: unknown action 'next_unred'" in capsys.readouterr().err
    assert started == []
    path.write_text('[keys]\nnext_unread = "j"\n', encoding="utf-8")
    assert cli.main([]) == 0 and len(started) == 1


def test_an_unknown_action_in_keys_stops_every_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.cli import main

    config = tmp_path / "config.toml"
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))
    config.write_text('[keys]\nbogus_action = "x"\n', encoding="utf-8")
    for argv in (("list",), ("add", "/nonexistent-x")):
        code = main(list(argv))
        err = capsys.readouterr().err
        assert code == 2
        assert f"{config}:2: unknown action 'bogus_action' in [keys]" in err


def test_a_browser_string_that_is_a_program_s_path_is_one_word(tmp_path: Path) -> None:
    program = tmp_path / "My Browser" / "browser"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    config = load_config(write(tmp_path, f'[settings]\nbrowser = "{program}"\n'))
    assert config.settings.browser == (str(program),)
