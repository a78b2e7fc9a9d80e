"""The section sidebar: All, Unread, Starred, Saved; the configured sections (expandable
to their sources); the watches. Labels are Rich Text built from plain strings: a source
title is never parsed as markup.

Counts, hints and the built-in marks are muted: drawn in a colour worked out for the
line they are on (the cursor's, or the sidebar's), faded but never under 3:1 (`ink`).

The built-in entries carry a mark (≡ All, ★ Starred…, ◇ Opened: the paths
`newsreader PATH` was given) so a section of the config called "Saved" or "Opened" is not
taken for the built-in one; sources of one section with the same name
are told apart by the tail of their address or path.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from newsreader.core import OPENED_SECTION, LibraryCounts
from newsreader.models import SourceInfo
from newsreader.tui.bindings import SIDEBAR, bindings
from newsreader.tui.entries import Entry, EntryKind
from newsreader.tui.source_names import distinct_hints
from newsreader.tui.widgets.ink import (
    DIM,
    legible,
    muted,
    readable_ink,
    rounding,
    theme_color,
)

BUILT_IN = {
    EntryKind.ALL: "≡",
    EntryKind.UNREAD: "●",
    EntryKind.STARRED: "★",
    EntryKind.SAVED: "↓",
    EntryKind.MUTED: "⊘",
}
"""The mark before each built-in entry's name."""
OPENED_MARK = "◇"
"""The mark before the built-in Opened section (`newsreader PATH`)."""
NEW = Style(bold=True, meta={"ink": "new"})
"""Marks "+3 new" in a label: drawn in the theme's accent, readable on its line."""
FAILED = Style(bold=True, meta={"ink": "error"})
"""Marks a failed source's or watch's sign: drawn in the theme's error colour."""
TOGGLE_STYLE = Style.from_meta({"toggle": True})
"""What makes a click on a section's arrow open it (as in Textual's Tree)."""


def _label(
    name: str,
    count: int | None = None,
    *,
    style: str | Style = "",
    mark: str = "",
    mark_style: str | Style = "bold",
    hint: str = "",
) -> Text:
    """`DIM` marks the muted parts: `Sidebar.render_label` gives them their colour."""
    text = Text()
    if mark:
        text.append(mark + " ", style=mark_style)
    text.append(name, style=style)
    if hint:
        text.append(f" · {hint}", style=DIM)
    if count:
        text.append(f"  {count}", style=DIM)
    return text


_COUNT = re.compile(r"  \d+$")


def _fitted(label: Text, room: int) -> Text:
    """`label` in `room` cells: a long name is cut (marked "…") before its count, which
    stays in sight; a label that fits is left as it is."""
    if room <= 0 or cell_len(label.plain) <= room:
        return label
    count = _COUNT.search(label.plain)
    start = count.start() if count else len(label)
    tail = label[start:]
    head = label[:start]
    head.truncate(max(room - cell_len(tail.plain), 1), overflow="ellipsis")
    return Text.assemble(head, tail)


def _builtin(kind: EntryKind, name: str, count: int | None = None) -> Text:
    """A built-in entry's label: its mark, then its name (muted for Muted)."""
    style = DIM if kind is EntryKind.MUTED else ""
    return _label(name, count, style=style, mark=BUILT_IN[kind], mark_style=DIM)


@lru_cache(maxsize=64)
def _inks(
    line: Style, accent: str | None, error: str | None, depth: object
) -> tuple[Style | None, Style, dict[Style, Style]]:
    """For a line drawn in `line` (worked out once per line style, theme and colour
    depth, not once per label): the ink names need, if not the line's own; the muted
    ink; the marks'."""
    marks = {NEW: legible(theme_color(accent), line), FAILED: legible(theme_color(error), line)}
    return readable_ink(line), muted(line), marks


def _section_label(name: str, count: int | None = None) -> Text:
    """A section's label; the built-in Opened's with its mark and readable name."""
    if name == OPENED_SECTION:
        return _label("Opened", count, style="bold", mark=OPENED_MARK, mark_style=DIM)
    return _label(name, count, style="bold")


