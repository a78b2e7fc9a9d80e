"""Date patterns that once backtracked for seconds to hours now refuse a non-date in linear time.

The hang guard is pytest-timeout (SIGALRM; Python's regex engine checks for signals while
it matches), so a regression fails the test instead of stalling the run; the guard is
generous, since the fixed code takes milliseconds on each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.extraction import dates
from newsreader.extraction.plaintext import parse_plaintext
from newsreader.sources.local import read_file

GUARD = 20  # seconds


@pytest.mark.timeout(GUARD)
@pytest.mark.parametrize(
    "line",
    [
        "1" * 40 + "x",
        "123456789012345678901234 copies",
        "GMT-0530 " * 7 + "x",
        "Nov.Nov.Nov.Nov.Nov.Nov.Nov.Nov.Nov.Nov.Nov.Nov.Nov.Nov.Nov.1x",
    ],
)
def test_long_number_lines_are_not_date_lines(line: str, tmp_path: Path) -> None:
    """A line of 26 digits took 12 s to refuse as a date line, and each digit doubled it."""
    assert not dates.is_date_line(line)
    path = tmp_path / "page.txt"
    path.write_text(f"Headline\n\n{line}\n", encoding="utf-8")
    [article] = read_file(path)
    assert line in article.paragraphs


def test_date_lines_are_still_recognised() -> None:
    for line in (
        "Nov. 6, 2013",
        "Wed,Nov 6,2013",
        "Tuesday, 5 March 2024 10:32 a.m. GMT+5:30",
        "09:13, November 06, 2013",
        "2013-11-06 09:13 -0500",
        "Thursday 7th November 2013, 18:00 UTC-05:00",
        "2013年11月06日 09:13",
    ):
        assert dates.is_date_line(line), line
    assert not dates.is_date_line("Version 2.0.1 (1234)")


@pytest.mark.timeout(GUARD)
def test_chinese_date_followed_by_a_long_run_of_spaces() -> None:
    """The two `\\s*` around an optional weekday split 500,000 spaces in every way."""
    found = dates.find_date("2013年11月06日" + " " * 500_000 + "x")
    assert found is not None and found.iso == "2013-11-06"
    found = dates.find_date("2013年11月06日 星期三 09:13")
    assert found is not None and found.iso == "2013-11-06T09:13"


@pytest.mark.timeout(GUARD)
def test_plain_text_of_number_lines() -> None:
    page = parse_plaintext("Headline\n\n" + ("1" * 40 + "x\n") * 2_000)
    assert page.title == "Headline"
