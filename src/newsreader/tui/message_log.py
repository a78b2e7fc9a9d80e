"""Every message of the session, with its time: the status line shows only the latest,
and cuts long ones (a feed's address, a refresh's summary), so none is lost for good.

Kept in memory only: it is the session's story, not the library's.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

LIMIT = 1000
"""Messages kept; a session that runs for weeks forgets its oldest."""


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One message: when it was last shown, its plain text, and how many times in a row."""

    at: datetime
    text: str
    error: bool = False
    repeats: int = 1


class MessageLog:
    """The session's status messages and notifications, oldest first."""

    def __init__(self, clock: Callable[[], datetime] | None = None) -> None:
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._entries: deque[LogEntry] = deque(maxlen=LIMIT)

    def add(self, text: str, *, error: bool = False) -> None:
        """Keep `text` (plain, as shown); the same message again counts, not repeats."""
        text = text.strip()
        if not text:
            return
        now = self._clock()
        last = self._entries[-1] if self._entries else None
        if last is not None and last.text == text and last.error == error:
            self._entries[-1] = replace(last, at=now, repeats=last.repeats + 1)
        else:
            self._entries.append(LogEntry(now, text, error))

    @property
    def entries(self) -> list[LogEntry]:
        return list(self._entries)
