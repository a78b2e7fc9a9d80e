"""What a key is: a `Key` names the action it runs, a short label for the footer, what it
does in words for the help screen, and (if it belongs there) a title for the command
palette; a `KeyGroup` is keys the help screen shows together.

Apart from the tables of keys (`bindings.py`) so that the tables read as the list of
keys they are, and the rules for turning them into Textual bindings (ids that a keymap
rebinds, numbered keys bound one by one) are in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.keys import format_key


@dataclass(frozen=True, slots=True)
class Key:
    """One key binding and every way it is described to the user."""

    keys: str
    """Textual key names, comma-separated (`"j,down"`)."""
    action: str
    label: str
    """Short, for the footer."""
    help: str
    """What it does, for the help screen (and the palette's description)."""
    display: str = ""
    """How the help screen writes the keys (default: from `keys`)."""
    footer: bool = False
    palette: str = ""
    """Title in the command palette; empty: not offered there."""
    builtin: bool = False
    """Bound by Textual itself (tab, ctrl+p): described here, not bound again."""
    numbered: bool = False
    """Each key is bound apart and passes itself to the action (`open_link(3)`), with
    the id `newsreader.<action>_<key>`."""

    @property
    def shown(self) -> str:
        if self.display:
            return self.display
        names = [KEY_NAMES.get(k, k) for k in self.keys.split(",")]
        return " / ".join(names)

    def shown_in(self, keymap: dict[str, str]) -> str:
        """How the help screen writes the keys once the config's `[keys]` rebound some."""
        if not any(i in keymap for i in self.ids):
            return self.shown
        if self.numbered:
            keys = [keymap.get(i, i.rsplit("_", 1)[1]) for i in self.ids]
        else:
            keys = [keymap[self.ids[0]]]
        names = [KEY_NAMES.get(k) or format_key(k) for ks in keys for k in ks.split(",")]
        return " / ".join(names)

    @property
    def ids(self) -> list[str]:
        """The ids of its bindings, which a keymap (the config's `[keys]`) rebinds."""
        if self.numbered:
            return [f"newsreader.{self.action}_{k}" for k in self.keys.split(",")]
        return [f"newsreader.{self.action}"]

    def bindings(self) -> list[Binding]:
        if not self.numbered:
            return [self.binding()]
        return [
            Binding(key, f"{self.action}({key})", f"{self.label} {key}", show=False, id=id_)
            for key, id_ in zip(self.keys.split(","), self.ids, strict=True)
        ]

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.footer,
            key_display=KEY_NAMES.get(self.keys.split(",")[0]),
            id=f"newsreader.{self.action}",
        )


KEY_NAMES = {
    "slash": "/",
    "exclamation_mark": "!",
    "question_mark": "?",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "down": "↓",
    "up": "↑",
    "right": "→",
    "left": "←",
    "less_than_sign": "<",
    "greater_than_sign": ">",
}
"""How the footer and the help screen write Textual's names of some keys."""


@dataclass(frozen=True, slots=True)
class KeyGroup:
    """Keys that belong together on the help screen."""

    title: str
    keys: tuple[Key, ...]


def bindings(*groups: KeyGroup) -> list[BindingType]:
    """Textual bindings for a widget's or screen's BINDINGS."""
    return [b for group in groups for key in group.keys if not key.builtin for b in key.bindings()]
