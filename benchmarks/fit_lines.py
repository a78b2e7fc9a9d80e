"""Fit the plain-text line models (src/newsreader/extraction/data/lines.json).

Two logistic regressions over the features in `newsreader.extraction.linemodel`:
- body: is a unit of a text copy part of the article? Labels: the unit's text is in
  the page's expected body (units of under five words only inside the span of the
  matched long units, so a "Share" that also appears in the article is not text);
- headline: which short line above the article is the headline? Labels: the line
  matches the expected title by the bench's own rule.
Pages: readability-test-pages' text copies (expected.html and expected-metadata.json)
and, with --aeb-text, text copies of the article-extraction-benchmark pages made by
/work/shared/bench/innertext.py (the body from AEB's ground truth; the headline where
the saved page states one twice over, `extraction_scoring.page_headline`; the byline
where its metadata names a person the copy shows, `page_byline`).

With --folds K, the pages are split into K folds; each fold is read by models fitted
on the others and scored as the bench scores (headline, byline, date, first words,
body F1): the held-out figures, beside the same figures on the pages each model was
fitted on (the gap between the two is what the fit does not carry over to new pages).
Without --write, nothing is written.

    python benchmarks/fit_lines.py [--corpus DIR] [--aeb-text DIR] [--folds 5]
                                   [--keep-body] [--write]

With --keep-body only the headline ranker is fitted, over the packaged body model.

The packaged weights are fitted with --aeb-text on copies made this way (innertext.py
reads the files as they are, so the AEB pages are unzipped first; Chromium and
playwright are needed to make them, not to fit):

    mkdir -p /tmp/aeb-html && for f in .../article-extraction-benchmark/html/*.html.gz; do
        gunzip -c "$f" > /tmp/aeb-html/"$(basename "$f" .gz)"; done
    python /work/shared/bench/innertext.py /tmp/aeb-text /tmp/aeb-html/*.html

Pure Python (no numpy): plain gradient steps with AdaGrad on standardised features.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import statistics
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import extraction_scoring as scoring  # noqa: E402

from newsreader.extraction import linemodel, plaintext, textheader  # noqa: E402
from newsreader.extraction.lines import Line, split_units  # noqa: E402
from newsreader.sanitize import clean_text, normalize_newlines  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/newsreader/extraction/data/lines.json"


@dataclass
class Page:
    """One text copy with what is expected of it."""

    name: str
    text: str
    body: str
    headline: str = ""
    byline: str = ""
    date: str = ""
    site: str = ""
    synthetic: bool = False
    scored: dict[str, bool] = field(default_factory=dict)
    units: list[Line] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)


def _clean(raw: str) -> str:
    return unicodedata.normalize("NFC", clean_text(normalize_newlines(raw)))


def load_readability(root: Path) -> list[Page]:
    pages = []
    for folder in sorted((root / "pages").iterdir()):
        path = root / "text" / f"{folder.name}.txt"
        if not path.is_file():
            continue
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        body = scoring.html_text((folder / "expected.html").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8", errors="replace")
        page = Page(
            folder.name,
            text,
            body,
            meta.get("title") or "",
            meta.get("byline") or "",
            meta.get("publishedTime") or "",
            meta.get("siteName") or "",
            scoring.is_synthetic((folder / "source.html").stat().st_size, body),
        )
        page.scored = {
            "headline": bool(page.headline),
            "byline": scoring.byline_is_scored(page.byline, page.site),
            "date": bool(page.date) and scoring.date_visible(page.date, text),
            "first_words": bool(body.strip()),
        }
        pages.append(page)
    return pages


def load_aeb(text_dir: Path, truth: Path) -> list[Page]:
    data = json.loads(truth.read_text(encoding="utf-8"))
    pages = []
    for key, value in sorted(data.items()):
        path = text_dir / f"{key}.txt"
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            source = truth.parent / "html" / f"{key}.html.gz"
            html = gzip.decompress(source.read_bytes()).decode("utf-8", "replace")
            page = Page("aeb/" + key[:12], text, value["articleBody"], scoring.page_headline(html))
            page.byline = scoring.page_byline(html, value["url"])
            page.scored = {
                "headline": bool(page.headline),
                "byline": scoring.byline_is_scored(page.byline, None)
                and scoring.byline_visible(page.byline, text),
                "date": False,
            }
            page.scored["first_words"] = bool(page.body.strip())
            pages.append(page)
    return pages


def label(page: Page) -> None:
    """Units and body labels of one page."""
    page.units = split_units(_clean(page.text), limit=plaintext.CLASSIFIED)
    body = " ".join(scoring.tokens(page.body))
    found = []
    for u in page.units:
        toks = scoring.tokens(u.text)
        found.append(bool(toks) and f" {' '.join(toks)} " in f" {body} ")
    long_hits = [
        i for i, u in enumerate(page.units) if found[i] and len(scoring.tokens(u.text)) >= 8
    ]
    lo, hi = (long_hits[0], long_hits[-1]) if long_hits else (0, -1)
    page.labels = [
        int(found[i] and (len(scoring.tokens(u.text)) >= 5 or lo <= i <= hi))
        for i, u in enumerate(page.units)
    ]


# --- logistic regression -----------------------------------------------------------


def fit(
    rows: list[list[float]], ys: list[int], names: tuple[str, ...], epochs: int = 12
) -> dict[str, float]:
    """Weights (on the raw features) of a logistic regression, L2-regularised."""
    k = len(names)
    means = [statistics.fmean(r[j] for r in rows) for j in range(k)]
    stds = [statistics.pstdev([r[j] for r in rows]) or 1.0 for j in range(k)]
    z = [[(r[j] - means[j]) / stds[j] for j in range(k)] for r in rows]
    w = [0.0] * k
    b = 0.0
    g2 = [1e-8] * (k + 1)
    rate, l2 = 0.3, 1e-4
    order = list(range(len(rows)))
    rng = random.Random(0)
    # The weights returned are the average over the second half of the epochs: one
    # pass's last step depends on the order of the last few rows.
    mean_w, mean_b, averaged = [0.0] * k, 0.0, 0
    for epoch in range(epochs):
        rng.shuffle(order)
        for n in order:
            x = z[n]
            err = linemodel.sigmoid(b + sum(wj * xj for wj, xj in zip(w, x, strict=True))) - ys[n]
            for j in range(k):
                g = err * x[j] + l2 * w[j]
                g2[j] += g * g
                w[j] -= rate * g / math.sqrt(g2[j])
            g2[k] += err * err
            b -= rate * err / math.sqrt(g2[k])
        if epoch >= epochs // 2:
            mean_w = [m + v for m, v in zip(mean_w, w, strict=True)]
            mean_b += b
            averaged += 1
    w = [m / averaged for m in mean_w]
    b = mean_b / averaged
    weights = {name: w[j] / stds[j] for j, name in enumerate(names)}
    weights["bias"] = b - sum(w[j] * means[j] / stds[j] for j in range(k))
    return {name: round(value, 5) for name, value in weights.items()}


def fit_choice(
    groups: list[tuple[list[list[float]], list[int]]], names: tuple[str, ...], epochs: int = 60
) -> dict[str, float]:
    """Weights of a conditional logit: one choice (the headline) among each page's
    candidates, fitted on the softmax over them, so that the features only have to
    rank a page's lines, not be calibrated across pages."""
    k = len(names)
    rows = [r for g, _ in groups for r in g]
    means = [statistics.fmean(r[j] for r in rows) for j in range(k)]
    stds = [statistics.pstdev([r[j] for r in rows]) or 1.0 for j in range(k)]
    zs = [([[(r[j] - means[j]) / stds[j] for j in range(k)] for r in g], ys) for g, ys in groups]
    w = [0.0] * k
    g2 = [1e-8] * k
    rate, l2 = 0.2, 1e-3
    order = list(range(len(zs)))
    rng = random.Random(0)
    for _ in range(epochs):
        rng.shuffle(order)
        for n in order:
            xs, ys = zs[n]
            logits = [sum(wj * xj for wj, xj in zip(w, x, strict=True)) for x in xs]
            top = max(logits)
            exps = [math.exp(v - top) for v in logits]
            total = sum(exps)
            target = sum(ys)
            for j in range(k):
                g = sum(
                    (e / total - y / target) * x[j] for e, y, x in zip(exps, ys, xs, strict=True)
                )
                g += l2 * w[j]
                g2[j] += g * g
                w[j] -= rate * g / math.sqrt(g2[j])
    weights = {name: round(w[j] / stds[j], 5) for j, name in enumerate(names)}
    weights["bias"] = 0.0  # a constant does not change a ranking
    return weights


