"""Local files and folders cannot hurt the reader: hostile or undecodable file names,
a folder emptied by an unmounted disk, FIFOs and lying file sizes, odd text encodings.

Real files in tmp folders, a real SQLite library and the real CLI (`main` with capsys).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.config import load_config
from newsreader.core import Library
from newsreader.errors import SourceError
from newsreader.query import ArticleQuery
from newsreader.sources import local
from newsreader.storage import Store

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What must never reach a terminal: C0/C1 controls (but tab and newline), bidi
overrides and isolates, and lone surrogates (a name that was not UTF-8)."""

OSC52 = "\x1b]52;c;cm0K\x1b\\.txt"
"""A file name that would set the terminal's clipboard if printed raw."""
C1_BIDI = "\x9b2J\u202egnp.txt"
"""An 8-bit CSI (clear the screen) and a right-to-left override."""
NOT_UTF8 = b"caf\xe9.txt"
"""A Latin-1 file name, as old disks and archives leave them."""
TEXT = "Harbour reopens\n\nThe harbour opened again on Monday after the storm.\n"


def assert_inert(text: str) -> None:
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} in {text!r}"


def write_bytes_name(folder: Path, name: bytes, data: bytes) -> Path:
    """A file whose name is these exact bytes (Python shows it with surrogate escapes)."""
    fd = os.open(os.fsencode(folder) + b"/" + name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return folder / os.fsdecode(name)


def use_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *folders: Path) -> Path:
    """Point the CLI at a config whose "Saved" section reads these folders."""
    config = tmp_path / "config.toml"
    paths = ", ".join(json.dumps(str(f)) for f in folders)
    config.write_text(f'[[section]]\nname = "Saved"\npaths = [{paths}]\n', encoding="utf-8")
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))
    return config


def library_for(tmp_path: Path, folder: Path) -> Library:
    config = tmp_path / "lib.toml"
    config.write_text(
        f'[[section]]\nname = "Saved"\npaths = [{json.dumps(str(folder))}]\n', encoding="utf-8"
    )
    return Library.open(load_config(config), tmp_path / "library.db")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def hostile_folder(tmp_path: Path) -> Path:
    """Articles and a broken file under names that carry terminal escapes."""
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / OSC52).write_text(TEXT, encoding="utf-8")
    (folder / C1_BIDI).write_text("Quiet night\n\nNothing happened at all.\n", encoding="utf-8")
    # No title inside: the title comes from the name.
    (folder / "\x1b[31mred\x1b[0m_note.md").write_text("Only a paragraph here.\n")
    (folder / "\x1b]0;owned\x07broken.txt").write_bytes(b"\x00\x01" * 40)
    return folder


# --- 1. escapes in file names -------------------------------------------------------