class Sidebar(Tree[Entry]):
    """Sections and watches; selecting an entry shows its articles."""

    BINDINGS = bindings(SIDEBAR)

    def action_expand(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            node.expand()

    def action_collapse(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def render_label(self, node: TreeNode[Entry], base_style: Style, style: Style) -> Text:
        """As Tree draws it, with the label's ink made to read on the line's background
        (gruvbox's cursor is 2.4:1, solarized's names 4:1), the muted parts given their
        colour for that background (dim alone falls under 3:1 in low-contrast themes),
        and the marks the theme's accent and error colours, readable there too, and
        those of the theme drawn now (not the one the counts were set in)."""
        own = node._label  # Tree keeps it as Text (`label` is typed for setting)
        label = own.copy()
        label.stylize(style)
        line = base_style + style
        if not self.app.no_color:
            theme = self.app.current_theme
            colours = Style(color=line.color, bgcolor=line.bgcolor)  # not the line's meta
            ink, quiet, marks = _inks(
                colours, theme.accent or theme.primary, theme.error, rounding()
            )
            if ink is not None:
                if style.bgcolor is not None:  # the cursor's line: all in its ink
                    label.stylize(ink)
                else:  # under the label's own colours (errors, "+3 new")
                    label.stylize_before(ink)
            for span in own.spans:
                if span.style == DIM:
                    label.stylize(quiet, span.start, span.end)
                elif (
                    isinstance(span.style, Style)
                    and span.style in marks
                    and style.bgcolor is None  # on the cursor's line: the cursor's ink
                ):
                    label.stylize(marks[span.style], span.start, span.end)
        icon = ""
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        label = _fitted(label, self._room(node) - cell_len(icon))
        if icon:
            return Text.assemble((icon, base_style + TOGGLE_STYLE), label)
        return Text.assemble(("", base_style), label)

    def _room(self, node: TreeNode[Entry]) -> int:
        """Cells for the node's label: the sidebar's width less its guides (one step a
        level below the hidden root)."""
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        return self.scrollable_content_region.width - depth * self.guide_depth

    def move_cursor(self, node: TreeNode[Entry] | None, animate: bool = False) -> None:
        """Tree moves the cursor to the line the node had when the lines were last laid
        out: none yet for a node just built (the cursor fell on All), the one above it
        after the search entry went. The lines are laid out first."""
        _ = self.last_line
        super().move_cursor(node, animate=animate)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("Library"), data=Entry(EntryKind.HEADING, "Library"), id=id)
        self.show_root = False
        self.guide_depth = 2
        self._fixed: dict[EntryKind, TreeNode[Entry]] = {}
        self._sections: dict[str, TreeNode[Entry]] = {}
        self._watches: dict[str, TreeNode[Entry]] = {}
        self._watch_heading: TreeNode[Entry] | None = None
        self._search: TreeNode[Entry] | None = None

    def build(
        self, sections: list[str], watches: list[tuple[str, str]], *, mutes: bool = False
    ) -> None:
        """Lay out the entries for these section names and (watch name, query) pairs."""
        self.clear()
        self._fixed.clear()
        self._sections.clear()
        self._watches.clear()
        self._search = None
        for kind, name in (
            (EntryKind.ALL, "All"),
            (EntryKind.UNREAD, "Unread"),
            (EntryKind.STARRED, "Starred"),
            (EntryKind.SAVED, "Saved"),
        ):
            self._fixed[kind] = self.root.add_leaf(_builtin(kind, name), data=Entry(kind, name))
        for name in sections:
            node = self.root.add(
                _section_label(name), data=Entry(EntryKind.SECTION, name, section=name)
            )
            node.allow_expand = True
            self._sections[name] = node
        if mutes:
            self._fixed[EntryKind.MUTED] = self.root.add_leaf(
                _builtin(EntryKind.MUTED, "Muted"), data=Entry(EntryKind.MUTED, "Muted")
            )
        if watches:
            heading = self.root.add(
                _label("Watches", style="italic"),
                data=Entry(EntryKind.HEADING, "Watches"),
                expand=True,
            )
            self._watch_heading = heading
            for name, query in watches:
                self._watches[name] = heading.add_leaf(
                    _label(name), data=Entry(EntryKind.WATCH, name, query=query)
                )
        self.root.expand()
        self.move_cursor(self._fixed[EntryKind.ALL])

    def set_counts(self, counts: LibraryCounts) -> None:
        """Update the counts shown beside each entry (unread counts, where they apply)."""
        unread = counts.unread
        self._fixed[EntryKind.ALL].set_label(_builtin(EntryKind.ALL, "All", unread))
        self._fixed[EntryKind.UNREAD].set_label(_builtin(EntryKind.UNREAD, "Unread", unread))
        starred = _builtin(EntryKind.STARRED, "Starred", counts.starred)
        self._fixed[EntryKind.STARRED].set_label(starred)
        self._fixed[EntryKind.SAVED].set_label(_builtin(EntryKind.SAVED, "Saved", counts.saved))
        if EntryKind.MUTED in self._fixed:
            # How many articles the mute rules hide, so nothing disappears unseen.
            muted = _builtin(EntryKind.MUTED, "Muted", counts.muted)
            self._fixed[EntryKind.MUTED].set_label(muted)
        for count in counts.sections:
            node = self._sections.get(count.name)
            if node is not None:
                node.set_label(_section_label(count.name, count.unread))
        for name, watch_unread, _total in counts.watches:
            node = self._watches.get(name)
            if node is not None:
                if watch_unread < 0:
                    node.set_label(_label(name, mark="!", mark_style=FAILED))
                else:
                    label = _label(name, watch_unread)
                    fresh = counts.new.get(name, 0)
                    if fresh:  # "new since you last looked", after a refresh
                        label.append(f"  +{fresh} new", style=NEW)
                    node.set_label(label)

    def set_sources(self, section: str, sources: list[SourceInfo]) -> None:
        """Fill a section's children with its sources (failed ones marked). The same
        sources again (new counts after reading) change their labels in place, so the
        cursor stays where it is."""
        node = self._sections.get(section)
        if node is None:
            return
        hints = distinct_hints(sources)
        leaves = []
        for source in sources:
            error = source.last_error
            hint = hints.get(source.id, "")
            label = _label(
                source.name,
                source.unread,
                mark="⚠" if error else "",
                mark_style=FAILED,
                hint=hint,
            )
            entry = Entry(
                EntryKind.SOURCE,
                f"{source.name} ({hint})" if hint else source.name,
                source_id=source.id,
                section=section,
                error=error or source.warning,
            )
            leaves.append((label, entry))
        children = list(node.children)
        if [c.data.source_id if c.data else None for c in children] == [s.id for s in sources]:
            for child, (label, entry) in zip(children, leaves, strict=True):
                child.data = entry
                child.set_label(label)
            return
        node.remove_children()
        for label, entry in leaves:
            node.add_leaf(label, data=entry)

    def expanded_sections(self) -> list[str]:
        """The sections whose sources show (their counts are kept current too)."""
        return [name for name, node in self._sections.items() if node.is_expanded]

    def show_search(self, query: str) -> TreeNode[Entry]:
        """Add (or replace) the temporary search entry at the top, and select it."""
        self.hide_search()
        node = self.root.add_leaf(
            _label(f"Search: {query}", style="italic"),
            data=Entry(EntryKind.SEARCH, query, query=query),
            before=0,
        )
        self._search = node
        self.move_cursor(node)
        return node

    def hide_search(self) -> None:
        if self._search is not None:
            self._search.remove()
            self._search = None

    def select_key(self, key: tuple[str, str, int | None]) -> None:
        """Move the cursor to the entry with this key, if it is still there."""

        def walk(node: TreeNode[Entry]) -> TreeNode[Entry] | None:
            for child in node.children:
                if child.data is not None and child.data.key == key:
                    return child
                found = walk(child)
                if found is not None:
                    return found
            return None

        found = walk(self.root)
        if found is not None:
            self.move_cursor(found)
