"""The quick reading of feed dates gives exactly what the general date finder gives."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.extraction.dates import _feed_date, find_date, parse_date

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
offsets = st.sampled_from(["Z", "GMT", "UTC"]) | st.builds(
    lambda sign, h, m: f"{sign}{h:02d}{m:02d}",
    st.sampled_from("+-"),
    st.integers(0, 99),
    st.sampled_from([0, 7, 15, 30, 45, 99]),
)


@settings(max_examples=400, deadline=None)
@given(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    offsets,
    st.sampled_from(["rfc822", "iso", "iso-fraction"]),
    st.integers(0, 6),
    st.booleans(),
)
def test_quick_path_agrees_with_the_general_finder(
    stamp: datetime, offset: str, style: str, weekday: int, impossible_day: bool
) -> None:
    day = "31" if impossible_day else f"{stamp.day:02d}"
    if style == "rfc822":
        text = (
            f"{WEEKDAYS[weekday]}, {day} {MONTHS[stamp.month - 1]} {stamp.year:04d} "
            f"{stamp:%H:%M:%S} {offset}"
        )
    else:
        iso_offset = offset if offset in ("Z",) or offset[0] in "+-" else "Z"
        if iso_offset[0] in "+-":
            iso_offset = f"{iso_offset[:3]}:{iso_offset[3:]}"
        fraction = ".123456" if style == "iso-fraction" else ""
        text = f"{stamp.year:04d}-{stamp.month:02d}-{day}T{stamp:%H:%M:%S}{fraction}{iso_offset}"
    quick = _feed_date(text)
    if quick is not None:
        found = find_date(text)
        assert found is not None and quick == found.iso, text
    # Either way parse_date answers, and never raises.
    parse_date(text)


def test_common_feed_dates() -> None:
    assert _feed_date("Mon, 02 Jan 2006 15:04:05 +0000") == "2006-01-02T15:04:05+00:00"
    assert _feed_date("Mon, 02 Jan 2006 15:04:05 GMT") == "2006-01-02T15:04:05+00:00"
    assert _feed_date("2024-06-01T05:17:00Z") == "2024-06-01T05:17:00+00:00"
    assert _feed_date("2024-06-01T05:17:00.5-05:30") == "2024-06-01T05:17:00-05:30"
    # Anything else goes the general way.
    assert _feed_date("Tue, 10 Jun 2003 04:00:00 EST") is None
    assert parse_date("Tue, 10 Jun 2003 04:00:00 EST") == "2003-06-10T04:00:00-05:00"
    assert _feed_date("2024-02-30T05:17:00Z") is None


def test_an_impossible_offset_keeps_the_date_without_a_zone() -> None:
    """A hostile "+9900" once raised out of the date finder and lost the whole feed."""
    assert parse_date("Mon, 02 Jan 2006 15:04:05 +9900") == "2006-01-02T15:04:05"
    assert parse_date("2006-01-02T15:04:05+25:00") == "2006-01-02T15:04:05"


def test_dates_in_other_languages_and_numeric_forms() -> None:
    cases = {
        "21.dez.2018": "2018-12-21",
        "30 avril 2019": "2019-04-30",
        "le 1er mars 2019": "2019-03-01",
        "28. dubna 2019": "2019-04-28",
        "28 de abril de 2019": "2019-04-28",
        "24 novembre 2018": "2018-11-24",
        "3. März 2020": "2020-03-03",
        "21.12.2018": "2018-12-21",
        "12/21/2018": "2018-12-21",
        "2018/12/21": "2018-12-21",
    }
    for text, iso in cases.items():
        found = find_date(text)
        assert found is not None and found.iso == iso, text
    # A month's name inside a word, or a planet, is no date.
    assert find_date("Mars 2020 mission") is None


def test_the_twentieth_of_a_month_in_a_twenty_first_century_year() -> None:
    """The day "20" is not taken for the first digits of the year 2019."""
    found = find_date("Published November 20, 2019")
    assert found is not None and found.iso == "2019-11-20"
    found = find_date("Nov 19, 1999")
    assert found is not None and found.iso == "1999-11-19"
    assert find_date("November 2019") is None