def body_rows(pages: list[Page]) -> tuple[list[list[float]], list[int]]:
    rows, ys = [], []
    for page in pages:
        feats = linemodel.body_features(page.units, linemodel.near_prose(page.units))
        for f, y in zip(feats, page.labels, strict=True):
            if f:  # units far from any sentence are not scored one by one
                rows.append(f)
                ys.append(y)
    return rows, ys


def headline_rows(pages: list[Page]) -> list[tuple[list[list[float]], list[int]]]:
    """Each page's candidates above the article (found with the current body model, as
    the reader finds it) and which of them match the expected headline."""
    groups = []
    for page in pages:
        if not page.headline or not page.units:
            continue
        scores = linemodel.body_scores(page.units)
        region = plaintext.article_region(page.units, scores)
        if region is None:
            continue
        start, end, body_only = plaintext.locate_article(page.units, scores, region)
        if body_only:
            continue
        lo = max(0, start - textheader.HEADER_WINDOW)
        candidates = [i for i in range(lo, start) if textheader.headline_candidate(page.units[i])]
        labels = [
            int(scoring.headline_matches(page.headline, page.units[i].text, page.site))
            for i in candidates
        ]
        if not any(labels):
            continue
        byline_at = textheader.byline_index(page.units, start, end)
        feats = linemodel.headline_features(page.units, candidates, start, end, byline_at, scores)
        groups.append(([[f[n] for n in linemodel.HEADLINE_FEATURES] for f in feats], labels))
    return groups


