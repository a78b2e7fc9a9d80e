"""Checking the parsed TOML, table by table, with errors that point at their line.

Strict on purpose: an unknown key is an error with a suggestion (`colour` would
otherwise do nothing, silently), a value out of range or of the wrong type is an error
naming the file and line, and a watch's or mute's query must parse now rather than
break every list later. The rules for single values are values.py's, shared with the
editor; where an error points is lines.py's.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from functools import partial
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from newsreader.config import values
from newsreader.config.lines import ConfigLines
from newsreader.config.model import (
    DEFAULT_CONCURRENCY,
    DEFAULT_KEEP_READ,
    DEFAULT_PER_HOST,
    DEFAULT_REFRESH_MINUTES,
    Config,
    FeedSpec,
    MuteConfig,
    SectionConfig,
    Settings,
    WatchConfig,
)
from newsreader.errors import ConfigError, QueryError
from newsreader.query.language import parse_query

T = TypeVar("T")

SETTINGS_KEYS = (
    "refresh_minutes",
    "concurrency",
    "per_host",
    "keep_read_per_source",
    "theme",
    "browser",
)
SECTION_KEYS = ("name", "feeds", "paths")
FEED_KEYS = ("url", "title", "refresh_minutes", "full_text")
WATCH_KEYS = ("name", "query", "color", "notify_command")
MUTE_KEYS = ("query", "sections")


class Validator:
    """Checks the parsed TOML and points errors at the line they come from."""

    def __init__(self, path: Path, text: str, actions: Collection[str] | None = None) -> None:
        self.path = path
        self.actions = values.ACTIONS if actions is None else actions
        self.where = ConfigLines(text)
        self.base = path.parent

    def fail(
        self,
        message: str,
        table: str | None = None,
        index: int = 0,
        key: str | None = None,
        *,
        line: int | None = None,
    ) -> NoReturn:
        line = line or self.where.line_of(table, index, key)
        where = f"{self.path}:{line}" if line else str(self.path)
        raise ConfigError(f"{where}: {message}")

    def check(
        self,
        rule: Callable[[Any], T],
        value: Any,
        table: str | None,
        index: int,
        key: str | None,
        *,
        line: int | None = None,
    ) -> T:
        """`rule(value)`, or a config error at the value's line saying what is wrong."""
        try:
            return rule(value)
        except ValueError as exc:
            self.fail(str(exc), table, index, key, line=line)

    def unknown_keys(
        self,
        given: Iterable[str],
        known: tuple[str, ...],
        what: str,
        table: str | None,
        index: int = 0,
        *,
        line: int | None = None,
    ) -> None:
        """A misspelt key is an error, not silently ignored (`colour` would do nothing)."""
        for key in given:
            if key not in known:
                self.fail(
                    f"unknown {what} '{key}'{values.did_you_mean(key, known)} "
                    f"(known: {', '.join(known)})",
                    table,
                    index,
                    key,
                    line=line,
                )

    def config(self, data: dict[str, Any], *, is_sample: bool) -> Config:
        top = ("settings", "section", "watch", "mute", "keys")
        for key in data:
            if key not in top:
                self.fail(
                    f"unknown key or table '{key}'{values.did_you_mean(key, top)} "
                    "(expected settings, section, watch, mute, keys)",
                    None,
                    0,
                    key,
                )
        return Config(
            path=self.path,
            is_sample=is_sample,
            settings=self.settings(data.get("settings", {})),
            sections=tuple(self.sections(data.get("section", []))),
            watches=tuple(self.watches(data.get("watch", []))),
            mutes=tuple(self.mutes(data.get("mute", []))),
            keys=self.keys(data.get("keys", {})),
        )

    def _array(self, value: Any, name: str) -> list[dict[str, Any]]:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(f"'{name}' must be written as [[{name}]] tables", None, 0, name)
        return list(value)

    def settings(self, raw: Any) -> Settings:
        if not isinstance(raw, dict):
            self.fail("[settings] must be a table", None, 0, "settings")
        self.unknown_keys(raw, SETTINGS_KEYS, "setting", "settings")
        ints = {}
        for key, (low, high) in values.RANGES.items():
            if key in raw:
                ints[key] = self.check(
                    partial(values.whole_number, key, low=low, high=high),
                    raw[key],
                    "settings",
                    0,
                    key,
                )
        theme = raw.get("theme")
        if theme is not None and not isinstance(theme, str):
            self.fail("'theme' must be a string", "settings", 0, "theme")
        browser: tuple[str, ...] = ()
        if "browser" in raw:
            browser = self.check(
                partial(values.command, what="'browser'"), raw["browser"], "settings", 0, "browser"
            )
        return Settings(
            refresh_minutes=ints.get("refresh_minutes", DEFAULT_REFRESH_MINUTES),
            concurrency=ints.get("concurrency", DEFAULT_CONCURRENCY),
            per_host=ints.get("per_host", DEFAULT_PER_HOST),
            keep_read_per_source=ints.get("keep_read_per_source", DEFAULT_KEEP_READ),
            theme=theme,
            browser=browser,
        )

    def keys(self, raw: Any) -> tuple[tuple[str, str], ...]:
        """`[keys]`: action = "key" or ["key", ...]; an action is a binding id
        (`newsreader.next_unread`, quoted or as a dotted key) or its name (`next_unread`)."""
        if not isinstance(raw, dict):
            self.fail('[keys] must be a table of action = "key"', None, 0, "keys")
        given: list[tuple[str, Any]] = []
        for name, value in raw.items():
            if name == "newsreader" and isinstance(value, dict):
                given.extend((f"newsreader.{sub}", v) for sub, v in value.items())
            else:
                given.append((name, value))
        out: list[tuple[str, str]] = []
        owner: dict[str, str] = {}
        for name, value in given:
            action = name.removeprefix("newsreader.")
            if action not in self.actions:
                self.fail(
                    f"unknown action '{name}' in [keys]"
                    f"{values.did_you_mean(action, self.actions)} "
                    f"(actions: {', '.join(self.actions)})",
                    "keys",
                    0,
                    name,
                )
            keys = self.check(values.key_list, value, "keys", 0, name)
            for key in keys.split(","):
                if key in owner and owner[key] != action:
                    self.fail(
                        f"the key '{key}' is given to both {owner[key]} and {action}",
                        "keys",
                        0,
                        name,
                    )
                owner[key] = action
            out.append((action, keys))
        return tuple(out)

    def sections(self, raw: Any) -> list[SectionConfig]:
        out: list[SectionConfig] = []
        names: set[str] = set()
        urls: set[str] = set()
        for i, table in enumerate(self._array(raw, "section")):
            self.unknown_keys(table, SECTION_KEYS, "key", "section", i)
            if "name" not in table:
                self.fail('every [[section]] needs a name = "..."', "section", i, "name")
            name = self.check(values.section_name, table["name"], "section", i, "name")
            if values.name_key(name) in names:
                self.fail(f"section '{name}' is defined twice", "section", i, "name")
            names.add(values.name_key(name))
            feeds = table.get("feeds", [])
            paths = table.get("paths", [])
            if not isinstance(feeds, list):
                self.fail("'feeds' must be a list of URLs", "section", i, "feeds")
            if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
                self.fail("'paths' must be a list of file or folder paths", "section", i, "paths")
            specs = []
            for raw_feed in feeds:
                spec = self.feed(raw_feed, i)
                # One subscription per address: two spellings of one URL (or a copy in two
                # sections) would be fetched twice and fight over the feed's section.
                if spec.url not in urls:
                    urls.add(spec.url)
                    specs.append(spec)
            out.append(
                SectionConfig(
                    name=name,
                    feeds=tuple(specs),
                    paths=tuple(self.resolve(p, i) for p in paths),
                )
            )
        return out

    def feed(self, raw: Any, section: int) -> FeedSpec:
        if isinstance(raw, str):
            raw = {"url": raw}
        if not isinstance(raw, dict):
            self.fail(
                'each feed is a URL string or a table with url = "..."', "section", section, "feeds"
            )
        given = raw.get("url")
        line = self.where.feed_line(section, given)
        self.unknown_keys(raw, FEED_KEYS, "key in a feed", "section", section, line=line)
        url = self.check(values.feed_url, given, "section", section, "feeds", line=line)
        refresh = raw.get("refresh_minutes")
        if refresh is not None:
            low, high = values.RANGES["refresh_minutes"]
            refresh = self.check(
                partial(values.whole_number, "refresh_minutes", low=low, high=high),
                refresh,
                "section",
                section,
                "feeds",
                line=line,
            )
        title = raw.get("title")
        if title is not None and not isinstance(title, str):
            self.fail("a feed's title must be a string", "section", section, "feeds", line=line)
        full_text = raw.get("full_text", False)
        if not isinstance(full_text, bool):
            self.fail(
                "a feed's full_text must be true or false", "section", section, "feeds", line=line
            )
        return FeedSpec(url=url, title=title, refresh_minutes=refresh, full_text=full_text)

    def resolve(self, raw: str, section: int = 0) -> Path:
        self.check(values.local_path, raw, "section", section, "paths")
        return values.resolve_path(raw, self.base)

    def watches(self, raw: Any) -> list[WatchConfig]:
        out = []
        names: set[str] = set()
        for i, table in enumerate(self._array(raw, "watch")):
            self.unknown_keys(table, WATCH_KEYS, "key", "watch", i)
            if "name" not in table:
                self.fail('every [[watch]] needs a name = "..."', "watch", i, "name")
            name = self.check(values.watch_name, table["name"], "watch", i, "name")
            # Two watches of one name would share one sidebar entry, colour and badge.
            if values.name_key(name) in names:
                self.fail(f"watch '{name}' is defined twice", "watch", i, "name")
            names.add(values.name_key(name))
            query = table.get("query")
            if not isinstance(query, str) or not query.strip():
                self.fail('every [[watch]] needs a query = "..."', "watch", i, "query")
            self._check_query(query, "watch", i)
            color = table.get("color")
            if color is not None:
                color = self.check(values.color, color, "watch", i, "color")
            command = table.get("notify_command", [])
            if isinstance(command, str):
                command = [command]
            if not isinstance(command, list) or not all(isinstance(c, str) for c in command):
                self.fail("notify_command must be a list of strings", "watch", i, "notify_command")
            if any("\x00" in c for c in command):
                self.fail("notify_command holds a NUL character", "watch", i, "notify_command")
            out.append(
                WatchConfig(
                    name=name,
                    query=query,
                    color=color,
                    notify_command=tuple(command),
                )
            )
        return out

    def _check_query(self, query: object, table: str, index: int) -> None:
        """A query that does not parse is a config error, found now rather than on every
        list (a broken mute would otherwise break every view)."""
        try:
            parse_query(str(query))
        except QueryError as exc:
            self.fail(f"the {table}'s query does not parse: {exc.message}", table, index, "query")

    def mutes(self, raw: Any) -> list[MuteConfig]:
        out = []
        for i, table in enumerate(self._array(raw, "mute")):
            self.unknown_keys(table, MUTE_KEYS, "key", "mute", i)
            query = table.get("query")
            if not isinstance(query, str) or not query.strip():
                self.fail('every [[mute]] needs a query = "..."', "mute", i, "query")
            self._check_query(query, "mute", i)
            sections = table.get("sections", [])
            if not isinstance(sections, list) or not all(isinstance(s, str) for s in sections):
                self.fail(
                    "a mute's sections must be a list of section names", "mute", i, "sections"
                )
            assert isinstance(query, str)
            out.append(MuteConfig(query=query, sections=tuple(sections)))
        return out
