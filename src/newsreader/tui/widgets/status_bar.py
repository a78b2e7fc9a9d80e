"""The status line: refresh progress, counts, and the last problem worth knowing.

One line: a longer message is cut with "…"; each is kept whole in the app's message log.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from newsreader.tui.message_log import MessageLog


class StatusBar(Static):
    """One line above the footer."""

    DEFAULT_CSS = """
    StatusBar {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    is_summary = False
    """True while the bar shows the library summary (kept current by the screen)."""
    message = ""
    """What the bar shows now, as plain text."""
    summary = ""
    """The last library summary, to go back to when a message no longer holds."""
    about: str | None = None
    """The id of the article the message is about ("" for none open), when it holds only
    as long as that one is open; None for any other message."""

    def show(
        self, message: str, *, error: bool = False, log: bool = True, about: str | None = None
    ) -> None:
        """Plain text only: messages may quote article or source text. `log`: keep it in
        the message log too (not progress, which changes many times a second). `about`:
        the open article's id ("" for none) when the message is about it: see
        `article_opened`."""
        self.is_summary = False
        self.message = message
        self.about = about
        self.set_class(error, "-error")
        self.update(Text(message))
        messages = getattr(self.app, "message_log", None)
        if log and isinstance(messages, MessageLog):
            messages.add(message, error=error)

    def show_summary(self, message: str) -> None:
        self.show(message, log=False)
        self.summary = message
        self.is_summary = True

    def article_opened(self, uid: str) -> None:
        """The one rule for messages about the open article ("This article has no
        links.", "No more unread articles here."): another article opened, they no
        longer hold, and the bar goes back to the summary."""
        if self.about is not None and self.about != uid:
            self.restore_summary()

    def restore_summary(self) -> None:
        """Back to the library summary (the screen keeps it current from here on)."""
        self.show_summary(self.summary)
