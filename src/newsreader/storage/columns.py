"""Articles as the columns they are stored as: what the source decides, and its hash.

`prepare` is pure (no database), so refresh can do this CPU work in its worker processes
and the process that writes only writes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple, cast

from newsreader.models import STAMP, Article, dated_sort_key
from newsreader.query.scripts import cjk_split, has_cjk
from newsreader.storage.codec import body_text, encode_html, encode_structure


def now_iso() -> str:
    """The current UTC time as stored (second precision, no offset)."""
    return datetime.now(UTC).strftime(STAMP)


@dataclass
class IngestCounts:
    """How an ingest went for a batch of articles."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_uids: list[str] = field(default_factory=list)

    def add(self, other: IngestCounts) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.new_uids.extend(other.new_uids)


class Prepared(NamedTuple):
    """An article as the columns it is stored as, ready for the SQL to run.

    Made by `prepare` (pure, no database), so refresh can do this CPU work in its worker
    processes and the process that writes only writes. A tuple of plain values: a cold
    refresh sends 25,000 of these between processes, and a tuple unpickles several
    times faster than the Article it came from.
    """

    uid: str
    columns: tuple[object, ...]
    """Values for ARTICLE_COLUMNS, in that order."""
    sort_key: str | None
    """Published, else updated, as stored; None to sort by when it was first seen (no
    date, or one too far in the future to believe: `dated_sort_key`)."""
    cjk_text: str | bytes | None

    def packed(self) -> Prepared:
        """The body text and its CJK index text as UTF-8 bytes, to cross to another process.

        Text is pickled as UTF-8 anyway; as bytes it is neither decoded on arrival nor
        encoded again for SQLite, which reads it back as TEXT (`TEXT_MARK`). The writing
        process of a cold refresh is the busy one: this is a tenth of its work.
        """
        text = self.columns[BODY_TEXT]
        if not isinstance(text, str):
            return self
        columns = list(self.columns)
        columns[BODY_TEXT] = text.encode("utf-8")
        cjk = self.cjk_text.encode("utf-8") if isinstance(self.cjk_text, str) else self.cjk_text
        return self._replace(columns=tuple(columns), cjk_text=cjk)

    @property
    def digest(self) -> bytes:
        """The content hash (the last column): unchanged articles are not rewritten."""
        return cast(bytes, self.columns[-1])

    @property
    def url(self) -> str | None:
        url = self.columns[0]
        return url if isinstance(url, str) else None


ARTICLE_COLUMNS = (
    "url, title, authors, published, updated, category, site, dateline, caption, editors, "
    "summary, summary_len, body_text, body, language, tags, has_cjk, content_hash"
)
"""The columns `Prepared.columns` holds: everything the source decides, no state."""
BODY_TEXT = ARTICLE_COLUMNS.split(", ").index("body_text")
TEXT_MARK = "CAST(? AS TEXT)"
"""body_text's placeholder: a packed (UTF-8 bytes) value is stored as TEXT, not a BLOB."""
MARKS = [TEXT_MARK if c == "body_text" else "?" for c in ARTICLE_COLUMNS.split(", ")]
COLUMN_MARKS = ", ".join(MARKS)
ASSIGNMENTS = ", ".join(
    f"{c} = {m}" for c, m in zip(ARTICLE_COLUMNS.split(", "), MARKS, strict=True)
)
"""The UPDATE's SET list for ARTICLE_COLUMNS, made once."""


def prepare(article: Article) -> Prepared:
    """Work out the columns an article is stored as."""
    if article.html is not None:
        text = article.text or ""
        structure: bytes | None = encode_html(article.html)
    else:
        text = body_text(article.body)
        structure = encode_structure(article.body)
    summary, summary_len = stored_summary(article.summary, text)
    cjk = has_cjk(article.title) or has_cjk(text)
    columns = (
        article.url,
        article.title,
        "\n".join(article.authors),
        article.published,
        article.updated,
        article.section,
        article.site,
        article.dateline,
        article.caption,
        "\n".join(article.editors),
        summary,
        summary_len,
        text,
        structure,
        article.language,
        "\n".join(article.tags),
        int(cjk),
        _content_hash(article, text, structure),
    )
    return Prepared(
        uid=article.id,
        columns=columns,
        sort_key=dated_sort_key(article),
        cjk_text=cjk_split(article.title, text) if cjk else None,
    )


def _content_hash(article: Article, text: str, structure: bytes | None) -> bytes:
    """What decides whether a stored article changed: every field the source gives.

    A feed item's kept HTML is hashed as text, not as its compressed bytes, so a new
    compressor never makes every stored article look changed.
    """
    fields = "\0".join(
        value or ""
        for value in (
            article.title,
            "\n".join(article.authors),
            article.published,
            article.updated,
            article.url,
            article.site,
            article.dateline,
            article.caption,
            "\n".join(article.editors),
            article.summary,
            article.language,
            "\n".join(article.tags),
            article.section,
            text,
        )
    )
    digest = hashlib.blake2b(fields.encode("utf-8", "surrogatepass"), digest_size=8)
    if article.html is not None:
        digest.update(b"\0html\0" + article.html.encode("utf-8", "surrogatepass"))
    else:
        digest.update(b"\0" + (structure or b""))
    return digest.digest()


def stored_summary(summary: str | None, text: str) -> tuple[str | None, int | None]:
    """(summary, None) to store a summary, or (None, length) when it opens the body.

    Feeds' summaries are usually the first sentences of the article: storing a length
    instead of the words keeps the text in the library once.
    """
    if not summary:
        return None, None
    stem = summary[:-1] if summary.endswith("…") else summary
    if stem and text.startswith(stem):
        return None, len(stem) if summary.endswith("…") else -len(stem)
    return summary, None


def summary_from(text: str, length: int) -> str:
    """The summary back from the body: a negative length means it was whole, not cut."""
    return text[:-length] if length < 0 else text[:length] + "…"
