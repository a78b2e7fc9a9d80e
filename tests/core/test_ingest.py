"""Scanning configured folders into the store: new, changed, deleted, broken, parallel."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsreader.config import load_config
from newsreader.core import Library
from newsreader.query import ArticleQuery

DATA = Path(__file__).parents[1] / "data"


def library_for(tmp_path: Path, folder: Path, extra: str = "") -> Library:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[section]]\nname = "Saved"\npaths = ["{folder}"]\n{extra}', encoding="utf-8"
    )
    return Library.open(load_config(config), tmp_path / "library.db")


def article_file(
    folder: Path, name: str, title: str, body: str = "A sentence of body text here."
) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def test_scan_then_rescan_parses_only_what_changed(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    a = article_file(folder, "a.txt", "First")
    article_file(folder, "sub/b.md", "# Second\n")
    shutil.copy(DATA / "rss091.xml", folder / "feed.xml")
    with library_for(tmp_path, folder) as lib:
        report = lib.scan()
        assert (report.counts.new, report.files_parsed, report.errors) == (4, 3, [])
        report = lib.scan()
        assert (report.files_parsed, report.files_unchanged, report.counts.new) == (0, 3, 0)
        uid = lib.articles(ArticleQuery(text="title:first"))[0].uid
        lib.mark([uid], read=True, starred=True)
        # Change one file: only it is read again, and its state is kept.
        a.write_text("First, revised\n\nA sentence of body text here.\n", encoding="utf-8")
        os.utime(a, ns=(a.stat().st_atime_ns, a.stat().st_mtime_ns + 10**9))
        report = lib.scan()
        assert report.files_parsed == 1 and report.files_unchanged == 2
        titles = {r.title for r in lib.articles(ArticleQuery())}
        assert "First" not in titles and "First, revised" in titles
        revised = lib.articles(ArticleQuery(text='title:"first, revised"'))[0]
        assert revised.uid == uid  # the file is the article: edited in place
        assert revised.read and revised.starred


def test_deleted_files_go_but_starred_articles_stay(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    a = article_file(folder, "a.txt", "Alpha")
    b = article_file(folder, "b.txt", "Beta")
    article_file(folder, "c.txt", "Gamma")  # the folder stays in use (an emptied one keeps all)
    with library_for(tmp_path, folder) as lib:
        lib.scan()
        alpha = lib.articles(ArticleQuery(text="title:alpha"))[0]
        lib.mark([alpha.uid], starred=True)
        a.unlink()
        b.unlink()
        report = lib.scan()
        assert report.removed == 1
        assert [r.title for r in lib.articles(ArticleQuery(starred=True))] == ["Alpha"]
        assert lib.count(ArticleQuery(text="title:beta")) == 0


def test_missing_root_removes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    article_file(folder, "a.txt", "On the stick")
    with library_for(tmp_path, folder) as lib:
        lib.scan()
        shutil.rmtree(folder)  # the disk was unmounted
        report = lib.scan()
        assert report.errors == [(str(folder), "no such file or directory")]
        assert lib.count(ArticleQuery()) == 1


def test_a_broken_file_is_an_error_on_that_file_only(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    article_file(folder, "good.txt", "Good")
    (folder / "bad.xml").write_text("<config/>", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01" * 50)
    with library_for(tmp_path, folder) as lib:
        report = lib.scan()
        assert sorted(Path(p).name for p, _ in report.errors) == ["bad.xml", "binary.txt"]
        assert [r.title for r in lib.articles(ArticleQuery())] == ["Good"]
        assert {Path(k).name for k, _ in lib.source_errors()} == {"bad.xml", "binary.txt"}


def test_parallel_and_serial_scans_agree(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(40):
        if n % 2:
            article_file(
                folder, f"{n:03d}.txt", f"Text article {n}", f"Body of article number {n}."
            )
        else:
            (folder / f"{n:03d}.html").write_text(
                f"<html><head><title>Page {n}</title></head><body><article><h1>Page {n}</h1>"
                f"<p>{'Paragraph text for the saved page. ' * 8}{n}</p></article></body></html>",
                encoding="utf-8",
            )
    results = []
    for workers in (1, 2):
        db = tmp_path / f"lib{workers}"
        db.mkdir()
        with library_for(db, folder) as lib:
            report = lib.scan(workers=workers)
            assert report.errors == [] and report.counts.new == 40
            results.append(sorted((r.uid, r.title) for r in lib.articles(ArticleQuery())))
    assert results[0] == results[1]


def test_sample_library_has_the_seed_in_its_own_section(tmp_path: Path) -> None:
    with Library.open(load_config(), tmp_path / "library.db") as lib:
        lib.scan()
        sections = {s.name: s.total for s in lib.sections()}
        assert sections == {"World": 15, "Tech": 15, "Asia": 12, "Clippings": 4}
        [seed] = lib.articles(ArticleQuery(text="title:sovereignty"))
        assert seed.section == "Clippings" and seed.source == "People's Daily Online"
        article = lib.article(seed.uid)
        assert article is not None and article.editors == ("YaoChun", "Zhang Qian")


@pytest.mark.parametrize("name", ["rss091.xml", "jsonfeed11.json", "atom.xml"])
def test_feed_files_in_a_path_are_ingested(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    shutil.copy(DATA / name, folder / name)
    with library_for(tmp_path, folder) as lib:
        report = lib.scan()
        assert report.errors == [] and report.counts.new >= 1
