"""Two small logistic models over line features: "is article text" and "is the headline".

The weights are data (`data/lines.json`), fitted by `benchmarks/fit_lines.py` on the
public text copies and loaded once; the features are here, so that the fitting script
and the reader compute exactly the same numbers. A model is a list of weights over a
named feature vector plus a bias; a missing or unreadable file falls back to weights
that read every sentence as text and every short line as a headline candidate.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources
from typing import Final

from newsreader.extraction.dates import MONTH, WEEKDAY, find_date
from newsreader.extraction.lines import Line
from newsreader.query.scripts import is_unspaced

BODY_FEATURES: Final = (
    "log_weight",
    "sentence",
    "stopwords",
    "cjk",
    "commas",
    "capitals",
    "digits",
    "list_item",
    "furniture",
    "aside",
    "navigation",
    "ends_colon",
    "ellipsis",
    "link",
    "repeated",
    "alone",
    "position",
    "short",
    "starts_time",
    "context_weight",
    "context_sentence",
    "context_prose",
)
HEADLINE_FEATURES: Final = (
    "log_weight",
    "words_3_to_20",
    "capitals",
    "stopwords",
    "digits",
    "above_byline",
    "before_meta",
    "after_meta",
    "repeated",
    "prefix_elsewhere",
    "menu",
    "alone",
    "longest",
    "separator",
    "all_caps",
    "body_score",
    "after_short",
    "pair_first",
    "lede_overlap",
    "words_5_to_15",
    "one_word",
    "best_overlap",
    "credit",
)
_HEADLINE_STOPWORDS: Final = frozenset(
    "this that with from have been will your about what when which their there more".split()
)

# A photo credit at the end of a caption: "... Benoit Tessier/Reuters", "(AP Photo/J. Doe)".
_CREDIT = re.compile(r"\b[A-Z][\w.'’-]*/[A-Z][\w.'’-]*\)?$")
_STARTS_TIME = re.compile(r"\d{1,2}[:.h]\d{2}\b")
_LINK = re.compile(r"https?://|www\.|\.com\b|@\w|#\w")
_MIN_READ = re.compile(
    r"^\d+\s*(?:min|minute)s?(?:\s+read)?\b|^follow\b|^updated\b|"
    # "on Feb 24", "on 3/2/2015", "on Monday": not "On Behalf of 'Literally'".
    rf"^on\s+(?:\d|{MONTH}|{WEEKDAY})|"
    r"^\d{1,2}[./]\d{1,2}[./]\d{2}(?:\d{2})?\b|\b\d+\s+(?:minute|hour|day|week)s?\s+ago\b|"
    r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?$",
    re.I,
)


@lru_cache(maxsize=1)
def _weights() -> dict[str, dict[str, float]]:
    try:
        text = resources.files("newsreader.extraction").joinpath("data/lines.json").read_text()
        data = json.loads(text)
        return {name: {k: float(v) for k, v in model.items()} for name, model in data.items()}
    except (OSError, ValueError, AttributeError):
        return {
            "body": {"bias": -2.0, "sentence": 3.0, "log_weight": 0.5},
            "headline": {"bias": 0.0, "words_3_to_20": 1.0, "nearest": 1.0},
        }


_override: dict[str, dict[str, float]] | None = None


def use_weights(weights: dict[str, dict[str, float]] | None) -> None:
    """Read with these weights instead of the packaged ones (for the fitting script)."""
    global _override  # noqa: PLW0603 - one switch, for benchmarks/fit_lines.py
    _override = weights


def _score(model: str, features: dict[str, float]) -> float:
    """The model's log-odds for one feature vector."""
    weights = (_override or _weights())[model]
    total = weights.get("bias", 0.0)
    for name, value in features.items():
        if value:
            total += weights.get(name, 0.0) * value
    return total


def sigmoid(x: float) -> float:
    """Logistic function, safe at both ends."""
    if x < -30:
        return 0.0
    if x > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))


_DIGIT = re.compile(r"\d")
_SAMPLE = 400
"""Characters of a long unit that its share features (capitals, digits) are taken on."""


def _capitals(text: str) -> float:
    words = [w for w in text[:_SAMPLE].split() if w[:1].isalpha()]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def _digits(text: str) -> float:
    sample = text[:_SAMPLE]
    return len(_DIGIT.findall(sample)) / len(sample)


NEAR_PROSE = 20
"""Units further than this from any sentence are chrome without looking closer."""
FAR_SCORE = -2.0
"""Their log-odds of being article text."""


