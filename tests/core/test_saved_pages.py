"""Pages as browsers save them: MHTML, "Web Page, Complete" folders, and `read --url`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.errors import SourceError
from newsreader.sources.local import FileKind, iter_files, read_file, read_path, sniff

PAGES = Path(__file__).parents[1] / "data" / "pages"
AUTHORS = ["Zoë Müller", "Jean Dupré"]


def test_mhtml_from_chrome_reads_as_the_page_it_holds() -> None:
    [article] = read_file(PAGES / "night-trains.mhtml")
    assert article.title == "Night trains return to the Alps"
    assert list(article.authors) == AUTHORS  # quoted-printable UTF-8 decoded
    assert article.url == "https://rail.example/2023/10/24/night-trains-alps"
    assert article.published == "2023-10-24"  # from the address: the page gives no date
    assert article.text_paragraphs[0].startswith("After a decade without them")
    assert article.images == [
        {
            "alt": "A sleeper carriage at dusk",
            "src": "https://rail.example/img/sleeper.png",
            "caption": "The 22:10 from Zürich.",
        }
    ]


def test_mht_in_base64_and_latin1_reads_the_same() -> None:
    [article] = read_file(PAGES / "night-trains-latin1.mht")
    assert list(article.authors) == AUTHORS
    assert article.text_paragraphs == read_file(PAGES / "night-trains.mhtml")[0].text_paragraphs


def test_mhtml_without_its_extension_is_recognised(tmp_path: Path) -> None:
    data = (PAGES / "night-trains.mhtml").read_bytes()
    assert sniff(data) is FileKind.MHTML
    plain = tmp_path / "saved-page"
    plain.write_bytes(data)
    assert read_file(plain)[0].title == "Night trains return to the Alps"


def test_mhtml_without_a_page_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.mhtml"
    path.write_bytes(
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n"
    )
    with pytest.raises(SourceError, match="no web page"):
        read_file(path)


def test_mhtml_nested_past_reading_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "deep.mhtml"
    data = b"MIME-Version: 1.0\r\n"
    for level in range(1000):
        data += b'Content-Type: multipart/related; boundary="b%d"\r\n\r\n--b%d\r\n' % (level, level)
    path.write_bytes(data + b"Content-Type: text/html\r\n\r\n<p>Deep</p>\r\n")
    with pytest.raises(SourceError, match="deep.mhtml: parts nested more than"):
        read_file(path)


def test_web_page_complete_folder_skips_the_pages_parts(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    shutil.copytree(PAGES / "complete", folder)
    # A folder that merely ends in _files, with no page beside it, is read as usual.
    (folder / "notes_files").mkdir()
    (folder / "notes_files" / "note.md").write_text("# A note\n\nSome words.\n")
    names = sorted(p.relative_to(folder).as_posix() for p in iter_files(folder))
    assert names == ["night-trains.html", "notes_files/note.md"]
    results = list(read_path(folder))
    assert [r.error for r in results] == [None, None]
    page = results[0].articles[0]
    assert page.title == "Night trains return to the Alps"
    # The page itself still reads, and its image points into its folder.
    [article] = read_file(folder / "night-trains.html")
    assert article.images[0]["src"] is None or "night-trains_files" in str(article.images[0]["src"])


def test_read_url_gives_the_address_its_date_and_resolves_links(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "https://rail.example/2023/11/02/alps/night-trains"
    code = main(["read", str(PAGES / "complete" / "night-trains.html"), "--json", "--url", url])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["url"] == url
    assert out["published"] == "2023-11-02"
    assert out["authors"] == AUTHORS
    assert (
        out["images"][0]["src"]
        == "https://rail.example/2023/11/02/alps/night-trains_files/sleeper.png"
    )
    assert all("sleeper carriage" not in p for p in out["paragraphs"])


@pytest.mark.parametrize(
    "bad", ["javascript:alert(1)", "http://", "http://[::1", "ftp://x.example/a", "x.example/a"]
)
def test_read_refuses_a_url_that_is_no_web_address(
    capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    code = main(["read", str(PAGES / "complete" / "night-trains.html"), "--url", bad])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert "--url" in captured.err and "not a web address" in captured.err


def test_read_refuses_one_url_for_several_pages(capsys: pytest.CaptureFixture[str]) -> None:
    page = str(PAGES / "complete" / "night-trains.html")
    code = main(["read", page, page, "--url", "https://rail.example/2023/11/02/a"])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert "--url says where one saved page came from" in captured.err


def test_read_refuses_a_url_for_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["read", str(PAGES / "complete"), "--url", "https://rail.example/2023/11/02/a"])
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert "not a folder's" in captured.err


def test_a_malformed_content_location_leaves_the_mhtml_readable(tmp_path: Path) -> None:
    data = (PAGES / "night-trains.mhtml").read_bytes()
    start = data.index(b"\r\nContent-Location: ") + len(b"\r\nContent-Location: ")
    end = data.index(b"\r\n", start)
    path = tmp_path / "broken.mhtml"
    path.write_bytes(data[:start] + b"http://[::1" + data[end:])
    [article] = read_file(path)
    assert article.title == "Night trains return to the Alps"


def test_read_without_url_has_no_address_for_a_page_that_gives_none(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["read", str(PAGES / "complete" / "night-trains.html"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["url"] is None and out["published"] is None


def test_mhtml_parts_named_by_content_id_point_at_their_addresses(tmp_path: Path) -> None:
    """Some tools (Outlook, older IE .mht) name a page's images by Content-ID."""
    html = (
        "<html><head><title>Trains</title></head><body><article>"
        + "<p>Sleeper trains cross the Alps again every night from December, the railways said.</p>"
        * 3
        + '<img src="cid:train.png@01D3" alt="A train"><p>More words about the trains here.</p>'
        + "</article></body></html>"
    )
    data = (
        'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
        f"--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n"
        "--b\r\nContent-Type: image/png\r\nContent-ID: <train.png@01D3>\r\n"
        "Content-Location: https://rail.example/img/train.png\r\n\r\nxx\r\n--b--\r\n"
    )
    path = tmp_path / "mail.mht"
    path.write_text(data, encoding="utf-8")
    [article] = read_file(path)
    assert article.images[0]["src"] == "https://rail.example/img/train.png"
