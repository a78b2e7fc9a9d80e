"""Where an article sorts: its date, unless that lies too far in the future to believe."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsreader.models import Article, ArticleRow, dated_sort_key


def dated(published: str | None, updated: str | None = None) -> Article:
    return Article(id="x", source="s", title="T", published=published, updated=updated)


def test_a_date_sorts_by_itself_in_utc() -> None:
    assert dated_sort_key(dated("2024-03-05T10:00:00+02:00")) == "2024-03-05T08:00:00"
    assert dated_sort_key(dated(None, "2024-03-06")) == "2024-03-06T00:00:00"
    assert dated_sort_key(dated("not a date")) is None


def test_a_date_past_tomorrow_is_not_believed_here_or_in_a_list_of_files() -> None:
    soon = (datetime.now(UTC) + timedelta(hours=20)).isoformat()
    assert dated_sort_key(dated(soon)) is not None  # a clock or a time zone off: kept
    for far in ("2099-01-01T00:00:00Z", "9999-12-31T23:59:59+00:00", "9999-12-31T23:00:00-05:00"):
        assert dated_sort_key(dated(far)) is None
    # `newsreader PATH` lists a 2099-dated file with the undated ones, not on top.
    assert ArticleRow.from_article(dated("2099-01-01T00:00:00Z")).sort_key == ""
