"""A yes/no question before anything is removed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; anything but y keeps things as they are."""

    # Centred over the screen (app.tcss names it ConfirmScreen, which matches nothing).
    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
        background: $background 60%;
    }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Text(self.question))
            yield Static(Text("y: yes   n / escape: no", style="dim"))

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
