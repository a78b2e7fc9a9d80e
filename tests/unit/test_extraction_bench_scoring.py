"""The extraction benchmark's scoring rules (benchmarks/extraction_scoring.py)."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest


def _load() -> ModuleType:
    """benchmarks/ is scripts, not a package: load the module from its file."""
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "extraction_scoring.py"
    spec = importlib.util.spec_from_file_location("extraction_scoring", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scoring = _load()


def test_fold_and_tokens() -> None:
    assert scoring.fold("  Don’t\u00a0STOP — “now”  ") == 'don\'t stop - "now"'
    assert scoring.fold("ｆｕｌｌ width") == "full width"
    assert scoring.tokens("Hello, World! It's 2019.") == ["hello", "world", "it", "s", "2019"]
    assert scoring.tokens("网络 安全abc") == ["网", "络", "安", "全", "abc"]


@pytest.mark.parametrize(
    ("expected", "ours"),
    [
        ("Xbox One X review", "XBOX ONE X REVIEW"),
        ("Apple’s ‘Vision’ – hands-on", "Apple's 'Vision' - hands-on"),
        ("Getting LEAN with Digital Ad UX | IAB", "Getting LEAN with Digital Ad UX"),
        ("Daring Fireball: Colophon", "Colophon"),
        (
            "Samantha and The Great Big Lie - John C. Welch - Medium",
            "Samantha and The Great Big Lie",
        ),
        (
            "LWN.net Weekly Edition for March 26, 2015 [LWN.net]",
            "LWN.net Weekly Edition for March 26, 2015",
        ),
        ("DeepMind新电脑已可利用记忆自学_科技_腾讯网", "DeepMind新电脑已可利用记忆自学"),
        ("Mozilla", "Mozilla - Wikipedia"),  # the site part may be on our side
    ],
)
def test_headlines_that_match(expected: str, ours: str) -> None:
    assert scoring.headline_matches(expected, ours)


@pytest.mark.parametrize(
    ("expected", "ours", "site"),
    [
        ("Xbox One X review", "Xbox One X", None),
        ("Xbox One X review", None, None),
        ("Headline here | Engadget", "Engadget", "Engadget"),  # our headline is the site
        # more than six words is a subtitle, not a site name
        ("Brexit: what the deal means for the people of Northern Ireland", "Brexit", None),
    ],
)
def test_headlines_that_do_not_match(expected: str, ours: str | None, site: str | None) -> None:
    assert not scoring.headline_matches(expected, ours, site)


def test_byline_names_drop_dates_roles_urls_and_by() -> None:
    assert scoring.byline_names("by Lucas Nolan22 Dec 2016651") == {"lucas", "nolan"}
    assert scoring.byline_names("By Brenda  Goodman, MA\n  Staff Writer") == {"brenda", "goodman"}
    assert scoring.byline_names("Bradley M. Kuhn (http://ebb.org/bkuhn/)") == {
        "bradley",
        "m",
        "kuhn",
    }
    assert scoring.byline_names("April 28, 2019 at 6:01 am Updated April 29, 2019") == set()


def test_bylines_match_as_sets_of_name_words() -> None:
    assert scoring.byline_matches("Jong, Michiel de", ["Michiel de Jong"])
    assert scoring.byline_matches("Stella Kim, Jennifer Jett", ["Jennifer Jett", "Stella Kim"])
    assert scoring.byline_matches("By JOE HILDEBRAND", ["Joe Hildebrand"])
    assert scoring.byline_matches(
        "Alexandre Hervaud & Jérémy Piette", ["Alexandre Hervaud", "Jérémy Piette"]
    )
    assert not scoring.byline_matches("Stella Kim, Jennifer Jett", ["Stella Kim"])
    assert not scoring.byline_matches("Stella Kim", [])


def test_bylines_that_name_nobody_are_not_scored() -> None:
    assert scoring.byline_is_scored("Hazel Sheffield", "The Independent")
    assert not scoring.byline_is_scored("BBC News", "BBC News")  # the site's own name
    assert not scoring.byline_is_scored("Last Updated: January 7, 2025", "Spiceworks")
    assert not scoring.byline_is_scored(None, None)


@pytest.mark.parametrize(
    ("expected", "ours", "same"),
    [
        ("2015-07-24T05:36:09+01:00", "2015-07-24T04:36:09Z", True),
        ("2015-07-24T05:36:09+01:00", "2015-07-24", True),
        ("2015-07-24T00:30:00+01:00", "2015-07-23", True),  # its UTC day
        ("2017-11-03 03:01:00.000000", "2017-11-02T20:01:00-07:00", True),
        ("2018-04-05T06:00", "2018-04-05T19:59", True),  # within 14 hours
        ("2018-04-05T06:00", "2018-04-05T20:01", False),
        ("2024-06-25", "2024-06-26", False),
        ("2024-06-25", None, False),
        ("2024-06-25", "next Tuesday", False),
    ],
)
def test_dates_match_by_day_or_within_14_hours(expected: str, ours: str | None, same: bool) -> None:
    assert scoring.dates_match(expected, ours) is same


@pytest.mark.parametrize(
    "text",
    [
        "Posted April 28, 2019 at 6:01 am",
        "Sun 28th Apr. 2019",
        "28 April 2019",
        "2019-04-28 06:01",
        "04/28/2019",
        "28.04.2019",
        "2019年4月28日",
        "28 de abril de 2019",
        "28. dubna 2019",
    ],
)
def test_date_visible_in_common_forms(text: str) -> None:
    assert scoring.date_visible("2019-04-28T06:01:07", f"Some page\n{text}\nBody")


def test_date_visible_uses_the_written_or_utc_day_only() -> None:
    assert scoring.date_visible("2021-11-01T00:52:50+0100", "31 October 2021")  # UTC day
    assert not scoring.date_visible("2019-04-28", "April 28, 2018 and 2019")
    assert not scoring.date_visible("2019-04-28", "28/04/20190")
    assert not scoring.date_visible("not a date", "April 28, 2019")


def test_written_forms_cover_each_month_name() -> None:
    assert scoring.date_written_forms(date(2018, 12, 21)).search("21.dez.2018")


def test_first_words_stand_together_within_the_first_60_expected() -> None:
    expected = "Headline words. " + " ".join(f"w{i}" for i in range(100))
    assert scoring.first_words_match(expected, " ".join(f"w{i}" for i in range(40, 55)))
    assert not scoring.first_words_match(expected, " ".join(f"w{i}" for i in range(55, 70)))
    assert not scoring.first_words_match(expected, "w1 w2 w4 w5 w6 w7 w8 w9 w10 w11")
    assert scoring.first_words_match(expected, "W1, w2!")  # a short body is taken whole
    assert not scoring.first_words_match(expected, "")


def test_token_f1() -> None:
    assert scoring.token_f1("a b c d", "a b c d") == 1.0
    assert scoring.token_f1("a b c d", "e f") == 0.0
    assert scoring.token_f1("a b c d", "a b") == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert scoring.token_f1("", "") == 1.0
    assert scoring.token_f1("网络安全", "网络") == pytest.approx(2 / 3)


def test_html_text_puts_blocks_on_lines_and_joins_inline_markup() -> None:
    html = (
        "<div><h1>Title</h1><p>wo<b>rd</b> two<script>x()</script></p>"
        "<ul><li>a</li><li>b</li></ul></div>"
    )
    assert scoring.html_text(html) == "Title\nword two\na\nb"


def test_synthetic_pages() -> None:
    assert scoring.is_synthetic(1_500, "Real words.")
    assert scoring.is_synthetic(65_000, "Lorem ipsum dolor sit amet")
    assert not scoring.is_synthetic(12_000, "Hi, I'm Nicolas.")


def test_page_headline_is_an_h1_the_page_title_confirms() -> None:
    page = (
        "<html><head><title>Rain Falls on the Plain | The Daily</title></head><body>"
        "<h1>The Daily</h1><h1>Rain  Falls on the Plain</h1></body></html>"
    )
    assert scoring.page_headline(page) == "Rain Falls on the Plain"
    og = '<meta property="og:title" content="Short">'
    assert scoring.page_headline(f"<html><head>{og}</head><body><h1>Short</h1></html>") == "Short"
    # An h1 no title confirms (a logo, a section), or no h1 at all: no headline.
    assert scoring.page_headline("<title>Story</title><h1>News</h1>") == ""
    assert scoring.page_headline("<title>Story</title><p>Text</p>") == ""
    assert scoring.page_headline("") == ""


def test_page_byline_keeps_people_not_outlets() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
        '[{"@type": "Person", "name": "Jane Roe"}, {"name": "Reuters"}]}</script>'
    )
    assert scoring.page_byline(ld, "https://www.reuters.com/a") == "Jane Roe"
    meta = '<meta name="author" content="By Victor Tangermann, Futurism">'
    assert scoring.page_byline(meta, "https://futurism.com/x") == "Victor Tangermann"
    staff = '<meta name="author" content="Staff Reports">'
    assert scoring.page_byline(staff, "https://example.com/") == ""
    assert scoring.byline_visible("Jane Roe", "Rain\nBy JANE ROE\nText")
    assert not scoring.byline_visible("Jane Roe", "Rain\nText")


def test_page_date_needs_two_sources_that_agree() -> None:
    ld = '<script type="application/ld+json">{"datePublished": "2019-11-14T08:00:00Z"}</script>'
    meta = '<meta property="article:published_time" content="2019-11-14T03:00:00-05:00">'
    assert scoring.page_date(ld + meta) == "2019-11-14T08:00:00Z"
    # The address's date confirms the JSON-LD one.
    url = "https://example.com/2019/11/14/story/"
    assert scoring.page_date(ld, url) == "2019-11-14T08:00:00Z"
    assert scoring.page_date(ld, "https://example.com/20191114/story") == "2019-11-14T08:00:00Z"
    # So does the day written in the page's text, not in a script.
    assert scoring.page_date(ld + "<body><p>Nov. 14, 2019</p></body>") == "2019-11-14T08:00:00Z"
    # Stated once, or twice over with two different days: no date.
    assert scoring.page_date(ld) == ""
    assert scoring.page_date(ld, "https://example.com/2018/01/02/story") == ""
    stamp = '<time datetime="2019-11-14">Nov 14</time>'
    assert scoring.page_date(f"<body>{stamp}</body>", url) == "2019-11-14"
    assert scoring.page_date("") == ""
    placeholder = ld.replace("2019-11-14T08:00:00Z", "0001-01-01T00:00:00Z")
    assert scoring.page_date(placeholder + meta, url) == "2019-11-14T03:00:00-05:00"


def test_visible_text_leaves_out_scripts_and_head() -> None:
    page = "<head><title>T</title></head><body><script>x=1</script><p>Jane  Roe</p></body>"
    assert scoring.visible_text(page) == "Jane Roe"


def test_page_headline_is_not_the_site_name_h1() -> None:
    """<title>Headline | Site</title> holds the site's name as well: an h1 that is that
    name, beside an og:title that is the headline alone, is no headline."""
    page = (
        '<html><head><meta property="og:title" content="Rain Falls on the Plain">'
        "<title>Rain Falls on the Plain | News of the Wide World</title></head><body>"
        "<h1>News of the Wide World</h1><p>Text</p></body></html>"
    )
    assert scoring.page_headline(page) == ""
    shown = page.replace("<p>Text", "<h1>Rain Falls on the Plain</h1><p>Text")
    assert scoring.page_headline(shown) == "Rain Falls on the Plain"


def test_page_byline_follows_a_graph_reference() -> None:
    graph = (
        '<script type="application/ld+json">{"@graph": [{"@type": "Article", "author": '
        '{"@id": "#p1"}}, {"@type": "Person", "@id": "#p1", "name": "Jane Roe"}]}</script>'
    )
    assert scoring.page_byline(graph, "https://example.com/a") == "Jane Roe"
