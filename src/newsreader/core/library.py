"""The Library, put together from one mixin per concern (like the store)."""

from __future__ import annotations

from newsreader.core.manage import ManageMixin
from newsreader.core.updates import UpdatesMixin


class Library(UpdatesMixin, ManageMixin):
    """A user's news library: their config and their store, behind one facade.

    base            opening and closing; preferences
    reading         lists, counts, articles, search, marks, explanations
    updates         rescans, refreshes, full texts, watch news
    subscriptions   feeds, paths, OPML, watches in the user's config
    manage          finding feeds, removing, renaming, moving; reloads; failing sources
    """
