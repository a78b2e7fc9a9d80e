"""The bundled samples make a meaningful offline demo, and ship inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from newsreader.paths import sample_feeds_dir
from newsreader.sources.local import FileKind, iter_files, kind_for, read_path, sniff

ROOT = Path(__file__).parents[1]


def test_sample_dir_is_found(samples: Path) -> None:
    assert sample_feeds_dir().resolve() == samples.resolve()


def test_samples_have_the_promised_variety(samples: Path) -> None:
    sections: Counter[str] = Counter()
    kinds: set[str] = set()
    languages: set[str] = set()
    for result in read_path(samples):
        assert result.error is None, result.error
        section = result.path.relative_to(samples).parts[0]
        sections[section] += len(result.articles)
        data = result.path.read_bytes()
        kind = kind_for(result.path) or sniff(data)
        if kind is FileKind.FEED:
            head = data[:400]
            kinds.add("json" if b"jsonfeed" in head else "atom" if b"<feed" in head else "rss")
        else:
            kinds.add(kind.value)
        for article in result.articles:
            text = article.title + "".join(article.paragraphs)
            if any("\u4e00" <= ch <= "\u9fff" for ch in text):
                languages.add("zh")
            if any("\u3040" <= ch <= "\u30ff" for ch in text):
                languages.add("ja")
            if article.language:
                languages.add(article.language.split("-")[0])
    feed_sections = [s for s in sections if s != "saved"]
    assert len(feed_sections) >= 3
    assert sum(sections[s] for s in feed_sections) >= 40
    assert {"rss", "atom", "json", "text", "html", "markdown"} <= kinds
    assert {"zh", "ja", "en"} <= languages
    assert (samples / "saved" / "000_43ac081b49265214.txt").is_file()


@pytest.mark.slow
def test_wheel_ships_the_samples_and_finds_them(tmp_path: Path) -> None:
    """A non-editable install must find sample_feeds/ as package data."""
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("newsreader-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(tmp_path / "site")
    expected = {
        "newsreader/sample_feeds/" + p.relative_to(ROOT / "sample_feeds").as_posix()
        for p in iter_files(ROOT / "sample_feeds")
    }
    assert expected <= names
    assert "newsreader/sample_feeds/config.toml" in names
    code = (
        "from newsreader.paths import sample_feeds_dir; from newsreader.sources.local import "
        "iter_files; d = sample_feeds_dir(); print(d); print(sum(1 for _ in iter_files(d)))"
    )
    out = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); {code}",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[0].startswith(str(tmp_path / "site"))
    assert int(out[1]) == len(expected)
