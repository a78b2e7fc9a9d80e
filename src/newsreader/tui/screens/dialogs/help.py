"""The help screen: every key, grouped, from the one table of bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.tui.bindings import HELP


def keys_table(keymap: dict[str, str] | None = None) -> Table:
    """Every key the app has, grouped as the help screen shows them (as the config's
    `[keys]` rebound them)."""
    table = Table(box=None, show_header=False, padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for number, group in enumerate(HELP):
        if number:
            table.add_row("", "")
        table.add_row(Text(group.title, style="bold underline"), "")
        for key in group.keys:
            table.add_row(Text(key.shown_in(keymap or {})), Text(key.help))
    return table


class HelpDialog(ModalScreen[None]):
    """Keys and what they do."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def __init__(self, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text("newsreader keys", style="bold"), id="help-title")
            yield Static(keys_table(self.keymap))
            yield Static(Text("Press escape to close.", style="dim"), id="help-footer")

    def action_close(self) -> None:
        self.dismiss(None)
