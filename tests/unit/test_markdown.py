"""Markdown articles with and without front matter."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.extraction.markdown import parse_front_matter, parse_markdown
from newsreader.models import BlockKind
from newsreader.sources.local import read_file


def test_front_matter_fields() -> None:
    text = (
        "---\ntitle: 'Quoted: title'\nauthor: A. One and B. Two\ndate: 2024-05-06\n"
        "source: The Paper\nurl: https://paper.example/x\ntags:\n  - one\n  - two\n---\n"
        "Body paragraph.\n"
    )
    doc = parse_markdown(text)
    assert doc.title == "Quoted: title"
    assert doc.authors == ["A. One", "B. Two"]
    assert doc.published == "2024-05-06"
    assert doc.site == "The Paper"
    assert doc.url == "https://paper.example/x"
    assert doc.tags == ["one", "two"]
    assert [b.plain for b in doc.body] == ["Body paragraph."]


def test_title_from_first_heading_without_front_matter() -> None:
    doc = parse_markdown("# The Title\n\nText with **bold**.\n\n- a\n- b\n\n1. x\n2. y\n")
    assert doc.title == "The Title"
    assert [b.kind for b in doc.body] == [BlockKind.PARAGRAPH] + [BlockKind.LIST_ITEM] * 4
    assert [b.ordinal for b in doc.body[3:]] == [1, 2]


def test_tables_quotes_code() -> None:
    doc = parse_markdown(
        "# T\n\n> quoted\n\n```\ncode here\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert [b.kind for b in doc.body] == [BlockKind.QUOTE, BlockKind.CODE, BlockKind.TABLE]
    assert doc.body[2].rows == (("a", "b"), ("1", "2"))


def test_raw_html_in_markdown_is_text_not_structure() -> None:
    doc = parse_markdown("# T\n\n<script>alert(1)</script> and <b>bold?</b>\n")
    assert "<b>bold?</b>" in doc.body[0].plain


def test_no_front_matter_when_not_at_start() -> None:
    data, rest = parse_front_matter("text\n---\ntitle: x\n---\n")
    assert data == {} and rest.startswith("text")


def test_file_without_any_title_uses_file_name(tmp_path: Path) -> None:
    path = tmp_path / "my_saved-note.md"
    path.write_text("Just a paragraph.\n", encoding="utf-8")
    [article] = read_file(path)
    assert article.title == "my saved note"


def test_byline_date_caption_and_trailer_lines_leave_the_body() -> None:
    doc = parse_markdown(
        "# Night trains\n\n*By Jo Bloggs*\n\nMarch 5, 2024\n\n"
        '![A train at dawn](x.jpg "The sleeper leaves Vienna at dawn.")\n\n'
        "VIENNA — The sleeper trains are back, and they are full.\n\n"
        "Related: [Other story](http://x.example/a)\n\n"
        "Share: [Twitter](http://t.example) | [Facebook](http://f.example)\n"
    )
    assert doc.authors == ["Jo Bloggs"]
    assert doc.published == "2024-03-05"
    assert doc.caption == "The sleeper leaves Vienna at dawn."
    assert doc.dateline == "VIENNA"
    assert [b.kind for b in doc.body] == [BlockKind.IMAGE, BlockKind.PARAGRAPH]


def test_long_markdown_beyond_the_budget_is_plain_paragraphs() -> None:
    doc = parse_markdown("# T\n\n" + "![" * 100_000 + "\n\n" + "Closing words.\n")
    assert doc.title == "T"
    assert doc.body[-1].plain.endswith("Closing words.")


def test_deep_lists_and_quotes_keep_every_word_and_what_follows() -> None:
    items = "\n".join("  " * i + f"- item {i}" for i in range(40))
    text = f"Intro.\n\n{items}\n\nAfter the list.\n\n{'> ' * 45}deep quote\n\nLast words.\n"
    page = parse_markdown(text)
    plains = [b.plain for b in page.body]
    assert [f"item {i}" for i in range(40)] == [p for p in plains if p.startswith("item")]
    assert plains[-3:] == ["After the list.", "deep quote", "Last words."]
    levels = [b.level for b in page.body if b.kind is BlockKind.LIST_ITEM]
    assert levels[:5] == list(range(5)) and max(levels) == 4  # nested, then held there


def test_code_in_a_fence_is_kept_exactly_as_written() -> None:
    code = "def f():\n" + "".join("    " * i + f"if x{i}:\n" for i in range(1, 8)) + ">>>>>>> b"
    page = parse_markdown(f"# T\n\nText.\n\n```\n{code}\n```\n\nAfter.\n")
    [block] = [b for b in page.body if b.kind is BlockKind.CODE]
    assert block.text == code
    assert page.body[-1].plain == "After."


_CONTAINERS = st.sampled_from(["> ", "- ", "* ", "1. ", "2) ", "  ", "    ", "\t", ">"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_CONTAINERS, max_size=40), min_size=1, max_size=8))
def test_no_nesting_loses_a_word(prefixes: list[list[str]]) -> None:
    lines = [f"{''.join(p)}word{i}" for i, p in enumerate(prefixes)]
    text = "# T\n\n" + "\n\n".join(lines) + "\n\nThe end.\n"
    shown = " ".join(b.text or b.plain for b in parse_markdown(text).body)
    assert re.findall(r"word\d+", shown) == [f"word{i}" for i in range(len(lines))]
    assert shown.endswith("The end.")
