"""Reading the config: stdlib tomllib and strict validation, errors with file and line."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, NoReturn

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
from newsreader.paths import config_file, sample_config_file
from newsreader.query.language import parse_query


def load_config(path: Path | None = None) -> Config:
    """The user's config, or the bundled samples' config when the user has none."""
    if path is None:
        path = config_file()
        if not path.exists():
            return _load(sample_config_file(), is_sample=True)
    return _load(path, is_sample=False)


def _load(path: Path, *, is_sample: bool) -> Config:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if m:
            where = f"{path}:{m.group(1)}:{m.group(2)}"
        elif "at end of document" in message:
            where = f"{path}:{max(len(text.splitlines()), 1)}"
        else:
            where = str(path)
        reason = re.sub(r" ?[(]at (line|end of document).*", "", message)
        raise ConfigError(f"{where}: {reason}") from None
    return _Validator(path, text).config(data, is_sample=is_sample)


class _Validator:
    """Checks the parsed TOML and points errors at the line they come from."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.base = path.parent

    def fail(
        self, message: str, table: str | None = None, index: int = 0, key: str | None = None
    ) -> NoReturn:
        line = self._line_of(table, index, key)
        where = f"{self.path}:{line}" if line else str(self.path)
        raise ConfigError(f"{where}: {message}")

    def _line_of(self, table: str | None, index: int, key: str | None) -> int | None:
        """Best-effort line number of `key` in the index-th `[table]`/`[[table]]`."""
        start = 0
        if table is not None:
            header = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?\s*(#.*)?$")
            seen = -1
            for number, line in enumerate(self.lines):
                if header.match(line):
                    seen += 1
                    if seen == index:
                        start = number
                        break
            else:
                return None
        if key is None:
            return start + 1
        key_re = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(start, len(self.lines)):
            if number > start and table is not None and self.lines[number].lstrip().startswith("["):
                break
            if key_re.match(self.lines[number]):
                return number + 1
        return start + 1

    def config(self, data: dict[str, Any], *, is_sample: bool) -> Config:
        for key in data:
            if key not in ("settings", "section", "watch", "mute"):
                self.fail(
                    f"unknown key or table '{key}' (expected settings, section, watch, mute)",
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
        )

    def _array(self, value: Any, name: str) -> list[dict[str, Any]]:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(f"'{name}' must be written as [[{name}]] tables", None, 0, name)
        return list(value)

    def settings(self, raw: Any) -> Settings:
        if not isinstance(raw, dict):
            self.fail("[settings] must be a table", None, 0, "settings")
        known = {"refresh_minutes", "concurrency", "per_host", "keep_read_per_source", "theme"}
        for key in raw:
            if key not in known:
                self.fail(
                    f"unknown setting '{key}' (known: {', '.join(sorted(known))})",
                    "settings",
                    0,
                    key,
                )
        ints = {}
        for key, low in (
            ("refresh_minutes", 0),
            ("concurrency", 1),
            ("per_host", 1),
            ("keep_read_per_source", 0),
        ):
            if key in raw:
                value = raw[key]
                if not isinstance(value, int) or isinstance(value, bool) or value < low:
                    self.fail(
                        f"'{key}' must be a whole number of at least {low}", "settings", 0, key
                    )
                ints[key] = value
        theme = raw.get("theme")
        if theme is not None and not isinstance(theme, str):
            self.fail("'theme' must be a string", "settings", 0, "theme")
        return Settings(
            refresh_minutes=ints.get("refresh_minutes", DEFAULT_REFRESH_MINUTES),
            concurrency=ints.get("concurrency", DEFAULT_CONCURRENCY),
            per_host=ints.get("per_host", DEFAULT_PER_HOST),
            keep_read_per_source=ints.get("keep_read_per_source", DEFAULT_KEEP_READ),
            theme=theme,
        )

    def sections(self, raw: Any) -> list[SectionConfig]:
        out: list[SectionConfig] = []
        names: set[str] = set()
        for i, table in enumerate(self._array(raw, "section")):
            for key in table:
                if key not in ("name", "feeds", "paths"):
                    self.fail(
                        f"unknown key '{key}' in [[section]] (expected name, feeds, paths)",
                        "section",
                        i,
                        key,
                    )
            name = table.get("name")
            if not isinstance(name, str) or not name.strip():
                self.fail('every [[section]] needs a name = "..."', "section", i, "name")
            assert isinstance(name, str)
            if name.casefold() in names:
                self.fail(f"section '{name}' is defined twice", "section", i, "name")
            names.add(name.casefold())
            feeds = table.get("feeds", [])
            paths = table.get("paths", [])
            if not isinstance(feeds, list):
                self.fail("'feeds' must be a list of URLs", "section", i, "feeds")
            if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
                self.fail("'paths' must be a list of file or folder paths", "section", i, "paths")
            out.append(
                SectionConfig(
                    name=name.strip(),
                    feeds=tuple(self.feed(f, i) for f in feeds),
                    paths=tuple(self.resolve(p) for p in paths),
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
        url = raw.get("url")
        if not isinstance(url, str) or not re.match(r"^https?://\S+$", url.strip()):
            self.fail(
                f"feed URL {url!r} must start with http:// or https://", "section", section, "feeds"
            )
        assert isinstance(url, str)
        refresh = raw.get("refresh_minutes")
        if refresh is not None and (
            not isinstance(refresh, int) or isinstance(refresh, bool) or refresh < 0
        ):
            self.fail(
                "a feed's refresh_minutes must be a whole number", "section", section, "feeds"
            )
        title = raw.get("title")
        full_text = raw.get("full_text", False)
        if not isinstance(full_text, bool):
            self.fail("a feed's full_text must be true or false", "section", section, "feeds")
        return FeedSpec(
            url=url.strip(),
            title=title if isinstance(title, str) else None,
            refresh_minutes=refresh,
            full_text=full_text,
        )

    def resolve(self, raw: str) -> Path:
        path = Path(os.path.expandvars(raw)).expanduser()
        return path if path.is_absolute() else (self.base / path).resolve()

    def watches(self, raw: Any) -> list[WatchConfig]:
        out = []
        for i, table in enumerate(self._array(raw, "watch")):
            name, query = table.get("name"), table.get("query")
            if not isinstance(name, str) or not name.strip():
                self.fail('every [[watch]] needs a name = "..."', "watch", i, "name")
            if not isinstance(query, str) or not query.strip():
                self.fail('every [[watch]] needs a query = "..."', "watch", i, "query")
            self._check_query(query, "watch", i)
            color = table.get("color")
            command = table.get("notify_command", [])
            if isinstance(command, str):
                command = [command]
            if not isinstance(command, list) or not all(isinstance(c, str) for c in command):
                self.fail("notify_command must be a list of strings", "watch", i, "notify_command")
            assert isinstance(name, str) and isinstance(query, str)
            out.append(
                WatchConfig(
                    name=name.strip(),
                    query=query,
                    color=color if isinstance(color, str) else None,
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
