"""The search dialog: type a query; a query that does not parse says where, and stays."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from newsreader.errors import QueryError
from newsreader.query.language import parse_query


class SearchDialog(ModalScreen[str | None]):
    """Returns the query, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, initial: str = "") -> None:
        super().__init__()
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static(Text("Search", style="bold"))
            yield Input(
                value=self.initial,
                placeholder='words, "a phrase", OR, -word, word*, title:…',
                id="search-input",
            )
            yield Static(Text(""), id="search-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        if not query:
            self.dismiss(None)
            return
        try:
            parse_query(query)
        except QueryError as exc:
            self.query_one("#search-error", Static).update(Text(exc.message))
            return
        self.dismiss(query)

    def action_cancel(self) -> None:
        self.dismiss(None)
