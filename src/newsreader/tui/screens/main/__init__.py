"""The main screen: sidebar, article list and reading pane, and the router between them.

Every state change (opening marks read, m, s) is written to the store at once, so a
crash loses nothing. The screen is put together from its panes (`panes`), a base (loading) and one
mixin per group of keys; the keys themselves are defined once, in `tui/bindings.py`.
"""

from __future__ import annotations

from newsreader.tui.bindings import MAIN_SCREEN, bindings
from newsreader.tui.entries import EntryKind
from newsreader.tui.screens.main.base import MainBase
from newsreader.tui.screens.main.feeds import FeedActions
from newsreader.tui.screens.main.flow import FlowActions
from newsreader.tui.screens.main.lists import ListActions
from newsreader.tui.screens.main.opening import OpeningActions
from newsreader.tui.screens.main.panes import NARROW, TINY
from newsreader.tui.screens.main.reading import ReadingActions
from newsreader.tui.screens.main.watches import WatchActions

__all__ = ["NARROW", "TINY", "MainScreen"]


class MainScreen(
    FeedActions,
    FlowActions,
    OpeningActions,
    ReadingActions,
    WatchActions,
    ListActions,
    MainBase,
):
    """The three panes."""

    BINDINGS = bindings(*MAIN_SCREEN)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove_watch":
            return self.entry.kind is EntryKind.WATCH  # in the footer only on a watch
        return True
