"""Marking a whole list read, and undoing exactly that (the facade's part of `A` and `u`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsreader.config import load_config
from newsreader.core import Library
from newsreader.errors import NewsreaderError
from newsreader.query import ArticleQuery


@pytest.fixture
def lib(tmp_path: Path, samples: Path) -> Library:
    shutil.copytree(samples, tmp_path / "samples")
    library = Library.open(load_config(tmp_path / "samples" / "config.toml"), tmp_path / "l.db")
    library.scan(workers=1)
    return library


def unread(lib: Library, query: ArticleQuery) -> set[str]:
    return {r.uid for r in lib.articles(query) if not r.read}


def test_marks_every_unread_article_of_the_list_and_says_which(lib: Library) -> None:
    world = ArticleQuery(sections=("World",), limit=5)  # a page's limit is not the list
    before = unread(lib, ArticleQuery(sections=("World",)))
    already = sorted(before)[:3]
    lib.mark(already, read=True)
    changed = lib.mark_all_read(world)
    assert set(changed) == before - set(already) and len(changed) == 12
    assert unread(lib, ArticleQuery(sections=("World",))) == set()
    assert unread(lib, ArticleQuery(sections=("Tech",)))  # other lists untouched
    lib.mark(changed, read=False)  # undo: exactly those, not the three read before
    assert unread(lib, ArticleQuery(sections=("World",))) == before - set(already)


def test_muted_articles_are_left_unless_the_list_shows_them(lib: Library) -> None:
    tech = ArticleQuery(sections=("Tech",))
    muted = {r.uid for r in lib.articles(ArticleQuery(sections=("Tech",), only_muted=True))}
    assert muted  # the samples mute a sponsored post in Tech
    lib.mark_all_read(tech)
    assert {r.uid for r in lib.articles(ArticleQuery(uids=tuple(muted), show_muted=True))} == muted
    assert unread(lib, ArticleQuery(uids=tuple(muted), show_muted=True)) == muted
    changed = lib.mark_all_read(ArticleQuery(sections=("Tech",), show_muted=True))
    assert set(changed) == muted


def test_a_list_of_ids_marks_those_only(lib: Library) -> None:
    hits = [h.row.uid for h in lib.search("cyber*")]
    changed = lib.mark_all_read(ArticleQuery(uids=tuple(hits)))
    assert sorted(changed) == sorted(hits)
    assert lib.mark_all_read(ArticleQuery(uids=tuple(hits))) == []  # nothing left to change


def test_a_read_only_library_says_so(lib: Library) -> None:
    lib.read_only = "the folder is read-only"
    with pytest.raises(NewsreaderError, match="cannot mark articles"):
        lib.mark_all_read(ArticleQuery())
