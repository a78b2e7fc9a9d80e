"""Writing the config back (add, import-opml, watches): tomlkit keeps the user's comments
and layout, and nothing is written that would not load again.

Every value is checked (and put in its normal form) by the rules the loader applies
(`config.values`) before it goes in, whoever the caller is; a value that cannot be used
is refused with a ConfigError naming it. As a last guard `save` loads the text it is
about to write and writes nothing if that fails: a config that does not load stops every
command until it is fixed by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from newsreader.config import values
from newsreader.config.loading import _load, parse_text, read_text
from newsreader.errors import ConfigError
from newsreader.paths import config_file, sample_config_file, write_atomically
from newsreader.query.language import parse_query
from newsreader.sanitize import clean_inline, shown

T = TypeVar("T")

MAX_TITLE = 300
"""A feed title from an OPML file is a label; a longer one is cut."""

_NEW_CONFIG = """\
# newsreader configuration. Sections group feeds (URLs) and paths (files or folders).
# Comments and layout are kept when newsreader adds to this file.

[settings]
refresh_minutes = 30
concurrency = 16
"""


def _sample_sections() -> str:
    """The samples' sections, watches and mutes, so a first `add` keeps what the user saw."""
    import json

    sample = _load(sample_config_file(), is_sample=True)
    out = ["\n# The bundled samples, kept so nothing disappears; remove them when you like.\n"]
    for section in sample.sections:
        paths = ", ".join(json.dumps(str(p)) for p in section.paths)
        out.append(f"\n[[section]]\nname = {json.dumps(section.name)}\npaths = [{paths}]\n")
    for watch in sample.watches:
        out.append(
            f"\n[[watch]]\nname = {json.dumps(watch.name)}\nquery = {json.dumps(watch.query)}\n"
        )
        if watch.color:
            out.append(f"color = {json.dumps(watch.color)}\n")
    for mute in sample.mutes:
        out.append(f"\n[[mute]]\nquery = {json.dumps(mute.query)}\n")
        if mute.sections:
            out.append(f"sections = {json.dumps(list(mute.sections))}\n")
    return "".join(out)


def _checked(rule: Callable[[object], T], value: object) -> T:
    """`rule(value)`, its complaint as a ConfigError (the value is not in the file yet)."""
    try:
        return rule(value)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def _url_of(feed: Any) -> str | None:
    """A feed entry's address in normal form (None if it has none we can read)."""
    raw = feed if isinstance(feed, str) else feed.get("url") if hasattr(feed, "get") else None
    try:
        return values.feed_url(raw)
    except ValueError:
        return None


