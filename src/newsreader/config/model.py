"""The config as values: sections (feeds and paths), watches, mutes and settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsreader.config.values import name_key

DEFAULT_REFRESH_MINUTES = 30
DEFAULT_CONCURRENCY = 16
DEFAULT_PER_HOST = 6
"""Requests to one server at once: what a web browser opens, no more."""
DEFAULT_KEEP_READ = 2000


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """A subscribed feed; everything but the URL is optional."""

    url: str
    title: str | None = None
    refresh_minutes: int | None = None
    full_text: bool = False


OPENED_SECTION = "Opened\u2069"
"""The name of the section `newsreader PATH...` makes of the paths given. It reads
"Opened" (the last character is an invisible direction mark, dropped wherever text is
shown), and no section of a config can have it (config names refuse such characters):
a section the reader named "Opened" is never taken for it, nor hidden by it."""


@dataclass(frozen=True, slots=True)
class SectionConfig:
    """A named group of feeds and local paths (files or folders)."""

    name: str
    feeds: tuple[FeedSpec, ...] = ()
    paths: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """A named keyword query followed across every source."""

    name: str
    query: str
    color: str | None = None
    notify_command: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MuteConfig:
    """A query whose matches are hidden (optionally only in some sections)."""

    query: str
    sections: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    """`[settings]`: how often to refresh, how hard to hit servers, what to keep."""

    refresh_minutes: int = DEFAULT_REFRESH_MINUTES
    concurrency: int = DEFAULT_CONCURRENCY
    per_host: int = DEFAULT_PER_HOST
    keep_read_per_source: int = DEFAULT_KEEP_READ
    theme: str | None = None
    browser: tuple[str, ...] = ()
    """The command that opens web links (the URL is added as its last argument, no
    shell); empty: the system's browser."""


@dataclass(frozen=True, slots=True)
class Config:
    """A loaded config; `path` is the file it came from, `is_sample` for the built-in one."""

    path: Path
    is_sample: bool = False
    settings: Settings = field(default_factory=Settings)
    sections: tuple[SectionConfig, ...] = ()
    watches: tuple[WatchConfig, ...] = ()
    mutes: tuple[MuteConfig, ...] = ()
    keys: tuple[tuple[str, str], ...] = ()
    """`[keys]`: (action, keys) pairs that rebind the TUI's keys, e.g. ("next_unread",
    "j") or ("open_link_1", "ctrl+1,f1"); keys are comma-separated Textual key names."""

    def section(self, name: str) -> SectionConfig | None:
        """The section with this name (compared as `values.name_key` folds names), if any."""
        folded = name_key(name)
        return next((s for s in self.sections if name_key(s.name) == folded), None)
