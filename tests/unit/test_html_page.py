"""Saved pages: the metadata layer, the body's first words, and images kept apart."""

from __future__ import annotations

import json

import pytest

from newsreader.extraction import html as html_extraction
from newsreader.extraction.bylines import split_authors, url_author
from newsreader.extraction.html import extract_page, lead_trimmed, repeats
from newsreader.extraction.page_dates import url_date
from newsreader.extraction.titles import choose_title, strip_site_name
from newsreader.models import Article, Block, BlockKind, Run, paragraph

LEDE = (
    "The council voted on Tuesday to reopen the night train line after a decade, "
    "citing demand from travellers and a new agreement with the neighbouring region. "
)
BODY = "".join(
    f"<p>{LEDE} Paragraph {i} adds more words to make it an article.</p>" for i in range(6)
)


def page(head: str = "", body: str = "", before: str = "") -> str:
    return (
        f"<html lang='en'><head>{head}</head><body><header><img src='/logo.png' alt='The Daily'>"
        "</header><nav><a href='/'>Home</a></nav>"
        f"<article>{before}{body or BODY}</article><footer>© Site</footer></body></html>"
    )


def ld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


# --- metadata ------------------------------------------------------------------------


def test_json_ld_in_a_graph_gives_headline_authors_dates_and_publisher() -> None:
    head = ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "The Daily"},
                {
                    "@type": ["NewsArticle"],
                    "headline": "Night trains return",
                    "author": [{"@type": "Person", "name": "Ana Ruiz"}, {"name": "Li Wei"}],
                    "datePublished": "2024-03-05T08:00:00Z",
                    "dateModified": "2024-03-06T09:00:00Z",
                    "publisher": {"@type": "Organization", "name": "The Daily"},
                },
            ],
        }
    )
    head += '<meta property="article:published_time" content="2020-01-01T00:00:00Z">'
    out = extract_page(page(head + "<title>Night trains return | The Daily</title>"))
    assert out.title == "Night trains return"
    assert out.authors == ["Ana Ruiz", "Li Wei"]
    assert out.published == "2024-03-05T08:00:00+00:00"  # JSON-LD before <meta>
    assert out.updated == "2024-03-06T09:00:00+00:00"
    assert out.site == "The Daily"


def test_json_ld_name_wins_over_a_headline_that_is_a_description() -> None:
    head = ld(
        {
            "@type": "Article",
            "name": "Hermitian matrix",
            "headline": "matrix equal to its conjugate",
        }
    )
    out = extract_page(page(head + "<title>Hermitian matrix - Wikipedia</title>"))
    assert out.title == "Hermitian matrix"


def test_title_loses_the_site_name_and_prefers_the_pages_h1() -> None:
    head = (
        '<meta property="og:site_name" content="Example News">'
        "<title>Trains are back - Example News</title>"
    )
    out = extract_page(page(head, before="<h1>Trains are back</h1>"))
    assert out.title == "Trains are back"
    keys = {"examplenews", "example"}
    assert strip_site_name("Example News: Trains are back", keys) == "Trains are back"
    assert strip_site_name("Trains are back (Published 2016)", keys) == "Trains are back"
    assert strip_site_name("A chapter [Archive of Us]", set()) == "A chapter"
    assert strip_site_name("Washington: Senate passes bill", {"washingtonpost"}) == (
        "Washington: Senate passes bill"
    )
    # A title that is all site name is not a headline; the h1 is used instead.
    assert choose_title(["Example News"], ["Trains are back"], keys) == "Trains are back"


def test_the_declared_title_beats_a_section_h1() -> None:
    out = extract_page(
        page(
            "<title>Babies who eat peanuts early avoid allergy</title>",
            before="<h1>Allergy Center</h1>",
        )
    )
    assert out.title == "Babies who eat peanuts early avoid allergy"


def test_byline_element_names_several_authors_without_roles_or_dates() -> None:
    before = (
        "<div class='byline'>By <a href='/a/ana'>Ana Ruiz</a> and Li Wei, Staff Writers"
        " | March 5, 2024</div>"
    )
    out = extract_page(page(before=before))
    assert out.authors == ["Ana Ruiz", "Li Wei"]


