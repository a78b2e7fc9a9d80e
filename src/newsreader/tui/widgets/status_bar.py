"""The status line: refresh progress, counts, and the last problem worth knowing."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusBar(Static):
    """One line above the footer."""

    def show(self, message: str, *, error: bool = False) -> None:
        """Plain text only: messages may quote article or source text."""
        self.set_class(error, "-error")
        self.update(Text(message))
