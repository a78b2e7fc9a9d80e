"""Time the hostile inputs of issue #11 through the real readers (target: each under 2 s).

Each case is a file of the shape that once took minutes (a backtracking pattern, a
nesting defuser, a feed of millions of items), written to a temporary folder and read
with `read_file`, the path `newsreader read` and a folder scan take, in this process.
Prints the time of each and the slowest.

    python benchmarks/hostile_bench.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from newsreader.sources.local import read_file

MB = 1_000_000


def rss(description: str, items: int = 1) -> str:
    body = "".join(
        f"<item><title>t{i}</title><guid>g{i}</guid><description>{description}</description></item>"
        for i in range(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'
    )


CASES: dict[str, tuple[str, str]] = {
    "feed item of '&lt;img ' x 100,000": ("feed.xml", rss("&lt;img " * 100_000)),
    "page of '<a ' x 60,000": ("page.html", "<html><body>" + "<a " * 60_000 + "</body></html>"),
    "text line of 40 digits then x": ("digits.txt", "Headline\n\n" + "1" * 40 + "x\n\nBody.\n"),
    "'123456789012345678901234 copies'": ("copies.txt", "123456789012345678901234 copies\n"),
    "1 MB of short text lines": ("lines.txt", "a\n" * (MB // 2)),
    "1 MB of 'By A' lines": ("bylines.txt", "By A\n" * (MB // 5)),
    "1 MB of <p> elements": ("paras.html", "<html><body>" + "<p>word</p>" * (MB // 11)),
    "1 MB of ']' in a page": ("brackets.html", "<html><body><p>" + "]" * MB + "</p>"),
    "1 MB of '![' in Markdown": ("images.md", "# T\n\n" + "![" * (MB // 2)),
    "2,000,000 empty <item/>": (
        "items.xml",
        rss("", 0).replace("</channel>", "<item/>" * 2_000_000 + "</channel>"),
    ),
}


def main() -> None:
    slowest = ("", 0.0)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (filename, text) in CASES.items():
            path = Path(tmp) / filename
            path.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            try:
                read_file(path)
                outcome = "read"
            except Exception as exc:  # noqa: BLE001 - an error is an outcome here, timed too
                outcome = f"error: {str(exc)[:60]}"
            took = time.perf_counter() - start
            print(f"{took:7.2f} s  {name:<38} {len(text.encode()) / MB:5.1f} MB  {outcome}")
            if took > slowest[1]:
                slowest = (name, took)
    print(f"slowest: {slowest[0]} in {slowest[1]:.2f} s")


if __name__ == "__main__":
    main()