def test_byline_child_names_beat_the_text_around_them() -> None:
    before = (
        "<div class='author'><a class='author-link'>Ben Silverman</a>"
        "<div class='author-title'>Games Editor</div></div>"
    )
    assert extract_page(page(before=before)).authors == ["Ben Silverman"]


def test_edited_by_gives_editors_and_comments_are_not_bylines() -> None:
    before = (
        "<div class='comments'><span class='author'>Troll Person</span></div>"
        "<p class='byline author'>Written by Rob Ewaschuk Edited by Betsy Beyer</p>"
    )
    out = extract_page(page(before=before))
    assert out.authors == ["Rob Ewaschuk"]
    assert out.editors == ["Betsy Beyer"]


def test_split_authors_rules() -> None:
    assert split_authors("By Jane Doe") == ["Jane Doe"]
    assert split_authors("Jong, Michiel de") == ["Jong, Michiel de"]
    assert split_authors("Stella Kim, Jennifer Jett") == ["Stella Kim", "Jennifer Jett"]
    assert split_authors("Brenda Goodman, MA") == ["Brenda Goodman"]
    assert split_authors("Martin Untersinger (avec Damien Leloup et Morgane Tual)") == [
        "Martin Untersinger",
        "Damien Leloup",
        "Morgane Tual",
    ]
    assert split_authors("Dan Goodin - Apr 16, 2015 8:02 pm UTC", strict=True) == ["Dan Goodin"]
    assert split_authors("Aleš Vávra před 2 hodinami", strict=True) == ["Aleš Vávra"]
    assert split_authors("Sarah E. Needleman") == ["Sarah E. Needleman"]
    assert split_authors("Troy L. Smith, Cleveland.com") == ["Troy L. Smith"]
    assert split_authors("Текст: Венера Ерофеева") == ["Венера Ерофеева"]
    assert split_authors("Username") == []
    assert split_authors("x" * 100_000) == []
    assert split_authors("Analysis by Chris Cillizza, CNN Editor-at-large") == ["Chris Cillizza"]
    assert split_authors("Victor Tangermann, Futurism") == ["Victor Tangermann"]
    assert split_authors("Mac & i") == ["Mac", "i"]  # one-word names alone stay
    assert split_authors("By Jeff Foust Monday, November 18", strict=True) == ["Jeff Foust"]
    assert split_authors("Finian Cunningham. Sputnik International") == [
        "Finian Cunningham",
        "Sputnik International",
    ]
    assert split_authors("Prof. Jane Doe") == ["Prof. Jane Doe"]


def test_byline_lines_in_separate_elements_are_not_glued() -> None:
    before = (
        "<h3 class='byline'>by Jeff Foust<br><span class='when'>Monday</span></h3>"
        "<div class='author'><div>Ana Ruiz</div><div>Staff Writer</div></div>"
    )
    assert extract_page(page(before=before)).authors == ["Jeff Foust"]
    assert extract_page(page(before=before[before.index("<div") :])).authors == ["Ana Ruiz"]


def test_dates_from_time_elements_and_the_url() -> None:
    before = "<header><time datetime='2019-03-05T10:00:00Z'>March 5</time></header>"
    assert extract_page(page(before=before)).published == "2019-03-05T10:00:00+00:00"
    out = extract_page(page(), url="https://news.example/2018/07/09/trains")
    assert out.published == "2018-07-09"
    assert url_date("https://x.example/archive/2019/13/45/a") is None
    assert url_author("https://x.example/author/jane-doe/") == "Jane Doe"


def test_canonical_link_is_the_url_and_relative_links_resolve() -> None:
    head = '<link rel="canonical" href="https://news.example/a/trains">'
    body = (
        BODY + "<p>More on <a href='/b/more'>the line</a> in the archive, with more words here.</p>"
    )
    out = extract_page(page(head, body))
    assert out.url == "https://news.example/a/trains"
    links = {run.link for block in out.body for run in block.runs if run.link}
    assert "https://news.example/b/more" in links


# --- body ----------------------------------------------------------------------------


