"""What an update run reports: per feed, per scan, and the one summary sentence.

The CLI and the TUI both print `RefreshOutcome.summary()`; the sentence is written here
once (it used to be written in both, and drifted).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from newsreader.storage import IngestCounts

Progress = Callable[[int, int, str], None]
"""progress(done, total, name) after each feed or file."""


def plural(count: int, word: str) -> str:
    """'1 feed', '2 feeds'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


class Status(StrEnum):
    """How one source's refresh ended."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    NOT_MODIFIED = "not_modified"
    SKIPPED = "skipped"
    GONE = "gone"
    ERROR = "error"


@dataclass
class SourceResult:
    """One feed's outcome, as the CLI and TUI report it."""

    url: str
    section: str
    status: Status
    new: int = 0
    updated: int = 0
    error: str | None = None
    warning: str | None = None
    title: str | None = None
    moved_to: str | None = None
    redirect_refused: bool = False
    """A permanent redirect onto a feed followed already, not followed (see `error`)."""
    full_text_failed: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.url,
            "section": self.section,
            "title": self.title,
            "status": self.status.value,
            "new": self.new,
            "updated": self.updated,
            "error": self.error,
            "warning": self.warning,
            "moved_to": self.moved_to,
        }


@dataclass
class RefreshReport:
    """Every feed's result, in the order they finished."""

    results: list[SourceResult] = field(default_factory=list)

    @property
    def failed(self) -> list[SourceResult]:
        return [r for r in self.results if r.status in (Status.ERROR, Status.GONE)]

    def summary(self) -> str:
        new = sum(r.new for r in self.results)
        updated = sum(r.updated for r in self.results)
        counts: dict[Status, int] = {}
        for r in self.results:
            counts[r.status] = counts.get(r.status, 0) + 1
        parts = [f"{plural(len(self.results), 'feed')}: {new} new, {updated} updated articles"]
        if counts.get(Status.NOT_MODIFIED):
            parts.append(f"{counts[Status.NOT_MODIFIED]} not modified")
        if counts.get(Status.SKIPPED):
            parts.append(f"{counts[Status.SKIPPED]} skipped (asked to wait)")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        refused = sum(1 for r in self.results if r.redirect_refused)
        if refused:
            parts.append(
                f"{plural(refused, 'feed')} now redirecting to one you already follow "
                "(kept as configured: remove one of each pair)"
            )
        return ", ".join(parts)


@dataclass
class ScanReport:
    """What a scan of local paths did."""

    counts: IngestCounts = field(default_factory=IngestCounts)
    files_parsed: int = 0
    files_unchanged: int = 0
    removed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def idle(self) -> bool:
        """Nothing was looked at (no local paths configured): not worth a mention."""
        c = self.counts
        return (
            not (c.new or c.updated or self.removed or self.files_parsed or self.files_unchanged)
            and not self.errors
        )

    def summary(self) -> str:
        c = self.counts
        text = (
            f"{c.new} new, {c.updated} updated, {self.removed} removed articles; "
            f"{self.files_parsed} files read, {self.files_unchanged} unchanged"
        )
        if self.errors:
            text += f", {len(self.errors)} failed"
        return text


@dataclass(frozen=True, slots=True)
class WatchNews:
    """New articles a refresh brought to a watch: how many, and the newest headline."""

    watch: str
    count: int
    title: str
    uid: str
    url: str | None
    notify_error: str | None = None

    def message(self) -> str:
        more = f" and {self.count - 1} more" if self.count > 1 else ""
        return f"{self.watch}: {self.title}{more}"


@dataclass
class RefreshOutcome:
    """A whole refresh: local paths rescanned, feeds fetched, and what watches got."""

    scan: ScanReport = field(default_factory=ScanReport)
    feeds: RefreshReport = field(default_factory=RefreshReport)
    watch_news: list[WatchNews] = field(default_factory=list)

    @property
    def failures(self) -> list[tuple[str, str]]:
        """(source, error) of every feed and file that failed, feeds first."""
        return [(r.url, r.error or "") for r in self.feeds.failed] + self.scan.errors

    def summary(self) -> str:
        """One sentence naming only what the config has: feeds, local paths, or both."""
        parts = [self.feeds.summary()] if self.feeds.results else []
        if not self.scan.idle:
            parts.append(f"files: {self.scan.summary()}")
        return "; ".join(parts) or "no feeds or paths configured"
