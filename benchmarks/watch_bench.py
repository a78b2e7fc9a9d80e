"""Watch figures with 100,000 stored articles and 20 watches.

Targets (issue: watches): counting every watch's matches for the sidebar under 200 ms;
a watch section opens under 150 ms; highlighting a 1 MB article for 20 watches under
100 ms; matching new articles during a refresh adds under 5% to the refresh time.

    python benchmarks/watch_bench.py

Uses the store that benchmarks/store_bench.py builds (and builds it if missing).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from rich.style import Style  # noqa: E402
from store_bench import cached_store  # noqa: E402

from newsreader.config import Config, SectionConfig, WatchConfig  # noqa: E402
from newsreader.core import Library  # noqa: E402
from newsreader.models import Article, Block, BlockKind, Run, article_id  # noqa: E402
from newsreader.present.article import article_parts  # noqa: E402
from newsreader.query import ArticleQuery  # noqa: E402
from newsreader.query.spans import needles_from_query  # noqa: E402
from newsreader.storage import Store  # noqa: E402

QUERIES = [
    "cyber*",
    '"solar wind"',
    "sovereignty OR treaty",
    "election -minister",
    "title:harbour",
    "airport strike",
    "government security",
    "网络安全",
    "政府",
    "wind*",
    "treaty",
    "minister",
    "(harbour OR airport) security",
    '"national sovereignty"',
    "author:author",
    "source:feed",
    "cyber* OR sovereignty",
    "election",
    "solar",
    "strike -airport",
]


def timed(fn: object, repeat: int = 5) -> float:
    assert callable(fn)
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    source, _ = cached_store(100_000)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "library.db"
        shutil.copy(source, db)
        config = Config(
            path=db,
            sections=tuple(SectionConfig(f"Section {i}") for i in range(10)),
            watches=tuple(WatchConfig(f"W{i}", q) for i, q in enumerate(QUERIES)),
        )
        with Library.open(config, db) as lib:
            ms = timed(lib.watch_counts)
            print(
                f"count 20 watches (unread and total) for the sidebar: {ms:6.1f} ms (target < 200)"
            )
            last = Store(db).last_article_id()
            seen = {w.name: last - 2500 for w in config.watches}
            ms_new = timed(lambda: lib.watch_new_counts(seen))
            print(f"'+N new' for 20 watches (2,500 new articles): {ms_new:6.1f} ms")
            worst = 0.0
            for q in QUERIES:

                def open_watch(q: str = q) -> None:
                    lib.count(ArticleQuery(text=q))
                    lib.articles(ArticleQuery(text=q, limit=100))

                worst = max(worst, timed(open_watch, 3))
            print(
                f"open a watch section (count + first 100 rows), slowest of 20: "
                f"{worst:6.1f} ms (target < 150)"
            )
            news = timed(lambda: lib.watch_news(last - 2500, run_commands=False), 3)
            print(
                f"match 2,500 new articles against 20 watches after a refresh: {news:6.1f} ms "
                "(a 50-feed refresh of 2,500 articles takes ~1,000 ms: target < 5%)"
            )

    import random

    from store_bench import sentence as zipf_sentence

    rng = random.Random(3)
    realistic = ""
    while len(realistic) < 1_000_000:
        realistic += zipf_sentence(rng) + " "
    dense = "The minister said the harbour's solar wind treaty needs cyber security. " * 14_000
    groups = [(needles_from_query(q), Style(bgcolor="#ffa500")) for q in QUERIES]
    for label, text in (("news-like text", realistic), ("every sentence matching", dense)):
        blocks = tuple(
            Block(BlockKind.PARAGRAPH, (Run(text[i : i + 2000]),))
            for i in range(0, len(text), 2000)
        )
        article = Article(id=article_id("b", guid="1"), source="b", title="Long", body=blocks)
        ms = timed(lambda a=article: article_parts(a, watches=groups), 3)
        print(
            f"highlight a {len(text) / 1e6:.1f} MB article for 20 watches ({label}): "
            f"{ms:6.1f} ms (target < 100)"
        )


if __name__ == "__main__":
    main()