def near_prose(units: list[Line]) -> list[bool]:
    """Which units have a sentence within `NEAR_PROSE` units: only those are scored
    feature by feature (a third of a typical page is menus and link lists far from any)."""
    n = len(units)
    near = [False] * n
    last = -1
    for i, u in enumerate(units):
        if (u.sentence and u.weight >= 6) or u.cjk >= 30:
            for j in range(max(last + 1, i - NEAR_PROSE), min(n, i + NEAR_PROSE + 1)):
                near[j] = True
            last = min(n, i + NEAR_PROSE + 1) - 1
    return near


def body_features(units: list[Line], near: list[bool] | None = None) -> list[list[float]]:
    """For each unit, the features of the "is article text" model, in `BODY_FEATURES`
    order (lists, not dicts: this runs on every line of every page); an empty list for
    a unit that is not `near` a sentence."""
    n = len(units)
    counts: dict[str, int] = {}
    for u in units:
        counts[u.text] = counts.get(u.text, 0) + 1
    # Running sums of (log weight, sentence, prose-like) for the neighbourhood features.
    sum_w = [0.0]
    sum_s = [0.0]
    sum_p = [0.0]
    out: list[list[float]] = []
    for i, u in enumerate(units):
        text = u.text
        weight = u.weight
        lw = math.log1p(weight)
        sentence = 1.0 if u.sentence else 0.0
        sum_w.append(sum_w[-1] + lw)
        sum_s.append(sum_s[-1] + sentence)
        sum_p.append(sum_p[-1] + (1.0 if weight >= 8 and (u.sentence or u.cjk >= 30) else 0.0))
        if near is not None and not near[i]:
            out.append([])
            continue
        chunk = u.chunk
        alone = (i == 0 or units[i - 1].chunk != chunk) and (
            i == n - 1 or units[i + 1].chunk != chunk
        )
        out.append(
            [
                lw,
                sentence,
                u.stopwords,
                min(1.0, u.cjk / len(text)) if u.cjk else 0.0,
                min(1.0, (text.count(",") + text.count("，")) / weight),
                _capitals(text),
                _digits(text),
                1.0 if u.list_item else 0.0,
                1.0 if weight <= 40 and u.furniture else 0.0,
                1.0 if u.aside else 0.0,
                1.0 if u.navigation else 0.0,
                1.0 if text.endswith((":", "：")) else 0.0,
                1.0 if text.endswith(("...", "…")) else 0.0,
                1.0 if _LINK.search(text[:300]) else 0.0,
                1.0 if counts[text] > 1 else 0.0,
                1.0 if alone else 0.0,
                i / n,
                1.0 if weight <= 3 else 0.0,
                1.0 if _STARTS_TIME.match(text) else 0.0,
                0.0,
                0.0,
                0.0,
            ]
        )
    for i, feats in enumerate(out):
        if not feats:
            continue
        lo, hi = max(0, i - 3), min(n, i + 4)
        k = (hi - lo - 1) or 1
        feats[-3] = (sum_w[hi] - sum_w[lo] - (sum_w[i + 1] - sum_w[i])) / k
        feats[-2] = (sum_s[hi] - sum_s[lo] - (sum_s[i + 1] - sum_s[i])) / k
        feats[-1] = (sum_p[hi] - sum_p[lo] - (sum_p[i + 1] - sum_p[i])) / k
    return out


def body_scores(units: list[Line]) -> list[float]:
    """Log-odds, for each unit, that it is article text."""
    weights = (_override or _weights())["body"]
    vector = [weights.get(name, 0.0) for name in BODY_FEATURES]
    bias = weights.get("bias", 0.0)
    return [
        bias + sum([w * x for w, x in zip(vector, feats, strict=True) if x]) if feats else FAR_SCORE
        for feats in body_features(units, near_prose(units))
    ]


def meta_line(u: Line) -> bool:
    """A byline, a date, "5 min read" or "Follow": the lines that sit under a headline."""
    if u.weight > 20:
        return False
    return bool(
        u.byline
        or u.stamp
        or u.date_only
        or _MIN_READ.match(u.text)
        or ((u.weight <= 12 or not u.sentence) and find_date(u.text) is not None)
    )


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{4,}", text.casefold()) if w not in _HEADLINE_STOPWORDS}


