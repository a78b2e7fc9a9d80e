"""When a feed is asked for again: what the server said, the feed's <ttl>, the config.

A refresh fetches a feed only when it is due. The server's hints (Retry-After,
max-age, Expires; read in sources/caching.py) and the feed's own <ttl> are kept as one
stored time, `cache_until`, the later of the two; a feed's `refresh_minutes` counts from
its last success. A forced refresh skips both waits (but not a feed switched off as
gone). Times are stored as UTC text, so they compare as strings.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsreader.config import FeedSpec
from newsreader.config.values import MAX_REFRESH_MINUTES
from newsreader.models import STAMP
from newsreader.storage import FeedState


def is_due(state: FeedState | None, spec: FeedSpec, now: datetime) -> bool:
    """Whether to fetch the feed now. Never raises: a wait longer than a year counts as
    a year (the config refuses more; timedelta overflows past 999,999,999 days), and a
    stored time that cannot be read, or lies in the future, does not hold the feed back."""
    if state is None:
        return True
    if state.disabled:
        return False
    if state.cache_until and state.cache_until > now.strftime(STAMP):
        return False
    if spec.refresh_minutes and state.last_success:
        try:
            last = datetime.fromisoformat(state.last_success).replace(tzinfo=UTC)
        except (ValueError, OverflowError):
            return True
        wait = timedelta(minutes=min(max(spec.refresh_minutes, 0), MAX_REFRESH_MINUTES))
        if last <= now and now - last < wait:
            return False
    return True


def cache_until(not_before: str | None, ttl_minutes: int | None, now: datetime) -> str | None:
    """The time to wait for after a fetch: the server's `not_before`, or the end of the
    feed's <ttl> from `now` when that is later."""
    if not ttl_minutes:
        return not_before
    ttl_until = (now + timedelta(minutes=ttl_minutes)).strftime(STAMP)
    return max(not_before or "", ttl_until)