def test_lead_loses_headline_byline_and_dateline_but_keeps_the_lede() -> None:
    blocks = [
        Block(BlockKind.HEADING, (Run("Night trains return"),), level=1),
        paragraph("By Ana Ruiz"),
        paragraph("March 5, 2024 10:00"),
        paragraph(LEDE),
        paragraph("Second paragraph."),
    ]
    out = lead_trimmed(blocks, "Night trains return", [], ["Ana Ruiz"])
    assert [b.plain for b in out] == [LEDE, "Second paragraph."]
    # A page that is only its headline keeps it.
    only = [paragraph("Night trains return")]
    assert lead_trimmed(only, "Night trains return", [], []) == only
    assert repeats("Night trains return", "Night Trains Return | The Daily News")
    assert not repeats(LEDE, "Night trains return")


def test_hidden_elements_are_not_text() -> None:
    body = BODY + "<p style='display:none'>Secret words nobody sees on the page at all.</p>"
    out = extract_page(page(body=body))
    assert "Secret" not in " ".join(b.plain for b in out.body)


def test_images_are_kept_apart_from_the_paragraphs() -> None:
    body = (
        f"<p>{LEDE}</p><figure><img src='/img/train.jpg' alt='A night train'>"
        "<figcaption>The 22:10 to Vienna.</figcaption></figure>"
        + "".join(f"<p>Part {i} of the story. {LEDE}</p>" for i in range(5))
        + "<img src='/pixel.gif' width='1' height='1'>"
        + "<img src='/img/train-small.jpg' alt='A night train'>"
        + "<img src='/img/train-large.jpg' alt='A night train'><p>The last paragraph.</p>"
    )
    out = extract_page(page(body=body), url="https://news.example/a/trains")
    article = Article(id="x", source="s", title="t", body=tuple(out.body))
    assert article.images[:1] == [
        {
            "alt": "A night train",
            "src": "https://news.example/img/train.jpg",
            "caption": "The 22:10 to Vienna.",
        }
    ]
    assert [i["src"] for i in article.images[1:]] == ["https://news.example/img/train-small.jpg"]
    assert all("Vienna" not in p and "A night train" not in p for p in article.text_paragraphs)
    assert article.to_json()["images"] == article.images
    assert article.to_json()["paragraphs"] == article.text_paragraphs
    assert "A night train" in article.paragraphs  # search still finds the alt text
    kinds = [b.kind for b in out.body]
    assert kinds.index(BlockKind.IMAGE) == 1  # between the first and second paragraphs


def test_entities_left_in_metadata_are_decoded_and_placeholder_dates_dropped() -> None:
    head = '<meta property="og:title" content="&amp;#8216;The Medium&amp;#8217; at night">' + ld(
        {"@type": "Article", "datePublished": "0001-01-01T00:00:00Z"}
    )
    out = extract_page(page(head))
    assert out.title == "‘The Medium’ at night"
    assert out.published is None


def test_the_outlet_beside_a_person_is_not_an_author() -> None:
    head = '<meta property="og:site_name" content="CNN">' + ld(
        {"@type": "NewsArticle", "author": [{"name": "Jill Disis"}, {"name": "CNN Business"}]}
    )
    assert extract_page(page(head)).authors == ["Jill Disis"]
    # A short site name is a name's first word, not its first letters.
    head = '<meta property="og:site_name" content="Mic">' + ld(
        {"@type": "NewsArticle", "author": [{"name": "Michael Smith"}, {"name": "Ana Ruiz"}]}
    )
    assert extract_page(page(head)).authors == ["Michael Smith", "Ana Ruiz"]


def test_a_json_ld_headline_cut_short_gives_way_to_the_full_h1() -> None:
    full = "Zimbabwe coup: Mugabe and wife insisting he finishes his term, as priest mediates"
    head = ld({"@type": "NewsArticle", "headline": full[:60] + "…"})
    assert extract_page(page(head, before=f"<h1>{full}</h1>")).title == full


