"""Subscriptions and watches: what the user's config says, changed from the app or CLI."""

from __future__ import annotations

import re
from pathlib import Path

from newsreader.config import ConfigEditor, load_config
from newsreader.core.base import LibraryBase
from newsreader.core.results import AddResult, OpmlImport
from newsreader.errors import ConfigError, NewsreaderError
from newsreader.paths import user_path
from newsreader.sanitize import shown

_SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))
"""The kernel's and the devices' files: never articles, and some never end or change
with who reads them (`/proc/self/...`)."""


def _readable_path(target: str) -> Path:
    """The absolute path `target` names, if it is one a scan can read: a regular file
    or a folder, not the whole filesystem, nothing under /proc, /sys or /dev, and a name
    the config (UTF-8 text) can hold. Else a NewsreaderError saying why; nothing is
    written."""
    path = user_path(target).resolve()
    name = shown(target)
    if not path.exists():
        raise NewsreaderError(f"{shown(target)}: no such file or directory")
    if path == Path(path.anchor):
        raise NewsreaderError(
            f"{name}: not adding the whole filesystem (every list would scan all of it); "
            "add the folder your articles are in"
        )
    if any(path.is_relative_to(folder) for folder in _SYSTEM_FOLDERS):
        raise NewsreaderError(f"{name}: a system file or device, not articles to read")
    if not (path.is_file() or path.is_dir()):
        raise NewsreaderError(f"{name}: not a regular file or a folder")
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise NewsreaderError(
            f"{name}: its name is not UTF-8 (shown here with \ufffd), which the config file "
            "cannot hold; rename it, or add the folder it is in"
        ) from None
    return path


class SubscriptionsMixin(LibraryBase):
    """Adding feeds and paths, OPML in and out, watches."""

    def _editor(self, config_path: Path | None = None) -> ConfigEditor:
        """An editor for the config this library runs on; the samples' is never edited
        (a user config is created from it instead)."""
        if config_path is None and not self.config.is_sample:
            config_path = self.config.path
        return ConfigEditor(config_path)

    def add(self, target: str, section: str, config_path: Path | None = None) -> AddResult:
        """Subscribe to a feed URL or add a local path to `section`, in the user's config.

        A feed's address is written in its normal form (`normalize_feed_url`); one that
        has none (`http://`, `https://x y`) is refused, and the config is left as it was.
        """
        if re.match(r"https?:", target, re.IGNORECASE):
            return self.add_feed(target, section, config_path=config_path)
        editor = self._editor(config_path)
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", target):
            raise NewsreaderError(f"{shown(target)}: only http and https feeds can be added")
        if "\x00" in target:
            raise NewsreaderError(f"{shown(target)}: a path cannot hold a NUL character")
        path = _readable_path(target)
        added = editor.add_path(section, str(path))
        if added:
            editor.save()
        self._use_config(load_config(editor.path))
        return AddResult(section, str(path), "path", added, editor.path)

    def add_feed(
        self, url: str, section: str, title: str | None = None, config_path: Path | None = None
    ) -> AddResult:
        """Subscribe to the feed at `url` in `section`, as it is: no request is made (see
        `discover` for finding and checking a feed first). `title`, if given, is the name
        the config gives the feed. A URL with no normal form is refused (ConfigError) and
        the config is left as it was."""
        from newsreader.urls import normalize_feed_url

        editor = self._editor(config_path)
        added = editor.add_feed(section, url, title)  # ConfigError if it is no address
        if added:
            editor.save()
        self._use_config(load_config(editor.path))
        normal = normalize_feed_url(url) or url
        if not added:  # say where it is: perhaps not the section asked for
            from newsreader.update.redirects import subscribed

            section = subscribed(self.config).get(normal, section)
        return AddResult(section, normal, "feed", added, editor.path)

    def import_opml(self, path: Path, config_path: Path | None = None) -> OpmlImport:
        """Subscribe to every feed in an OPML file. An outline whose address cannot be
        used (`http:foo`, `http://`) is skipped and counted, never written."""
        from newsreader.sources.local import read_bytes
        from newsreader.sources.opml import DEFAULT_SECTION, read_opml

        outlines = read_opml(read_bytes(path), str(path))
        editor = self._editor(config_path)
        added = existing = 0
        skipped = outlines.skipped  # javascript:, file: and the like, never written
        sections = set()
        for feed in outlines.feeds:
            section = feed.section
            try:
                try:
                    section = editor.imported_section_name(feed.section)
                    was_added = editor.add_feed(section, feed.url, feed.title)
                except ConfigError:
                    if section == DEFAULT_SECTION:
                        raise
                    # Perhaps the folder's name is one a section cannot have: the feed
                    # is not lost for it. An address that cannot be used fails again.
                    section = DEFAULT_SECTION
                    was_added = editor.add_feed(section, feed.url, feed.title)
            except ConfigError:
                skipped += 1
                continue
            added += was_added
            existing += not was_added
            sections.add(section)
        if added:
            editor.save()
        self._use_config(load_config(editor.path))
        return OpmlImport(added, existing, skipped, len(sections))

    def export_opml(self) -> str:
        from newsreader.sources.opml import export_opml

        return export_opml(self.config, titles=self._store.feed_titles())

    def add_watch(self, name: str, query: str, color: str | None = None) -> bool:
        """Save a watch in the user's config; False if one with this name exists. The name,
        the query (it must parse) and the colour are checked first (ConfigError, QueryError)."""
        editor = self._editor()
        added = editor.add_watch(name, query, color)
        if added:
            editor.save()
            self._use_config(load_config(editor.path))
        return added

    def remove_watch(self, name: str) -> bool:
        editor = self._editor()
        removed = editor.remove_watch(name)
        if removed:
            editor.save()
            self._use_config(load_config(editor.path))
        return removed
