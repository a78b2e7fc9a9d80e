"""Keyword highlighting as spans over plain text, never as markup.

Matching is case- and accent-insensitive; Latin-script terms match whole words (or word
prefixes for `term*`), Chinese and Japanese terms match anywhere inside running text.
The terms come from a query; this module reads only the positive words and phrases of
it (operators, exclusions and field names are skipped), which is what a highlighter
needs. The watches issue brings the full query language on top of the same spans.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Term:
    """A folded word or phrase to look for; `prefix` for `word*`."""

    text: str
    prefix: bool = False


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return (kept or ch).casefold()


def fold(text: str) -> tuple[str, list[int] | None]:
    """Text folded for matching, and a map from folded to original offsets.

    The map is None when folding kept every offset (the common case), which lets a
    1 MB article be folded with one `str.translate` instead of a per-character loop.
    """
    if text.isascii():
        return text.lower(), None
    table = {ord(ch): _fold_char(ch) for ch in set(text)}
    if all(len(v) == 1 for v in table.values()):
        return text.translate(table), None
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = table[ord(ch)]
        out.append(folded)
        index.extend([i] * len(folded))
    index.append(len(text))
    return "".join(out), index


def _is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"


def terms_from_query(query: str) -> list[Term]:
    """The positive words and phrases of a query, folded; field-only terms are left out.

    A query that does not parse still highlights its plain words, so a typo in a search
    never leaves the reader without highlights.
    """
    from newsreader.errors import QueryError
    from newsreader.querylang import parse_query, positive_terms

    try:
        terms = positive_terms(parse_query(query))
    except QueryError:
        words = re.findall(r"[^\s\"()]+", query)
        return [
            Term(fold(w.rstrip("*"))[0], w.endswith("*"))
            for w in words
            if w not in ("OR", "AND", "NOT") and not w.startswith("-") and w.rstrip("*")
        ]
    return [
        Term(fold(" ".join(t.text.split()))[0], t.prefix)
        for t in terms
        if t.field not in ("source", "section")
    ]


@lru_cache(maxsize=256)
def _pattern(terms: tuple[Term, ...]) -> re.Pattern[str] | None:
    parts = []
    for term in sorted(terms, key=lambda t: len(t.text), reverse=True):
        body = r"\s+".join(re.escape(w) for w in term.text.split())
        cjk_start = _is_cjk(term.text[0])
        cjk_end = _is_cjk(term.text[-1])
        left = "" if cjk_start else r"(?<!\w)"
        if term.prefix:
            right = r"\w*"
        else:
            right = "" if cjk_end else r"(?!\w)"
        parts.append(f"{left}{body}{right}")
    if not parts:
        return None
    return re.compile("|".join(parts))


def find_spans(text: str, terms: list[Term] | tuple[Term, ...]) -> list[Span]:
    """Non-overlapping (start, end) offsets into `text` where any term matches."""
    pattern = _pattern(tuple(terms))
    if pattern is None or not text:
        return []
    folded, index = fold(text)
    spans = []
    for m in pattern.finditer(folded):
        start, end = m.span()
        if start == end:
            continue
        if index is not None:
            start, end = index[start], index[end - 1] + 1
        spans.append((start, end))
    return spans