def test_a_date_written_in_the_byline_counts_when_the_markup_declares_none() -> None:
    before = "<p class='byline'>By Ana Ruiz | March 5, 2024</p>"
    cite = "<span class='reference-accessdate'>Retrieved 2016-05-01</span>"
    assert extract_page(page(before=cite + before)).published == "2024-03-05"
    declared = '<meta property="article:published_time" content="2024-03-04T22:00:00Z">'
    assert extract_page(page(declared, before=before)).published == "2024-03-04T22:00:00+00:00"
    url = "https://news.example/2024/03/01/a"
    assert extract_page(page(before=before), url=url).published == "2024-03-05"


def test_lead_counts_cjk_characters_as_words() -> None:
    """A CJK paragraph has few spaces: it is not a short header line for that."""
    lede = (
        "Kindle書籍を読む場合は、一般的にスマホやタブレットなどの端末で読むことが多いと思います。"
    )
    blocks = [paragraph(lede), paragraph("二段落目です。" * 5)]
    assert lead_trimmed(blocks, "Kindle for PCの話", [], ["山田"]) == blocks


def test_lead_keeps_a_first_section_heading_but_not_a_name_alone() -> None:
    """A heading of capitalised words opens a section ("Key Takeaways", "Highlights");
    a paragraph that is only a name is a credit."""
    lede = paragraph("The council voted on Tuesday to reopen the night train line. " * 3)
    for name in ("Key Takeaways", "Highlights", "Chapter Text"):
        heading = Block(BlockKind.HEADING, (Run(name),), level=2)
        assert lead_trimmed([heading, lede], "Night trains return", [], []) == [heading, lede]
    credit = paragraph("Hansa D. Bhargava, MD")
    assert lead_trimmed([credit, lede], "Night trains return", [], []) == [lede]


def test_a_page_past_the_element_budget_is_read_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the budget trafilatura is not asked: the main container's text, headings
    kept, short lines joined, navigation and scripts left out."""
    monkeypatch.setattr(html_extraction, "_MAX_ELEMENTS", 20)
    lines = "".join(f"<li>item {i}</li>" for i in range(200))
    body = (
        f"<h1>Night trains return</h1><p class='byline'>By Ana Ruiz</p>{BODY}"
        f"<h2>The timetable</h2><ul>{lines}</ul><script>var x = 1;</script>"
    )
    out = extract_page(page("<title>Night trains return</title>", body))
    assert out.title == "Night trains return"
    assert out.authors == ["Ana Ruiz"]
    assert out.body[0].plain.startswith("The council voted")
    kinds = [b.kind for b in out.body]
    assert kinds.count(BlockKind.HEADING) == 1
    text = " ".join(b.plain for b in out.body)
    assert "item 0 item 1" in text and "item 199" in text
    assert len(out.body) < 30  # 200 list items joined into a few paragraphs
    assert "var x" not in text and "Home" not in text


def test_elements_with_attributes_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    import lxml.html

    from newsreader.extraction import marked

    tree = lxml.html.document_fromstring(
        "<div id=a><p class=b rel=c>x</p><span>y</span><p itemprop=d class=e>z</p></div>"
    )
    small = marked.elements_with(tree, "class", "id", "itemprop")
    monkeypatch.setattr(marked, "_LARGE", 0)
    assert marked.elements_with(tree, "class", "id", "itemprop") == small
    assert [el.tag for el in small] == ["div", "p", "p"]


def test_lead_loses_a_reading_time_line() -> None:
    lede = paragraph("The council voted on Tuesday to reopen the night train line. " * 3)
    for line in ("5 min read", "Tempo de leitura: 1 minuto", "Lesezeit: 3 Min."):
        assert lead_trimmed([paragraph(line), lede], "Night trains return", [], []) == [lede]
    kept = paragraph("It took 5 minutes.")
    assert lead_trimmed([kept, lede], "Night trains return", [], []) == [kept, lede]


BROKEN_URLS = [
    "http://[::1",
    "http://[zz]/2019/03/05/a",
    "http://]x/",
    "https://[::1/author/jane-doe",
]


@pytest.mark.parametrize("broken", BROKEN_URLS)
def test_a_malformed_address_anywhere_leaves_the_page_readable(broken: str) -> None:
    head = (
        f"<link rel='canonical' href='{broken}'><meta property='og:url' content='{broken}'>"
        f"<meta property='og:image' content='{broken}'><link rel='author' href='{broken}'>"
        "<title>Night trains return</title>"
    )
    body = f"<p><a href='{broken}'>A link</a> <img src='{broken}' alt='x'></p>" + BODY
    for url in (broken, "https://rail.example/2019/03/05/trains"):
        got = extract_page(page(head, body), url=url)
        assert got.title == "Night trains return"
    assert url_date(broken) is None or url_date(broken) == "2019-03-05"
    assert url_author(broken) in (None, "Jane Doe")


def test_lead_loses_a_standfirst_heading_that_is_the_description() -> None:
    """A subheading above the lede that says what the page's description says is the
    standfirst: the summary shows it; the body starts at the lede."""
    dek = "Officials say the line will carry its first passengers in the spring"
    head = f'<title>Night trains return</title><meta name="description" content="{dek}">'
    out = extract_page(page(head, f"<h1>Night trains return</h1><h2>{dek}</h2>{BODY}"))
    assert out.summary == dek
    assert out.body[0].plain.startswith("The council voted")
    # A paragraph that is the description is often the lede itself: it stays.
    lede = paragraph(dek + ".")
    rest = paragraph("The council voted on Tuesday to reopen the night train line. " * 3)
    assert lead_trimmed([lede, rest], "Night trains return", [], [], dek) == [lede, rest]
    # A subheading the description does not repeat opens a section: it stays.
    other = Block(BlockKind.HEADING, (Run("What the timetable says about the spring"),), level=2)
    assert lead_trimmed([other, rest], "Night trains return", [], [], dek) == [other, rest]


def test_a_json_ld_web_page_with_a_headline_and_author_describes_the_article() -> None:
    """No Article in the JSON-LD, but a MedicalWebPage stating headline, author and date:
    that is the page's own article, and beats an og:title worded for sharing."""
    head = (
        '<meta property="og:title" content="Tips for night trains">'
        + ld(
            {
                "@type": "MedicalWebPage",
                "headline": "Seven helpful tips for night trains",
                "author": {"@type": "Person", "name": "Ana Ruiz"},
                "datePublished": "2019-11-14T08:00:00Z",
            }
        )
        + ld({"@type": "WebPage", "name": "The Daily"})
    )
    out = extract_page(page(head, f"<h1>Seven helpful tips for night trains</h1>{BODY}"))
    assert out.title == "Seven helpful tips for night trains"
    assert out.authors == ["Ana Ruiz"]
    assert out.published is not None and out.published.startswith("2019-11-14")


