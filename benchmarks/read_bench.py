"""Time `newsreader read` on 1 MB articles (target: printed in under a second).

Generates a 1 MB plain-text page, saved HTML page, Markdown file and RSS feed, then runs
the real command in a subprocess, rendering to a 100-column colour terminal (output
discarded), best of several runs. Also reports import time and the in-process split
between parsing and rendering.

    python benchmarks/read_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console

from newsreader.present.article import render_article
from newsreader.sources.local import read_file

SIZE = 1_000_000
SENTENCES = [
    "The council met on Tuesday to discuss the harbour's new tidal turbines.",
    "Engineers said the array could power nine thousand homes, weather permitting.",
    "Fishermen asked for a survey of the autumn herring run before any expansion.",
    "“We are not against it,” one captain said, “but we want to see the numbers.”",
    "Officials promised a public meeting in the spring, with the survey results.",
]


def paragraph(i: int) -> str:
    return " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(4))


def make_files(folder: Path) -> dict[str, Path]:
    paras: list[str] = []
    while sum(len(p) + 2 for p in paras) < SIZE:
        paras.append(paragraph(len(paras)))
    txt = folder / "big.txt"
    txt.write_text(
        "Harbour News\nHome > Coast > Energy\n\nTidal power: the long report\n\n"
        "By Mara Quill (Harbour Gazette) 09:13, November 06, 2026\n\n" + "\n\n".join(paras),
        encoding="utf-8",
    )
    html_body = "".join(
        f"<h2>Part {i}</h2>" if i % 25 == 0 else f"<p>{p}</p>" for i, p in enumerate(paras)
    )
    html = folder / "big.html"
    html.write_text(
        "<html><head><title>Tidal power</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Tidal power: the long report</h1>{html_body}</article>"
        "<footer>© Harbour Gazette</footer></body></html>",
        encoding="utf-8",
    )
    md = folder / "big.md"
    md.write_text(
        "---\ntitle: Tidal power\nauthor: Mara Quill\n---\n\n"
        + "\n\n".join(f"## Part {i}" if i % 25 == 0 else p for i, p in enumerate(paras)),
        encoding="utf-8",
    )
    # A 1 MB feed as real ones come: about a hundred items with full content each.
    per_item = len(paras) // 100
    items = "".join(
        f"<item><title>Item {i}</title><link>https://x.example/{i}</link>"
        "<description><![CDATA["
        + "".join(f"<p>{p}</p>" for p in paras[i * per_item : (i + 1) * per_item])
        + "]]></description></item>"
        for i in range(100)
    )
    feed = folder / "big.xml"
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}'
        "</channel></rss>",
        encoding="utf-8",
    )
    return {"txt": txt, "html": html, "md": md, "rss": feed}


def time_command(args: list[str], runs: int) -> float:
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "100", "LINES": "40"}
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, check=True, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def in_process(path: Path) -> tuple[float, float]:
    start = time.perf_counter()
    articles = read_file(path)
    parsed = time.perf_counter()
    console = Console(file=io.StringIO(), width=100, force_terminal=True, markup=False)
    for article in articles:
        console.print(render_article(article))
    return parsed - start, time.perf_counter() - parsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    exe = [sys.executable, "-m", "newsreader"]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    imp = time_command([sys.executable, "-c", "import newsreader.cli"], args.runs)
    help_time = time_command([*exe, "--help"], args.runs)
    print(f"{'import newsreader.cli':28} {imp * 1000:7.0f} ms")
    print(f"{'newsreader --help':28} {help_time * 1000:7.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp))
        for kind, path in files.items():
            size = path.stat().st_size / 1_000_000
            total = time_command([*exe, "read", str(path)], args.runs)
            parse, render = in_process(path)
            verdict = "ok" if total < 1.0 else "OVER 1 s"
            print(
                f"read {kind:5} ({size:4.2f} MB)          {total * 1000:7.0f} ms end to end"
                f"  (parse {parse * 1000:.0f} ms, render {render * 1000:.0f} ms)  {verdict}"
            )


if __name__ == "__main__":
    main()
