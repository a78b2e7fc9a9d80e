"""TUI figures with 100,000 stored articles (the real app, headless, via Textual's run_test).

Targets (issue: the TUI): launch to first full paint under 1 s (import time included);
switching to a section of 20,000 articles under 150 ms; each `j` through a list of
20,000 under 16 ms; opening a 1 MB article under 300 ms to first paint; resident memory
under 200 MB.

    python benchmarks/tui_bench.py [--moves N]

Uses the store that benchmarks/store_bench.py builds (and builds it if missing).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from store_bench import cached_store  # noqa: E402

from newsreader.config import Config, SectionConfig, WatchConfig  # noqa: E402
from newsreader.core import Library  # noqa: E402
from newsreader.models import Article, Block, BlockKind, Run, article_id  # noqa: E402
from newsreader.storage import Store  # noqa: E402

BIG_SECTION = "Section 0"


def import_time() -> float:
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import newsreader.tui.app"], check=True)
        runs.append(time.perf_counter() - start)
    return min(runs)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def add_big_article(db: Path) -> str:
    """A 1 MB article (with headings, lists and links) in the big section."""
    store = Store(db)
    sid = store.ensure_feed_source("https://bench.example/big", BIG_SECTION, "Big feed")
    sentence = "The council met again to discuss the harbour's tidal turbines and the herring. "
    blocks: list[Block] = []
    size = 0
    n = 0
    while size < 1_000_000:
        if n % 30 == 0:
            blocks.append(Block(BlockKind.HEADING, (Run(f"Part {n // 30}"),), level=2))
        elif n % 7 == 0:
            blocks.append(Block(BlockKind.LIST_ITEM, (Run(sentence),)))
        else:
            text = sentence * 5
            blocks.append(
                Block(BlockKind.PARAGRAPH, (Run(text), Run("link", link="https://x.example/a")))
            )
            size += len(text)
        n += 1
    article = Article(
        id=article_id("bench", guid="big"),
        source="Big feed",
        title="The very long report",
        published="2030-01-01T00:00:00Z",
        body=tuple(blocks),
    )
    store.upsert_articles(sid, BIG_SECTION, [article])
    store.close()
    return article.id


async def measure(db: Path, moves: int, big_uid: str) -> None:
    from newsreader.tui.app import NewsReaderApp
    from newsreader.tui.entries import Entry, EntryKind
    from newsreader.tui.screens.main import MainScreen
    from newsreader.tui.widgets import ArticleList, ReadingPane

    config = Config(
        path=db,
        sections=tuple(SectionConfig(f"Section {i}") for i in range(10)),
        watches=(WatchConfig("Cyber", "cyber*"),),
    )
    start = time.perf_counter()
    app = NewsReaderApp(Library.open(config, db), scan_on_start=False, remember_theme=False)
    seen: list[object] = []
    async with app.run_test(size=(160, 50), message_hook=seen.append) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        articles = app.query_one(ArticleList)
        while articles.total == 0 or articles.row(0) is None:
            await pilot.pause()
        await pilot.pause()  # one more refresh: the list painted
        first_paint = time.perf_counter() - start
        await app.workers.wait_for_complete()
        print(f"launch to first full paint (in process): {first_paint * 1000:6.0f} ms")

        switches = []
        for _ in range(5):
            screen.entry = Entry(EntryKind.ALL, "All")
            screen.load_list()
            await app.workers.wait_for_complete()
            t = time.perf_counter()
            screen.entry = Entry(EntryKind.SECTION, BIG_SECTION, section=BIG_SECTION)
            screen.load_list()
            await app.workers.wait_for_complete()
            await pilot.pause()
            switches.append(time.perf_counter() - t)
        print(
            f"switch to a section of {articles.total:,} articles: "
            f"{statistics.median(switches) * 1000:6.1f} ms median (target < 150)"
        )

        articles.focus()
        times = []
        for _ in range(moves):
            # The work of one key press: the binding's action, then the screen update
            # it causes (the moved lines redrawn, the list scrolled when needed).
            t = time.perf_counter()
            articles.action_cursor_down()
            await pilot.pause()
            times.append(time.perf_counter() - t)
        times.sort()
        print(
            f"{moves} moves down with j: median {statistics.median(times) * 1000:.1f} ms, "
            f"95th {times[int(len(times) * 0.95)] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms "
            "(target < 16)"
        )
        idle = []
        for _ in range(50):
            t = time.perf_counter()
            await pilot.pause()
            idle.append(time.perf_counter() - t)
        work = []
        height = articles.size.height
        for _ in range(200):
            t = time.perf_counter()
            articles.action_cursor_down()
            for y in range(height):  # upper bound: every visible line drawn again
                articles.render_line(y)
            work.append(time.perf_counter() - t)
        print(
            f"  of which Pilot's pause alone takes {statistics.median(idle) * 1000:.1f} ms; "
            f"the move plus redrawing all {height} visible lines takes "
            f"{statistics.median(work) * 1000:.2f} ms median, {max(work) * 1000:.2f} ms max"
        )
        await pilot.press("end")
        await pilot.pause()
        print(f"after end: cursor at {articles.cursor:,} of {articles.total:,}")

        painted: list[float] = []
        t = time.perf_counter()
        screen.open_article(big_uid)
        while not painted:
            await pilot.pause()
            for m in seen:
                if isinstance(m, ReadingPane.Painted):
                    painted.append(m.at - t)
        opened = painted[0]
        await app.workers.wait_for_complete()
        print(f"open a 1 MB article to first paint: {opened * 1000:6.0f} ms (target < 300)")
        print(f"resident memory: {rss_mb():.0f} MB (target < 200)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=300)
    args = parser.parse_args()
    print(f"import newsreader.tui.app (fresh interpreter): {import_time() * 1000:.0f} ms")
    source, _ = cached_store(100_000)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "library.db"
        shutil.copy(source, db)
        big = add_big_article(db)
        asyncio.run(measure(db, args.moves, big))


if __name__ == "__main__":
    main()