def test_a_json_ld_author_given_by_reference_is_looked_up_in_the_graph() -> None:
    """A @graph names its author as {"@id": ...}: the Person of that @id is the author."""
    graph = {
        "@graph": [
            {
                "@type": "Article",
                "headline": "Night trains return",
                "author": {"@id": "https://example.com/#/person/1"},
            },
            {"@type": "Person", "@id": "https://example.com/#/person/1", "name": "Ana Ruiz"},
        ]
    }
    out = extract_page(page(ld(graph), f"<h1>Night trains return</h1>{BODY}"))
    assert out.authors == ["Ana Ruiz"]


def test_an_organisation_as_author_gives_way_to_the_page_byline() -> None:
    """JSON-LD naming the publisher (an Organization) as author is no byline: the
    people the page's byline names are the authors."""
    head = ld(
        {"@type": "NewsArticle", "author": {"@type": "NewsMediaOrganization", "name": "Wide World"}}
    )
    byline = '<p class="byline">By Ana Ruiz and Li Wei</p>'
    out = extract_page(page(head, f"<h1>Night trains return</h1>{byline}{BODY}"))
    assert out.authors == ["Ana Ruiz", "Li Wei"]
    # Without people on the page, the organisation is what the page says.
    out = extract_page(page(head, f"<h1>Night trains return</h1>{BODY}"))
    assert out.authors == ["Wide World"]


def test_an_agency_credited_beside_people_is_not_an_author() -> None:
    head = ld({"@type": "NewsArticle", "author": "By ANA RUIZ and LI WEI, Associated Press"})
    out = extract_page(page(head, f"<h1>Night trains return</h1>{BODY}"))
    assert out.authors == ["ANA RUIZ", "LI WEI"]
    alone = ld({"@type": "NewsArticle", "author": "Associated Press"})
    assert extract_page(page(alone, BODY)).authors == ["Associated Press"]


