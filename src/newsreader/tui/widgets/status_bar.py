"""The status line: refresh progress, counts, and the last problem worth knowing."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusBar(Static):
    """One line above the footer."""

    is_summary = False
    """True while the bar shows the library summary (kept current by the screen)."""
    message = ""
    """What the bar shows now, as plain text."""
    summary = ""
    """The last library summary, to go back to when a message no longer holds."""

    def show(self, message: str, *, error: bool = False) -> None:
        """Plain text only: messages may quote article or source text."""
        self.is_summary = False
        self.message = message
        self.set_class(error, "-error")
        self.update(Text(message))

    def show_summary(self, message: str) -> None:
        self.show(message)
        self.summary = message
        self.is_summary = True

    def restore_summary(self) -> None:
        """Back to the library summary (the screen keeps it current from here on)."""
        self.show_summary(self.summary)
