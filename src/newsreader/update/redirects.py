"""A feed that moved for good (301/308): the store follows it, and so does the config.

The config is the source of truth for subscriptions, so a permanent redirect is written
into the user's file (through the editor, which keeps comments, layout, the entry's
title and options); the bundled samples' config is never rewritten. A config that
cannot be rewritten keeps the old address, which still works through the redirect.

A redirect onto a feed the user already follows is not followed at all: a server's say-so
must not delete a subscription (its title, options, section) nor move its articles and
their read/starred state. The entry stays as it is and its source carries a message
saying where it now leads, so the user can remove one of the two.
"""

from __future__ import annotations

from pathlib import Path

from newsreader.config import Config, ConfigEditor
from newsreader.sanitize import shown
from newsreader.storage import Store
from newsreader.urls import normalize_feed_url


def subscribed(config: Config) -> dict[str, str]:
    """Every feed URL the config follows, with its (first) section's name."""
    found: dict[str, str] = {}
    for section in config.sections:
        for feed in section.feeds:
            found.setdefault(feed.url, section.name)
    return found


def already_followed(target: str, section: str | None) -> str:
    """The message on a source whose feed now redirects to one followed already."""
    where = f' in section "{shown(section, 60)}"' if section else ""
    return (
        f"this feed now redirects permanently to {shown(target)}, which you already "
        f"follow{where}; it is left as it is: remove one of the two"
    )


def follow_redirect(
    store: Store, config: Config, old: str, new: str, followed: dict[str, str]
) -> str | None:
    """A permanent redirect: follow it in the store and, for a user config, the file.

    `followed` maps every URL subscribed in this run to its section (see `subscribed`);
    a redirect followed here adds its target, so a second feed moving onto the same
    address in the same run is not merged into the first. Returns None when the
    redirect was followed (or is not one to follow: a target with no normal form, or the
    same address), else the message for the source: its target is followed already,
    and nothing was changed.
    """
    target = normalize_feed_url(new)
    if target is None or target == old:
        return None
    if target in followed:
        return already_followed(target, followed[target])
    editor: ConfigEditor | None = None
    if not config.is_sample and isinstance(config.path, Path):
        try:
            editor = ConfigEditor(config.path)
        except Exception:  # noqa: BLE001 - a config we cannot rewrite keeps the old URL
            editor = None
        if editor is not None and target in editor.feed_urls():
            # Added to the file since this run read it: the same refusal.
            return already_followed(target, None)
    followed[target] = followed.get(old, "")
    store.rename_feed(old, target, merge=False)
    if editor is not None:
        try:
            if editor.replace_feed_url(old, target):
                editor.save()
        except Exception:  # noqa: BLE001 - a config we cannot rewrite keeps the old URL
            pass
    return None
