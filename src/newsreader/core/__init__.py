"""The one facade the CLI and the TUI call: config + store + updates behind one object.

Widgets and commands never see SQL, file walking or TOML; they ask the Library, and get
typed values back (rows, counts, outcomes), never the store itself.

    library         Library, put together from the mixins below
    base            its config and store, opening and closing, UI preferences
    reading         lists, counts, articles, search, marks, explanations
    updates         rescans, refreshes, full texts, watch news
    subscriptions   feeds, paths, OPML and watches in the user's config
    manage          finding a feed, remove, rename, move, reload, failing sources
    results         the typed values it hands back

May import everything below it (update, sources, storage, config, present, query, the
leaves); never the UI or the CLI.
"""

from newsreader.config import OPENED_SECTION
from newsreader.core.library import Library
from newsreader.core.results import (
    AddResult,
    LibraryCounts,
    OpmlImport,
    RemoveResult,
    SourceProblem,
    Subscription,
)
from newsreader.core.updates import FEED_WINDOW
from newsreader.sources.discovered import Discovery, FeedCandidate
from newsreader.update.report import RefreshOutcome, WatchNews

__all__ = [
    "FEED_WINDOW",
    "OPENED_SECTION",
    "AddResult",
    "Discovery",
    "FeedCandidate",
    "Library",
    "LibraryCounts",
    "OpmlImport",
    "RefreshOutcome",
    "RemoveResult",
    "SourceProblem",
    "Subscription",
    "WatchNews",
]