def headline_features(
    units: list[Line],
    candidates: list[int],
    start: int,
    end: int,
    byline_at: int | None,
    scores: list[float],
) -> list[dict[str, float]]:
    """Features of each candidate line (indexes into `units`) above the article
    [start, end)."""
    if not candidates:
        return []
    lede: set[str] = set()
    lede_cjk: set[str] = set()
    size = 0
    for u in units[start:end]:
        lede |= _content_words(u.text)
        if u.cjk:
            lede_cjk |= {ch for ch in u.text if is_unspaced(ch)}
        size += len(u.text)
        if size > 3000:
            break
    overlaps = []
    for i in candidates:
        text = units[i].text
        if units[i].cjk:
            chars = {ch for ch in text if is_unspaced(ch)}
            overlaps.append(len(chars & lede_cjk) / len(chars))
        else:
            words = _content_words(text)
            overlaps.append(len(words & lede) / len(words) if words else 0.0)
    best_overlap = max(overlaps)
    meta = {
        i: meta_line(units[i])
        for i in range(max(0, candidates[0] - 3), min(len(units), max(start, candidates[-1]) + 4))
    }
    longest = max(units[i].weight for i in candidates)
    folded = {i: units[i].text.casefold() for i in candidates}
    head_texts = [u.text.casefold() for u in units[max(0, start - 300) : start + 300]]
    exact: dict[str, int] = {}
    for t in head_texts:
        exact[t] = exact.get(t, 0) + 1
    joined = "\n".join(head_texts)
    above_byline = None
    if byline_at is not None:
        above = [i for i in candidates if i < byline_at]
        above_byline = above[-1] if above else None
    out = []
    for k, i in enumerate(candidates):
        u = units[i]
        text = u.text
        key = folded[i]
        overlap = overlaps[k]
        occurrences = exact.get(key, 0)
        prefixed = 1 if len(key) >= 15 and joined.count(key) > occurrences else 0
        prev_w = units[i - 1].weight if i > 0 else 0
        next_w = units[i + 1].weight if i + 1 < len(units) else 0

        letters = [ch for ch in text if ch.isalpha()]
        out.append(
            {
                "log_weight": math.log1p(u.weight),
                "words_3_to_20": 1.0 if 3 <= u.weight <= 20 else 0.0,
                "capitals": _capitals(text),
                "stopwords": u.stopwords,
                "digits": _digits(text),
                "above_byline": 1.0 if i == above_byline else 0.0,
                "before_meta": 1.0 if any(meta.get(j) for j in range(i + 1, i + 4)) else 0.0,
                "after_meta": 1.0 if any(meta.get(j) for j in range(i - 3, i)) else 0.0,
                "repeated": 1.0 if occurrences > 1 else 0.0,
                "prefix_elsewhere": float(prefixed),
                "menu": 1.0 if prev_w <= 3 and next_w <= 3 and u.weight <= 4 else 0.0,
                "alone": 1.0
                if (i == 0 or units[i - 1].chunk != u.chunk)
                and (i + 1 == len(units) or units[i + 1].chunk != u.chunk)
                else 0.0,
                "longest": 1.0 if u.weight == longest else 0.0,
                "separator": 1.0 if (" | " in text or " - " in text or " – " in text) else 0.0,
                "all_caps": 1.0 if letters and all(ch.isupper() for ch in letters) else 0.0,
                "body_score": max(-5.0, min(5.0, scores[i])),
                "after_short": 1.0 if prev_w <= 3 else 0.0,
                "pair_first": 1.0 if pair(units, i, i + 1) else 0.0,
                "lede_overlap": overlap,
                "words_5_to_15": 1.0 if 5 <= u.weight <= 15 else 0.0,
                "one_word": 1.0 if u.weight == 1 else 0.0,
                "best_overlap": 1.0 if overlap > 0 and overlap == best_overlap else 0.0,
                "credit": 1.0 if _CREDIT.search(text) else 0.0,
            }
        )
    return out


def pair(units: list[Line], i: int, j: int) -> bool:
    """A headline directly followed, in the same block, by a longer line: its standfirst."""
    if i < 0 or j >= len(units):
        return False
    a, b = units[i], units[j]
    return (
        a.chunk == b.chunk
        and 4 <= a.weight <= 30
        and sum(1 for w in a.text.split() if w[:1].isalnum()) >= 4
        and (a.text[-1].isalnum() or a.text[-1] in "'\"’”?!)")
        and b.weight >= max(12, 1.3 * a.weight)
        and _capitals(b.text) < 0.6
        and not a.sentence
        and not b.furniture
    )


def headline_scores(
    units: list[Line],
    candidates: list[int],
    start: int,
    end: int,
    byline_at: int | None,
    scores: list[float],
) -> list[float]:
    """Log-odds, for each candidate, that it is the headline."""
    feats = headline_features(units, candidates, start, end, byline_at, scores)
    return [_score("headline", f) for f in feats]
