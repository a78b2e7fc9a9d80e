"""Hostile and undecodable file names in the real app: list rows, the sidebar and the
status line ("Refreshing 1/3: name", then the refresh's error) show them inert."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from textual.message import Message

from newsreader.config import load_config
from newsreader.core import Library
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.messages import ScanProgress
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.widgets import ArticleList, Sidebar, StatusBar

from .conftest import NOW, settle

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def assert_inert(text: str) -> None:
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} in {text!r}"


def named(folder: Path, name: bytes, data: bytes) -> None:
    fd = os.open(os.fsencode(folder) + b"/" + name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


async def test_file_names_reach_the_screen_inert(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    named(folder, b"\x1b]52;c;cm0K\x1b\\.txt", b"Harbour reopens\n\nAfter the storm.\n")
    named(folder, b"caf\xe9.txt", b"Cafe opens\n\nA new cafe in the old town.\n")
    named(folder, "\x1b]0;owned\x07\u202ebroken.txt".encode(), b"\x00\x01" * 40)
    config = tmp_path / "config.toml"
    config.write_text(f'[[section]]\nname = "Disk"\npaths = [{json.dumps(str(folder))}]\n')
    library = Library.open(load_config(config), tmp_path / "library.db")
    app = NewsReaderApp(library, clock=lambda: NOW, scan_on_start=False)
    progress: list[ScanProgress] = []

    def hook(message: Message) -> None:
        if isinstance(message, ScanProgress):
            progress.append(message)

    async with app.run_test(size=(160, 40), message_hook=hook) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        status = app.query_one(StatusBar)
        shown = str(status.render())
        assert status.has_class("-error") and "broken.txt: binary file, not text" in shown
        assert_inert(shown)
        rows = [row for _, row in app.query_one(ArticleList).loaded_rows()]
        assert sorted(r.title for r in rows) == ["Cafe opens", "Harbour reopens"]
        assert {r.source for r in rows} == {".txt", "caf\ufffd.txt"}
        for row in rows:
            assert_inert(row.title + row.source)
        # The status line while files are read: show what the refresh posted (the
        # queue merges progress messages, so some of the three files may be missing;
        # posted again now they would be late, and dropped).
        assert progress and all(message.total == 3 for message in progress)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for message in progress:
            assert_inert(message.name)
            screen.show_progress(message)
            await pilot.pause()
            line = str(status.render())
            assert line.startswith(f"Refreshing {message.done}/3: ")
            assert_inert(line)
        # The sidebar lists the section's files, the broken one marked.
        sidebar = app.query_one(Sidebar)
        section = [n for n in sidebar.root.children if str(n.label).startswith("Disk")][0]
        section.expand()
        await settle(pilot)
        labels = [str(n.label) for n in section.children]
        assert len(labels) == 3 and any(label.startswith("⚠ ") for label in labels)
        for label in labels:
            assert_inert(label)
