"""Feeds and paths from the app: add (a page's feeds found), remove, rename, move; `r`
reads the config again first; the failing sources, and a jump to one of them.

Every change goes through the library (the config keeps its comments) off the event
loop; the sidebar is then built again from the config, keeping where the reader was.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from textual import work
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from newsreader.core import OPENED_SECTION, AddResult, SourceProblem, Subscription
from newsreader.errors import NewsreaderError
from newsreader.tui.entries import ALL, Entry, EntryKind
from newsreader.tui.screens.dialogs import (
    AddFeedDialog,
    ConfirmDialog,
    ErrorsDialog,
    RenameDialog,
    SectionDialog,
)
from newsreader.tui.screens.dialogs.add_feed import Added
from newsreader.tui.screens.main.base import MainBase

PICK_FIRST = "Pick a feed, file or folder in the sidebar first (l shows a section's)."


def removal_question(sub: Subscription) -> str:
    """What removing it does to the config, the files and the articles, in words."""
    what = "the feed" if sub.kind == "feed" else "the path"
    lines = [f"Remove {what} {sub.name} from {sub.section}?"]
    if sub.name != sub.target:
        lines.append(sub.target)
    lines.append("")
    if sub.kind == "path":
        lines.append("Nothing on disk is touched; it leaves your config and the library.")
    n, kept = sub.articles, sub.kept
    if n == 0:
        lines.append("It has no articles in the library.")
    elif kept == 0:
        lines.append(
            f"Its {n} article goes (it is not starred or saved; those would stay)."
            if n == 1
            else f"Its {n} articles go (none is starred or saved; those would stay)."
        )
    else:
        gone = n - kept
        lines.append(
            f"{gone} of its {n} articles {'goes' if gone == 1 else 'go'}; {kept} starred "
            f"or saved {'stays' if kept == 1 else 'stay'}, in Starred and Saved."
        )
    return "\n".join([*lines, ""])


class FeedActions(MainBase):
    """The keys that manage feeds and paths, and `r` reading the config first."""

    def _now(self) -> datetime:
        return self.clock() if self.clock is not None else datetime.now(UTC)

    def _picked_source(self) -> Entry | None:
        """The source the keys act on: the sidebar's cursor when the sidebar has focus,
        else the source the list shows."""
        node = self.sidebar.cursor_node
        if self.focused is self.sidebar and node is not None and node.data is not None:
            return node.data if node.data.kind is EntryKind.SOURCE else None
        return self.entry if self.entry.kind is EntryKind.SOURCE else None

    def _section_in_view(self) -> str:
        """Where `a` adds by default: the section on screen, but never the built-in
        Opened one (the command line's files, which is no section of the config)."""
        section = self.entry.section
        if self.entry.kind in (EntryKind.SECTION, EntryKind.SOURCE) and section:
            if section != OPENED_SECTION:
                return section
        return "Unsorted"

    # --- a: add ---------------------------------------------------------------------

    def action_add_feed(self) -> None:
        sections = [s.name for s in self.library.config.sections]

        def done(added: Added | None) -> None:
            if added is not None:
                self.feed_added(*added)

        self.app.push_screen(AddFeedDialog(self.client, sections, self._section_in_view()), done)

    @work(group="feeds", exit_on_error=False)
    async def feed_added(self, result: AddResult, title: str | None) -> None:
        await self.config_changed()
        name = title or result.target
        if result.kind == "feed":
            self.status.show(f"Added {name} to {result.section}; fetching it…")
        else:
            self.status.show(f"Added {name} to {result.section}; reading it…")
        self.refresh_library()

    # --- D: remove -----------------------------------------------------------------

    def action_remove_source(self) -> None:
        entry = self._picked_source()
        if entry is None or entry.source_id is None:
            self.status.show(PICK_FIRST, error=True)
            return
        self.ask_to_remove(entry.source_id)

    async def _subscription(self, source_id: int) -> Subscription | None:
        sub = await self.client.call(self.library.subscription_of, source_id)
        if sub is None:
            self.status.show(
                "This source is not in your config any more (r reads it again).", error=True
            )
        return sub

    @work(group="feeds", exit_on_error=False)
    async def ask_to_remove(self, source_id: int) -> None:
        sub = await self._subscription(source_id)
        if sub is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.remove_source(sub)

        self.app.push_screen(ConfirmDialog(removal_question(sub)), done)

    @work(group="feeds", exit_on_error=False)
    async def remove_source(self, sub: Subscription) -> None:
        try:
            result = await self.client.call(self.library.remove, sub.target)
        except NewsreaderError as exc:
            self.status.show(exc.message, error=True)
            return
        await self.config_changed(reload=True)  # a source gone from view: its section
        kept = f"; {result.kept} starred or saved kept" if result.kept else ""
        self.status.show(
            f"Removed {sub.name} from {sub.section}: {result.deleted} article"
            f"{'s' if result.deleted != 1 else ''} deleted{kept}."
        )

    # --- R: rename -----------------------------------------------------------------

    def action_rename_source(self) -> None:
        entry = self._picked_source()
        if entry is None or entry.source_id is None:
            self.status.show(PICK_FIRST, error=True)
            return
        self.ask_to_rename(entry.source_id)

    @work(group="feeds", exit_on_error=False)
    async def ask_to_rename(self, source_id: int) -> None:
        sub = await self._subscription(source_id)
        if sub is None:
            return
        if sub.kind != "feed":
            self.status.show("Only a feed can be renamed: files show their own titles.", error=True)
            return

        def done(title: str | None) -> None:
            if title is not None:
                self.rename_source(sub, title)

        self.app.push_screen(RenameDialog(sub.name, sub.target, sub.title), done)

    @work(group="feeds", exit_on_error=False)
    async def rename_source(self, sub: Subscription, title: str) -> None:
        try:
            renamed = await self.client.call(self.library.rename, sub.target, title)
        except NewsreaderError as exc:
            self.status.show(exc.message, error=True)
            return
        await self.config_changed(reload=True)
        if renamed.title:
            self.status.show(f"Renamed {sub.name} to {renamed.title}.")
        else:
            self.status.show(f"{sub.name} takes the feed's own title at the next refresh.")

    # --- V: move -------------------------------------------------------------------

    def action_move_source(self) -> None:
        entry = self._picked_source()
        if entry is None or entry.source_id is None:
            self.status.show(PICK_FIRST, error=True)
            return
        self.ask_to_move(entry.source_id)

    @work(group="feeds", exit_on_error=False)
    async def ask_to_move(self, source_id: int) -> None:
        sub = await self._subscription(source_id)
        if sub is None:
            return
        sections = [s.name for s in self.library.config.sections]

        def done(section: str | None) -> None:
            if section:
                self.move_source(sub, section, source_id)

        self.app.push_screen(
            SectionDialog(f"Move {sub.name} from {sub.section} to…", sections, sub.section), done
        )

    @work(group="feeds", exit_on_error=False)
    async def move_source(self, sub: Subscription, section: str, source_id: int) -> None:
        try:
            moved, changed = await self.client.call(self.library.move, sub.target, section)
        except NewsreaderError as exc:
            self.status.show(exc.message, error=True)
            return
        if not changed:
            self.status.show(f"{sub.name} is in {moved.section} already.")
            return
        if self.entry.kind is EntryKind.SOURCE and self.entry.source_id == source_id:
            self.entry = Entry(
                EntryKind.SOURCE, self.entry.name, source_id=source_id, section=moved.section
            )
        await self.config_changed(reload=True, expand=moved.section)
        self.status.show(f"Moved {sub.name} from {sub.section} to {moved.section}.")

    # --- E: failing sources ----------------------------------------------------------

    def action_show_errors(self) -> None:
        self.list_errors()

    @work(exclusive=True, group="errors", exit_on_error=False)
    async def list_errors(self) -> None:
        problems = await self.client.call(self.library.failing_sources)

        def done(problem: SourceProblem | None) -> None:
            if problem is not None:
                self.show_source(problem)

        minutes = self.library.config.settings.refresh_minutes
        self.app.push_screen(ErrorsDialog(problems, self._now(), minutes), done)

    @work(exclusive=True, group="feeds-jump", exit_on_error=False)
    async def show_source(self, problem: SourceProblem) -> None:
        """Show the failing source's articles, and the source in the sidebar."""
        section = problem.section
        entry = Entry(EntryKind.SECTION, section, section=section)
        node = await self._expand_section(section)
        if problem.source_id is not None and node is not None:
            found = self._source_node(node, problem.source_id)
            if found is not None and found.data is not None:
                entry = found.data
                self._lay_out()
                self.sidebar.move_cursor(found)
        elif node is not None:
            self._lay_out()
            self.sidebar.move_cursor(node)
        self.sidebar.hide_search()
        self._before_search = None
        self.entry = entry
        self.load_list()
        self.status.show(f"{problem.name}: {problem.error}", error=True)

    # --- the sidebar after a change ------------------------------------------------

    def _section_node(self, name: str) -> TreeNode[Entry] | None:
        for node in self.sidebar.root.children:
            data = node.data
            if data is not None and data.kind is EntryKind.SECTION and data.name == name:
                return node
        return None

    def _restore_cursor(self, cursor: Entry | None, sections: Iterable[TreeNode[Entry]]) -> None:
        """Put the sidebar's cursor back on what it was on (a source that moved: in its
        new section), if that is still there."""
        if cursor is None or cursor.kind is EntryKind.SEARCH:
            return
        if cursor.kind is EntryKind.SOURCE:
            for section in sections:
                found = self._source_node(section, cursor.source_id)
                if found is not None:
                    self.sidebar.move_cursor(found)
                    return
            if cursor.section:
                cursor = Entry(EntryKind.SECTION, cursor.section, section=cursor.section)
        self.sidebar.select_key(cursor.key)

    @staticmethod
    def _source_node(section: TreeNode[Entry], source_id: int | None) -> TreeNode[Entry] | None:
        return next((n for n in section.children if n.data and n.data.source_id == source_id), None)

    async def _expand_section(self, name: str) -> TreeNode[Entry] | None:
        """Fill a section's sources and open it (now, not when its event comes)."""
        node = self._section_node(name)
        if node is None:
            return None
        sources = await self.client.call(self.library.sources, name)
        self.sidebar.set_sources(name, sources)
        with self.sidebar.prevent(Tree.NodeExpanded):  # filled already: not loaded twice
            node.expand()
        return node

    def _lay_out(self) -> None:
        """Lay the sidebar's lines out now: a node just added has no line until then,
        and moving the cursor to it would land on the first line."""
        _ = self.sidebar.last_line

    async def config_changed(self, *, reload: bool = False, expand: str | None = None) -> None:
        """Build the sidebar again from the config, keeping the open sections and the
        entry the reader is on (or the nearest one still there); reload the list if
        the entry changed (or `reload`), and the counts."""
        config = self.library.config
        sidebar = self.sidebar
        expanded = [
            n.data.name
            for n in sidebar.root.children
            if n.data is not None and n.data.kind is EntryKind.SECTION and n.is_expanded
        ]
        cursor = sidebar.cursor_node.data if sidebar.cursor_node is not None else None
        before = self.entry
        entry = before
        sections = {s.name for s in config.sections}
        if entry.kind in (EntryKind.SECTION, EntryKind.SOURCE) and entry.section not in sections:
            entry = ALL
        if entry.kind is EntryKind.WATCH and entry.name not in {w.name for w in config.watches}:
            entry = ALL
        sidebar.build(
            [s.name for s in config.sections],
            [(w.name, w.query) for w in config.watches],
            mutes=bool(config.mutes),
        )
        if entry.kind is EntryKind.SOURCE and entry.section:
            expanded.append(entry.section)
        if expand:
            expanded.append(expand)
        nodes = {}
        for name in dict.fromkeys(expanded):
            node = await self._expand_section(name)
            if node is not None:
                nodes[name] = node
        if entry.kind is EntryKind.SOURCE:
            section = nodes.get(entry.section or "")
            found = self._source_node(section, entry.source_id) if section else None
            if found is not None and found.data is not None:
                entry = found.data  # its name may have changed
            else:
                entry = Entry(EntryKind.SECTION, entry.section or "", section=entry.section)
        self._lay_out()
        if entry.kind is EntryKind.SEARCH:
            sidebar.show_search(entry.name)
            self._lay_out()
        else:
            sidebar.select_key(entry.key)
        self._restore_cursor(cursor, nodes.values())
        self.articles.watch_marks = self.watch_marks
        self.articles.refresh()
        if reload or entry != before:
            self.entry = entry
            current = self.articles.current
            self.load_list(keep_uid=current.uid if current else None)
        self.load_counts()

    # --- r: the config first -------------------------------------------------------

    def action_refresh(self) -> None:
        self.reload_then_refresh()

    @work(exclusive=True, group="reload", exit_on_error=False)
    async def reload_then_refresh(self) -> None:
        """Feeds added or removed with the CLI (or by hand) while the app is open show
        up; a config that does not load is said, and the one in use stays."""
        try:
            changed = await self.client.call(self.library.reload_config)
        except NewsreaderError as exc:
            self.app.notify(
                f"{exc.message}\nThe config in use stays until the file is fixed.",
                title="The config was not read again",
                severity="error",
                markup=False,
                timeout=15,
            )
            changed = False
        if changed:
            await self.config_changed()
        self.refresh_library()
