"""Which line of the config file a mistake is on, for an error that names it.

tomllib gives values, not positions, so the lines are found again in the text: a table's
header (`[settings]`, the index-th `[[section]]`) and its extent, then the key within
it, or for a feed (a list item, not a key) the line holding its URL. Best effort: a
key that cannot be found points at its table's header, and a table that cannot be found
leaves the error with the file's name alone.
"""

from __future__ import annotations

import re


class ConfigLines:
    """The config file's text, searched for where a table, a key or a feed is written."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def section_bounds(self, table: str, index: int) -> tuple[int, int] | None:
        """The 0-based lines [start, end) of the index-th `[table]`/`[[table]]`."""
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?\s*(#.*)?$")
        seen = -1
        start = None
        for number, line in enumerate(self.lines):
            if header.match(line):
                seen += 1
                if seen == index:
                    start = number
                    break
        if start is None:
            return None
        end = start + 1
        while end < len(self.lines) and not self.lines[end].lstrip().startswith("["):
            end += 1
        return start, end

    def line_of(self, table: str | None, index: int, key: str | None) -> int | None:
        """Best-effort line number of `key` in the index-th `[table]`/`[[table]]`."""
        start, end = 0, len(self.lines)
        if table is not None:
            bounds = self.section_bounds(table, index)
            if bounds is None:
                return None
            start, end = bounds
        if key is None:
            return start + 1
        key_re = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(start, end):
            if key_re.match(self.lines[number]):
                return number + 1
        return start + 1

    def feed_line(self, section: int, url: object) -> int | None:
        """The line of a feed in the section's `feeds`: the one holding its URL."""
        bounds = self.section_bounds("section", section)
        if bounds is not None and isinstance(url, str) and url.strip():
            needle = url.strip()
            for number in range(*bounds):
                if needle in self.lines[number]:
                    return number + 1
        return self.line_of("section", section, "feeds")