def test_json_ld_with_a_trailing_comma_is_read() -> None:
    """A template that writes a list in a loop leaves "a", ] behind: still the article."""
    script = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "keywords": ["rail", ],'
        ' "datePublished": "2019-11-18T16:06:51-05:00", "author": {"name": "Ana Ruiz",},}'
        "</script>"
    )
    out = extract_page(page(script, BODY))
    assert out.published == "2019-11-18T16:06:51-05:00"
    assert out.authors == ["Ana Ruiz"]


def test_a_json_ld_web_page_dates_the_article_when_nothing_else_does() -> None:
    head = ld(
        {
            "@graph": [
                {"@type": "WebSite", "name": "The Daily"},
                {"@type": "WebPage", "datePublished": "2018-04-18T14:39:09+02:00"},
            ]
        }
    )
    assert extract_page(page(head, BODY)).published == "2018-04-18T14:39:09+02:00"
    meta = '<meta property="article:published_time" content="2018-04-17T10:00:00+02:00">'
    assert extract_page(page(meta + head, BODY)).published == "2018-04-17T10:00:00+02:00"


def test_a_date_line_below_the_headline_dates_a_page_without_markup() -> None:
    """A short line under the <h1> with a date and no class: the page's date; a date in
    the lede below it is the story's, not the page's."""
    line = "<p>05/10/2018 - Publicado por: Ana Ruiz</p>"
    body = f"<h1>Night trains return</h1>{line}{BODY}"
    assert extract_page(page(body=body)).published == "2018-05-10"  # lang='en': month first
    portuguese = page(body=body).replace("lang='en'", "lang='pt-BR'")
    assert extract_page(portuguese).published == "2018-10-05"  # day first
    lede = "<p>" + "On March 5, 2019 the council voted to reopen the line at last. " * 3 + "</p>"
    assert extract_page(page(body=f"<h1>Night trains return</h1>{lede}{BODY}")).published is None


def test_lead_loses_a_topics_line_and_a_bracketed_promo() -> None:
    lede = paragraph("The council voted on Tuesday to reopen the night train line. " * 3)
    for line in (
        "Topics: rail, night trains, Europe, Editor's Picks",
        "05/10/2018 - Publicado por: Ana Ruiz - Categoria: Saúde - Tags: trem noite linha",
        "[What you need to know to start the day: get the briefing in your inbox.]",
    ):
        assert lead_trimmed([paragraph(line), lede], "Night trains return", [], []) == [lede]
    # A sentence that mentions topics is the lede.
    kept = paragraph("Topics: the council discussed rail, buses and the budget at length.")
    assert lead_trimmed([kept, lede], "Night trains return", [], []) == [kept, lede]


def test_lead_loses_calls_to_action_above_the_lede() -> None:
    lede = paragraph("The council voted on Tuesday to reopen the night train line. " * 3)
    for line in (
        "Continue reading the main story",
        "Support our journalism. Donate today.",
        "Sign up for our newsletter, free in your inbox",
        "Advertisement",
    ):
        assert lead_trimmed([paragraph(line), lede], "Night trains return", [], []) == [lede]
    kept = paragraph("Support for the line grew over the decade.")
    assert lead_trimmed([kept, lede], "Night trains return", [], []) == [kept, lede]


def test_several_byline_elements_side_by_side_name_every_author() -> None:
    """Each author in a byline block of their own: all are authors; a byline further
    down (the next story of a digest) is not."""
    two = (
        "<h1>Night trains return</h1><div class='meta'><div class='author'>By Ana Ruiz</div>"
        "<div class='author'>Li Wei</div></div>"
    )
    assert extract_page(page(body=two + BODY)).authors == ["Ana Ruiz", "Li Wei"]
    digest = (
        "<h1>Weekly digest</h1><div class='byline'>By Ana Ruiz</div>"
        f"{BODY}<h2>Buses</h2><div class='byline'>By Li Wei</div>{BODY}"
    )
    assert extract_page(page(body=digest)).authors == ["Ana Ruiz"]


