"""OPML import into sections and export that other readers accept (checked with listparser)."""

from __future__ import annotations

from pathlib import Path

import listparser
import pytest

from newsreader.config import load_config
from newsreader.errors import SourceError
from newsreader.sources.opml import export_opml, parse_opml

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Subs</title></head>
  <body>
    <outline text="Loose" type="rss" xmlUrl="https://loose.example/rss"/>
    <outline text="News">
      <outline text="World" type="rss" xmlUrl="https://world.example/rss" htmlUrl="https://world.example/"/>
      <outline text="Regional">
        <outline title="Asia" xmlurl="https://asia.example/feed"/>
      </outline>
    </outline>
    <outline text="Tech">
      <outline text="Bad scheme" xmlUrl="file:///etc/passwd"/>
      <outline text="JS" xmlUrl="javascript:alert(1)"/>
      <outline text="Dup" xmlUrl="https://world.example/rss"/>
      <outline text="Circuit" XMLURL="https://circuit.example/atom"/>
    </outline>
  </body>
</opml>
"""


def test_nested_outlines_become_sections() -> None:
    feeds = parse_opml(NESTED, "subs.opml")
    assert [(f.section, f.url, f.title) for f in feeds] == [
        ("Imported", "https://loose.example/rss", "Loose"),
        ("News", "https://world.example/rss", "World"),
        ("News / Regional", "https://asia.example/feed", "Asia"),
        ("Tech", "https://circuit.example/atom", "Circuit"),
    ]


def test_entities_and_external_dtds_are_never_expanded_or_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    hostile = f"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY boom "&xxe;&xxe;">]>
<opml version="2.0"><body>
  <outline text="&boom;" xmlUrl="https://ok.example/rss"/>
</body></opml>""".encode()
    feeds = parse_opml(hostile, "hostile.opml")
    assert [f.url for f in feeds] == ["https://ok.example/rss"]
    assert all("TOPSECRET" not in (f.title or "") for f in feeds)


@pytest.mark.parametrize("data", [b"", b"<html/>", b"<opml></opml>", b"\x00\x01"])
def test_not_opml_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(SourceError):
        parse_opml(data, "x.opml")


def test_export_reads_back_with_listparser(tmp_path: Path) -> None:
    config_path = tmp_path / "config.toml"
    config_path.write_text(
        '[[section]]\nname = "World & More"\nfeeds = ["https://a.example/rss", '
        '{ url = "https://b.example/atom?x=1&y=2", title = "B <news>" }]\n'
        '[[section]]\nname = "Local"\npaths = ["x"]\n'
        '[[section]]\nname = "Tech"\nfeeds = ["https://c.example/feed"]\n',
        encoding="utf-8",
    )
    text = export_opml(load_config(config_path))
    result = listparser.parse(text)
    assert not result.bozo, result.bozo_exception
    got = {(f.url, f.title, tuple(tuple(c) for c in f.categories)) for f in result.feeds}
    assert got == {
        ("https://a.example/rss", "https://a.example/rss", (("World & More",),)),
        ("https://b.example/atom?x=1&y=2", "B <news>", (("World & More",),)),
        ("https://c.example/feed", "https://c.example/feed", (("Tech",),)),
    }
    # And our own importer reads our export back to the same subscriptions.
    again = parse_opml(text.encode(), "export.opml")
    assert {(f.section, f.url) for f in again} == {
        ("World & More", "https://a.example/rss"),
        ("World & More", "https://b.example/atom?x=1&y=2"),
        ("Tech", "https://c.example/feed"),
    }


def test_corpus_opml_files(corpus: Path) -> None:
    for name in ("Subs.opml", "SubsNoTitleAttributes.opml"):
        data = (corpus / "rsparser-resources" / name).read_bytes()
        feeds = parse_opml(data, name)
        expected = listparser.parse(data.decode("utf-8", "replace")).feeds
        assert {f.url for f in feeds} == {f.url for f in expected if f.url.startswith("http")}
        assert feeds
