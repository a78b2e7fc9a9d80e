"""Plain-text copies of news pages: the seed's exact fields, and the rule set on other layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.extraction.plaintext import parse_plaintext
from newsreader.models import BlockKind
from newsreader.sources.local import read_file

FORBIDDEN_IN_BODY = [
    "人民网",
    "Wed,Nov 6,2013",
    "English>>Foreign Affairs",
    "Editor's Pick",
    "Email|Print|Comments",
    "Related reading",
    "We Recommend",
    "Most Viewed",
    "Day|Week|Month",
    "Key Words",
    "Links",
    "(Editor:",
]


def test_seed_article_fields_exactly(seed_path: Path) -> None:
    [article] = read_file(seed_path)
    assert (
        article.title == "Chinese official: We need to respect national sovereignty over cyberspace"
    )
    assert article.authors == ("Han Shasha",)
    assert article.site == "People's Daily Online"
    assert article.published == "2013-11-06T09:13"
    assert article.section == "Foreign Affairs"
    assert article.dateline == "San Francisco, Nov. 5"
    assert article.caption is not None
    assert article.caption.startswith("Cai Mingzhao, minister of the State Council")
    assert article.editors == ("YaoChun", "Zhang Qian")
    paragraphs = article.paragraphs
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith(
        "San Francisco, Nov. 5 (People\u2019s Daily Online) -- Cai Mingzhao"
    )
    assert paragraphs[-1].endswith("discuss cyberspace security problems there.")
    body = "\n".join(paragraphs)
    for junk in FORBIDDEN_IN_BODY:
        assert junk not in body, junk
    assert all(block.kind is BlockKind.PARAGRAPH for block in article.body)


def test_seed_with_crlf_and_cr_line_ends_gives_the_same_article(
    seed_path: Path, tmp_path: Path
) -> None:
    original = seed_path.read_bytes()
    [expected] = read_file(seed_path)
    for name, data in {
        "crlf.txt": original.replace(b"\n", b"\r\n"),
        "cr.txt": original.replace(b"\n", b"\r"),
        "mixed.txt": original.replace(b"\n", b"\r\n", 10).replace(b"\n\n", b"\r\r", 3),
    }.items():
        path = tmp_path / name
        path.write_bytes(data)
        [article] = read_file(path)
        assert article.title == expected.title, name
        assert article.paragraphs == expected.paragraphs, name
        assert article.editors == expected.editors, name


AGENCY_PAGE = """\
World | Business | Tech
Home > World > Europe

Storm cuts power to thousands along northern coast

By Anna Lindqvist, Reuters
Published: 10:32 AM EST, Tue March 5, 2024
Updated: 2:15 PM EST, Tue March 5, 2024

Engineers work to restore a power line near the harbour on Tuesday. (AP Photo/Jens Berg)

OSLO, March 5 (Reuters) -- A winter storm cut power to more than 40,000 homes along the
northern coast on Tuesday, the grid operator said, as winds of up to 140 km/h toppled
trees onto lines.

The operator said most customers would be reconnected by Wednesday evening, but some
remote islands could wait until the weekend.

"Crews are working around the clock," a spokeswoman said.

Related
- Ferry services suspended in storm
- How the grid copes with winter peaks
- Photos: The storm in pictures

(Reporting by Anna Lindqvist; Editing by Mark Doyle)
"""


def test_agency_layout_byline_stamps_dateline_caption_and_trailer() -> None:
    page = parse_plaintext(AGENCY_PAGE)
    assert page.title == "Storm cuts power to thousands along northern coast"
    assert page.authors == ["Anna Lindqvist"]
    assert page.site == "Reuters"
    assert page.published == "2024-03-05T10:32-05:00"
    assert page.updated == "2024-03-05T14:15-05:00"
    assert page.section == "Europe"
    assert page.dateline == "OSLO, March 5"
    assert page.caption == (
        "Engineers work to restore a power line near the harbour on Tuesday. (AP Photo/Jens Berg)"
    )
    assert page.editors == ["Mark Doyle"]
    texts = [b.plain for b in page.body]
    assert len(texts) == 3
    # Hard-wrapped lines are joined back into one paragraph.
    assert texts[0].startswith("OSLO, March 5 (Reuters) -- A winter storm cut power")
    assert "140 km/h toppled trees" in texts[0]
    assert texts[-1] == '"Crews are working around the clock," a spokeswoman said.'
    assert not any("Ferry services" in t for t in texts)


EM_DASH_PAGE = """\
Politics / Elections / Local

