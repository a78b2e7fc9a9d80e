"""Reading articles: pages of list rows, counts, positions, one whole article."""

from __future__ import annotations

import sqlite3
import zlib
from typing import Any

import brotli

from newsreader.errors import StorageError
from newsreader.models import Article, ArticleRow, SectionCount
from newsreader.query import ArticleQuery, Sort
from newsreader.query.language import parse_query
from newsreader.storage.base import StoreBase
from newsreader.storage.codec import decode_body
from newsreader.storage.columns import summary_from
from newsreader.storage.compiler import compile_query

# The source name a list shows: a feed's own title; for a local file, the outlet it names.
_SOURCE_NAME = "COALESCE(CASE WHEN s.kind = 'feed' THEN s.title END, a.site, s.title, '')"
ROW_COLUMNS = (
    f"a.uid AS uid, a.title AS title, {_SOURCE_NAME} AS source, a.section AS section, "
    "a.url AS url, a.published AS published, a.sort_key AS sort_key, a.site AS site, "
    "a.authors AS authors, a.read AS read, a.starred AS starred, a.saved AS saved"
)
"""The columns of a list row, named as `article_row` reads them."""


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _names(value: object) -> tuple[str, ...]:
    """A stored list of names (one per line)."""
    return tuple(str(value).split("\n")) if value else ()


def article_row(row: sqlite3.Row, muted_by: object = None) -> ArticleRow:
    """A list row from the columns of ROW_COLUMNS (read by name)."""
    return ArticleRow(
        uid=str(row["uid"]),
        title=str(row["title"]),
        source=str(row["source"]),
        section=_text(row["section"]),
        url=_text(row["url"]),
        published=_text(row["published"]),
        sort_key=str(row["sort_key"]),
        site=_text(row["site"]),
        authors=_names(row["authors"]),
        read=bool(row["read"]),
        starred=bool(row["starred"]),
        saved=bool(row["saved"]),
        muted_by=_text(muted_by),
    )


