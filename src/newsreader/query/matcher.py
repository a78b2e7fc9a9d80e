"""Matching queries against articles in memory, and explaining why they match.

The store answers queries with its indexes; this module answers the same question for
one article at a time (for explaining a match, for checking new articles as they
arrive). It follows the store's rules exactly, and a property test holds the two
together: Latin-script words are whole tokens (letters and digits, case and accents
folded, as SQLite's unicode61 tokenizer splits them), `word*` is a token prefix,
"phrases" are consecutive tokens, Chinese and Japanese terms match inside running text,
`title:`/`author:` limit the fields, `source:` is a substring of the source or outlet,
`section:` is the section's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsreader.query.fold import index_tokens
from newsreader.query.language import And, Node, Not, Or, Term, parse_query
from newsreader.query.scripts import cjk_split, has_cjk


@dataclass(frozen=True, slots=True)
class MatchTarget:
    """What a query is matched against: an article's searchable fields."""

    title: str
    authors: str = ""
    summary: str = ""
    body: str = ""
    source: str = ""
    site: str = ""
    section: str = ""


@dataclass
class _Prepared:
    fields: dict[str, list[str]]
    cjk: dict[str, str]
    target: MatchTarget


def _prepare(target: MatchTarget) -> _Prepared:
    fields = {
        "title": index_tokens(target.title),
        "authors": index_tokens(target.authors),
        "summary": index_tokens(target.summary),
        "body": index_tokens(target.body),
    }
    cjk = {
        "all": cjk_split(target.title, target.body),
        "title": target.title,
    }
    return _Prepared(fields, cjk, target)


def _has_sequence(haystack: list[str], needle: list[str], prefix_last: bool) -> bool:
    if not needle:
        return False
    n = len(needle)
    for i in range(len(haystack) - n + 1):
        if haystack[i : i + n - 1] == needle[:-1]:
            last = haystack[i + n - 1]
            if last == needle[-1] or (prefix_last and last.startswith(needle[-1])):
                return True
    return False


def _term_fields(term: Term, prepared: _Prepared) -> list[str]:
    """The fields in which `term` matches (empty: no match)."""
    target = prepared.target
    text = term.text
    if term.field == "section":
        return ["section"] if target.section.casefold() == text.casefold() else []
    if term.field == "source":
        needle = text.casefold()
        hits = [
            name
            for name, value in (("source", target.source), ("site", target.site))
            if needle in value.casefold()
        ]
        return hits
    if has_cjk(text):
        if term.field == "title":
            return ["title"] if text.casefold() in target.title.casefold() else []
        chars = cjk_split(text).split()
        # Whole tokens of the character index: the needle's characters, in order, adjacent.
        return ["text"] if _has_sequence(prepared.cjk["all"].split(), chars, False) else []
    words = index_tokens(text)
    if not words:
        return []
    columns = {"title": ["title"], "author": ["authors"]}.get(
        term.field or "", ["title", "authors", "summary", "body"]
    )
    return [c for c in columns if _has_sequence(prepared.fields[c], words, term.prefix)]


def _evaluate(node: Node, prepared: _Prepared, found: dict[Term, list[str]]) -> bool:
    if isinstance(node, Term):
        fields = _term_fields(node, prepared)
        if fields:
            found[node] = fields
        return bool(fields)
    if isinstance(node, Not):
        return not _evaluate(node.item, prepared, {})
    if isinstance(node, And):
        return all([_evaluate(item, prepared, found) for item in node.items])
    assert isinstance(node, Or)
    return any([_evaluate(item, prepared, found) for item in node.items])


@dataclass
class Explanation:
    """Whether a query matches, and which terms matched in which fields."""

    matched: bool
    terms: dict[Term, list[str]] = field(default_factory=dict)

    def describe(self) -> str:
        parts = []
        for term, fields in self.terms.items():
            word = f'"{term.text}"' if term.phrase else term.text + ("*" if term.prefix else "")
            if term.field:
                word = f"{term.field}:{word}"
            parts.append(f"{word} in {', '.join(fields)}")
        return "; ".join(parts)


class Matcher:
    """A parsed query, ready to test articles one by one."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.node = parse_query(query)

    def explain(self, target: MatchTarget) -> Explanation:
        found: dict[Term, list[str]] = {}
        matched = _evaluate(self.node, _prepare(target), found)
        return Explanation(matched, found if matched else {})

    def matches(self, target: MatchTarget) -> bool:
        return _evaluate(self.node, _prepare(target), {})


@dataclass
class ArticleExplanation:
    """Every watch and mute, and how it judges one article."""

    watches: list[tuple[str, Explanation]]
    mutes: list[tuple[str, str]]
    """(rule as written, verdict) per mute."""

    def lines(self) -> list[str]:
        out = []
        for name, explanation in self.watches:
            if explanation.matched:
                out.append(f"watch {name}: matches ({explanation.describe()})")
            else:
                out.append(f"watch {name}: no match")
        for rule, verdict in self.mutes:
            out.append(f"mute {rule}: {verdict}")
        if not out:
            out.append("no watches or mutes are configured")
        return out


def explain_article(
    target: MatchTarget,
    watches: Sequence[tuple[str, str]],
    mutes: Sequence[tuple[str, Sequence[str]]],
) -> ArticleExplanation:
    """Which watches (name, query) match the article (on which words and fields), and
    which mutes (query, sections) hide it."""
    explained = [(name, Matcher(query).explain(target)) for name, query in watches]
    verdicts = []
    for query, sections in mutes:
        rule = query
        if sections:
            rule += f" (only in {', '.join(sections)})"
        in_scope = not sections or target.section.casefold() in {s.casefold() for s in sections}
        if Matcher(query).matches(target):
            verdict = "would hide it" if in_scope else "matches, but not in this section"
        else:
            verdict = "does not apply"
        verdicts.append((rule, verdict))
    return ArticleExplanation(explained, verdicts)
