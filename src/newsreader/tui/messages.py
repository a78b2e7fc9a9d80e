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

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ScanProgress)
