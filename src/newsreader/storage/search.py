"""Ranked full-text search: bm25 over the indexes, snippets with highlight spans."""

from __future__ import annotations

from collections.abc import Sequence

from newsreader.models import SearchHit
from newsreader.query.language import parse_query
from newsreader.query.spans import Needle, Span, find_spans, needles_from_query
from newsreader.storage.base import StoreBase
from newsreader.storage.compiler import BM25_WEIGHTS, CompiledQuery, compile_query
from newsreader.storage.reading import ROW_COLUMNS, article_row

RANK_WINDOW = 25_000
"""Matches ranked at most per search; beyond it only the most recent are (see _rank_floor)."""


class SearchMixin(StoreBase):
    """Search across every article, best matches first."""

    def search(
        self, text: str, *, limit: int = 50, sections: tuple[str, ...] | None = None
    ) -> list[SearchHit]:
        """Ranked full-text search (bm25, title weighted) with highlight spans.

        Two steps: find the ids and scores of the best `limit` matches (the index alone
        when the query is pure FTS), then read just those rows and their text.
        """

        compiled = compile_query(parse_query(text))
        with self._reading():
            ranked = self._ranked_ids(compiled, limit, sections)
            if not ranked:
                return []
            marks = ",".join("?" * len(ranked))
            rows = self.named(
                # A fetched full text is searched too, and it is what the pane shows.
                f"SELECT {ROW_COLUMNS}, a.id AS id, substr(coalesce((SELECT f.body_text || "
                "char(10, 10) FROM article_full f WHERE f.article_id = a.id), '') "
                "|| a.body_text, 1, 50000) AS text "
                f"FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id IN ({marks})",
                [article_id for article_id, _ in ranked],
            ).fetchall()
        by_id = {int(values["id"]): values for values in rows}
        terms = needles_from_query(text)
        hits = []
        for article_id, score in ranked:
            values = by_id.get(article_id)
            if values is None:
                continue
            row = article_row(values)
            snippet, spans = _snippet(str(values["text"] or ""), terms)
            hits.append(
                SearchHit(
                    row=row,
                    score=-score,
                    snippet=snippet,
                    snippet_spans=tuple(spans),
                    title_spans=tuple(find_spans(row.title, terms)),
                )
            )
        return hits

    def _rank_floor(self, fts: str) -> int:
        """The lowest rowid worth ranking for this FTS query.

        Ranking costs about a microsecond per match, so a query that matches most of a
        large library ("the") ranks only its RANK_WINDOW most recent matches: the best
        of the recent news, at a bounded cost. Counting and skipping are cheap.
        """
        floor = self.conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (fts, RANK_WINDOW - 1),
        ).fetchone()
        return int(floor[0]) if floor else 0

    def _ranked_ids(
        self, compiled: CompiledQuery, limit: int, sections: tuple[str, ...] | None
    ) -> list[tuple[int, float]]:
        """(article id, bm25 score; lower is better) of the best matches, best first."""
        if sections is None:
            section_sql, section_params = "a.section IS NOT NULL", []
        else:
            section_sql = f"a.section IN ({','.join('?' * len(sections))})"
            section_params = list(sections)
        if compiled.fts is not None and sections is None:
            # The index alone ranks; orphaned articles (section NULL) are dropped after,
            # from a few extra rows fetched for the purpose.
            rows = self.conn.execute(
                f"SELECT rowid, bm25(articles_fts, {BM25_WEIGHTS}) AS score FROM articles_fts "
                "WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY score LIMIT ?",
                (compiled.fts, self._rank_floor(compiled.fts), limit + 50),
            ).fetchall()
            ids = [int(r[0]) for r in rows]
            marks = ",".join("?" * len(ids))
            orphans = {
                int(r[0])
                for r in self.conn.execute(
                    f"SELECT id FROM articles WHERE id IN ({marks}) AND section IS NULL", ids
                )
            }
            return [(int(i), float(score)) for i, score in rows if int(i) not in orphans][:limit]
        if compiled.fts is not None:
            sql = (
                f"SELECT f.rowid, bm25(articles_fts, {BM25_WEIGHTS}) AS score FROM articles_fts f "
                f"JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ? AND f.rowid >= ? "
                f"AND {section_sql} ORDER BY score LIMIT ?"
            )
            floor = self._rank_floor(compiled.fts)
            rows = self.conn.execute(sql, [compiled.fts, floor, *section_params, limit]).fetchall()
            return [(int(i), float(score)) for i, score in rows]
        joins = []
        params: list[object] = []
        score = "0.0"
        if compiled.rank_fts:
            joins.append(
                f"LEFT JOIN (SELECT rowid AS id, bm25(articles_fts, {BM25_WEIGHTS}) AS score "
                "FROM articles_fts WHERE articles_fts MATCH ?) r ON r.id = a.id"
            )
            params.append(compiled.rank_fts)
            score = "COALESCE(r.score, 0.0)"
        if compiled.rank_cjk:
            joins.append(
                "LEFT JOIN (SELECT rowid AS id, bm25(articles_cjk) AS score "
                "FROM articles_cjk WHERE articles_cjk MATCH ?) c ON c.id = a.id"
            )
            params.append(compiled.rank_cjk)
            score = f"({score} + COALESCE(c.score, 0.0))"
        sql = (
            f"SELECT a.id, {score} AS score FROM articles a {' '.join(joins)} "
            f"WHERE {section_sql} AND {compiled.where} ORDER BY score, a.sort_key DESC LIMIT ?"
        )
        rows = self.conn.execute(
            sql, [*params, *section_params, *compiled.params, limit]
        ).fetchall()
        return [(int(i), float(score)) for i, score in rows]


def _snippet(text: str, terms: Sequence[Needle]) -> tuple[str, list[Span]]:
    """A window of the body around the first match, with the match spans inside it."""
    width = 160
    spans = find_spans(text, tuple(terms)) if terms else []
    if not spans:
        snippet = " ".join(text[:width].split())
        return (snippet + "…" if len(text) > width else snippet), []
    start = max(spans[0][0] - 40, 0)
    # Start at a word boundary so the snippet does not open mid-word.
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space != -1 and start - space < 20 else start
    end = min(start + width, len(text))
    window = text[start:end].replace("\n", " ")
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    inside = [
        (a - start + len(prefix), min(b, end) - start + len(prefix))
        for a, b in spans
        if a >= start and a < end
    ]
    return prefix + window + suffix, inside
