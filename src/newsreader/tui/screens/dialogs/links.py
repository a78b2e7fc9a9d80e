"""The open article's links, numbered as the article numbers them: pick one to open.

At most LIMIT of them (a page of 20,000 links would take long to list, and nobody
scrolls that far), with a line saying how many more; each on one line, a long address
cut with "…" (the whole one opens)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

LIMIT = 500
"""Links listed at most."""
SHOWN_CHARS = 300
"""Characters of an address kept for its line (the line cuts it further, with "…")."""


def link_line(number: int, url: str) -> Text:
    shown = url if len(url) <= SHOWN_CHARS else url[:SHOWN_CHARS] + "…"
    return Text.assemble((f"[{number}] ", "dim"), shown, no_wrap=True, overflow="ellipsis")


class LinksDialog(ModalScreen[str | None]):
    """Returns the chosen link's address, or None when closed."""

    BINDINGS = [Binding("escape,q,L", "close", "Close")]

    # Its own styles here, not in app.tcss: the dialog is whole in one module.
    DEFAULT_CSS = """
    LinksDialog {
        align: center middle;
        background: $background 60%;
    }
    #links-box {
        width: 90;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        padding: 1 2;
        border: round $accent;
        background: $surface;
    }
    #links-title {
        margin: 0 0 1 0;
    }
    #links-list {
        height: auto;
        max-height: 40vh;  /* with the lines around it, within 90% of 24 rows */
        margin: 0 0 1 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #links-more {
        margin: 0 0 1 0;
    }
    """

    def __init__(self, title: str, links: list[str]) -> None:
        super().__init__()
        self.article_title = title
        self.links = links

    def compose(self) -> ComposeResult:
        # Titles and addresses come from feeds: plain Text, never markup.
        options = [
            Option(link_line(n, url), id=str(n))
            for n, url in enumerate(self.links[:LIMIT], start=1)
        ]
        rest = len(self.links) - LIMIT
        with Vertical(id="links-box"):
            yield Static(Text(self.article_title, style="bold"), id="links-title")
            yield OptionList(*options, id="links-list")
            if rest > 0:
                more = f"… and {rest:,} more, listed at the article's end"
                yield Static(Text(more, style="dim"), id="links-more")
            yield Static(
                Text("enter: open in your browser   escape: close", style="dim"), id="links-hint"
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.links[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)
