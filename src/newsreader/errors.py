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


class ConfigError(NewsreaderError):
    """The config file is missing a piece or has a mistake; the message gives file:line."""


class StorageError(NewsreaderError):
    """The library database could not be opened, read or written."""


class QueryError(NewsreaderError):
    """A search or filter query could not be understood; the message says where."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position
