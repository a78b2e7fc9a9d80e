"""Keyword highlighting as spans over plain text, never as markup.

Matching is case- and accent-insensitive; Latin-script terms match whole words (or word
prefixes for `term*`), Chinese and Japanese terms match anywhere inside running text.
The needles come from a query: only its positive words and phrases (operators,
exclusions and `source:`/`section:` terms are skipped), which is what a highlighter
needs. Text is folded by `query.fold.fold`; search snippets, the reading pane, the
list and `read --highlight` all draw these spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsreader.errors import QueryError
from newsreader.query.fold import fold
from newsreader.query.language import parse_query, positive_terms
from newsreader.query.scripts import is_infix

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Needle:
    """A folded word or phrase to highlight; `prefix` for `word*`.

    Not the query language's `Term`: a needle has lost its field and its case, and is
    what the span finders compare folded text with.
    """

    text: str
    prefix: bool = False


def needles_from_query(query: str) -> list[Needle]:
    """The positive words and phrases of a query, folded; field-only terms are left out.

    A query that does not parse still highlights its plain words, so a typo in a search
    never leaves the reader without highlights.
    """
    try:
        terms = positive_terms(parse_query(query))
    except QueryError:
        words = re.findall(r"[^\s\"()]+", query)
        return [
            Needle(fold(w.rstrip("*"))[0], w.endswith("*"))
            for w in words
            if w not in ("OR", "AND", "NOT") and not w.startswith("-") and w.rstrip("*")
        ]
    return [
        Needle(fold(" ".join(t.text.split()))[0], t.prefix)
        for t in terms
        if t.field not in ("source", "section")
    ]


def _alternatives(terms: tuple[Needle, ...]) -> list[str]:
    parts = []
    for term in sorted(terms, key=lambda t: len(t.text), reverse=True):
        body = r"\s+".join(re.escape(w) for w in term.text.split())
        cjk_start = is_infix(term.text[0])
        cjk_end = is_infix(term.text[-1])
        left = "" if cjk_start else r"(?<!\w)"
        if term.prefix:
            right = r"\w*"
        else:
            right = "" if cjk_end else r"(?!\w)"
        parts.append(f"{left}{body}{right}")
    return parts


@lru_cache(maxsize=256)
def _pattern(terms: tuple[Needle, ...]) -> re.Pattern[str] | None:
    parts = _alternatives(terms)
    return re.compile("|".join(parts)) if parts else None


@dataclass(frozen=True)
class _GroupIndex:
    """Every group's terms, arranged for one pass over a text's words."""

    words: dict[str, int]
    phrases: dict[str, tuple[tuple[tuple[str, ...], bool, int], ...]]
    cjk: tuple[tuple[str, int], ...]
    prefixes_by_length: tuple[tuple[int, dict[str, int]], ...]
    """(length, {prefix: first group}) for word* terms."""
    word_pattern: re.Pattern[str] | None
    """Whole words and word* prefixes of every group, as one alternation."""


@lru_cache(maxsize=64)
def _group_index(groups: tuple[tuple[Needle, ...], ...]) -> _GroupIndex:
    words: dict[str, int] = {}
    prefixes: list[tuple[str, int]] = []
    phrases: dict[str, list[tuple[tuple[str, ...], bool, int]]] = {}
    cjk: list[tuple[str, int]] = []
    for g, terms in enumerate(groups):
        for term in terms:
            parts = tuple(term.text.split())
            if not parts:
                continue
            if any(is_infix(ch) for ch in term.text):
                cjk.append((term.text, g))
            elif len(parts) > 1:
                phrases.setdefault(parts[0], []).append((parts, term.prefix, g))
            elif term.prefix:
                prefixes.append((parts[0], g))
            else:
                words.setdefault(parts[0], g)
    by_length: dict[int, dict[str, int]] = {}
    for prefix, g in prefixes:
        by_length.setdefault(len(prefix), {}).setdefault(prefix, g)
    alternatives = [re.escape(w) + r"(?!\w)" for w in sorted(words, key=len, reverse=True)]
    alternatives += [re.escape(p) + r"\w*" for p in sorted({p for p, _ in prefixes})]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")") if alternatives else None
    return _GroupIndex(
        words,
        {k: tuple(v) for k, v in phrases.items()},
        tuple(cjk),
        tuple(sorted(by_length.items())),
        pattern,
    )


@lru_cache(maxsize=256)
def _phrase_pattern(parts: tuple[str, ...], prefix_last: bool) -> re.Pattern[str]:
    # The pattern opens with a literal so the regex engine can skip ahead to it; the
    # word-start check comes after (a look-behind at every position costs 20x more).
    first = re.escape(parts[0])
    rest = "".join(r"\s+" + re.escape(p) for p in parts[1:])
    end = r"\w*" if prefix_last else r"(?!\w)"
    return re.compile(first + r"(?<!\w" + first + ")" + rest + end)


def find_group_spans(
    text: str, groups: tuple[tuple[Needle, ...], ...]
) -> list[tuple[int, int, int]]:
    """(start, end, group) for every match of any group, in one pass over the words.

    For many watches at once: the text is folded once, one regex of every watch's words
    finds the candidates and a table says whose they are, which keeps a 1 MB article with
    twenty watches fast. The rules are those of
    `find_spans` (whole words, word* prefixes, phrases across spaces, CJK anywhere);
    where matches overlap, the one starting first (then the earlier group) is kept.
    """
    if not text or not groups:
        return []
    table = _group_index(groups)
    folded, index = fold(text)
    found: list[tuple[int, int, int]] = []  # (start, group, -end)
    words = table.words
    prefixes = table.prefixes_by_length
    if table.word_pattern is not None:
        # The regex engine finds the candidate words; Python only looks at the hits.
        none = len(groups)
        seen: dict[str, int] = {}  # the same words come back again and again
        for m in table.word_pattern.finditer(folded):
            word = m.group()
            best = seen.get(word)
            if best is None:
                best = words.get(word, none)
                for length, by_prefix in prefixes:
                    hit = by_prefix.get(word[:length])
                    if hit is not None and hit < best:
                        best = hit
                seen[word] = best
            if best < none:
                start, end = m.span()
                found.append((start, best, -end))
    # Phrases are few: each is one regex pass (words separated by white space).
    for entries in table.phrases.values():
        for parts, prefix_last, phg in entries:
            pattern = _phrase_pattern(parts, prefix_last)
            found.extend((pm.start(), phg, -pm.end()) for pm in pattern.finditer(folded))
    for needle, cg in table.cjk:
        at = folded.find(needle)
        while at != -1:
            found.append((at, cg, -(at + len(needle))))
            at = folded.find(needle, at + len(needle))
    # Kept as (start, group, -end) so a plain sort puts, at one place, the earlier group
    # first, then the longer match.
    found.sort()
    out: list[tuple[int, int, int]] = []
    reach = 0
    for start, g, negative_end in found:
        end = -negative_end
        if start < reach:
            continue
        reach = end
        if index is not None:
            start, end = index[start], index[end - 1] + 1
        out.append((start, end, g))
    return out


def find_spans(text: str, terms: list[Needle] | tuple[Needle, ...]) -> list[Span]:
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
