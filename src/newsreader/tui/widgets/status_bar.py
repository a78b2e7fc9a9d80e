"""The status line: refresh progress, counts, and the last problem worth knowing."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusBar(Static):
    """One line above the footer."""

    is_summary = False
    """True while the bar shows the library summary (kept current by the screen)."""

    def show(self, message: str, *, error: bool = False) -> None:
        """Plain text only: messages may quote article or source text."""
        self.is_summary = False
        self.set_class(error, "-error")
        self.update(Text(message))

    def show_summary(self, message: str) -> None:
        self.show(message)
        self.is_summary = True
