"""The errors newsreader raises on purpose; anything else reaching the user is a bug.

Leaf module. Each error carries a message written for the person at the terminal.
"""

from __future__ import annotations


class NewsreaderError(Exception):
    """Base of every error newsreader reports to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SourceError(NewsreaderError):
    """A file, folder or feed could not be read or understood; names the source."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnsupportedFormatError(SourceError):
    """The file is readable but is none of the formats newsreader understands."""


class DecodeError(SourceError):
    """The bytes could not be turned into text in any plausible encoding."""
