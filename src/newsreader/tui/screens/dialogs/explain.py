"""Why an article shows: each watch and mute, in plain words."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ExplainDialog(ModalScreen[None]):
    """Why an article shows (or would hide): each watch and mute, in plain words."""

    BINDINGS = [Binding("escape,e,q", "close", "Close")]

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__()
        self.article_title = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(id="explain-box"):
            yield Static(Text(self.article_title, style="bold"), id="explain-title")
            yield Static(Text("\n".join(self.lines)), id="explain-lines")
            yield Static(Text("Press escape to close.", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