KEPT_BODY: dict[str, float] | None = None
"""With --keep-body: the packaged body model, kept as it is (only the headline ranker
is fitted, on the article each page's text is found to be by the packaged model)."""


def fit_models(pages: list[Page]) -> dict[str, dict[str, float]]:
    if KEPT_BODY is not None:
        body = KEPT_BODY
    else:
        rows, ys = body_rows(pages)
        body = fit(rows, ys, linemodel.BODY_FEATURES)
    linemodel.use_weights({"body": body, "headline": {"bias": 0.0}})
    headline = fit_choice(
        headline_rows([p for p in pages if p.headline]), linemodel.HEADLINE_FEATURES
    )
    return {"body": body, "headline": headline}


# --- evaluation ---------------------------------------------------------------------


def evaluate(pages: list[Page]) -> dict[str, Any]:
    """The bench's figures for these pages with the weights in use."""
    hits: dict[str, list[bool]] = {f: [] for f in ("headline", "byline", "date", "first_words")}
    f1s = []
    for page in pages:
        got = plaintext.parse_plaintext(page.text)
        body = "\n".join(b.plain for b in got.body)
        if page.scored.get("headline"):
            hits["headline"].append(scoring.headline_matches(page.headline, got.title, page.site))
        if page.scored.get("byline"):
            hits["byline"].append(scoring.byline_matches(page.byline, got.authors))
        if page.scored.get("date"):
            hits["date"].append(scoring.dates_match(page.date, got.published))
        if page.scored.get("first_words"):
            hits["first_words"].append(scoring.first_words_match(page.body, body))
        f1s.append(scoring.token_f1(page.body, body))
    out: dict[str, Any] = {
        f: f"{100 * sum(v) / len(v):.0f}% {sum(v)}/{len(v)}" if v else "-" for f, v in hits.items()
    }
    out["body_f1"] = round(statistics.fmean(f1s), 3) if f1s else None
    out["n"] = len(pages)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared/corpus/readability-test-pages"
    )
    parser.add_argument("--aeb-text", type=Path)
    parser.add_argument(
        "--aeb-truth",
        type=Path,
        default=ROOT.parent / "shared/corpus/article-extraction-benchmark/ground-truth.json",
    )
    parser.add_argument("--folds", type=int, default=0)
    parser.add_argument("--keep-body", action="store_true", help="fit only the headline ranker")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)

    if args.keep_body:
        global KEPT_BODY  # noqa: PLW0603 - one switch, read by fit_models
        KEPT_BODY = json.loads(OUT.read_text(encoding="utf-8"))["body"]
    readability = load_readability(args.corpus)
    aeb = load_aeb(args.aeb_text, args.aeb_truth) if args.aeb_text else []
    pages = readability + aeb
    for page in pages:
        label(page)
    print(f"{len(readability)} readability pages, {len(aeb)} AEB text copies", file=sys.stderr)

    if args.folds > 1:
        rng = random.Random(1)
        order = list(range(len(pages)))
        rng.shuffle(order)
        results: list[tuple[Page, Any]] = []
        fitted: list[tuple[Page, Any]] = []
        for fold in range(args.folds):
            test = [pages[i] for n, i in enumerate(order) if n % args.folds == fold]
            train = [pages[i] for n, i in enumerate(order) if n % args.folds != fold]
            linemodel.use_weights(fit_models(train))
            results += [(page, evaluate([page])) for page in test]
            fitted += [(page, evaluate([page])) for page in train]
            print(f"fold {fold + 1}/{args.folds} done", file=sys.stderr)
        # Each held-out page is scored by the models that did not see it; the fitted
        # figures score each page by the models fitted on it (once per fold it was in).
        for label_, rows in (("held-out", results), ("fitted", fitted)):
            groups = {
                "readability": [r for p, r in rows if not p.name.startswith("aeb/")],
                "readability real": [
                    r for p, r in rows if not p.name.startswith("aeb/") and not p.synthetic
                ],
                "aeb": [r for p, r in rows if p.name.startswith("aeb/")],
            }
            for name, group in groups.items():
                if group:
                    print(f"{label_} {name}: {_merge(group)}")

    models = fit_models(pages)
    linemodel.use_weights(models)
    print("in-sample readability:", evaluate(readability))
    print("in-sample readability real:", evaluate([p for p in readability if not p.synthetic]))
    if aeb:
        print("in-sample aeb:", evaluate(aeb))
    if args.write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(models, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"written {OUT}", file=sys.stderr)
    return 0


def _merge(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-page figures added up into one row."""
    out: dict[str, Any] = {}
    for f in ("headline", "byline", "date", "first_words"):
        hit = total = 0
        for r in results:
            if r[f] != "-":
                h, t = r[f].split()[1].split("/")
                hit, total = hit + int(h), total + int(t)
        out[f] = f"{100 * hit / total:.0f}% {hit}/{total}" if total else "-"
    f1 = [r["body_f1"] for r in results if r["body_f1"] is not None]
    out["body_f1"] = round(statistics.fmean(f1), 3) if f1 else None
    out["n"] = len(results)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