Mayor wins third term by narrow margin

By Daniel Okoye and Sara Lim | The Valley Courier
Updated 2024-11-06 07:40 GMT+8

SPRINGFIELD — Mayor Ruth Alvarez won a third term on Tuesday by fewer than 300 votes, the
narrowest result in the city's history.

Turnout was 61 percent, up from 48 percent four years ago.

Share this article
Facebook | Twitter | Email
"""


def test_em_dash_dateline_two_authors_outlet_after_bar_and_slash_breadcrumb() -> None:
    page = parse_plaintext(EM_DASH_PAGE)
    assert page.title == "Mayor wins third term by narrow margin"
    assert page.authors == ["Daniel Okoye", "Sara Lim"]
    assert page.site == "The Valley Courier"
    assert page.updated == "2024-11-06T07:40+08:00"
    assert page.section == "Local"
    assert page.dateline == "SPRINGFIELD"
    assert [b.plain[:20] for b in page.body] == ["SPRINGFIELD — Mayor ", "Turnout was 61 perce"]


def test_body_only_file_keeps_every_paragraph() -> None:
    text = (
        "The council met on Monday to discuss the new bridge.\n\n"
        "Residents asked for a cycle lane.\n\n"
        "Links\n\n"
        "A vote is expected next month, officials said.\n\n"
        "Ends\n"
    )
    page = parse_plaintext(text)
    assert page.title is None
    assert [b.plain for b in page.body] == [
        "The council met on Monday to discuss the new bridge.",
        "Residents asked for a cycle lane.",
        "Links",
        "A vote is expected next month, officials said.",
        "Ends",
    ]


def test_title_only_then_body_and_subheadings() -> None:
    text = (
        "A quiet revolution in the orchard\n\n"
        "Apple growers in the valley have started planting varieties that need less water.\n\n"
        "What the farmers say\n\n"
        "Most of the growers we spoke to said the change was overdue, given the dry summers.\n"
    )
    page = parse_plaintext(text)
    assert page.title == "A quiet revolution in the orchard"
    kinds = [(b.kind, b.plain[:12]) for b in page.body]
    assert kinds == [
        (BlockKind.PARAGRAPH, "Apple grower"),
        (BlockKind.HEADING, "What the far"),
        (BlockKind.PARAGRAPH, "Most of the "),
    ]


def test_standfirst_before_byline_is_the_summary_not_the_body() -> None:
    text = (
        "Rivers run dry across the plains\n\n"
        "Farmers say this is the worst summer they can remember, and they fear for the harvest.\n\n"
        "By Tom Hale\n"
        "June 3, 2023\n\n"
        "The river that waters half the valley stopped flowing on Sunday for the first time.\n"
    )
    page = parse_plaintext(text)
    assert page.title == "Rivers run dry across the plains"
    assert page.summary is not None and page.summary.startswith("Farmers say this")
    assert page.published == "2023-06-03"
    assert [b.plain[:9] for b in page.body] == ["The river"]


def test_chinese_page_with_breadcrumbs_byline_and_editor() -> None:
    text = (
        "东方快讯\n2026年11月24日 星期二\n首页 > 科技 > 网络安全\n\n"
        "网络安全专家：个人信息保护需要每个人参与\n\n"
        "作者：王磊  2026年11月24日 08:30\n分享到：微信 | 微博 | QQ空间\n\n"
        "本报讯 在本周举行的网络安全论坛上，多位专家表示，个人信息保护不仅是企业和政府的责任，"
        "也需要每一位网民的参与。\n\n"
        "专家指出，许多信息泄露事件源于简单的疏忽，例如在多个网站使用同一个密码。\n\n"
        "（责任编辑：刘洋）\n\n相关新闻\n"
    )
    page = parse_plaintext(text)
    assert page.title == "网络安全专家：个人信息保护需要每个人参与"
    assert page.authors == ["王磊"]
    assert page.published == "2026-11-24T08:30"
    assert page.section == "网络安全"
    assert page.editors == ["刘洋"]
    assert page.language == "zh"
    assert len(page.body) == 2
    assert page.site == "东方快讯"


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("Home > World > Asia", "Asia"),
        ("News >> Science", "Science"),
        ("Sport » Football", "Football"),
        ("Opinion / Columnists", "Columnists"),
    ],
)
def test_breadcrumb_separators(line: str, section: str) -> None:
    text = f"{line}\n\nHeadline for the story here\n\nBy Jo Bloggs\n\n{'Body text goes on. ' * 5}\n"
    assert parse_plaintext(text).section == section


def test_name_comma_role_is_not_an_outlet() -> None:
    text = (
        "Headline for the story\n\nBy Jo Bloggs, Staff Writer\n\n"
        "The story starts here and goes on at length.\n"
    )
    page = parse_plaintext(text)
    assert page.authors == ["Jo Bloggs"]
    assert page.site is None


def test_word_starting_with_by_is_not_a_byline() -> None:
    text = (
        "Byline-free headline\n\nBYD Auto sold more cars this quarter than ever before, it said.\n"
    )
    page = parse_plaintext(text)
    assert page.authors == []
    assert page.body[0].plain.startswith("BYD Auto")


def test_hyphenated_wrap_is_rejoined() -> None:
    text = (
        "Headline about wrapping\n\n"
        "This paragraph was wrapped by an old mail client and a long word got hyphen-\n"
        "ated at the end of a line, which the reader should quietly put back together.\n"
    )
    page = parse_plaintext(text)
    assert "hyphenated at the end" in page.body[0].plain


def test_empty_and_whitespace_only_text() -> None:
    assert parse_plaintext("").body == []
    assert parse_plaintext(" \n\t\n").body == []


def test_large_text_is_linear_enough() -> None:
    paragraph = "Words of a long article keep going for a while, sentence after sentence. " * 6
    text = "A very long article\n\nBy Some One\n\n" + (paragraph + "\n\n") * 2500
    page = parse_plaintext(text)
    assert page.title == "A very long article"
    assert len(page.body) == 2500


PAGES = Path(__file__).parents[1] / "data" / "pages"


@pytest.mark.parametrize(
    ("name", "expected", "first", "last"),
    [
        (
            "ap.txt",
            {
                "title": "Volcano erupts in Iceland for the fourth time since December",
                "authors": ("Egill Bjarnason", "Jill Lawless"),
                "site": "AP",
                "published": "2024-03-17T16:41+01:00",
                "dateline": "REYKJAVIK, Iceland",
            },
            "REYKJAVIK, Iceland (AP) — A volcano",
            "Lawless reported from London.",
        ),
        (
            "review-crlf.txt",  # CRLF line ends
            {
                "title": "Review: The phone that folds twice",
                "authors": ("Alex Chen",),
                "site": None,
                "published": "2024-03-01T09:00",
                "updated": "2024-03-02",
            },
            "The first phone that folds",
            "as large as a small tablet.",
        ),
        (
            "guardian.txt",  # CR line ends, headline + standfirst, "Photograph:" credit
            {
                "title": "Heatwave breaks records across southern Europe",
                "summary": "Temperatures above 45C recorded in Spain and Italy as authorities "
                "issue red alerts",
                "published": "2023-07-18T14:30+01:00",
                "caption": "Firefighters tackle a blaze near Athens on Monday. "
                "Photograph: Angelos Tzortzinis/AFP/Getty Images",
            },
            "Temperature records have tumbled",
            "the Spanish meteorological agency said.",
        ),
        (
            "japan.txt",
            {
                "title": "新幹線が大雪で一部運休 帰宅の足に影響",
                "site": "東都新聞",
                "published": "2024-03-05T14:20",
                "section": "交通",
                "dateline": "東京",
                "language": "ja",
            },
            "【東京】大雪の影響で",
            "長い列を作った。",
        ),
        (
            "xinhua.txt",
            {
                "title": "China to boost support for tech innovation: report",
                "site": "Xinhua",
                "published": "2024-03-05T14:22",
                "dateline": "BEIJING, March 5",
                "editors": ("Huaxia",),
            },
            "BEIJING, March 5 (Xinhua) -- China",
            "by 10 percent, the report said.",
        ),
    ],
)
def test_other_outlets_layouts(
    name: str, expected: dict[str, object], first: str, last: str
) -> None:
    [article] = read_file(PAGES / name)
    for field, value in expected.items():
        assert getattr(article, field) == value, field
    assert article.paragraphs[0].startswith(first)
    assert article.paragraphs[-1].endswith(last)
    body = " ".join(article.paragraphs)
    for junk in ("Copyright", "Related", "関連記事", "Explore more", "Read more", "Share"):
        assert junk not in body


NIGHT_BUS_PAGE = """\
Home
News
Sport
Sign up or login to join the discussions, it only takes a minute of your time.

