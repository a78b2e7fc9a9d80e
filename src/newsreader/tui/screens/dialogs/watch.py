"""A new watch: its name and query; the query is checked before it is accepted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from newsreader.errors import QueryError
from newsreader.query.language import parse_query


class WatchDialog(ModalScreen[tuple[str, str] | None]):
    """Name and query of a new watch; the query is checked before it is accepted."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, query: str = "", *, name: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self.initial_name = name

    def compose(self) -> ComposeResult:
        with Vertical(id="watch-box"):
            yield Static(Text("New watch", style="bold"))
            yield Static(Text("Name (its entry in the sidebar)"))
            yield Input(self.initial_name, placeholder="name, e.g. Cyber", id="watch-name")
            yield Static(Text('Query: words, "a phrase", OR, -word, word*, title:, author:'))
            yield Input(
                value=self.initial_query,
                placeholder='query, e.g. cyber* OR "national sovereignty"',
                id="watch-query",
            )
            yield Static(Text(""), id="watch-error")
            yield Static(Text("enter: add   escape: cancel", style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = self.query_one("#watch-name", Input).value.strip()
        query = self.query_one("#watch-query", Input).value.strip()
        error = self.query_one("#watch-error", Static)
        if event.input.id == "watch-name" and not query:
            self.query_one("#watch-query", Input).focus()
            return
        if not name:
            error.update(Text("Give the watch a name."))
            self.query_one("#watch-name", Input).focus()
            return
        try:
            parse_query(query)
        except QueryError as exc:
            error.update(Text(exc.message))
            return
        self.dismiss((name, query))

    def action_cancel(self) -> None:
        self.dismiss(None)
