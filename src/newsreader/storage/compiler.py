"""Compile a parsed query into SQL over the FTS5 indexes.

Latin-script terms go to the unicode61 index (word boundaries, diacritics folded, bm25
ranking with the title weighted); terms containing Chinese or Japanese go to the CJK
index of single characters as phrase queries, which find a word of any length inside
running text. Field terms map to FTS column filters, or to plain
column tests for `source:` and `section:`. Every user string is passed as a bound
parameter or as a double-quoted FTS string, so no query can inject FTS or SQL syntax.

Every query the parser accepts (at most 50 levels deep, 2000 characters) compiles to SQL
SQLite runs: SQLite's and FTS5's parsers overflow at about 30 nested parentheses and an
expression at 1000 levels, so long lists of terms are joined in balanced groups, FTS5
expressions are kept shallow, and a deeply nested query is written as a list of named
steps (`WITH q0 AS (...), q1 AS (...)`) that refer to each other instead of nesting.

`query.matcher` answers the same question for one article in memory and mirrors these
rules: unicode61 words as `query.fold.index_tokens` folds them, the CJK index as
`query.scripts.cjk_split` splits it. A property test holds the two together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsreader.query.language import And, Node, Not, Or, Term, positive_terms
from newsreader.query.scripts import cjk_split, has_cjk

_FTS_COLUMNS = {"title": "title", "author": "authors"}
# bm25 weights for (title, authors, summary, body_text): a title hit counts most.
BM25_WEIGHTS = "10.0, 4.0, 2.0, 1.0"
GROUP = 32
"""Items joined by one flat AND/OR (or one compound SELECT); longer lists are grouped."""
MAX_INLINE_NESTING = 6
"""Nested AND/OR/NOT levels written inline; deeper queries become named steps."""
MAX_FTS_NESTING = 8
"""Parenthesis levels in one FTS5 expression (FTS5's parser overflows near 30)."""


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass
class CompiledQuery:
    """A WHERE clause over `articles a` with its parameters, and ranking FTS queries.

    `fts` is the whole query as one FTS5 expression when it can be written as one (no
    CJK or source/section terms, no stand-alone exclusion): then the index alone finds
    and ranks the matches, which is what keeps search fast on a large library.
    """

    where: str
    params: list[object] = field(default_factory=list)
    rank_fts: str | None = None  # OR of the positive Latin terms, for bm25
    rank_cjk: str | None = None
    fts: str | None = None


def _term_sql(term: Term, params: list[object], min_rowid: int | None = None) -> str:
    text = term.text
    if term.field == "section":
        params.append(text.casefold())
        # Folded as the matcher folds ("CAFÉ" is the section "Café": NOCASE folds ASCII
        # only). A function of the column, not "= ? COLLATE NOCASE", which SQLite 3.40
        # looked up in the binary index when two were joined by OR, and found nothing.
        return "nr_casefold(a.section) = ?"
    if term.field == "source":
        like = f"%{_escape_like(text)}%"
        params.extend([like, like])
        return (
            "(a.site LIKE ? ESCAPE '\\' OR a.source_id IN "
            "(SELECT id FROM sources WHERE title LIKE ? ESCAPE '\\'))"
        )
    if has_cjk(text):
        if term.field == "title":
            params.append(f"%{_escape_like(text)}%")
            return "(a.has_cjk AND a.title LIKE ? ESCAPE '\\')"
        params.append(_fts_string(cjk_split(text)))
        return _in_index("articles_cjk", params, min_rowid)
    params.append(_fts_term(term))
    return _in_index("articles_fts", params, min_rowid)


def _in_index(table: str, params: list[object], min_rowid: int | None) -> str:
    """Membership in an FTS index's matches; `min_rowid` lets the index skip old rows
    (matching only what a refresh added costs a fraction of matching everything)."""
    if min_rowid is None:
        return f"a.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)"
    params.append(min_rowid)
    return f"a.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid > ?)"


def _fts_term(term: Term) -> str:
    expr = _fts_string(term.text) + ("*" if term.prefix else "")
    column = _FTS_COLUMNS.get(term.field or "")
    return f"{column} : {expr}" if column else expr


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _join(parts: list[str], joiner: str) -> str:
    """`parts` joined by AND or OR in groups of GROUP: a flat chain of a thousand terms is
    an expression a thousand levels deep, past SQLite's limit."""
    while len(parts) > GROUP:
        parts = ["(" + joiner.join(parts[i : i + GROUP]) + ")" for i in range(0, len(parts), GROUP)]
    return "(" + joiner.join(parts) + ")"


def _nesting(node: Node) -> int:
    """How many AND/OR/NOT levels the inline SQL for `node` nests (one MATCH counts 0)."""
    if isinstance(node, Term) or _pure_fts(node) is not None:
        return 0
    if isinstance(node, Not):
        return 1 + _nesting(node.item)
    return 1 + max(_nesting(item) for item in node.items)


def _node_sql(node: Node, params: list[object], min_rowid: int | None = None) -> str:
    if _nesting(node) > MAX_INLINE_NESTING:
        return _steps_sql(node, params, min_rowid)
    return _inline_sql(node, params, min_rowid)


def _inline_sql(node: Node, params: list[object], min_rowid: int | None) -> str:
    if isinstance(node, Term):
        return _term_sql(node, params, min_rowid)
    if isinstance(node, Not):
        return f"NOT ({_inline_sql(node.item, params, min_rowid)})"
    expr = _pure_fts(node)
    if expr is not None:
        # One MATCH lets FTS5 intersect its lists itself: much cheaper than one
        # subquery per word when the words are common.
        params.append(expr)
        return _in_index("articles_fts", params, min_rowid)
    joiner = " AND " if isinstance(node, And) else " OR "
    assert isinstance(node, And | Or)
    return _join([_inline_sql(item, params, min_rowid) for item in node.items], joiner)


def _steps_sql(node: Node, params: list[object], min_rowid: int | None) -> str:
    """A deep query as named steps, each a flat SELECT of article ids over earlier steps:
    AND is INTERSECT, OR is UNION, NOT is every article EXCEPT. Parameters are added in
    the order the steps are written (children before their parent)."""
    steps: list[str] = []

    def step(body: str) -> str:
        name = f"q{len(steps)}"
        steps.append(f"{name}(id) AS ({body})")
        return name

    def compound(names: list[str], op: str) -> str:
        while len(names) > GROUP:
            names = [compound(names[i : i + GROUP], op) for i in range(0, len(names), GROUP)]
        return step(op.join(f"SELECT id FROM {name}" for name in names))

    def visit(node: Node) -> str:
        if isinstance(node, Term) or _pure_fts(node) is not None:
            return step(f"SELECT a.id FROM articles a WHERE {_inline_sql(node, params, min_rowid)}")
        if isinstance(node, Not):
            inner = visit(node.item)
            every = "SELECT id FROM articles"
            if min_rowid is not None:
                every += " WHERE id > ?"
                params.append(min_rowid)
            return step(f"{every} EXCEPT SELECT id FROM {inner}")
        names = [visit(item) for item in node.items]
        return compound(names, " INTERSECT " if isinstance(node, And) else " UNION ")

    top = visit(node)
    return f"a.id IN (WITH {', '.join(steps)} SELECT id FROM {top})"


def _pure_fts(node: Node, level: int = 0) -> str | None:
    """The node as a single FTS5 expression, or None if FTS5 cannot say it (or it would
    nest deeper than MAX_FTS_NESTING)."""
    if isinstance(node, Term):
        if node.field in ("source", "section") or has_cjk(node.text):
            return None
        return _fts_term(node)
    if isinstance(node, Not) or level >= MAX_FTS_NESTING:
        return None  # FTS5's NOT is binary: only "x NOT y" inside an AND
    if isinstance(node, Or):
        parts = [_pure_fts(item, level + 1) for item in node.items]
        return None if any(p is None for p in parts) else "(" + " OR ".join(parts) + ")"  # type: ignore[arg-type]
    positives = [item for item in node.items if not isinstance(item, Not)]
    negatives = [item.item for item in node.items if isinstance(item, Not)]
    if not positives:
        return None
    pos = [_pure_fts(item, level + 1) for item in positives]
    neg = [_pure_fts(item, level + 1) for item in negatives]
    if any(p is None for p in pos) or any(n is None for n in neg):
        return None
    expr = "(" + " AND ".join(p for p in pos if p) + ")"
    for n in neg:
        expr += f" NOT {n}"
    # FTS5's NOT binds tighter than AND and OR and groups to the left: as the operand of
    # another NOT, "a NOT (b NOT c)" must keep its parentheses ("a NOT b NOT c" is
    # "(a NOT b) NOT c").
    return f"({expr})" if neg else expr


def compile_query(node: Node, min_rowid: int | None = None) -> CompiledQuery:
    """SQL for the articles matching `node`, plus FTS queries to rank them by.

    With `min_rowid`, only articles stored after that row are looked at in the indexes
    (the caller also filters `a.id > min_rowid`)."""
    params: list[object] = []
    where = _node_sql(node, params, min_rowid)
    terms = [t for t in positive_terms(node) if t.field not in ("source", "section")]
    latin = [_fts_term(t) for t in terms if not has_cjk(t.text)]
    cjk = [_fts_string(cjk_split(t.text)) for t in terms if has_cjk(t.text)]
    return CompiledQuery(
        where=where,
        params=params,
        rank_fts=" OR ".join(latin) or None,
        rank_cjk=" OR ".join(cjk) or None,
        fts=_pure_fts(node),
    )
