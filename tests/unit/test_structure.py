"""HTML to blocks: the structure we keep, and the things we throw away."""

from __future__ import annotations

from newsreader.extraction.structure import html_to_blocks
from newsreader.models import BlockKind


def kinds(html: str) -> list[tuple[str, str]]:
    return [(b.kind.value, b.plain) for b in html_to_blocks(html)]


def test_paragraphs_headings_and_inline_styles() -> None:
    blocks = html_to_blocks("<h3>Title</h3><p>a <b>b</b> <i>c</i> <code>d</code></p>")
    assert blocks[0].kind is BlockKind.HEADING and blocks[0].level == 3
    runs = blocks[1].runs
    assert [(r.text, r.bold, r.italic, r.code) for r in runs] == [
        ("a ", False, False, False),
        ("b", True, False, False),
        (" ", False, False, False),
        ("c", False, True, False),
        (" ", False, False, False),
        ("d", False, False, True),
    ]


def test_nested_and_ordered_lists() -> None:
    blocks = html_to_blocks("<ol start='4'><li>four<ul><li>inner</li></ul></li><li>five</li></ol>")
    assert [(b.kind, b.level, b.ordinal, b.plain) for b in blocks] == [
        (BlockKind.LIST_ITEM, 0, 4, "four"),
        (BlockKind.LIST_ITEM, 1, 0, "inner"),
        (BlockKind.LIST_ITEM, 0, 5, "five"),
    ]


def test_quotes_code_tables_images_rules() -> None:
    html = (
        "<blockquote><p>said</p><blockquote>deeper</blockquote></blockquote>"
        "<pre>  x = 1\n  y = 2\n</pre>"
        "<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>"
        "<img src='https://e.org/i.png' alt='A map'><img src='t.gif' width='1'><hr>"
    )
    blocks = html_to_blocks(html)
    assert [(b.kind, b.level) for b in blocks[:2]] == [(BlockKind.QUOTE, 0), (BlockKind.QUOTE, 1)]
    assert blocks[2].kind is BlockKind.CODE and blocks[2].text == "x = 1\ny = 2"
    assert blocks[3].kind is BlockKind.TABLE and blocks[3].header
    assert blocks[3].rows == (("k", "v"), ("a", "1"))
    assert (blocks[4].kind, blocks[4].text) == (BlockKind.IMAGE, "A map")
    assert blocks[5].kind is BlockKind.RULE
    assert len(blocks) == 6  # the tracking pixel is gone


def test_layout_tables_are_read_as_content() -> None:
    html = "<table><tr><td><p>First paragraph.</p><p>Second.</p></td></tr></table>"
    assert kinds(html) == [("paragraph", "First paragraph."), ("paragraph", "Second.")]


def test_scripts_styles_forms_are_dropped() -> None:
    html = "<p>keep</p><script>alert(1)</script><style>p{}</style><form><input value=x></form>"
    assert kinds(html) == [("paragraph", "keep")]


def test_links_resolved_and_filtered() -> None:
    blocks = html_to_blocks(
        "<p><a href='/a'>rel</a> <a href='javascript:x()'>js</a> <a href='mailto:a@b.c'>m</a></p>",
        "https://site.example/dir/page",
    )
    links = [(r.text.strip(), r.link) for r in blocks[0].runs if r.text.strip()]
    assert links == [("rel", "https://site.example/a"), ("js", None), ("m", "mailto:a@b.c")]


def test_br_and_whitespace() -> None:
    [block] = html_to_blocks("<p>  one \n  two<br>three  </p>")
    assert block.plain == "one two\nthree"


def test_not_html_and_empty() -> None:
    assert kinds("plain words") == [("paragraph", "plain words")]
    assert html_to_blocks("") == ()
    assert html_to_blocks("<p> </p>") == ()


def test_control_sequences_removed_inside_html() -> None:
    [block] = html_to_blocks("<p>a\x1b[31mb\u202ec</p>")
    assert block.plain == "abc"


def test_pathological_nesting_keeps_all_text() -> None:
    for tag in ("div", "b", "blockquote", "ul"):
        html = f"<p>before</p>{f'<{tag}>' * 5000}deep{f'</{tag}>' * 5000}<p>after</p>"
        text = " ".join(b.plain for b in html_to_blocks(html))
        assert "before" in text and "deep" in text and "after" in text, tag
