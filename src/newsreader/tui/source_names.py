"""Telling apart sources of one section that go by the same name (a site's Atom and JSON
feeds, both "Daring Fireball"; two files called notes.md): each gets the shortest tail
of its address or path that no other of them shares."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

from newsreader.models import SourceInfo
from newsreader.sanitize import clean_name


def _parts(source: SourceInfo) -> list[str]:
    """A feed's host and path segments (its query last), or a file path's parts."""
    if source.kind == "feed":
        url = urlsplit(source.key)
        parts = [url.hostname or url.netloc, *(p for p in url.path.split("/") if p)]
        if url.query:
            parts.append("?" + url.query)
        return [clean_name(p) for p in parts]
    # A file's key is its path (`bytes:` before one that is not UTF-8; clean either way).
    return [p for p in clean_name(source.key.removeprefix("bytes:")).split("/") if p]


def distinct_hints(sources: list[SourceInfo]) -> dict[int, str]:
    """Source id -> what tells it from the others of the same name (only those)."""
    named: dict[str, list[SourceInfo]] = defaultdict(list)
    for source in sources:
        named[source.name.casefold()].append(source)
    hints: dict[int, str] = {}
    for group in named.values():
        if len(group) < 2:
            continue
        parts = {source.id: _parts(source) for source in group}
        for n in range(1, max(len(p) for p in parts.values()) + 1):
            tails = {sid: "/".join(p[-n:]) for sid, p in parts.items()}
            if len(set(tails.values())) == len(tails):
                hints.update(tails)
                break
        else:  # the same but for the scheme (http and https): the whole address
            hints.update({source.id: clean_name(source.key) for source in group})
    return hints
