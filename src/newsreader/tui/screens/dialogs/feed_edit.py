"""Small dialogs for one feed or path: a new title, another section."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

_BOX_CSS = """
{name} {{
    align: center middle;
    background: $background 60%;
}}
{name} > Vertical {{
    width: 76;
    max-width: 95%;
    height: auto;
    max-height: 95%;
    padding: 1 2;
    border: round $accent;
    background: $surface;
}}
{name} OptionList {{
    height: auto;
    max-height: 12;
}}
"""


class RenameDialog(ModalScreen[str | None]):
    """The title to show for a feed; empty gives the feed its own title back."""

    DEFAULT_CSS = _BOX_CSS.format(name="RenameDialog")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, name: str, url: str, title: str | None) -> None:
        super().__init__()
        self.feed_name = name
        self.url = url
        self.title_now = title

    def compose(self) -> ComposeResult:
        with Vertical(id="rename-box"):
            yield Static(Text(f"Rename {self.feed_name}", style="bold"))
            yield Static(Text(self.url, style="dim"))
            yield Input(self.title_now or self.feed_name, placeholder="title", id="rename-title")
            yield Static(
                Text("enter: save   empty: the feed's own title   escape: cancel", style="dim")
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class SectionDialog(ModalScreen[str | None]):
    """Pick a section from the list, or type a new one's name."""

    DEFAULT_CSS = _BOX_CSS.format(name="SectionDialog")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, sections: list[str], current: str) -> None:
        super().__init__()
        self.question = question
        self.sections = [s for s in sections if s.casefold() != current.casefold()]

    def compose(self) -> ComposeResult:
        with Vertical(id="section-box"):
            yield Static(Text(self.question, style="bold"))
            yield OptionList(
                *(Option(Text(name), id=str(i)) for i, name in enumerate(self.sections)),
                id="section-list",
                markup=False,
            )
            yield Input(placeholder="or a new section", id="section-new")
            yield Static(Text("enter: move there   escape: cancel", style="dim"))

    def on_mount(self) -> None:
        if self.sections:
            self.query_one(OptionList).focus()
        else:
            self.query_one(Input).focus()

    @on(OptionList.OptionSelected)
    def on_picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.sections[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
