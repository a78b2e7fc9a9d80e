"""Writing the config back (add, import-opml, watches): tomlkit keeps the user's comments
and layout, and nothing is written that would not load again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsreader.config.loading import _load
from newsreader.paths import config_file, sample_config_file, write_atomically

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


class ConfigEditor:
    """Edits the user's config file in place, keeping comments (tomlkit)."""

    def __init__(self, path: Path | None = None) -> None:
        import tomlkit

        self.path = path or config_file()
        if self.path.exists():
            _load(self.path, is_sample=False)  # never rewrite a file we would refuse to read
            text = self.path.read_text(encoding="utf-8")
        else:
            text = _NEW_CONFIG + _sample_sections()
        self.doc = tomlkit.parse(text)

    def _sections(self) -> Any:
        import tomlkit

        if "section" not in self.doc:
            self.doc.append("section", tomlkit.aot())
        return self.doc["section"]

    def _section(self, name: str) -> Any:
        import tomlkit

        sections = self._sections()
        for table in sections:
            if str(table.get("name", "")).casefold() == name.casefold():
                return table
        table = tomlkit.table()
        table["name"] = name
        sections.append(table)
        return sections[-1]

    def feed_urls(self) -> set[str]:
        """Every feed URL the file subscribes to, in any section."""
        urls = set()
        for table in self.doc.get("section", []):
            for feed in table.get("feeds", []):
                urls.add(str(feed if isinstance(feed, str) else feed.get("url", "")))
        return urls

    def add_feed(self, section: str, url: str, title: str | None = None) -> bool:
        """Subscribe `url` in `section`; False if it was already there."""
        import tomlkit

        if url in self.feed_urls():
            return False
        table = self._section(section)
        if "feeds" not in table:
            table["feeds"] = tomlkit.array()
        feeds = table["feeds"]
        if title:
            entry = tomlkit.inline_table()
            entry.update({"url": url, "title": title})
            feeds.append(entry)
        else:
            feeds.append(url)
        if len(feeds) > 1:
            feeds.multiline(True)
        return True

    def add_path(self, section: str, path: str) -> bool:
        """Add a local file or folder to `section`; False if it was already there."""
        import tomlkit

        table = self._section(section)
        if "paths" not in table:
            table["paths"] = tomlkit.array()
        paths = table["paths"]
        if path in [str(p) for p in paths]:
            return False
        paths.append(path)
        return True

    def add_watch(self, name: str, query: str, color: str | None = None) -> bool:
        """Add a [[watch]]; False if one with this name exists (it is left as it is)."""
        import tomlkit

        if "watch" not in self.doc:
            self.doc.append("watch", tomlkit.aot())
        watches = self.doc["watch"]
        if any(str(w.get("name", "")).casefold() == name.casefold() for w in watches):
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
            if str(table.get("name", "")).casefold() == name.casefold():
                del watches[i]
                return True
        return False

    def replace_feed_url(self, old: str, new: str) -> bool:
        """Point a subscription at a new URL (after a permanent redirect)."""
        for table in self.doc.get("section", []):
            feeds = table.get("feeds", [])
            for i, feed in enumerate(feeds):
                if isinstance(feed, str) and feed == old:
                    feeds[i] = new
                    return True
                if not isinstance(feed, str) and feed.get("url") == old:
                    feed["url"] = new
                    return True
        return False

    def save(self) -> None:
        import tomlkit

        write_atomically(self.path, tomlkit.dumps(self.doc))
