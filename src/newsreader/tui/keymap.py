"""The config's `[keys]` as a Textual keymap, and the rebound keys that another binding
would take first (Textual sees only clashes within one widget's own bindings).

A key press goes to the focused widget's bindings, then the screen's, then the app's:
rebinding `next_unread` (a screen key) to `j` does nothing while the article list, whose
own `j` moves down, has the focus, unless `cursor_down` is rebound away from `j` too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from newsreader.tui.bindings import APP, LIST, MAIN_SCREEN, SIDEBAR
from newsreader.tui.key_model import Key, KeyGroup

CHAINS: dict[str, tuple[KeyGroup, ...]] = {
    "the article list": (LIST, *MAIN_SCREEN, APP),
    "the sidebar": (SIDEBAR, *MAIN_SCREEN, APP),
    "the reading pane": (*MAIN_SCREEN, APP),
}
"""Where the focus can be, and the bindings a key press meets there, first to last."""


def keymap(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Binding id -> keys, from the config's (action, keys) pairs."""
    return {f"newsreader.{action}": keys for action, keys in pairs}


def _keys_of(key: Key, binding_id: str, rebound: Mapping[str, str]) -> list[str]:
    if binding_id in rebound:
        return rebound[binding_id].split(",")
    if key.numbered:
        return [binding_id.rsplit("_", 1)[1]]
    return key.keys.split(",")


def taken(rebound: Mapping[str, str]) -> list[str]:
    """A sentence for each rebound key that another binding answers first, somewhere."""
    problems: list[str] = []
    for place, groups in CHAINS.items():
        first: dict[str, tuple[str, str]] = {}  # key -> (binding id, label) answering it
        for group in groups:
            for key in group.keys:
                if key.builtin:
                    continue
                for binding_id in key.ids:
                    for k in _keys_of(key, binding_id, rebound):
                        first.setdefault(k, (binding_id, key.label))
        for binding_id, keys in rebound.items():
            for k in keys.split(","):
                owner = first.get(k)
                if owner is not None and owner[0] != binding_id and _in(binding_id, groups):
                    action = binding_id.removeprefix("newsreader.")
                    other = owner[0].removeprefix("newsreader.")
                    problems.append(
                        f"[keys] {action} = {k!r} does nothing in {place}: {k} is "
                        f"{owner[1]} ({other}) there; rebind {other} too, or pick another key"
                    )
    return list(dict.fromkeys(problems))


def _in(binding_id: str, groups: tuple[KeyGroup, ...]) -> bool:
    return any(binding_id in key.ids for group in groups for key in group.keys)
