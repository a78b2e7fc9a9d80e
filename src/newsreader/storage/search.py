"""Compile a parsed query into SQL over the FTS5 indexes.

Latin-script terms go to the unicode61 index (word boundaries, diacritics folded, bm25
ranking with the title weighted); terms containing Chinese or Japanese go to the trigram
index, or to a LIKE scan of the CJK articles when shorter than three characters (the
trigram tokenizer cannot match less). Field terms map to FTS column filters, or to plain
column tests for `source:` and `section:`. Every user string is passed as a bound
parameter or as a double-quoted FTS string, so no query can inject FTS or SQL syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsreader.querylang import And, Node, Not, Or, Term, positive_terms

_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_FTS_COLUMNS = {"title": "title", "author": "authors"}
# bm25 weights for (title, authors, summary, body_text): a title hit counts most.
BM25_WEIGHTS = "10.0, 4.0, 2.0, 1.0"


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def has_cjk(text: str) -> bool:
    """Whether text has characters the trigram index is for."""
    return bool(_CJK.search(text))


@dataclass
class CompiledQuery:
    """A WHERE clause over `articles a` with its parameters, and a ranking FTS query."""

    where: str
    params: list[object] = field(default_factory=list)
    rank_fts: str | None = None  # OR of the positive Latin terms, for bm25
    rank_cjk: str | None = None


def _term_sql(term: Term, params: list[object]) -> str:
    text = term.text
    if term.field == "section":
        params.append(text)
        return "a.section = ? COLLATE NOCASE"
    if term.field == "source":
        like = f"%{_escape_like(text)}%"
        params.extend([like, like])
        return (
            "(a.site LIKE ? ESCAPE '\\' OR a.source_id IN "
            "(SELECT id FROM sources WHERE title LIKE ? ESCAPE '\\'))"
        )
    if has_cjk(text):
        if len(text.replace(" ", "")) >= 3:
            column = "title" if term.field == "title" else None
            expr = _fts_string(text)
            params.append(f"{column} : {expr}" if column else expr)
            return "a.id IN (SELECT rowid FROM articles_cjk WHERE articles_cjk MATCH ?)"
        like = f"%{_escape_like(text)}%"
        if term.field == "title":
            params.append(like)
            return "(a.has_cjk AND a.title LIKE ? ESCAPE '\\')"
        params.extend([like, like])
        return "(a.has_cjk AND (a.title LIKE ? ESCAPE '\\' OR a.body_text LIKE ? ESCAPE '\\'))"
    params.append(_fts_term(term))
    return "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"


def _fts_term(term: Term) -> str:
    expr = _fts_string(term.text) + ("*" if term.prefix else "")
    column = _FTS_COLUMNS.get(term.field or "")
    return f"{column} : {expr}" if column else expr


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _node_sql(node: Node, params: list[object]) -> str:
    if isinstance(node, Term):
        return _term_sql(node, params)
    if isinstance(node, Not):
        return f"NOT ({_node_sql(node.item, params)})"
    joiner = " AND " if isinstance(node, And) else " OR "
    assert isinstance(node, And | Or)
    return "(" + joiner.join(_node_sql(item, params) for item in node.items) + ")"


def compile_query(node: Node) -> CompiledQuery:
    """SQL for the articles matching `node`, plus FTS queries to rank them by."""
    params: list[object] = []
    where = _node_sql(node, params)
    terms = [t for t in positive_terms(node) if t.field not in ("source", "section")]
    latin = [_fts_term(t) for t in terms if not has_cjk(t.text)]
    cjk = [_fts_string(t.text) for t in terms if has_cjk(t.text) and len(t.text) >= 3]
    return CompiledQuery(
        where=where,
        params=params,
        rank_fts=" OR ".join(latin) or None,
        rank_cjk=" OR ".join(cjk) or None,
    )
