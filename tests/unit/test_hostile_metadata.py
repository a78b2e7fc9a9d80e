"""The metadata layer and MHTML reader take bounded time on hostile pages.

Each input puts about a megabyte where one of the new patterns looks: a <title> made of
separators, a byline or <meta> author of one endless word, JSON-LD nested deep or huge,
many byline elements, many images. Linear work takes a fraction of the bound.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest

from newsreader.extraction.bylines import split_authors
from newsreader.extraction.html import extract_page
from newsreader.extraction.mhtml import read_mhtml
from newsreader.extraction.titles import strip_site_name

SIZE = 1_000_000
BOUND = 2.0


def within_bound(work: Callable[[], object]) -> None:
    took = BOUND
    for _attempt in range(2):  # a busy machine gets a second chance, a regression does not
        start = time.process_time()  # CPU time: other processes on the machine do not count
        work()
        took = time.process_time() - start
        if took < BOUND:
            return
    raise AssertionError(f"{took:.2f} s")


def page(head: str = "", body: str = "<p>Words.</p>") -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "unit", [" - ", " | ", "_", " [", "[x] ", ": ", " :: ", "a" * 10, "(Published 2016)"]
)
def test_title_of_separators(unit: str) -> None:
    title = unit * (SIZE // len(unit))
    within_bound(lambda: extract_page(page(f"<title>{title}</title>", f"<h1>{title[:5000]}</h1>")))
    within_bound(lambda: strip_site_name(title, {"site"}))


@pytest.mark.timeout(60)
@pytest.mark.parametrize("unit", ["a", "By ", "a@", "@a ", "(avec ", "Jan 1", ", A", " and "])
def test_author_of_one_endless_word(unit: str) -> None:
    text = unit * (SIZE // len(unit))
    within_bound(lambda: split_authors(text, strict=True))
    author = f'<meta name="author" content="{text}">'
    byline = f"<div class='byline'>{text[:150]}</div>" * 1000
    within_bound(lambda: extract_page(page(author, byline + "<p>Words.</p>")))


@pytest.mark.timeout(60)
def test_json_ld_deep_and_wide() -> None:
    deep = "[" * 50_000 + "]" * 50_000
    wide = json.dumps(
        [{"@type": "NewsArticle", "headline": "x" * 50, "author": [{"name": "A B"}] * 500}] * 200
    )
    head = "".join(
        f'<script type="application/ld+json">{s}</script>' for s in (deep, wide, "{" * SIZE)
    )
    within_bound(lambda: extract_page(page(head)))


@pytest.mark.timeout(60)
def test_many_images_deep_in_the_page() -> None:
    # Images and paragraphs deep in the page: each looked at once, not up its ancestors.
    # (Few enough elements that trafilatura's own cost per element stays small.)
    body = "<div><section>" * 150 + "<figure><img src='/a.png' alt='x'></figure>" * 3000
    body += "<p>Words here, and more of them.</p>" * 3000
    within_bound(lambda: extract_page(page(body=body), url="https://x.example/a"))


@pytest.mark.timeout(60)
def test_mhtml_of_many_parts() -> None:
    part = b"--b\r\nContent-Type: image/png\r\n\r\nxx\r\n"
    data = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
        + part * 20_000
        + b"--b\r\nContent-Type: text/html\r\n\r\n<p>Hi</p>\r\n--b--\r\n"
    )
    within_bound(lambda: read_mhtml(data))