class ConfigEditor:
    """Edits the user's config file in place, keeping comments (tomlkit)."""

    def __init__(self, path: Path | None = None) -> None:
        import tomlkit

        self.path = path or config_file()
        if self.path.exists():
            text = read_text(self.path)
            parse_text(text, self.path)  # never rewrite a file we would refuse to read
        else:
            text = _NEW_CONFIG + _sample_sections()
        # A byte order mark was dropped by read_text, and is not written back.
        self.doc = tomlkit.parse(text)

    def _sections(self) -> Any:
        import tomlkit

        if "section" not in self.doc:
            self.doc.append("section", tomlkit.aot())
        return self.doc["section"]

    def _section(self, name: str) -> Any:
        import tomlkit

        name = _checked(values.section_name, name)
        sections = self._sections()
        for table in sections:
            if values.name_key(table.get("name", "")) == values.name_key(name):
                return table
        name = _checked(values.new_section_name, name)  # a new one: not "All" or "Saved"
        table = tomlkit.table()
        table["name"] = name
        sections.append(table)
        return sections[-1]

    def imported_section_name(self, name: str) -> str:
        """The section a name from another program's file (an OPML folder) goes to: its
        invisible characters dropped rather than the feeds refused, and one of the
        sidebar's own names ("Saved") that the file has no section of made distinct."""
        name = clean_inline(name)
        known = {values.name_key(t.get("name", "")) for t in self.doc.get("section", [])}
        if values.is_built_in_name(name) and values.name_key(name) not in known:
            return f"{name} (imported)"
        return name

    def feed_urls(self) -> set[str]:
        """Every feed URL the file subscribes to, in any section (in normal form)."""
        urls = set()
        for table in self.doc.get("section", []):
            for feed in table.get("feeds", []):
                url = _url_of(feed)
                if url is not None:
                    urls.add(url)
        return urls

    def add_feed(self, section: str, url: str, title: str | None = None) -> bool:
        """Subscribe `url` in `section`; False if it was already there.

        The URL is written in its normal form; one that has none (`http://`, `http:foo`,
        a control character) is refused with a ConfigError.
        """
        import tomlkit

        url = _checked(values.feed_url, url)
        if url in self.feed_urls():
            return False
        table = self._section(section)
        if "feeds" not in table:
            table["feeds"] = tomlkit.array()
        feeds = table["feeds"]
        title = clean_inline(title or "")[:MAX_TITLE] or None
        if title:
            entry = tomlkit.inline_table()
            entry.update({"url": url, "title": title})
            feeds.append(entry)
        else:
            feeds.append(url)
        if len(feeds) > 1:
            feeds.multiline(True)
        return True

    def section_of_path(self, path: str) -> str | None:
        """The section that lists `path` (absolute; as the loader resolves each entry)."""
        entries = self._path_entries(path)
        return str(entries[0][0].get("name", "")) if entries else None

    def add_path(self, section: str, path: str) -> bool:
        """Add a local file or folder to `section`; False if it was already there. One
        that another section lists is refused (ConfigError naming it): its articles
        would show in one of the two only."""
        import tomlkit

        path = _checked(values.local_path, path)
        table = self._section(section)  # the name is checked first
        if Path(path).is_absolute():
            other = self.section_of_path(path)
            if other is not None:
                if values.name_key(other) == values.name_key(table["name"]):
                    return False
                raise ConfigError(
                    f"{shown(path)} is in section '{shown(other)}' already (a path is in "
                    "one section; `move` moves it)"
                )
        if "paths" not in table:
            table["paths"] = tomlkit.array()
        paths = table["paths"]
        if path in [str(p) for p in paths]:
            return False
        paths.append(path)
        return True

    def add_watch(self, name: str, query: str, color: str | None = None) -> bool:
        """Add a [[watch]]; False if one with this name exists (it is left as it is).

        The name, the query (it must parse) and the colour are checked as the loader
        checks them; QueryError or ConfigError says what is wrong.
        """
        import tomlkit

        name = _checked(values.watch_name, name)
        if not isinstance(query, str) or not query.strip():
            raise ConfigError("a watch needs a query")
        parse_query(query)
        if color is not None:
            color = _checked(values.color, color)
        if "watch" not in self.doc:
            self.doc.append("watch", tomlkit.aot())
        watches = self.doc["watch"]
        if any(values.name_key(w.get("name", "")) == values.name_key(name) for w in watches):
            return False
        table = tomlkit.table()
        table["name"] = name
        table["query"] = query
        if color:
            table["color"] = color
        watches.append(table)
        return True

    def remove_watch(self, name: str) -> bool:
        """Remove the [[watch]] called `name`; False if there is none."""
        watches = self.doc.get("watch")
        if not watches:
            return False
        for i, table in enumerate(watches):
            if values.name_key(table.get("name", "")) == values.name_key(name):
                del watches[i]
                return True
        return False

    def replace_feed_url(self, old: str, new: str) -> bool:
        """Point a subscription at a new URL (after a permanent redirect).

        `new` is checked and normalised like any URL written here (a ConfigError if it
        cannot be used). When `new` is subscribed already, the old entry is removed
        rather than becoming a second copy: the entry for `new` (its title, options and
        section) is the one kept. False if `old` is not in the file.
        """
        new = _checked(values.feed_url, new)
        try:
            old = values.feed_url(old)
        except ValueError:
            return False
        subscribed = self.feed_urls()
        for table in self.doc.get("section", []):
            feeds = table.get("feeds", [])
            for i, feed in enumerate(feeds):
                if _url_of(feed) != old:
                    continue
                if new != old and new in subscribed:
                    del feeds[i]
                elif isinstance(feed, str):
                    feeds[i] = new
                else:
                    feed["url"] = new
                return True
        return False

    def _feed_entries(self, url: str) -> list[tuple[Any, Any, int]]:
        """(section table, its feeds array, index) of every entry for `url`, in order."""
        try:
            url = values.feed_url(url)
        except ValueError:
            return []
        found = []
        for table in self.doc.get("section", []):
            feeds = table.get("feeds", [])
            for i, feed in enumerate(feeds):
                if _url_of(feed) == url:
                    found.append((table, feeds, i))
        return found

    def _path_entries(self, path: str) -> list[tuple[Any, Any, int]]:
        """(section table, its paths array, index) of every entry naming `path` (an
        absolute path, compared as the loader resolves each entry)."""
        target = Path(path)
        found = []
        for table in self.doc.get("section", []):
            paths = table.get("paths", [])
            for i, raw in enumerate(paths):
                if isinstance(raw, str) and "\x00" not in raw:
                    if values.resolve_path(str(raw), self.path.parent) == target:
                        found.append((table, paths, i))
        return found

    @staticmethod
    def _drop(entries: list[tuple[Any, Any, int]]) -> None:
        """Delete these entries (last first, so the indexes stay right)."""
        for _table, array, i in sorted(entries, key=lambda e: e[2], reverse=True):
            del array[i]

    def remove_feed(self, url: str) -> bool:
        """Unsubscribe `url` from every section that lists it; False if none does.
        The other entries, and comments on their own lines, stay as they are."""
        entries = self._feed_entries(url)
        self._drop(entries)
        return bool(entries)

    def remove_path(self, path: str) -> bool:
        """Take the configured `path` (absolute) out of its sections; False if absent."""
        entries = self._path_entries(path)
        self._drop(entries)
        return bool(entries)

    def set_feed_title(self, url: str, title: str | None) -> bool:
        """Give a feed the title shown for it (`{ url = ..., title = ... }`); None or an
        empty title removes it, so the feed's own title shows again. False if `url` is
        not subscribed."""
        import tomlkit

        entries = self._feed_entries(url)
        title = clean_inline(title or "")[:MAX_TITLE] or None
        for _table, feeds, i in entries:
            feed = feeds[i]
            if isinstance(feed, str):
                if title is None:
                    continue
                entry = tomlkit.inline_table()
                entry.update({"url": _url_of(feed), "title": title})
                feeds[i] = entry
            elif title is None:
                if "title" in feed:
                    del feed["title"]
            else:
                feed["title"] = title
        return bool(entries)

    def move_feed(self, url: str, section: str) -> bool:
        """Move a subscription (its title and options with it) to `section`, created if
        need be; False if `url` is not subscribed or is in that section already."""
        import tomlkit

        section = _checked(values.section_name, section)
        entries = self._feed_entries(url)
        if not entries:
            return False
        table, feeds, i = entries[0]
        if values.name_key(table.get("name", "")) == values.name_key(section):
            return False
        feed = feeds[i]
        if isinstance(feed, str):
            moved: Any = str(_url_of(feed))
        else:
            moved = tomlkit.inline_table()
            moved.update(
                {str(k): v.unwrap() if hasattr(v, "unwrap") else v for k, v in feed.items()}
            )
        self._drop(entries)
        target = self._section(section)
        if "feeds" not in target:
            target["feeds"] = tomlkit.array()
        target["feeds"].append(moved)
        if len(target["feeds"]) > 1:
            target["feeds"].multiline(True)
        return True

    def move_path(self, path: str, section: str) -> bool:
        """Move a configured path (absolute) to `section`; False if it is not configured
        or is in that section already."""
        section = _checked(values.section_name, section)
        entries = self._path_entries(path)
        if not entries:
            return False
        table, paths, i = entries[0]
        if values.name_key(table.get("name", "")) == values.name_key(section):
            return False
        written = str(paths[i])
        self._drop(entries)
        # Kept as written ("world", "~/notes"): a relative path hangs off the file's
        # folder, which is the same for every section.
        self.add_path(section, written)
        return True

    def save(self) -> None:
        """Write the file, if what would be written loads; else a ConfigError, nothing
        written (the old file stays whole).

        A config that is a symbolic link (into a dotfiles folder) stays one: the file it
        names is replaced, keeping its permissions. A write that fails (a link loop, a
        read-only folder) is a ConfigError naming the file and why."""
        import tomlkit

        text = tomlkit.dumps(self.doc)
        try:
            parse_text(text, self.path)
        except ConfigError as exc:
            raise ConfigError(
                f"{self.path}: not saved, the change would make the config unreadable "
                f"({exc.message})"
            ) from None
        try:
            write_atomically(self.path, text)
        except OSError as exc:
            raise ConfigError(f"{self.path}: not saved: {exc.strerror or exc}") from None
