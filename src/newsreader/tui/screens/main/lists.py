"""Lists: search, sort, muted articles, the sidebar, refreshing."""

from __future__ import annotations

from newsreader.query import Sort
from newsreader.tui.entries import Entry, EntryKind
from newsreader.tui.screens.dialogs import SearchDialog
from newsreader.tui.screens.main.base import MainBase

_SORTS = [Sort.NEWEST, Sort.OLDEST, Sort.TITLE]


class ListActions(MainBase):
    """The keys that change what the list shows."""

    def action_search(self) -> None:
        initial = self.entry.query if self.entry.kind is EntryKind.SEARCH else ""

        def done(query: str | None) -> None:
            if query:
                self.start_search(query)

        self.app.push_screen(SearchDialog(initial or ""), done)

    def start_search(self, query: str) -> None:
        if self._before_search is None:
            current = self.articles.current
            self._before_search = (self.entry, current.uid if current else None)
        self.entry = Entry(EntryKind.SEARCH, query, query=query)
        self.sidebar.show_search(query)
        self.load_list()
        self.articles.focus()

    def action_back(self) -> None:
        if self.drawer_open():  # what is on top closes first
            self.close_drawer()
        elif self.has_class("-reading"):
            self.remove_class("-reading")
            self.articles.focus()
        elif self.entry.kind is EntryKind.SEARCH and self._before_search is not None:
            entry, uid = self._before_search
            self._before_search = None
            self.sidebar.hide_search()
            self.entry = entry
            self.terms = []
            self.sidebar.select_key(entry.key)
            self.load_list(keep_uid=uid)
            self.status.restore_summary()  # the search results said no longer hold
        elif self.has_class("-show-sidebar"):
            self.remove_class("-show-sidebar")
            self.articles.focus()

    def action_cycle_sort(self) -> None:
        self.sort = _SORTS[(_SORTS.index(self.sort) + 1) % len(_SORTS)]
        self.status.show(f"Sorted by {self.sort.value}")
        current = self.articles.current
        self.load_list(keep_uid=current.uid if current else None)

    def action_toggle_muted(self) -> None:
        self.show_muted = not self.show_muted
        self.status.show(
            "Showing muted articles, dimmed (M hides them)"
            if self.show_muted
            else "Muted articles hidden (M shows them)"
        )
        current = self.articles.current
        self.load_list(keep_uid=current.uid if current else None)

    def action_toggle_sidebar(self) -> None:
        """Open or close the drawer (narrower terminals); beside the panes, go to it."""
        if self.maximized is not None:
            self.minimize()
        showing = not self.has_class("-show-sidebar")
        self.set_class(showing, "-show-sidebar")
        if showing:
            self.sidebar.focus()
        else:
            self.articles.focus()

    # --- panes -----------------------------------------------------------------------

    def action_zoom(self) -> None:
        """The focused pane alone on the screen; again: the panes as they were."""
        if self.maximized is not None:
            self.minimize()
            return
        focused = self.focused
        if focused is not None and focused in (self.sidebar, self.articles, self.reader):
            self.maximize(focused, container=False)

    def action_list_narrower(self) -> None:
        self._resize_list(-1)

    def action_list_wider(self) -> None:
        self._resize_list(1)

    def _resize_list(self, step: int) -> None:
        """Move the border between the list and the article a step, and remember it."""
        room = self._room()
        now = self.list_width()
        width = self.list_width((now + step * max(room // 20, 1)) / room)
        if width == now:
            self.status.show("The list cannot go further that way.")
            return
        self.list_share = width / room
        self.library.save_preferences(list_share=round(self.list_share, 3))
        self._layout()
        if self.side_by_side:
            self.status.show(f"List {width} columns, article {room - width} (< and > change it)")
        else:
            self.status.show(f"The list will take {width} of {room} columns beside an article")
