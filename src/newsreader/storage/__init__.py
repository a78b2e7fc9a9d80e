"""The library store: sources, articles and their state in one SQLite file.

`Store` is the only way the rest of newsreader touches SQL. It is put together from one
mixin per concern, each in its own module (reader's `Storage(FeedsMixin, ...)` idea):

    sources    feeds and local files, fetch state, sections, errors
    subscriptions  what a source is, removing one, failing sources
    articles   writing articles (batches, full texts) and the reader's state
    reading    list rows, counts, positions, one whole article
    search     ranked full-text search with snippets
    columns    an article as stored columns (`prepare`, pure: runs in worker processes)
    compiler   a parsed query as SQL over the FTS5 indexes
    codec      body blocks and kept HTML to and from their stored bytes
    schema     tables, indexes, triggers and migrations; db: connections and errors

Ingestion writes articles in batched transactions and never writes the state columns of
an existing row; the UI and CLI read pages of rows and flip state. All errors leave as
StorageError or QueryError. May import models, errors, sanitize, query and extraction's
HTML-to-blocks (to build a feed item's blocks when read); never sources, update, config
or the UI.
"""

from __future__ import annotations

from newsreader.storage.articles import ArticlesMixin
from newsreader.storage.base import library_failure
from newsreader.storage.columns import IngestCounts, Prepared, now_iso, prepare
from newsreader.storage.reading import ReadingMixin
from newsreader.storage.search import SearchMixin
from newsreader.storage.sources import FeedState, FileState, SourcesMixin
from newsreader.storage.subscriptions import SourceRecord, SourceStatus, SubscriptionStoreMixin

__all__ = [
    "FeedState",
    "FileState",
    "IngestCounts",
    "Prepared",
    "SourceRecord",
    "SourceStatus",
    "Store",
    "library_failure",
    "now_iso",
    "prepare",
]


class Store(SubscriptionStoreMixin, SourcesMixin, ArticlesMixin, ReadingMixin, SearchMixin):
    """The library database; safe to use from several threads (one connection each)."""
