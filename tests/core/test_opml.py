"""OPML import into sections and export that other readers accept (checked with listparser)."""

from __future__ import annotations

from pathlib import Path

import listparser
import pytest

from newsreader.cli import main
from newsreader.config import load_config
from newsreader.errors import SourceError
from newsreader.sources.opml import export_opml, parse_opml, read_opml

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
    # An attribute that needs an outside entity cannot be read whole: the file is refused
    # (it used to be read with the reference dropped), and nothing of the secret shows.
    with pytest.raises(SourceError) as info:
        parse_opml(hostile, "hostile.opml")
    assert "external entity" in info.value.message and "TOPSECRET" not in info.value.message
    in_text = hostile.replace(b'<outline text="&boom;"', b'<outline text="x">&boom;<outline')
    in_text = in_text.replace(b'"/>\n</body>', b'"/></outline>\n</body>')
    feeds = parse_opml(in_text, "hostile.opml")
    assert [f.url for f in feeds] == ["https://ok.example/rss"]
    assert all("TOPSECRET" not in (f.title or "") + f.section for f in feeds)


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


def test_a_file_that_cannot_be_read_whole_is_an_error_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An internal entity expanding to about 1 MB: libxml2 stops there. Recovering kept the
    outlines before it and reported success; now the whole file is refused, and said so."""
    entities = '<!ENTITY a "' + "x" * 1000 + '"><!ENTITY b "' + "&a;" * 1000 + '">'
    opml = tmp_path / "big.opml"
    opml.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE opml [{entities}]>\n<opml version="2.0"><body>\n'
        '<outline text="one" xmlUrl="https://one.example/rss"/>\n'
        '<outline text="&b;" xmlUrl="https://two.example/rss"/>\n'
        '<outline text="three" xmlUrl="https://three.example/rss"/>\n</body></opml>\n',
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as info:
        parse_opml(opml.read_bytes(), "big.opml")
    assert "line 5" in info.value.message and "nothing was imported" in info.value.message
    config = tmp_path / "config.toml"
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))
    monkeypatch.setenv("NEWSREADER_DATA", str(tmp_path / "data"))
    code = main(["import-opml", str(opml)])
    out, err = capsys.readouterr()
    assert code != 0 and "imported" not in out and "not valid OPML" in err
    assert not config.exists()


def test_an_unclosed_tag_is_an_error_not_a_partial_import() -> None:
    data = (
        b'<?xml version="1.0"?><opml version="2.0"><body>'
        b'<outline text="a" xmlUrl="https://a.example/rss">'
        b'<outline text="b" xmlUrl="https://b.example/rss"/></body></opml>'
    )
    with pytest.raises(SourceError):
        parse_opml(data, "open.opml")


def test_a_feed_nested_200_levels_deep_is_imported() -> None:
    deep = (
        b'<?xml version="1.0"?><opml version="2.0"><body>'
        + b'<outline text="Level">' * 200
        + b'<outline text="Deep" xmlUrl="https://deep.example/rss"/>'
        + b"</outline>" * 200
        + b'<outline text="After" xmlUrl="https://after.example/rss"/></body></opml>'
    )
    long_name = "W" * 300
    wide = NESTED.replace(b'text="News"', f'text="{long_name}"'.encode())
    feeds = {f.url: f.section for f in parse_opml(deep, "deep.opml")}
    assert feeds == {
        "https://deep.example/rss": "Level / Level / Level / Level",
        "https://after.example/rss": "Imported",
    }
    sections = {f.url: f.section for f in parse_opml(wide, "wide.opml")}
    assert all(len(name) <= 200 for name in sections.values())
    assert sections["https://asia.example/feed"].endswith("\u2026 / Regional")


def test_a_feed_nested_deep_goes_into_the_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opml = tmp_path / "deep.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        + f'<outline text="{"Level " * 60}">' * 200
        + '<outline text="Deep" xmlUrl="https://deep.example/rss"/>'
        + "</outline>" * 200
        + "</body></opml>",
        encoding="utf-8",
    )
    config = tmp_path / "config.toml"
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))
    monkeypatch.setenv("NEWSREADER_DATA", str(tmp_path / "data"))
    assert main(["import-opml", str(opml)]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("imported 1 feed in 1 section") and "skipped" not in out
    assert "https://deep.example/rss" in [
        f.url for s in load_config(config).sections for f in s.feeds
    ]


def test_every_unusable_address_is_counted_as_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """javascript: and file: were dropped while parsing and never counted: "1 skipped"."""
    assert read_opml(NESTED, "subs.opml").skipped == 2
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="JS" xmlUrl="javascript:alert(1)"/>'
        '<outline text="File" xmlUrl="file:///etc/passwd"/>'
        '<outline text="No host" xmlUrl="http:foo"/>'
        '<outline text="Folder" xmlUrl=""><outline text="ok" xmlUrl="https://ok.example/"/>'
        "</outline></body></opml>",
        encoding="utf-8",
    )
    monkeypatch.setenv("NEWSREADER_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("NEWSREADER_DATA", str(tmp_path / "data"))
    assert main(["import-opml", str(opml)]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("imported 1 feed in 1 section")
    assert "(3 skipped: not an http or https address" in out


def test_html_named_entities_in_titles_are_read_as_their_characters() -> None:
    data = (
        b'<?xml version="1.0"?><opml version="2.0"><body>'
        b'<outline text="News&nbsp;Tech &amp; Caf&eacute;">'
        b'<outline type="rss" text="Le&nbsp;Monde" xmlUrl="https://a.example/rss"/>'
        b"</outline></body></opml>"
    )
    [feed] = parse_opml(data, "subs.opml")
    assert (feed.title, feed.section) == ("Le Monde", "News Tech & Café")  # spaces folded
    with pytest.raises(SourceError, match="nothing was imported"):
        parse_opml(b'<opml><body><outline text="&bogus;"/></body></opml>', "x.opml")
