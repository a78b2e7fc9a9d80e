"""Library store figures with 100,000 stored articles, and ingesting a folder of 1,000 files.

Targets (issue: the library): open the store and list the newest 200 of a section under
50 ms; a full-text search under 50 ms; the database under 2 KB per article plus text;
ingest 1,000 saved .txt/.html articles under 10 s; a rescan with nothing changed under 1 s.

    python benchmarks/store_bench.py [--articles N] [--files N] [--keep]

The generated store is cached in benchmarks/.cache/ (delete it to regenerate).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from newsreader.config import load_config
from newsreader.core import Library
from newsreader.models import Article, Block, BlockKind, Run, article_id
from newsreader.query import ArticleQuery
from newsreader.storage import Store

CACHE = Path(__file__).parent / ".cache"
# Real news text is Zipfian: a few words everywhere, most words rare. The vocabulary is
# 30,000 made-up words with real ones placed at plausible ranks (rank 30 is in roughly
# one article in six; rank 3,000 in a few hundred of 100,000).
_SYLLABLES = "ka lo mi ne ru sa te vi do ga he ji ko lu ma no pe ri su ta".split()
_REAL = {
    "the": 0,
    "and": 1,
    "government": 30,
    "security": 60,
    "election": 150,
    "minister": 200,
    "harbour": 900,
    "airport": 1200,
    "strike": 700,
    "solar": 1500,
    "wind": 400,
    "cyber": 2500,
    "treaty": 3000,
    "sovereignty": 6000,
}


def _vocabulary() -> tuple[list[str], list[float]]:
    rng = random.Random(1)
    words = [
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(30_000)
    ]
    for word, rank in _REAL.items():
        words[rank] = word
    weights = [1 / (rank + 1) ** 1.07 for rank in range(len(words))]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    return words, cumulative


WORDS, CUMULATIVE = _vocabulary()
CJK = "网络安全专家表示个人信息保护需要每个人参与政府经济城市交通能源天气文化科技医院学校"
SECTIONS = [f"Section {i}" for i in range(10)]


def section_of(source: int) -> str:
    """Section 0 gets 40 of the 200 sources (20,000 of 100,000 articles): the big one."""
    return SECTIONS[0] if source < 40 else SECTIONS[1 + (source - 40) % 9]


def words(rng: random.Random, count: int) -> list[str]:
    return rng.choices(WORDS, cum_weights=CUMULATIVE, k=count)


def sentence(rng: random.Random) -> str:
    return " ".join(words(rng, rng.randint(8, 18))).capitalize() + "."


def make_article(i: int, rng: random.Random) -> Article:
    cjk = i % 10 == 0
    if cjk:
        title = "".join(rng.choice(CJK) for _ in range(14))
        paras = [
            "".join(rng.choice(CJK) for _ in range(rng.randint(60, 160))) + "。" for _ in range(3)
        ]
    else:
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 10))).capitalize()
        paras = [
            " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
            for _ in range(rng.randint(2, 4))
        ]
    body = tuple(Block(BlockKind.PARAGRAPH, (Run(p),)) for p in paras)
    day = 1 + i % 28
    return Article(
        id=article_id("bench", guid=str(i)),
        source=f"feed {i % 200}",
        title=title,
        url=f"https://bench.example/{i}",
        authors=(f"Author {i % 500}",),
        published=f"2026-{1 + i % 11:02d}-{day:02d}T{i % 24:02d}:{i % 60:02d}:00Z",
        summary=paras[0][:200],
        body=body,
        site=f"Site {i % 200}",
    )


def build_store(path: Path, count: int) -> tuple[float, int]:
    rng = random.Random(42)
    store = Store(path)
    sources = [
        store.ensure_feed_source(f"https://bench.example/feed/{s}", section_of(s), f"Feed {s}")
        for s in range(200)
    ]
    text_bytes = 0
    start = time.perf_counter()
    batch: dict[int, list[Article]] = {}
    for i in range(count):
        article = make_article(i, rng)
        text_bytes += sum(len(p.encode()) for p in article.paragraphs) + len(article.title.encode())
        batch.setdefault(i % 200, []).append(article)
        if (i + 1) % 5000 == 0 or i + 1 == count:
            for s, articles in batch.items():
                store.upsert_articles(sources[s], section_of(s), articles)
            batch = {}
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return time.perf_counter() - start, text_bytes


def timed(fn: object, repeat: int = 7) -> float:
    """Median wall time in ms of calling fn() (after one warm-up call)."""
    assert callable(fn)
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def cached_store(count: int) -> tuple[Path, Path]:
    """The benchmark store with `count` articles, built on first use."""
    from newsreader.storage.schema import VERSION

    CACHE.mkdir(exist_ok=True)
    # Keyed by the schema: a library built by an older one would be migrated on open and
    # measured as it was built, not as this version builds it.
    name = f"store-v2-schema{VERSION}-{count}"
    path = CACHE / f"{name}.db"
    meta = CACHE / f"{name}.textbytes"
    if not path.exists() or not meta.exists():
        for pattern in (f"store-v2-{count}.*", f"store-v2-schema*-{count}.*"):
            for old in CACHE.glob(pattern):
                old.unlink()
        seconds, text_bytes = build_store(path, count)
        meta.write_text(str(text_bytes))
        print(f"built {count:,} articles in {seconds:.1f} s ({count / seconds:,.0f}/s)")
    return path, meta


def store_figures(count: int) -> None:
    path, meta = cached_store(count)
    text_bytes = int(meta.read_text())
    size = path.stat().st_size
    print(
        f"database: {size / 1e6:.1f} MB for {count:,} articles = {size / count:,.0f} B/article; "
        f"text {text_bytes / count:,.0f} B/article, so "
        f"{(size - text_bytes) / count:,.0f} B/article beyond the text (target < 2,048)"
    )

    def open_and_list() -> None:
        store = Store(path)
        rows = store.list_articles(ArticleQuery(sections=("Section 3",), limit=200))
        assert len(rows) == 200
        store.close()

    print(f"open + newest 200 of a section:   {timed(open_and_list):6.1f} ms (target < 50)")
    store = Store(path)
    for label, query in [
        ("newest 200 of All", ArticleQuery(limit=200)),
        ("unread 200 of a section", ArticleQuery(sections=("Section 5",), unread=True, limit=200)),
        (
            "page 50 (offset 10,000)",
            ArticleQuery(sections=("Section 5",), limit=200, offset=10_000),
        ),
        ("count a section", None),
    ]:
        if query is None:
            ms = timed(lambda: store.count(ArticleQuery(sections=("Section 5",))))
        else:
            ms = timed(lambda q=query: store.list_articles(q))
        print(f"{label:34} {ms:6.1f} ms")
    print(f"{'section counts (sidebar)':34} {timed(store.section_counts):6.1f} ms")
    searches = [
        "sovereignty",
        "treaty cyber",
        "cyber*",
        '"solar wind"',
        "harbour OR airport -strike",
        "title:election",
        "government",
        "the",
        "网络安全",
        "政府",
    ]
    worst = 0.0
    for q in searches:
        ms = timed(lambda q=q: store.search(q, limit=20), repeat=5)
        worst = max(worst, ms)
        print(f"search {q!r:27} {ms:6.1f} ms")
    print(f"slowest search: {worst:.1f} ms (target < 50)")
    store.close()


def write_files(folder: Path, count: int) -> None:
    rng = random.Random(7)
    folder.mkdir(parents=True)
    for i in range(count):
        title = " ".join(words(rng, 7)).capitalize()
        paras = [" ".join(sentence(rng) for _ in range(4)) for _ in range(8)]
        if i % 2:
            text = (
                f"Harbour Gazette\nHome > World > Section {i % 5}\n\n{title}\n\n"
                f"By Writer {i % 40} (Harbour Gazette) 09:{i % 60:02d}, November 06, 2026\n\n"
                + "\n\n".join(paras)
                + "\n\nRelated reading\n\nMost Viewed\n"
            )
            (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
        else:
            nav = "".join(f"<li><a href='/s{k}'>Section {k}</a></li>" for k in range(30))
            html = (
                f"<html><head><title>{title} | Gazette</title>"
                "<meta property='article:published_time' "
                f"content='2026-11-{1 + i % 28:02d}T08:00:00Z'>"
                f"</head><body><nav><ul>{nav}</ul></nav><main><article><h1>{title}</h1>"
                + "".join(f"<p>{p}</p>" for p in paras)
                + "</article></main><footer>© Gazette</footer></body></html>"
            )
            (folder / f"{i:04d}.html").write_text(html, encoding="utf-8")


def ingest_figures(files: int, keep: bool) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="nr-bench-"))
    try:
        folder = tmp / "saved"
        write_files(folder, files)
        config = tmp / "config.toml"
        config.write_text(f'[[section]]\nname = "Saved"\npaths = ["{folder}"]\n', encoding="utf-8")
        with Library(load_config(config), Store(tmp / "library.db")) as lib:
            start = time.perf_counter()
            report = lib.scan()
            cold = time.perf_counter() - start
            assert not report.errors, report.errors[:3]
            start = time.perf_counter()
            again = lib.scan()
            warm = time.perf_counter() - start
        print(
            f"ingest {files:,} files ({files // 2} .txt + {files - files // 2} .html) on "
            f"{os.cpu_count()} cores: {cold:.2f} s (target < 10); {report.summary()}"
        )
        print(
            f"rescan with nothing changed: {warm * 1000:.0f} ms (target < 1000); {again.summary()}"
        )
    finally:
        if keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=1_000)
    parser.add_argument("--keep", action="store_true", help="keep the ingest folder")
    args = parser.parse_args()
    store_figures(args.articles)
    ingest_figures(args.files, args.keep)


if __name__ == "__main__":
    main()