class ReadingMixin(StoreBase):
    """What lists, the sidebar and the reading pane ask for."""

    def _mute_case(self, query: ArticleQuery) -> tuple[str, list[object]]:
        """SQL naming the first mute rule that hides a row (NULL when none does)."""
        if not query.mutes:
            return "NULL", []

        whens = []
        params: list[object] = []
        for text, sections in query.mutes:
            compiled = compile_query(parse_query(text))
            condition = compiled.where
            if sections:
                condition = (
                    f"a.section IN ({','.join('?' * len(sections))}) COLLATE NOCASE AND {condition}"
                )
                params.extend(sections)
            params.extend(compiled.params)
            whens.append(f"WHEN {condition} THEN ?")
            params.append(text)
        return f"(CASE {' '.join(whens)} ELSE NULL END)", params

    def _where(self, query: ArticleQuery) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if query.mutes and (query.only_muted or not query.show_muted):
            case, case_params = self._mute_case(query)
            clauses.append(f"{case} IS {'NOT ' if query.only_muted else ''}NULL")
            params.extend(case_params)
        if query.sections is not None:
            clauses.append(f"a.section IN ({','.join('?' * len(query.sections))})")
            params.extend(query.sections)
        else:
            clauses.append("a.section IS NOT NULL")
        if query.source_id is not None:
            clauses.append("a.source_id = ?")
            params.append(query.source_id)
        if query.unread:
            clauses.append("NOT a.read")
        if query.starred:
            clauses.append("a.starred")
        if query.saved:
            clauses.append("a.saved")
        if query.uids is not None:
            clauses.append(f"a.uid IN ({','.join('?' * len(query.uids))})")
            params.extend(query.uids)
        if query.after_id is not None:
            clauses.append("a.id > ?")
            params.append(query.after_id)
        if query.text:
            from newsreader.query.language import parse_query

            compiled = compile_query(parse_query(query.text), query.after_id)
            clauses.append(compiled.where)
            params.extend(compiled.params)
        if query.starred or query.saved:
            # Starred and saved articles are shown even when their source left the config.
            clauses = [c for c in clauses if c != "a.section IS NOT NULL"]
        return " AND ".join(clauses) or "1", params

    def list_articles(self, query: ArticleQuery) -> list[ArticleRow]:
        """One page of rows matching `query`, in its order."""
        where, params = self._where(query)
        order = {
            Sort.NEWEST: "a.sort_key DESC, a.id DESC",
            Sort.OLDEST: "a.sort_key ASC, a.id ASC",
            Sort.TITLE: "a.title COLLATE NOCASE ASC, a.id ASC",
        }[query.sort]
        case, case_params = self._mute_case(query)
        sql = (
            f"SELECT {ROW_COLUMNS}, {case} AS muted_by FROM articles a "
            f"JOIN sources s ON s.id = a.source_id WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
        )
        limit = query.limit if query.limit is not None else -1
        with self._reading():
            rows = self.named(sql, (*case_params, *params, limit, query.offset)).fetchall()
        return [article_row(r, r["muted_by"]) for r in rows]

    def uids(self, query: ArticleQuery) -> list[str]:
        """The ids of every article `query` matches (its limit and order ignored): for
        acting on a whole list without building its rows."""
        where, params = self._where(query)
        with self._reading():
            rows = self.conn.execute(
                f"SELECT a.uid FROM articles a WHERE {where}", params
            ).fetchall()
        return [str(uid) for (uid,) in rows]

    def position(self, query: ArticleQuery, uid: str) -> int | None:
        """Where `uid` is in the list `query` gives (0 = first), None if not in it.

        One count over the rows that sort before it: a list keeps its reader's place
        however far down, without paging through everything above.
        """
        where, params = self._where(query)
        column = "a.title COLLATE NOCASE" if query.sort is Sort.TITLE else "a.sort_key"
        before = "<" if query.sort in (Sort.OLDEST, Sort.TITLE) else ">"
        with self._reading():
            found = self.conn.execute(
                f"SELECT {column}, a.id FROM articles a WHERE a.uid = ? AND {where}",
                (uid, *params),
            ).fetchone()
            if found is None:
                return None
            key, row_id = found
            (count,) = self.conn.execute(
                f"SELECT count(*) FROM articles a WHERE {where} AND "
                f"({column} {before} ? OR ({column} = ? AND a.id {before} ?))",
                (*params, key, key, row_id),
            ).fetchone()
        return int(count)

    def count_with_unread(self, query: ArticleQuery) -> tuple[int, int]:
        """(matching articles, of which unread) in one pass."""
        where, params = self._where(query)
        with self._reading():
            total, unread = self.conn.execute(
                f"SELECT count(*), coalesce(sum(NOT a.read), 0) FROM articles a WHERE {where}",
                params,
            ).fetchone()
        return int(total), int(unread)

    def count(self, query: ArticleQuery) -> int:
        where, params = self._where(query)
        with self._reading():
            return int(
                self.conn.execute(
                    f"SELECT count(*) FROM articles a WHERE {where}", params
                ).fetchone()[0]
            )

    def section_counts(self, mutes: ArticleQuery | None = None) -> list[SectionCount]:
        """Total and unread articles per section (muted ones left out, given the rules)."""
        rows = self._counts("a.section", "a.section IS NOT NULL", [], mutes)
        return [
            SectionCount(str(name), int(total), int(unread or 0)) for name, total, unread in rows
        ]

    def source_counts(
        self, section: str, mutes: ArticleQuery | None = None
    ) -> dict[int, tuple[int, int]]:
        """Per source of a section, (total, unread) articles, muted ones left out as
        `section_counts` leaves them out, so a feed never counts more than its section."""
        rows = self._counts("a.source_id", "a.section = ?", [section], mutes)
        return {int(source): (int(total), int(unread or 0)) for source, total, unread in rows}

    def _counts(
        self, group: str, where: str, params: list[object], mutes: ArticleQuery | None
    ) -> list[tuple[Any, int, int | None]]:
        """(group, total, unread) rows, muted articles left out by the one rule both
        counts share, so a source never counts more than its section."""
        if mutes is not None and mutes.mutes:
            case, mute_params = self._mute_case(mutes)
            where += f" AND {case} IS NULL"
            params = [*params, *mute_params]
        with self._reading():
            rows = self.conn.execute(
                f"SELECT {group}, count(*), sum(NOT a.read) FROM articles a "
                f"WHERE {where} GROUP BY {group}",
                params,
            ).fetchall()
        return [(row[0], row[1], row[2]) for row in rows]

    def get_article(self, uid: str, *, full: bool = True) -> Article | None:
        """The whole article, body included: the fetched full text when there is one
        (unless `full` is False: then the feed's own version)."""
        with self._reading():
            row = self.named(
                f"SELECT a.uid, {_SOURCE_NAME} AS source, a.title, a.url, a.authors, "
                "a.published, a.updated, a.category, a.site, a.dateline, a.caption, a.editors, "
                "a.summary, a.body, a.language, a.read, a.starred, a.saved, a.tags, "
                "a.body_text, a.summary_len "
                "FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.uid = ?",
                (uid,),
            ).fetchone()
            if row is None:
                return None
            full_row = None
            if full:
                full_row = self.named(
                    "SELECT f.body_text, f.body FROM article_full f JOIN articles a "
                    "ON a.id = f.article_id WHERE a.uid = ?",
                    (uid,),
                ).fetchone()
        try:
            body = (
                decode_body(str(full_row["body_text"]), full_row["body"])
                if full_row
                else decode_body(str(row["body_text"] or ""), row["body"], row["url"])
            )
        except (ValueError, LookupError, zlib.error, brotli.error) as exc:
            raise StorageError(
                f"reading '{row['title']}': its stored text is damaged ({type(exc).__name__})"
            ) from None
        summary_len = row["summary_len"]
        return Article(
            id=row["uid"],
            source=row["source"],
            title=row["title"],
            url=row["url"],
            authors=_names(row["authors"]),
            published=row["published"],
            updated=row["updated"],
            section=row["category"],
            site=row["site"],
            dateline=row["dateline"],
            caption=row["caption"],
            editors=_names(row["editors"]),
            summary=(
                row["summary"]
                if summary_len is None
                else summary_from(str(row["body_text"]), int(summary_len))
            ),
            body=body,
            full_text=full_row is not None,
            language=row["language"],
            read=bool(row["read"]),
            starred=bool(row["starred"]),
            saved=bool(row["saved"]),
            tags=_names(row["tags"]),
        )

    def last_article_id(self) -> int:
        """The highest article row id: articles added later have higher ones."""
        with self._reading():
            return int(self.conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])

    def uids_with_prefix(self, prefix: str, limit: int = 2) -> list[str]:
        """Article ids starting with `prefix` (up to `limit`, enough to spot ambiguity)."""
        escaped = prefix.replace("\\", "").replace("%", "").replace("_", "")
        with self._reading():
            rows = self.conn.execute(
                "SELECT uid FROM articles WHERE uid >= ? AND uid < ? ORDER BY uid LIMIT ?",
                (escaped, escaped + "\uffff", limit),
            ).fetchall()
        return [str(r[0]) for r in rows]
