"""A server's caching hints (Retry-After, Cache-Control max-age, Expires) as the
earliest time to ask again. Read with care: ASCII digits only ('²'.isdigit() is True
but int('²') raises), long digit strings cap at a week, dates that cannot be placed in
UTC are ignored. Nothing here raises on what a server sends.
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime, timedelta

import httpx

from newsreader.models import STAMP

MAX_WAIT = timedelta(days=7)
"""The longest a server can make us wait before asking again."""


def _utc(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime(STAMP)


# ASCII digits only: '²'.isdigit() is True, but int('²') raises.
_SECONDS = re.compile(r"\s*([0-9]+)\s*")
_MAX_AGE = re.compile(r"max-age\s*=\s*\"?([0-9]+)", re.IGNORECASE)


def _seconds(digits: str) -> timedelta:
    """A delta-seconds value, at most MAX_WAIT; a long digit string (past int()'s
    4300-digit limit, or timedelta's range) just means "a long time"."""
    if len(digits) > 9:
        return MAX_WAIT
    return min(timedelta(seconds=int(digits)), MAX_WAIT)


def _http_date(value: str) -> datetime | None:
    """An HTTP date in UTC (no zone means UTC), or None for anything else, including
    dates that cannot be moved to UTC (year 1 at +23:59, year 9999 at -23:59)."""
    try:
        when = email.utils.parsedate_to_datetime(value)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.astimezone(UTC)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def not_before(headers: httpx.Headers, now: datetime) -> str | None:
    """The earliest time to ask again, from Retry-After, Cache-Control or Expires."""
    retry = headers.get("retry-after")
    if retry:
        if m := _SECONDS.fullmatch(retry):
            return _utc(now + _seconds(m.group(1)))
        if when := _http_date(retry):
            return _utc(min(when, now + MAX_WAIT))
    cache = headers.get("cache-control", "")
    if "no-cache" in cache or "no-store" in cache:
        return None
    if m := _MAX_AGE.search(cache):
        return _utc(now + _seconds(m.group(1)))
    expires = headers.get("expires")
    if expires and (when := _http_date(expires)) and when > now:
        return _utc(min(when, now + MAX_WAIT))
    return None
