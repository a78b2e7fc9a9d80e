"""Refresh figures beside newsboat, with the shared loopback bench (../shared/bench).

Runs the bench's matrix runner for our `newsreader refresh` and newsboat's default
configuration, cold (empty store) and warm (second run), at 0 and 50 ms latency:

    sh ../shared/bench/setup.sh             # once: newsboat (Debian) and the bench's venv
    python benchmarks/refresh_bench.py [--ns 500] [--latencies 0,50] [--reps 1]

Targets (issue: network feeds): cold at most half of newsboat's time; warm under 1 s;
peak memory under 300 MB. Results land in /tmp/nrbench/results.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("NEWSREADER_SHARED", ROOT.parent / "shared")) / "bench"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ns", default="500")
    parser.add_argument("--latencies", default="0,50")
    parser.add_argument("--reps", default="1")
    parser.add_argument("--out", default="/tmp/nrbench")
    args = parser.parse_args()
    python = Path(os.environ.get("BENCH_PY", "/tmp/benchvenv/bin/python"))
    if not (BENCH / "anchors.py").exists() or not python.exists():
        print(f"set up the shared bench first: sh {BENCH}/setup.sh", file=sys.stderr)
        return 2
    newsreader = Path(sys.executable).with_name("newsreader")
    env = {**os.environ, "NEWSREADER": str(newsreader)}
    return subprocess.call(
        [
            str(python),
            "anchors.py",
            "--only",
            "^newsreader$|newsboat t1",
            "--ns",
            args.ns,
            "--latencies",
            args.latencies,
            "--reps",
            args.reps,
            "--out",
            args.out,
        ],
        cwd=BENCH,
        env=env,
    )


if __name__ == "__main__":
    raise SystemExit(main())
