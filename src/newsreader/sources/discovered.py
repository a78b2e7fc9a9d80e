"""What discovery finds, as plain records: the facade and the UI name these types
without importing the fetcher (httpx and the feed parsers load only when an address is
looked at, not when the app starts)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FeedCandidate:
    """A feed that was fetched and parsed: it can be subscribed to as it is."""

    url: str
    """In normal form (`normalize_feed_url`): what goes in the config."""
    title: str | None
    """The feed's own title, else the title its page's link gave it."""
    items: int
    """How many articles it lists now."""


@dataclass(frozen=True, slots=True)
class Discovery:
    """What an address turned out to be: one feed, a page's feeds, or nothing usable."""

    url: str
    candidates: tuple[FeedCandidate, ...] = ()
    from_page: bool = False
    """The address is a web page; the candidates are the feeds it links to."""
    problem: str | None = None
    """Why there is nothing to subscribe to (only when there are no candidates)."""
