"""How responsive the TUI stays while it refreshes hundreds of feeds.

The refresh runs off the UI's event loop (a worker thread, parser processes), but in the
same process: its writer and result threads share the interpreter with the UI. This
measures the UI loop's lag (how late a 10 ms timer fires: what a key press waits for)
during a cold refresh of the shared bench's feeds, served on loopback by its server:

    sh ../shared/bench/setup.sh        # once (generates nothing; feeds are made here)
    python benchmarks/tui_refresh_bench.py [--feeds 500] [--latency-ms 0]

A frame at 60 Hz is 16 ms: most ticks should stay well under it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsreader.config import load_config
from newsreader.core import Library
from newsreader.storage import Store
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets import StatusBar

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("NEWSREADER_SHARED", ROOT.parent / "shared")) / "bench"


async def measure(config: Path, db: Path) -> tuple[list[float], float, str]:
    library = Library(load_config(config), Store(db))
    app = NewsReaderApp(library, scan_on_start=False)
    lags: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        status = app.query_one(StatusBar)
        start = time.perf_counter()
        app.screen.action_refresh()  # type: ignore[attr-defined]
        while not str(status.render()).startswith("Refreshed"):
            tick = time.perf_counter()
            await asyncio.sleep(0.01)
            lags.append((time.perf_counter() - tick - 0.01) * 1000)
        took = time.perf_counter() - start
        return lags, took, str(status.render())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--latency-ms", type=float, default=0)
    args = parser.parse_args()
    if not (BENCH / "serve.py").exists():
        print(f"needs the shared bench at {BENCH}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        feeds = work / "feeds"
        subprocess.run(
            [sys.executable, str(BENCH / "genfeeds.py"), "--out", str(feeds)]
            + ["--count", str(args.feeds), "--seed", "1"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        port_file = work / "port"
        server = subprocess.Popen(
            [sys.executable, str(BENCH / "serve.py"), "--dir", str(feeds), "--port", "0"]
            + ["--port-file", str(port_file), "--latency-ms", str(args.latency_ms)]
            + ["--max-seconds", "600"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while not port_file.exists() or not port_file.read_text().strip():
                if server.poll() is not None:
                    print("the bench server did not start", file=sys.stderr)
                    return 2
                time.sleep(0.05)
            port = port_file.read_text().strip()
            names = sorted(p.name for p in feeds.glob("feed-*"))
            urls = ", ".join(f'"http://127.0.0.1:{port}/{name}"' for name in names)
            config = work / "config.toml"
            config.write_text(f'[[section]]\nname = "Bench"\nfeeds = [{urls}]\n')
            lags, took, summary = asyncio.run(measure(config, work / "library.db"))
        finally:
            server.terminate()
            server.wait()
    lags.sort()
    print(f"{len(names)} feeds refreshed in the TUI in {took:.2f} s: {summary[:90]}")
    print(
        f"UI loop lag over {len(lags)} ticks: median {statistics.median(lags):.1f} ms, "
        f"p90 {lags[int(len(lags) * 0.9)]:.1f} ms, p99 {lags[int(len(lags) * 0.99)]:.1f} ms, "
        f"max {lags[-1]:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
