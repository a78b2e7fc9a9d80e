"""The query language and everything that matches text with it.

    language   the parser and its AST (`parse_query`, `Term`, `And`, `Or`, `Not`)
    filter     `ArticleQuery`: the one filter object the store and the facade take
    fold       case/accent folding, one rule per engine mirrored (highlighter, index)
    scripts    which characters are CJK/Hangul, and how the CJK index splits them
    spans      highlight spans over plain text (`Needle`, `find_spans`), never markup
    matcher    one article against a query in memory, mirroring the store's SQL

The SQL compiler stays with the store (`storage/search.py`) and mirrors `fold` and
`scripts` there. May import: `models`, `errors` and the standard library only; never
storage, sources, config or the UI.
"""

from newsreader.query.filter import ArticleQuery, Sort

__all__ = ["ArticleQuery", "Sort"]
