"""The help screen: every key, in one table."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, str]] = [
    ("j / k, ↓ / ↑", "move in the list or the sidebar"),
    ("tab / shift+tab", "go to the next / previous pane"),
    ("enter", "open the article, or show the section"),
    ("space / b", "page the article down / up"),
    ("] / [", "next / previous highlighted match in the article"),
    ("n / p", "next / previous unread article"),
    ("m", "mark read / unread"),
    ("s", "star / unstar"),
    ("o", "open the article in your browser"),
    ("f", "full text: fetch and keep the article's page; again: the feed's version"),
    ("c", "copy the article's link"),
    ("/", 'search (words, "phrases", OR, -word, word*, title:…)'),
    ("escape", "back: leave search results or the full-screen article"),
    (
        "w",
        "new watch: name a query to follow (starts from the word last clicked in the"
        " article, or the current search)",
    ),
    ("x", "remove the watch you are looking at (asks first; its articles stay)"),
    ("e", "explain: which watches match this article, and on which words"),
    ("S", "sort: newest, oldest, title"),
    ("M", "show or hide muted articles (dimmed, with the rule that hid them)"),
    ("ctrl+b", "show or hide the sidebar on narrow terminals"),
    ("r", "refresh: read new and changed files"),
    ("ctrl+p", "command palette: every action, and themes"),
    ("?", "this help"),
    ("q", "quit"),
]


class HelpScreen(ModalScreen[None]):
    """Keys and what they do."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            table.add_row(Text(key), Text(what))
        with VerticalScroll(id="help-box"):
            yield Static(Text("newsreader keys", style="bold"), id="help-title")
            yield Static(table)
            yield Static(Text("Press escape to close.", style="dim"), id="help-footer")

    def action_close(self) -> None:
        self.dismiss(None)