def test_the_h1_its_title_repeats_beats_a_different_declared_headline() -> None:
    """A headline written for sharing or search words it otherwise than the page shows:
    the <h1> that the page's <title> or og:title repeats wins, even over a variant."""
    shown = "Night trains return to the valley after a decade"
    head = (
        '<meta property="og:title" content="Why the council brought back sleepers">'
        f"<title>{shown} | The Daily</title>"
    )
    assert extract_page(page(head, f"<h1>{shown}</h1>{BODY}")).title == shown
    variant = (
        '<meta property="og:title" content="The night trains return to the valley after a decade">'
        f"<title>{shown} | The Daily</title>"
    )
    assert extract_page(page(variant, f"<h1>{shown}</h1>{BODY}")).title == shown
    ld = json.dumps({"@type": "NewsArticle", "headline": "Sleeper trains back in the valley"})
    social = (
        f'<script type="application/ld+json">{ld}</script>'
        f'<meta property="og:title" content="{shown}"><title>The Daily</title>'
    )
    assert extract_page(page(social, f"<h1>{shown}</h1>{BODY}")).title == shown
    # With nothing to say the <h1> is the one shown, the declared headline stands.
    alone = f'<script type="application/ld+json">{ld}</script><title>The Daily</title>'
    assert extract_page(page(alone, f"<h1>{shown}</h1>{BODY}")).title == (
        "Sleeper trains back in the valley"
    )


def test_a_date_line_below_a_headline_that_is_no_h1() -> None:
    """The headline in a <dt> (a logo in the <h1>): the date line below its block counts,
    and http-equiv content-language says how to read 05/10/2018."""
    head = (
        '<title>Night trains return - Wide World</title><meta http-equiv="content-language"'
        ' content="pt_BR">'
    )
    body = (
        f"<h1>Wide World</h1><dl><dt>Night trains return</dt></dl>Publicado: 05/10/2018 15:24{BODY}"
    )
    out = extract_page(page(head, body).replace("lang='en'", ""))
    assert out.language == "pt-BR"
    assert out.published == "2018-10-05T15:24"


def test_a_paragraph_repeating_an_image_alt_text_is_its_caption() -> None:
    """A page that writes an image's alt text out again in a plain <p> below it: that is
    the caption (italic, left out of the text), not the body's first words."""
    alt = "A night train waiting in the snowy station"
    body = f"<p><img src='http://x.example/a.jpg' alt='{alt}'></p><p>{alt}</p>{BODY}"
    out = extract_page(page("<title>Night trains return</title>", body))
    assert [b.kind for b in out.body[:2]] == [BlockKind.IMAGE, BlockKind.PARAGRAPH]
    assert out.body[1].runs[0].italic
    article = Article(id="a", source="s", title="t", body=tuple(out.body))
    assert article.text_paragraphs[0].startswith("The council voted")


def test_a_time_element_outside_the_article_dates_a_page_without_other_dates() -> None:
    """The byline's <time datetime> sits outside <article>: it counts when nothing else
    dates the page; a related story's does not."""
    related = '<ul class="related"><li><time datetime="2019-01-01T00:00:00Z">Jan 1</time></li></ul>'
    byline = (
        '<div class="timeinfo"><time datetime="2019-11-19T10:36:00.000Z">1 day ago</time></div>'
    )
    html = page(body=BODY).replace("<nav>", related + byline + "<nav>")
    assert extract_page(html).published == "2019-11-19T10:36:00+00:00"
    assert extract_page(page(body=BODY).replace("<nav>", related + "<nav>")).published is None


def test_a_title_loses_an_unknown_site_name_when_the_page_shows_the_headline() -> None:
    """No og:site_name, no address, the <h1> a logo: "Headline - Name" loses the name when
    an element of the page says the headline alone; a title the page never shows stays."""
    head = "<title>Night trains return to the valley - Wide World</title>"
    shown = "<h1>WW</h1><dl><dt>Night trains return to the valley</dt></dl>"
    assert extract_page(page(head, shown + BODY)).title == "Night trains return to the valley"
    assert extract_page(page(head, BODY)).title == "Night trains return to the valley - Wide World"
