"""The session's messages in full, with their times: what the status line cut or
replaced, and the notifications that came and went."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.tui.message_log import LogEntry


def entry_text(entry: LogEntry) -> Text:
    """One message as plain Text (messages quote feeds and files: never markup)."""
    text = Text(entry.at.strftime("%H:%M:%S") + "  ", style="dim")
    text.append(entry.text, style="bold red" if entry.error else "")
    if entry.repeats > 1:
        text.append(f"  (×{entry.repeats})", style="dim")
    return text


class MessagesDialog(ModalScreen[None]):
    """Every message of the session, newest at the bottom; scrolls."""

    BINDINGS = [Binding("escape,q,exclamation_mark", "close", "Close")]

    # Its own styles here, not in app.tcss: the dialog is whole in one module.
    # Its own styles here, not in app.tcss: the dialog is whole in one module. The box
    # is itself the scroller, as tall as its messages up to 90% of the screen; the title
    # and the hint are docked in it, so they stay in view while the messages scroll.
    DEFAULT_CSS = """
    MessagesDialog {
        align: center middle;
        background: $background 60%;
    }
    #messages-list {
        width: 100;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        padding: 0 2;
        border: round $accent;
        background: $surface;
    }
    #messages-title {
        dock: top;
        padding: 1 0;
        background: $surface;
    }
    #messages-footer {
        dock: bottom;
        padding: 1 0;
        background: $surface;
    }
    """

    def __init__(self, entries: list[LogEntry]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="messages-list"):
            yield Static(Text("Messages", style="bold"), id="messages-title")
            yield Static(Text("Press escape to close.", style="dim"), id="messages-footer")
            # One Static for them all: a thousand widgets would be slow to open.
            if self.entries:
                lines = Text("\n").join(entry_text(entry) for entry in self.entries)
                yield Static(lines, id="messages-text")
            else:
                yield Static(Text("No messages yet.", style="dim"), id="messages-text")

    def on_mount(self) -> None:
        messages = self.query_one("#messages-list", VerticalScroll)
        messages.focus()
        self.call_after_refresh(messages.scroll_end, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
