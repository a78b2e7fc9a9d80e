"""Messages that cross widgets: the list and sidebar post them up to the main screen."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class ScanProgress(Message):
    """Local files are being read: `done` of `total`, the current file's name."""

    done: int
    total: int
    name: str
    scan: int = 0
    """Which refresh it is from: one that arrives after its refresh ended (the scan
    thread posts it, the screen may already have said "Refreshed: ...") is dropped."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ScanProgress) and message.scan == self.scan