def test_list_shows_file_names_without_their_escapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_config(tmp_path, monkeypatch, hostile_folder(tmp_path))
    code, out, err = run(capsys, "list")
    assert code == 0
    assert "Harbour reopens" in out and "red note" in out
    assert_inert(out)
    assert_inert(err)
    code, out, _ = run(capsys, "list", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 3
    for row in rows:
        assert_inert(json.dumps(row, ensure_ascii=False))
    assert {row["source"] for row in rows} >= {".txt", "gnp.txt"}


def test_refresh_and_read_error_lines_name_files_without_escapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = hostile_folder(tmp_path)
    use_config(tmp_path, monkeypatch, folder)
    code, out, err = run(capsys, "refresh")
    assert code == 0
    assert "broken.txt: binary file, not text" in err
    assert_inert(out + err)
    code, out, err = run(capsys, "refresh", "--json")
    assert_inert(out)
    code, out, err = run(capsys, "read", str(folder))
    assert code == 2 and "broken.txt: binary file, not text" in err
    assert "Harbour reopens" in out
    assert_inert(out + err)
    code, out, err = run(capsys, "read", str(folder / "\x1b]0;owned\x07broken.txt"))
    assert code == 2 and "broken.txt: binary file" in err
    assert_inert(err)


def test_stored_source_names_and_errors_are_inert(tmp_path: Path) -> None:
    with library_for(tmp_path, hostile_folder(tmp_path)) as lib:
        report = lib.scan(workers=1)
        assert len(report.errors) == 1
        for path, error in report.errors:
            assert_inert(path + error)
        [(key, error)] = lib.source_errors()
        assert key.endswith("broken.txt") and error == "binary file, not text"
        assert_inert(key)
        sources = lib.sources("Saved")
        assert len(sources) == 4
        for source in sources:
            assert_inert(source.name)
        for row in lib.articles(ArticleQuery()):
            assert_inert(row.title + row.source)


def test_names_stored_raw_by_older_versions_are_cleaned_on_the_next_scan(
    tmp_path: Path,
) -> None:
    folder = hostile_folder(tmp_path)
    with library_for(tmp_path, folder) as lib:
        lib.scan(workers=1)
    store = Store(tmp_path / "library.db")
    try:  # what a version before the cleaning stored for these files
        store.conn.execute("UPDATE sources SET title = '\x1b]0;x\x07' || key WHERE kind = 'file'")
    finally:
        store.close()
    with library_for(tmp_path, folder) as lib:
        assert any("\x1b" in s.key for s in lib.sources("Saved"))
        assert lib.scan(workers=1).files_unchanged == 4
        for row in lib.articles(ArticleQuery()):
            assert_inert(row.source)


def test_scan_progress_names_files_without_escapes(tmp_path: Path) -> None:
    """The names the TUI's status line shows as "Refreshing 1/4: name"."""
    names: list[str] = []
    with library_for(tmp_path, hostile_folder(tmp_path)) as lib:
        lib.scan(workers=1, progress=lambda done, total, name: names.append(name))
    assert len(names) == 4
    for name in names:
        assert_inert(name)


# --- 2. file names that are not UTF-8 -----------------------------------------------


def test_file_key_is_storable_and_maps_back_to_the_path() -> None:
    from newsreader.storage.sources import file_key, key_path

    for raw in (b"/d/caf\xe9.txt", b"/d/a\\x41\xff\\.txt", b"/d/plain.txt", b"/d/back\\slash"):
        path = os.fsdecode(raw)
        key = file_key(path)
        key.encode("utf-8")  # SQLite takes it
        assert key_path(key) == path
    # A name that is valid UTF-8 is its own key, as libraries have always stored it.
    assert file_key("/d/café\\x.txt") == "/d/café\\x.txt"


def test_a_name_that_is_not_utf8_is_listed_searched_and_rescanned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "old-disk"
    folder.mkdir()
    path = write_bytes_name(folder, NOT_UTF8, TEXT.encode())
    write_bytes_name(folder, b"\xff\xfebad.txt", b"\x00\x01" * 40)
    use_config(tmp_path, monkeypatch, folder)
    code, out, err = run(capsys, "refresh")
    assert code == 0 and "1 new" in out
    assert "\ufffd\ufffdbad.txt: binary file, not text" in err
    code, out, err = run(capsys, "list")
    assert code == 0, err
    assert "Harbour reopens" in out and "caf\ufffd.txt" in out
    assert_inert(out + err)
    code, out, err = run(capsys, "search", "harbour")
    assert code == 0 and "Harbour reopens" in out
    assert_inert(out + err)
    code, out, err = run(capsys, "list", "--json")
    [row] = [json.loads(line) for line in out.splitlines()]
    assert row["source"] == "caf\ufffd.txt"
    code, out, err = run(capsys)  # the overview, as a pipe gets it
    assert code == 0 and "Harbour reopens" in out
    assert_inert(out + err)
    # Unchanged on rescan: no duplicate; gone when deleted.
    code, out, err = run(capsys, "refresh")
    assert "0 new" in out and "2 unchanged" in out
    path.unlink()
    (folder / "keep.txt").write_text("Other\n\nAnother file keeps the folder in use.\n")
    code, out, err = run(capsys, "refresh")
    assert "1 removed" in out
    code, out, err = run(capsys, "list", "--json")
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Other"]


def test_a_changed_file_with_an_undecodable_name_updates_in_place(tmp_path: Path) -> None:
    folder = tmp_path / "old-disk"
    folder.mkdir()
    path = write_bytes_name(folder, NOT_UTF8, TEXT.encode())
    with library_for(tmp_path, folder) as lib:
        assert lib.scan(workers=1).counts.new == 1
        [row] = lib.articles(ArticleQuery())
        lib.mark([row.uid], read=True)
        path.write_text("Harbour reopens, again\n\nIt closed for an hour.\n", encoding="utf-8")
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
        report = lib.scan(workers=1)
        assert (report.files_parsed, report.counts.updated, report.errors) == (1, 1, [])
        [again] = lib.articles(ArticleQuery())
        assert again.uid == row.uid and again.read and again.title == "Harbour reopens, again"


def test_read_and_overview_of_undecodable_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "old-disk"
    folder.mkdir()
    sub = folder / os.fsdecode(b"r\xe9sum\xe9s")
    sub.mkdir()
    write_bytes_name(sub, NOT_UTF8, TEXT.encode())
    write_bytes_name(folder, b"\x1b]0;x\x07note\xe9.md", b"Only a paragraph here.\n")
    code, out, err = run(capsys, "read", str(folder))
    assert code == 0, err
    assert "Harbour reopens" in out and "note\ufffd" in out
    assert_inert(out + err)
    code, out, err = run(capsys, "read", "--json", str(folder))
    assert code == 0
    assert_inert(out)
    code, out, err = run(capsys, str(folder))  # `newsreader PATH` to a pipe: the overview
    assert code == 0, err
    assert "r\ufffdsum\ufffds" in out and "Harbour reopens" in out
    assert_inert(out + err)


def test_overview_headings_carry_no_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    sub = folder / "\x1b]0;pwned\x07sub\u202e"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text(TEXT, encoding="utf-8")
    code, out, err = run(capsys, str(folder))
    assert code == 0, err
    assert "sub" in out and "Harbour reopens" in out
    assert_inert(out + err)


# --- 3. a folder emptied by an unmounted disk ---------------------------------------


def test_a_folder_that_became_empty_keeps_its_articles(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(30):
        (folder / f"{n:03d}.txt").write_text(f"Story {n}\n\nBody of story {n}.\n")
    with library_for(tmp_path, folder) as lib:
        assert lib.scan(workers=1).counts.new == 30
        read = [r.uid for r in lib.articles(ArticleQuery(limit=10))]
        lib.mark(read, read=True)
        folder.rename(tmp_path / "many.off")  # the disk is unmounted...
        folder.mkdir()  # ...and its mount point is an empty folder
        report = lib.scan(workers=1)
        assert report.removed == 0
        assert report.errors == [
            (str(folder), "the folder is empty now (an unmounted disk?); its 30 articles are kept")
        ]
        assert lib.count(ArticleQuery()) == 30
        assert lib.count(ArticleQuery(unread=True)) == 20
        folder.rmdir()
        (tmp_path / "many.off").rename(folder)  # mounted again: nothing to redo
        report = lib.scan(workers=1)
        assert (report.files_unchanged, report.files_parsed, report.errors) == (30, 0, [])
        assert lib.count(ArticleQuery(unread=True)) == 20


def test_files_deleted_from_a_folder_still_in_use_are_forgotten(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"Story {n}\n\nBody of story {n}.\n")
    with library_for(tmp_path, folder) as lib:
        lib.scan(workers=1)
        (folder / "0.txt").unlink()
        (folder / "1.txt").unlink()
        report = lib.scan(workers=1)
        assert (report.removed, report.errors) == (2, [])
        assert [r.title for r in lib.articles(ArticleQuery())] == ["Story 2"]


def test_a_folder_that_cannot_be_listed_keeps_its_articles(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    sub = folder / "sub"
    sub.mkdir(parents=True)
    (folder / "top.txt").write_text("Top\n\nA story at the top.\n")
    (sub / "inner.txt").write_text("Inner\n\nA story in the subfolder.\n")
    with library_for(tmp_path, folder) as lib:
        assert lib.scan(workers=1).counts.new == 2
        sub.chmod(0)
        try:
            if os.access(sub, os.R_OK):
                pytest.skip("this user may list any folder (root)")
            report = lib.scan(workers=1)
        finally:
            sub.chmod(0o755)
        assert report.removed == 0
        assert report.errors == [(str(sub), "Permission denied")]
        assert lib.count(ArticleQuery()) == 2


# --- 4. FIFOs, devices and files whose size lies ------------------------------------


def test_a_fifo_and_a_link_to_it_are_reported_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "link.txt").symlink_to(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    with library_for(tmp_path, folder) as lib:
        report = lib.scan(workers=1)
        errors = {Path(p).name: e for p, e in report.errors}
        assert errors == dict.fromkeys(["link.txt", "pipe.txt", "zero.txt"], "not a regular file")
        assert [r.title for r in lib.articles(ArticleQuery())] == ["Harbour reopens"]
        assert {Path(k).name for k, _ in lib.source_errors()} == {
            "link.txt",
            "pipe.txt",
            "zero.txt",
        }
        assert lib.scan(workers=1).files_unchanged == 4  # and the next scan passes them by
    # `read` of the folder passes them over quietly, as it always has; named, refused.
    code, out, err = run(capsys, "read", str(folder))
    assert (code, err) == (0, "") and "Harbour reopens" in out
    code, _, err = run(capsys, "read", str(folder / "link.txt"))
    assert code == 2 and err.endswith("link.txt: not a regular file\n")


def test_a_file_whose_size_lies_is_read_no_further_than_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/proc files say they are empty; the read is bounded whatever stat says."""
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("needs a /proc file that reports size 0")
    link = tmp_path / "status.txt"
    link.symlink_to(status)
    monkeypatch.setattr(local, "MAX_FILE_BYTES", 64)
    with pytest.raises(SourceError, match="file too large"):
        local.read_bytes(link)


def test_a_link_to_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.bin"
    with huge.open("wb") as fh:
        fh.truncate(local.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "huge.txt").symlink_to(huge)
    with library_for(tmp_path, folder) as lib:
        report = lib.scan(workers=1)
        assert [(Path(p).name, e) for p, e in report.errors] == [
            ("huge.txt", "file too large (64 MB; limit is 64 MB)")
        ]


# --- 5. text decoding ---------------------------------------------------------------

MIXED = (
    "Zürich café opens\n\nThe first part was written in UTF-8 — with “quotes”.\n\n".encode()
    + "Müller’s naïve reply came later, from an old Windows tool.\n".encode("cp1252")
)


def test_mixed_utf8_and_cp1252_lines_each_decode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(MIXED)
    code, out, err = run(capsys, "read", "--json", str(path))
    assert code == 0, err
    article = json.loads(out)
    assert article["title"] == "Zürich café opens"
    text = " ".join(article["paragraphs"])
    assert "with “quotes”" in text
    assert "Müller’s naïve reply" in text
    assert "\ufffd" not in text and "Ã" not in text


def test_a_gbk_file_with_a_line_that_passes_for_utf8_decodes_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """专业 in GBK is D7 A8 D2 B5, also valid UTF-8: the file is still not mixed."""
    path = tmp_path / "gbk.txt"
    body = "这是一段用国标码编码的中文新闻文本，用来测试解码。" * 3
    path.write_bytes(f"专业\n\n{body}\n\n{body}\n".encode("gbk"))
    code, out, err = run(capsys, "read", "--json", str(path))
    assert code == 0, err
    article = json.loads(out)
    assert article["title"] == "专业"
    assert article["paragraphs"] == [body, body]


def test_cr_only_line_ends_make_paragraphs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mac.txt"
    path.write_bytes(b"Old Mac notes\r\rThe first paragraph.\r\rThe second paragraph.\r")
    code, out, err = run(capsys, "read", "--json", str(path))
    assert code == 0, err
    article = json.loads(out)
    assert article["title"] == "Old Mac notes"
    assert article["paragraphs"] == ["The first paragraph.", "The second paragraph."]


def test_nul_padding_after_the_text_is_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "padded.txt"
    path.write_bytes(TEXT.encode() + b"\x00" * 4000)
    code, out, err = run(capsys, "read", "--json", str(path))
    assert code == 0, err
    article = json.loads(out)
    assert article["title"] == "Harbour reopens"
    assert article["paragraphs"] == ["The harbour opened again on Monday after the storm."]


def test_a_binary_file_is_still_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)) + b"\x00" * 100)
    code, _, err = run(capsys, "read", str(path))
    assert code == 2 and "binary file, not text" in err


UTF16_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Wide Feed",
        "items": [{"id": "1", "title": "Sixteen bits wide", "content_text": "Ünïcode text."}],
    },
    ensure_ascii=False,
).encode("utf-16")  # with a BOM


def test_a_utf16_json_feed_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "wide.json").write_bytes(UTF16_FEED)
    code, out, err = run(capsys, "read", "--json", str(folder / "wide.json"))
    assert code == 0, err
    assert json.loads(out)["title"] == "Sixteen bits wide"
    code, out, err = run(capsys, "read", "--json", str(folder))
    assert code == 0, err
    assert json.loads(out)["source"] == "Wide Feed"
    with library_for(tmp_path, folder) as lib:
        report = lib.scan(workers=1)
        assert (report.counts.new, report.errors) == (1, [])
        assert [r.title for r in lib.articles(ArticleQuery())] == ["Sixteen bits wide"]


def test_the_samples_still_scan_cleanly(tmp_path: Path, samples: Path) -> None:
    """The hardening changes nothing for ordinary files."""
    folder = tmp_path / "saved"
    shutil.copytree(samples / "saved", folder)
    with library_for(tmp_path, folder) as lib:
        report = lib.scan(workers=1)
        assert report.errors == [] and report.counts.new == 4
