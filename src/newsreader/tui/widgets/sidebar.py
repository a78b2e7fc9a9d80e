"""The section sidebar: All, Unread, Starred, Saved; the configured sections (expandable
to their sources); the watches. Labels are Rich Text built from plain strings: a source
title is never parsed as markup.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from newsreader.core import LibraryCounts
from newsreader.models import SourceInfo
from newsreader.tui.bindings import SIDEBAR, bindings
from newsreader.tui.entries import Entry, EntryKind


def _label(
    name: str,
    count: int | None = None,
    *,
    style: str | Style = "",
    mark: str = "",
    mark_style: str | Style = "bold",
) -> Text:
    text = Text()
    if mark:
        text.append(mark + " ", style=mark_style)
    text.append(name, style=style)
    if count:
        text.append(f"  {count}", style="dim")
    return text


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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("Library"), data=Entry(EntryKind.HEADING, "Library"), id=id)
        self.show_root = False
        self.guide_depth = 2
        self._fixed: dict[EntryKind, TreeNode[Entry]] = {}
        self._sections: dict[str, TreeNode[Entry]] = {}
        self._watches: dict[str, TreeNode[Entry]] = {}
        self._watch_heading: TreeNode[Entry] | None = None
        self._search: TreeNode[Entry] | None = None

    @property
    def _new_style(self) -> Style:
        return Style(
            color=self.app.current_theme.accent or self.app.current_theme.primary, bold=True
        )

    @property
    def _error_style(self) -> Style:
        """The theme's error colour, so failed sources read right in every theme."""
        return Style(color=self.app.current_theme.error, bold=True)

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
            self._fixed[kind] = self.root.add_leaf(_label(name), data=Entry(kind, name))
        for name in sections:
            node = self.root.add(
                _label(name, style="bold"), data=Entry(EntryKind.SECTION, name, section=name)
            )
            node.allow_expand = True
            self._sections[name] = node
        if mutes:
            self._fixed[EntryKind.MUTED] = self.root.add_leaf(
                _label("Muted", style="dim"), data=Entry(EntryKind.MUTED, "Muted")
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
        self._fixed[EntryKind.ALL].set_label(_label("All", unread))
        self._fixed[EntryKind.UNREAD].set_label(_label("Unread", unread))
        self._fixed[EntryKind.STARRED].set_label(_label("Starred", counts.starred))
        self._fixed[EntryKind.SAVED].set_label(_label("Saved", counts.saved))
        if EntryKind.MUTED in self._fixed:
            # How many articles the mute rules hide, so nothing disappears unseen.
            self._fixed[EntryKind.MUTED].set_label(_label("Muted", counts.muted, style="dim"))
        for count in counts.sections:
            node = self._sections.get(count.name)
            if node is not None:
                node.set_label(_label(count.name, count.unread, style="bold"))
        for name, watch_unread, _total in counts.watches:
            node = self._watches.get(name)
            if node is not None:
                if watch_unread < 0:
                    node.set_label(_label(name, mark="!", mark_style=self._error_style))
                else:
                    label = _label(name, watch_unread)
                    fresh = counts.new.get(name, 0)
                    if fresh:  # "new since you last looked", after a refresh
                        label.append(f"  +{fresh} new", style=self._new_style)
                    node.set_label(label)

    def set_sources(self, section: str, sources: list[SourceInfo]) -> None:
        """Fill a section's children with its sources (failed ones marked)."""
        node = self._sections.get(section)
        if node is None:
            return
        node.remove_children()
        for source in sources:
            error = source.last_error
            node.add_leaf(
                _label(
                    source.name,
                    source.unread,
                    mark="⚠" if error else "",
                    mark_style=self._error_style,
                ),
                data=Entry(
                    EntryKind.SOURCE,
                    source.name,
                    source_id=source.id,
                    section=section,
                    error=error or source.warning,
                ),
            )

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
