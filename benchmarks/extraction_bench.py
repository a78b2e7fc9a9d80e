"""Extraction quality and speed on the shared corpus: ours against trafilatura alone.

Ours is what `newsreader read FILE` does (`sources.local.read_file`). Two sets:
- readability-test-pages: 130 saved pages (`pages/*/source.html`, the HTML form) and
  each page's plain-text copy (`text/*.txt`, the text form), scored against Readability's
  `expected-metadata.json` and the text of `expected.html`;
- article-extraction-benchmark (AEB): 181 saved pages, body only (`ground-truth.json`);
  with --aeb-text DIR, also plain-text copies of them (DIR/<id>.txt, made by
  /work/shared/bench/innertext.py): pages from outlets the rules were not developed
  on, our stand-in for a held-out set. Their headline is scored where the saved page
  states one twice over (`extraction_scoring.page_headline`: an h1 its og:title or
  <title> agrees with), their byline where its metadata names a person the copy (the
  text copy, or the HTML page's visible text) shows (`page_byline`), the HTML form's
  date where two of JSON-LD, a publication <meta>, a <time datetime>, the address
  and the visible text agree on the day (`page_date`), first words against the body.
  None of this reads our extraction code.
On the HTML forms, trafilatura alone (`bare_extraction` with metadata, its defaults
otherwise, on the same decoded HTML) is the baseline. The scoring rules are in
extraction_scoring.py. Figures are over all pages and over real pages: readability's
small made-up tests (`is_synthetic`) are left out of the latter.

    python benchmarks/extraction_bench.py [--corpus DIR] [--aeb DIR] [--only html|text|aeb]
        [--aeb-text DIR] [--fails FIELD] [--json OUT] [--workers N]

--fails prints, for one field (headline, byline, date, first_words, body), each page
that fails it with the expected value and ours, for analysis; --json writes per-page
results, so a later change can be compared page by page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import extraction_scoring as scoring  # noqa: E402  (benchmarks/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("headline", "byline", "date", "first_words")


@dataclass
class Task:
    """One page in one form."""

    set: str  # "readability" or "aeb"
    form: str  # "html" or "text"
    page: str
    path: str
    expected_dir: str = ""  # readability: the page's folder
    expected_body: str = ""  # aeb: the ground truth
    source: str = ""  # aeb text form: the saved HTML its headline and byline are read from
    url: str = ""  # aeb: the page's address


@dataclass
class Extracted:
    """What one extractor gave for a page, and how long it took."""

    headline: str | None = None
    byline: list[str] = field(default_factory=list)
    date: str | None = None
    body: str = ""
    seconds: float = 0.0
    error: str | None = None


@dataclass
class Result:
    """One page's expected values, what each extractor gave, and the scores."""

    set: str
    form: str
    page: str
    synthetic: bool
    expected: dict[str, Any]
    scored: dict[str, bool]  # field -> whether the field is scored on this page
    ours: dict[str, Any]
    trafilatura: dict[str, Any] | None = None
    headline_visible: bool = True  # text form: a line of the copy is the expected headline


# --- the worker side ------------------------------------------------------------------


def _warm() -> None:
    """Import and run both extractors once, so no page pays for imports."""
    import trafilatura

    from newsreader.extraction.html import extract_page
    from newsreader.extraction.plaintext import parse_plaintext

    trafilatura.bare_extraction("<html><body><p>Warm up.</p></body></html>", with_metadata=True)
    extract_page("<html><body><article><p>Warm up, please.</p></article></body></html>")
    parse_plaintext("Title\n\nWarm up, please.\n")


def _ours(path: Path) -> Extracted:
    from newsreader.sources.local import read_file

    start = time.perf_counter()
    try:
        [article] = read_file(path)
    except Exception as exc:  # noqa: BLE001 - a failure is a result to report
        return Extracted(seconds=time.perf_counter() - start, error=f"{type(exc).__name__}: {exc}")
    took = time.perf_counter() - start
    return Extracted(
        headline=article.title,
        byline=list(article.authors),
        date=article.published,
        body="\n".join(article.to_json()["paragraphs"]),
        seconds=took,
    )


