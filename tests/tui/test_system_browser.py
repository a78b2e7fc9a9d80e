"""With no `browser` in the config, `o` opens the system's browser without handing it
the reader's terminal: a plain command runs detached, a terminal browser is refused.

The app's stdin/stdout are made a real terminal (a pty) for these tests, and the browser
is a real script that writes down whether it got one."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import webbrowser
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.tui.browser import open_url
from newsreader.tui.widgets import StatusBar

from .conftest import AppFactory, settle

RECORDER = """#!/bin/sh
{{
  if test -t 0; then echo "stdin: tty"; else echo "stdin: not a tty"; fi
  if test -t 1; then echo "stdout: tty"; else echo "stdout: not a tty"; fi
  echo "url: $1"
}} > {out}
"""


@contextlib.contextmanager
def terminal_on_stdio() -> Iterator[None]:
    """fds 0 and 1 on a pty for the duration, as when the reader runs in a terminal."""
    master, slave = os.openpty()
    saved = os.dup(0), os.dup(1)
    try:
        os.dup2(slave, 0)
        os.dup2(slave, 1)
        yield
    finally:
        os.dup2(saved[0], 0)
        os.dup2(saved[1], 1)
        for fd in (*saved, master, slave):
            os.close(fd)


def recorder(directory: Path, name: str, out: Path) -> Path:
    directory.mkdir(exist_ok=True)
    script = directory / name
    script.write_text(RECORDER.format(out=out))
    script.chmod(0o755)
    return script


@pytest.fixture
def started(
    started: list[subprocess.Popen[bytes]], monkeypatch: pytest.MonkeyPatch
) -> list[subprocess.Popen[bytes]]:
    """The processes started (conftest's), with the system's browser looked up afresh."""
    # webbrowser reads the environment once: let it read ours afresh.
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    return started


async def test_a_browser_from_BROWSER_runs_without_the_terminal(
    make_app: AppFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    started: list[subprocess.Popen[bytes]],
) -> None:
    out = tmp_path / "got.txt"
    script = recorder(tmp_path / "bin", "some-tty-program", out)
    monkeypatch.setenv("BROWSER", str(script))
    app = make_app()
    with terminal_on_stdio():
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)
            [process] = started
            assert process.wait(timeout=30) == 0  # the script's end, not a sleep
            assert out.read_text().splitlines() == [
                "stdin: not a tty",
                "stdout: not a tty",
                "url: https://gazette.example.org/world/item-000",
            ]
            status = app.query_one(StatusBar)
            assert status.message == "Opened https://gazette.example.org/world/item-000"


async def test_a_terminal_browser_is_not_run_but_named(
    make_app: AppFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    started: list[subprocess.Popen[bytes]],
) -> None:
    out = tmp_path / "got.txt"
    bin_dir = tmp_path / "bin"
    recorder(bin_dir, "w3m", out)
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.setenv("PATH", str(bin_dir))  # w3m, the only browser there is
    app = make_app()
    with terminal_on_stdio():
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)
            for process in started:
                process.wait(timeout=30)
            assert not out.exists()
            status = app.query_one(StatusBar)
            assert status.has_class("-error")
            assert "w3m" in status.message and "browser = [" in status.message


def test_percent_s_in_the_browser_command_is_where_the_address_goes(
    tmp_path: Path, started: list[subprocess.Popen[bytes]]
) -> None:
    out = tmp_path / "argv.txt"
    script = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_text(repr(sys.argv[2:]))"
    url = "https://gazette.example.org/a"
    command = (sys.executable, "-c", script, str(out), "--url=%s", "--new-tab")
    assert open_url(url, command) is None
    [process] = started
    assert process.wait(timeout=30) == 0  # the program's end, not a sleep
    assert out.read_text() == repr([f"--url={url}", "--new-tab"])  # not also appended
