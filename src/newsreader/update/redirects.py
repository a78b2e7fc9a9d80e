"""A feed that moved for good (301/308): the store follows it, and so does the config.

The config is the source of truth for subscriptions, so a permanent redirect is written
into the user's file (through the editor, which keeps comments and layout); the bundled
samples' config is never rewritten. A config that cannot be rewritten keeps the old
address, which still works through the redirect.
"""

from __future__ import annotations

from pathlib import Path

from newsreader.config import Config, ConfigEditor
from newsreader.storage import Store
from newsreader.urls import normalize_feed_url


def follow_redirect(store: Store, config: Config, old: str, new: str) -> None:
    """A permanent redirect: follow it in the store and, for a user config, the file.

    The target is normalised again here (it is about to be written to the config,
    whatever the fetcher made of it); one that has no normal form is not followed.
    When the target is subscribed already, the config keeps that one entry, and the
    store merges the two sources after the run (`Library.refresh_feeds`): this run may
    still write to the old source.
    """
    target = normalize_feed_url(new)
    if target is None or target == old:
        return
    store.rename_feed(old, target, merge=False)
    if not config.is_sample and isinstance(config.path, Path):
        try:
            editor = ConfigEditor(config.path)
            if editor.replace_feed_url(old, target):
                editor.save()
        except Exception:  # noqa: BLE001 - a config we cannot rewrite keeps the old URL
            pass