def _trafilatura(path: Path) -> Extracted:
    import trafilatura

    from newsreader.extraction.charset import decode_bytes
    from newsreader.sources.local import read_bytes

    html, _ = decode_bytes(read_bytes(path))
    start = time.perf_counter()
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True)
    except Exception as exc:  # noqa: BLE001
        return Extracted(seconds=time.perf_counter() - start, error=f"{type(exc).__name__}: {exc}")
    took = time.perf_counter() - start
    if doc is None:
        return Extracted(seconds=took)
    author = getattr(doc, "author", None) or ""
    return Extracted(
        headline=getattr(doc, "title", None),
        byline=[a.strip() for a in author.split(";") if a.strip()],
        date=getattr(doc, "date", None),
        body=getattr(doc, "text", None) or "",
        seconds=took,
    )


def _score(
    extracted: Extracted, expected: dict[str, Any], scored: dict[str, bool]
) -> dict[str, Any]:
    body = expected["body"]
    out: dict[str, Any] = asdict(extracted)
    out["ok"] = {
        "headline": scored["headline"]
        and scoring.headline_matches(expected["headline"], extracted.headline, expected["site"]),
        "byline": scored["byline"] and scoring.byline_matches(expected["byline"], extracted.byline),
        "date": scored["date"] and scoring.dates_match(expected["date"], extracted.date),
        "first_words": scored["first_words"] and scoring.first_words_match(body, extracted.body),
    }
    out["body_f1"] = scoring.token_f1(body, extracted.body)
    out["body"] = extracted.body[:300]  # enough to see what went wrong; keeps --json small
    return out


def run_task(task: Task) -> Result:
    """Extract one page with ours (and trafilatura on HTML) and score both."""
    path = Path(task.path)
    if task.set == "aeb":
        expected: dict[str, Any] = {
            "headline": "",
            "byline": "",
            "date": "",
            "site": "",
            "body": task.expected_body,
        }
        # AEB's ground truth is the body alone: the rest is what the page states twice over.
        scored = dict.fromkeys(FIELDS, False)
        scored["first_words"] = bool(task.expected_body.strip())
        source = Path(task.source or task.path)
        html = gzip.decompress(source.read_bytes()).decode("utf-8", "replace")
        expected["headline"] = scoring.page_headline(html)
        scored["headline"] = bool(expected["headline"])
        expected["byline"] = scoring.page_byline(html, task.url)
        text = (
            path.read_text(encoding="utf-8", errors="replace")
            if task.form == "text"
            else scoring.visible_text(html)
        )
        scored["byline"] = scoring.byline_is_scored(
            expected["byline"], None
        ) and scoring.byline_visible(expected["byline"], text)
        if task.form == "html":
            expected["date"] = scoring.page_date(html, task.url)
            scored["date"] = bool(expected["date"])
        synthetic = False
        headline_visible = True
    else:
        folder = Path(task.expected_dir)
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        body = scoring.html_text((folder / "expected.html").read_text(encoding="utf-8"))
        expected = {
            "headline": meta.get("title") or "",
            "byline": meta.get("byline") or "",
            "date": meta.get("publishedTime") or "",
            "site": meta.get("siteName") or "",
            "body": body,
        }
        synthetic = scoring.is_synthetic((folder / "source.html").stat().st_size, body)
        date_scored = bool(expected["date"])
        headline_visible = True
        if task.form == "text":
            text = path.read_text(encoding="utf-8", errors="replace")
            date_scored = date_scored and scoring.date_visible(expected["date"], text)
            headline_visible = scoring.headline_visible(
                expected["headline"], text, expected["site"]
            )
        scored = {
            "headline": bool(expected["headline"]),
            "byline": scoring.byline_is_scored(expected["byline"], expected["site"]),
            "date": date_scored,
            "first_words": bool(body.strip()),
        }
    ours = _score(_ours(path), expected, scored)
    baseline = _score(_trafilatura(path), expected, scored) if task.form == "html" else None
    expected = {**expected, "body": expected["body"][:300]}
    result = Result(task.set, task.form, task.page, synthetic, expected, scored, ours, baseline)
    result.headline_visible = headline_visible
    return result