Tech
Cities bet on night buses as commuters change habits
Maria Lopez
6 min read

Night bus ridership has doubled in three years, transport officials said on Monday, \
as more people work late shifts and fewer commute at the usual hours.

Advertisement

The city added twelve routes last spring, and most of them now run every twenty \
minutes until dawn, according to the figures.

ALSO READ: Ten things to know about the new fares

Drivers say the passengers are mostly nurses, cleaners and students, and that the \
buses are rarely empty even at four in the morning.

Related stories
Fares to rise in January
New tram line opens
"""


def test_chrome_prose_above_bare_name_byline_and_asides_inside_the_article() -> None:
    page = parse_plaintext(NIGHT_BUS_PAGE)
    assert page.title == "Cities bet on night buses as commuters change habits"
    assert page.authors == ["Maria Lopez"]
    texts = [b.plain for b in page.body]
    assert [t[:12] for t in texts] == ["Night bus ri", "The city add", "Drivers say "]


def test_chinese_byline_with_outlet_caption_editor_and_trailers() -> None:
    text = (
        "某某网\n首页 > 国内\n编辑推荐\n城市夜间公交客流三年翻番\n"
        "作者：张三（某某网） 2024年3月5日 08:30\n图为夜间公交车在站台等候乘客。\n"
        "新华社北京3月5日电 记者从交通部门获悉，城市夜间公交客流三年来翻了一番，"
        "越来越多的人在深夜下班，部门计划继续增加线路和班次。\n"
        "交通部门表示，去年春季新增了十二条线路，大部分线路现在每二十分钟一班，"
        "一直运营到黎明时分。\n"
        "（责任编辑：李四）\n相关阅读\n热门推荐\n"
    )
    page = parse_plaintext(text)
    assert page.title == "城市夜间公交客流三年翻番"
    assert page.authors == ["张三"]
    assert page.site == "某某网"
    assert page.published == "2024-03-05T08:30"
    assert page.caption == "图为夜间公交车在站台等候乘客。"
    assert page.editors == ["李四"]
    assert len(page.body) == 2
    assert page.body[0].plain.startswith("新华社北京3月5日电")


def test_a_megabyte_of_short_lines_is_quick() -> None:
    import time

    for text in ("a\n" * 500_000, "a\n\n" * 333_000, "By A\n" * 200_000):
        began = time.perf_counter()
        parse_plaintext(text)
        assert time.perf_counter() - began < 5  # about 0.5 s; 55 s before the bound


@pytest.mark.parametrize(
    ("layout", "authors"),
    [
        # A bare name high above the headline, with its reading time (blog platforms).
        ("Ready\nAnna Berg\n6 min read\nSign in\n\n{title}\n\n{body}", ["Anna Berg"]),
        # Name and a relative date on one line.
        ("{title}\nAnna Berg 1 day ago\nSHARE\n\n{body}", ["Anna Berg"]),
        # The byline inside a line of parts, in French, with co-authors.
        (
            "{title}\n\nLe Journal | 04.05.2015 à 13h36 | Par Anna Berg (avec Jo Lind et Tom Roy)"
            "\n\n{body}",
            ["Anna Berg", "Jo Lind", "Tom Roy"],
        ),
        ("{title}\nPar Anna Berg et Jo Lind — 24 novembre 2017 à 18:42\n\n{body}", None),
        # A blog's signature after the article.
        ("{title}\n\n{body}\n\nAnna Berg — 2013-09-29 — in Code — Permalink\n", ["Anna Berg"]),
    ],
)
def test_bylines_without_by(layout: str, authors: list[str] | None) -> None:
    body = "\n\n".join(
        f"Paragraph {n} of the story tells what happened in the valley, and why it matters."
        for n in range(4)
    )
    page = parse_plaintext(layout.format(title="Valley farmers try a new crop", body=body))
    assert page.authors == (authors or ["Anna Berg", "Jo Lind"])


def test_site_blurb_headline_block_and_labelled_lines_above_the_article() -> None:
    body = "\n\n".join(
        f"Paragraph {n} of the post explains how the tests were set up, and why it matters."
        for n in range(4)
    )
    text = (
        "Hi, I'm Jo.\nI code stuff. I take photos. I write rants.\n"
        "Get your frontend code covered\n\n" + body + "\n"
    )
    page = parse_plaintext(text)
    assert page.title == "Get your frontend code covered"
    assert page.body[0].plain.startswith("Paragraph 0")
    text = "Expires: 18 June 2015\nA storage protocol for the web\n\n" + body + "\n"
    assert parse_plaintext(text).title == "A storage protocol for the web"


@pytest.mark.parametrize(
    "credit",
    ["Portrait by George Barrio", "Photo by Ricardo Angel", "Illustration courtesy of the artist"],
)
def test_credit_lines_are_captions(credit: str) -> None:
    from newsreader.extraction.lines import Line

    assert Line(credit).caption


def test_the_fitted_line_models_ship_with_the_package() -> None:
    """data/lines.json is package data: without it the reader falls back to crude weights."""
    from importlib import resources

    from newsreader.extraction import linemodel

    text = resources.files("newsreader.extraction").joinpath("data/lines.json").read_text()
    assert "body" in text
    weights = linemodel._weights()
    assert set(linemodel.BODY_FEATURES) <= set(weights["body"])
    assert set(linemodel.HEADLINE_FEATURES) <= set(weights["headline"])


@pytest.mark.parametrize(
    "aside",
    [
        "Story continues below advertisement",
        "ALSO READ: Ten things to know about the new fares",
        "Read more: Fares to rise in January",
        "Related: New tram line opens",
        "相关阅读",
    ],
)
def test_asides_inside_the_article_are_dropped_and_the_article_goes_on(aside: str) -> None:
    text = NIGHT_BUS_PAGE.replace("ALSO READ: Ten things to know about the new fares", aside)
    texts = [b.plain for b in parse_plaintext(text).body]
    assert [t[:12] for t in texts] == ["Night bus ri", "The city add", "Drivers say "]


_LEDE = (
    "The council voted on Tuesday to close the old bridge to cars, after engineers found "
    "cracks in two of its supports. Repairs will take at least a year, officials said."
)
_MORE = (
    "Buses will cross on a temporary lane, and cyclists keep their path along the river "
    "while the works go on. The city will publish a timetable for the closure next week."
)


@pytest.mark.parametrize(
    ("above", "title"),
    [
        # A date written after the headline on its line is not the headline's.
        (["Bridge to close for a year of repairs November 20, 2019 - 11:28 AMT"], None),
        # A breadcrumb that ends with the headline.
        (["Home > News > Local > Bridge to close for a year of repairs"], None),
        # A media label, a numbered section and a table row are never the headline.
        (["Bridge to close for a year of repairs", "", "Image"], None),
        (["Bridge to close for a year of repairs", "", "1.1 Eich CEO controversy"], None),
        (["Bridge to close for a year of repairs", "", "16 Erik Jones 2194 1 0 10 17"], None),
        # A headline in title case may end with a full stop.
        (
            ["REPAIRS", "The Bridge Will Close. Here Is What Changes."],
            "The Bridge Will Close. Here Is What Changes.",
        ),
    ],
)
def test_headline_classes(above: list[str], title: str | None) -> None:
    text = "\n".join(["Site", "", *above, "", _LEDE, "", _MORE, ""])
    page = parse_plaintext(text)
    assert page.title == (title or "Bridge to close for a year of repairs")


def test_a_bare_byline_with_its_own_time_two_lines_under_the_headline() -> None:
    text = "\n".join(
        [
            "Menu",
            "Bridge to close for a year of repairs",
            "",
            "Tech",
            "Alex Perry 1 day ago",
            "SHARE",
            "",
            _LEDE,
            "",
            _MORE,
        ]
    )
    assert parse_plaintext(text).authors == ["Alex Perry"]


@pytest.mark.parametrize(
    ("lines", "authors"),
    [
        (["By", "Ryan Reed", "Share"], ["Ryan Reed"]),  # "By" alone, the name under it
        (["By Megan Rowe meganr@example.com (509) 459-5382"], ["Megan Rowe"]),
        (["By Meg JamesStaff Writer"], ["Meg James"]),  # a role glued on by the copy
        (["By: Ilana Muhlstein, MS, RDN"], ["Ilana Muhlstein"]),
        (["By Sarah E. Needleman"], ["Sarah E. Needleman"]),  # "E." is an initial
        (["By TOM KRISHER, AP Auto Writer"], ["Tom Krisher"]),
        (["By MEG KINNARD and ERRIN HAINES, Associated Press"], ["Meg Kinnard", "Errin Haines"]),
        (["by Jo Nolan22 Dec 2016651"], ["Jo Nolan"]),  # a date glued on by the copy
        (["By Jo HiltonBusiness Columnist"], ["Jo Hilton"]),
        (["Posted by Jo Dee Smith on November 19, 2019, 6:21 AM EST"], ["Jo Dee Smith"]),
        (["Posted by Andy Hay, Software Engineer on Example Play"], ["Andy Hay"]),
        (["", "Greg Beach, AP Sports Writer"], ["Greg Beach"]),  # bare, with a role
        (["", "JO TANGER, FUTURE NEWS", "18 NOV 2019"], ["Jo Tanger"]),  # bare, with an outlet
        (["PUBLISHED TUE, NOV 19 20197:05 AM EST", "Keri Lahr", "@KERILAHR"], ["Keri Lahr"]),
    ],
)
def test_byline_classes(lines: list[str], authors: list[str]) -> None:
    text = "\n".join(
        ["Menu", "", "Bridge to close for a year of repairs", *lines, "", _LEDE, "", _MORE]
    )
    page = parse_plaintext(text)
    assert page.authors == authors
    assert page.site is None or "RDN" not in page.site


def test_quotes_and_links_are_no_headline_candidates() -> None:
    from newsreader.extraction.lines import Line
    from newsreader.extraction.textheader import headline_candidate

    assert headline_candidate(Line("Bridge to close for a year of repairs"))
    assert not headline_candidate(Line('"A million a week is coming across the river."'))
    assert not headline_candidate(Line("“We have to close it,” the mayor said in"))
    assert not headline_candidate(Line("» Preview of the new river ferry"))
    assert not headline_candidate(Line("Tested by: Jo Doe RRP: £23.99 More: www.example.co.uk"))


def test_a_drop_cap_on_its_own_line_is_rejoined_to_its_word() -> None:
    text = "Bridge to close for a year of repairs\n\nT\n\n" + _LEDE[1:] + "\n\n" + _MORE
    page = parse_plaintext(text)
    assert page.body[0].plain == _LEDE


@pytest.mark.parametrize(
    "widget",
    [
        "Unfortunately, this video is not available in your region.",
        "Do you rely on our reporting? Click here to support it.",
        "[What you need to know to start the day: Get City Today in your inbox.]",
    ],
)
def test_what_a_widget_says_in_the_article_is_not_its_text(widget: str) -> None:
    text = "\n".join(["Bridge to close for a year of repairs", "", widget, "", _LEDE, "", _MORE])
    page = parse_plaintext(text)
    assert [b.plain for b in page.body] == [_LEDE, _MORE]


def test_a_photo_caption_over_a_credit_label_is_the_caption() -> None:
    caption = "The old bridge at dusk. Its supports were found cracked last month."
    text = "\n".join(
        [
            "Bridge to close for a year of repairs",
            "",
            caption,
            "Credit...",
            "Jo Doe/Agency",
            "",
            _LEDE,
            "",
            _MORE,
        ]
    )
    page = parse_plaintext(text)
    assert [b.plain for b in page.body] == [_LEDE, _MORE]
    assert page.caption == caption


def test_a_caption_with_its_credit_glued_on_is_a_caption() -> None:
    from newsreader.extraction.lines import Line

    assert Line("The bridge at dusk in 2023.CreditCreditJo Doe/Agency, via Shutterstock").caption
    assert not Line("The council gave the engineers credit. Credit where it is due.").caption


def test_a_headline_opening_with_on_is_no_date_line() -> None:
    text = "\n".join(["Menu", "", "On Behalf of “Bridges”", "", _LEDE, "", _MORE])
    assert parse_plaintext(text).title == "On Behalf of “Bridges”"


def test_a_notice_of_three_sentences_is_no_headline() -> None:
    notice = (
        "The author chose to hide this story, which means only people with a link can see it. "
        "Are you sure you want to share it?Yes, show me sharing options"
    )
    from newsreader.extraction.lines import Line
    from newsreader.extraction.textheader import headline_candidate

    assert not headline_candidate(Line(notice))
    assert headline_candidate(Line("The bridge closed. Here is what it means for you"))


def test_a_code_block_inside_the_article_is_crossed() -> None:
    intro = (
        "Testing your code is good, and knowing how much of it the tests reach is better. "
        "Here is a small module we will test, written the way most of ours are written."
    )
    code = [
        "// cow.js",
        "(function(exports) {",
        '"use strict";',
        "function Cow(name) {",
        'this.name = name || "Anon cow";',
        "}",
        "exports.Cow = Cow;",
        "Cow.prototype = {",
        "greets: function(target) {",
        "if (!target)",
        'throw new Error("missing target");',
        'return this.name + " greets " + target;',
        "}",
        "};",
        "})(this);",
        "var expect = chai.expect;",
        'describe("Cow", function() {',
        'it("should have a default name", function() {',
        "var cow = new Cow();",
        'expect(cow.name).to.equal("Anon cow");',
        "});",
        "});",
    ]
    outro = [
        "Running the tests now gives us a report of which lines were reached and which "
        "were not, and the report at the bottom shows a case we never tested at all.",
        "Just remember that the numbers only tell you what ran, not that the logic is "
        "right: a review by a colleague still finds more than any report will ever do.",
        "So is coverage a silver bullet? No. Is it useful? Definitely. Happy testing, "
        "and let us know in the comments below how your own team goes about it.",
        "Jo Perry — 2013-09-29 — in Code — Permalink",
    ]
    text = "\n\n".join(["Get your code covered", _LEDE, _MORE, intro, "\n".join(code), *outro])
    page = parse_plaintext(text)
    assert page.title == "Get your code covered"
    assert page.body[-1].plain.startswith("So is coverage a silver bullet?")
    assert page.authors == ["Jo Perry"]


def test_a_name_line_under_the_standfirst_is_the_byline() -> None:
    standfirst = (
        "This year the council found cracks in the old bridge, and how it will keep the "
        "city moving while the works go on."
    )
    text = "\n\n".join(
        [
            "Bridge to close for a year of repairs",
            standfirst + "\nJo Perry\nroadsbridgescity",
            _LEDE,
            _MORE,
        ]
    )
    assert parse_plaintext(text).authors == ["Jo Perry"]


def test_of_two_lines_stacked_under_one_another_the_upper_is_the_headline() -> None:
    headline = "Mayor admits she got it wrong on the river crossing"
    standfirst = "The council shut the bridge for repairs twice before"  # no longer than it
    text = "\n".join(
        ["Sign in", "", headline, standfirst, "Copy link", "21.dez.2018 às 12h55", "", _LEDE]
    )
    assert parse_plaintext(text + "\n\n" + _MORE).title == headline


def test_a_name_over_a_section_label_and_a_date_is_the_byline() -> None:
    text = "\n".join(
        [
            "Science",
            "Security",
            "Jo Perry",
            "Ideas",
            "11.14.2019 09:00 AM",
            "Bridge to close for a year of repairs",
            "",
            _LEDE,
            "",
            _MORE,
        ]
    )
    assert parse_plaintext(text).authors == ["Jo Perry"]


def test_a_by_line_at_the_foot_of_the_article_is_the_byline() -> None:
    text = "\n\n".join(
        [
            "Bridge to close for a year of repairs",
            _LEDE,
            _MORE,
            "Written by Jo Perry, MS, RD on November 14, 2019",
            "related stories\nThe ferry is back\nNew lanes for the ring road",
        ]
    )
    page = parse_plaintext(text)
    assert page.authors == ["Jo Perry"]
    assert page.published == "2019-11-14"
    closing = "\n\n".join(["Bridge to close for a year of repairs", _LEDE, _MORE, "By The Numbers"])
    assert parse_plaintext(closing + "\n\nRelated").authors == []


def test_a_question_under_the_date_line_and_over_the_text_is_the_headline() -> None:
    text = "\n".join(
        [
            "Markets",
            "Last Updated : Nov 20, 2019 01:41 PM IST",
            "Bridge closed for a year; is the ferry ready?",
            _LEDE,
            "",
            _MORE,
        ]
    )
    page = parse_plaintext(text)
    assert page.title == "Bridge closed for a year; is the ferry ready?"
    assert page.body[0].plain == _LEDE


def test_a_call_to_action_between_paragraphs_is_dropped_and_the_body_goes_on() -> None:
    para = (
        "The harbour reopened on Monday after the storm, and the first ferries left on "
        "time, the port authority said in a statement on its website."
    )
    text = (
        f"Harbour reopens after the storm\n\n{para}\n\nSupport our journalism: donate today\n\n"
        f"{para.replace('Monday', 'Tuesday')}\n\n{para.replace('Monday', 'Friday')}\n"
    )
    page = parse_plaintext(text)
    plains = [b.plain for b in page.body]
    assert "Support our journalism: donate today" not in plains
    assert len(plains) == 3 and "Friday" in plains[-1]