# --- the parent side ------------------------------------------------------------------


def readability_tasks(root: Path, forms: set[str]) -> list[Task]:
    tasks = []
    for folder in sorted((root / "pages").iterdir()):
        if not (folder / "source.html").is_file():
            continue
        name = folder.name
        if "html" in forms:
            tasks.append(
                Task("readability", "html", name, str(folder / "source.html"), str(folder))
            )
        text = root / "text" / f"{name}.txt"
        if "text" in forms and text.is_file():
            tasks.append(Task("readability", "text", name, str(text), str(folder)))
    return tasks


def aeb_tasks(root: Path, text_dir: Path | None = None) -> list[Task]:
    """The AEB pages in HTML form, or, given `text_dir`, their text copies there."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    tasks = []
    for key, value in sorted(truth.items()):
        html = root / "html" / f"{key}.html.gz"
        if text_dir is None:
            tasks.append(
                Task(
                    "aeb",
                    "html",
                    key,
                    str(html),
                    expected_body=value["articleBody"],
                    url=value["url"],
                )
            )
        elif (text := text_dir / f"{key}.txt").is_file():
            tasks.append(
                Task(
                    "aeb",
                    "text",
                    key,
                    str(text),
                    expected_body=value["articleBody"],
                    source=str(html),
                    url=value["url"],
                )
            )
    return tasks


def _cell(results: list[dict[str, Any]], scored: list[bool], name: str) -> str:
    pairs = [(r["ok"][name], s) for r, s in zip(results, scored, strict=True) if s]
    if not pairs:
        return "-"
    hits = sum(ok for ok, _ in pairs)
    return f"{100 * hits / len(pairs):3.0f}% {hits}/{len(pairs)}"


def print_table(title: str, results: list[Result]) -> None:
    real = [r for r in results if not r.synthetic]
    print(
        f"\n{title}: {len(results)} pages ({len(real)} real, {len(results) - len(real)} synthetic)"
    )
    names = [name.replace("_", " ") for name in (*FIELDS, "body_F1")]
    header = f"{'':24}" + "".join(f"{name:>15}" for name in names) + f"{'n':>6}"
    print(header)
    for subset_name, subset in (("all", results), ("real", real)):
        if not subset:
            continue
        for who in ("ours", "trafilatura"):
            rows = [getattr(r, who) for r in subset]
            if any(row is None for row in rows):
                continue
            cells = [_cell(rows, [r.scored[name] for r in subset], name) for name in FIELDS]
            f1 = statistics.fmean(row["body_f1"] for row in rows)
            print(
                f"{who + ', ' + subset_name + ' pages':24}"
                + "".join(f"{c:>15}" for c in cells)
                + f"{f1:>15.3f}{len(subset):>6}"
            )
    if any(r.form == "text" and not r.headline_visible for r in results):
        print("headline, over the pages whose text copy shows it (Readability's is their <title>):")
        for subset_name, subset in (("all", results), ("real", real)):
            shown = [r for r in subset if r.scored["headline"] and r.headline_visible]
            cell = _cell([r.ours for r in shown], [True] * len(shown), "headline")
            print(f"{'ours, ' + subset_name + ' pages':24}{cell:>15}")


def print_times(groups: dict[str, list[Result]]) -> None:
    print(
        "\nTime per page (ms: median / p95 / max); ours is read_file, the baseline bare_extraction:"
    )
    for title, results in groups.items():
        line = f"  {title:17}"
        for who in ("ours", "trafilatura"):
            times = sorted(
                1000 * row["seconds"] for r in results if (row := getattr(r, who)) is not None
            )
            if not times:
                continue
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            line += f"  {who} {statistics.median(times):6.0f} / {p95:5.0f} / {times[-1]:5.0f}"
        print(line)


def _short(value: Any, width: int = 70) -> str:
    text = " ".join(str(value).split()) if value not in (None, "", []) else "(none)"
    return text if len(text) <= width else text[: width - 1] + "…"


def print_fails(field_name: str, groups: dict[str, list[Result]]) -> None:
    for title, results in groups.items():
        if field_name == "body":
            failing = sorted(
                (r for r in results if r.ours["body_f1"] < 0.8), key=lambda r: r.ours["body_f1"]
            )
        else:
            failing = [
                r for r in results if r.scored.get(field_name) and not r.ours["ok"][field_name]
            ]
        print(f"\n{title}: {len(failing)} pages fail {field_name}")
        for r in failing:
            mark = " (synthetic)" if r.synthetic else ""
            trafilatura = r.trafilatura
            if field_name == "body":
                print(
                    f"  {r.page}{mark}: F1 {r.ours['body_f1']:.2f}"
                    + (f" (trafilatura {trafilatura['body_f1']:.2f})" if trafilatura else "")
                )
                print(f"      expected: {_short(r.expected['body'], 110)}")
                print(f"      ours:     {_short(r.ours['body'] or r.ours['error'], 110)}")
                continue
            key = {"headline": "headline", "byline": "byline", "date": "date"}.get(field_name)
            want = r.expected[key] if key else r.expected["body"]
            got = r.ours[key] if key else r.ours["body"]
            if r.ours["error"]:
                got = r.ours["error"]
            print(f"  {r.page}{mark}")
            print(f"      expected: {_short(want, 110)}")
            print(f"      ours:     {_short(got, 110)}")
            if trafilatura is not None:
                base = trafilatura[key] if key else trafilatura["body"]
                ok = "ok" if trafilatura["ok"][field_name] else "fails too"
                print(f"      trafilatura ({ok}): {_short(base, 95)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared/corpus/readability-test-pages"
    )
    parser.add_argument(
        "--aeb", type=Path, default=ROOT.parent / "shared/corpus/article-extraction-benchmark"
    )
    parser.add_argument("--aeb-text", type=Path, help="AEB text copies: DIR/<id>.txt")
    parser.add_argument("--only", choices=("html", "text", "aeb", "aeb-text"))
    parser.add_argument("--fails", choices=(*FIELDS, "body"))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args(argv)

    forms = {"html", "text"} if args.only is None else {args.only}
    tasks = readability_tasks(args.corpus, forms) if forms & {"html", "text"} else []
    if args.only in (None, "aeb"):
        tasks += aeb_tasks(args.aeb)
    if args.aeb_text and args.only in (None, "text", "aeb-text"):
        tasks += aeb_tasks(args.aeb, args.aeb_text)
    elif args.only == "aeb-text":
        parser.error("--only aeb-text needs --aeb-text DIR")
    # Largest first, so one big page does not finish alone at the end.
    tasks.sort(key=lambda t: os.path.getsize(t.path), reverse=True)

    start = time.perf_counter()
    results: list[Result] = []
    with ProcessPoolExecutor(max_workers=args.workers, initializer=_warm) as pool:
        for future in as_completed([pool.submit(run_task, t) for t in tasks]):
            results.append(future.result())
    wall = time.perf_counter() - start
    results.sort(key=lambda r: (r.set, r.form, r.page))

    groups: dict[str, list[Result]] = {}
    for title, set_name, form in (
        ("readability-test-pages, HTML form", "readability", "html"),
        ("readability-test-pages, text form", "readability", "text"),
        ("article-extraction-benchmark, HTML form", "aeb", "html"),
        ("article-extraction-benchmark, text form", "aeb", "text"),
    ):
        if group := [r for r in results if r.set == set_name and r.form == form]:
            groups[title] = group
    if args.fails:
        print_fails(args.fails, groups)
    else:
        for title, group in groups.items():
            print_table(title, group)
        short = {"readability-test-pages": "readability", "article-extraction-benchmark": "AEB"}
        print_times({short[t.split(",")[0]] + t.split(",")[1][:5]: g for t, g in groups.items()})
    workers = f"{args.workers} worker" + ("s" if args.workers != 1 else "")
    print(f"\nWall time {wall:.1f} s for {len(tasks)} pages on {workers}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1))
        print(f"Per-page results written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
