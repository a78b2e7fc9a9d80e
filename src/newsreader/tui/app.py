"""The Textual application: owns the library client, the theme, and global keys."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from newsreader.core import Library
from newsreader.prefs import load_prefs, save_prefs
from newsreader.tui.client import LibraryClient
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.screens.main import MainScreen

STYLES = Path(__file__).parent / "styles"


class NewsReaderApp(App[None]):
    """newsreader's terminal user interface."""

    CSS_PATH = [STYLES / "app.tcss"]
    TITLE = "newsreader"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(
        self,
        library: Library,
        *,
        clock: Callable[[], datetime] | None = None,
        scan_on_start: bool = True,
        remember_theme: bool = True,
    ) -> None:
        super().__init__()
        self.client = LibraryClient(library)
        self.clock = clock
        self.scan_on_start = scan_on_start
        self.remember_theme = remember_theme

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.client, clock=self.clock, scan_on_start=self.scan_on_start)

    def on_mount(self) -> None:
        if self.remember_theme:
            theme = load_prefs().get("theme")
            if isinstance(theme, str) and theme in self.available_themes:
                self.theme = theme
            self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: object) -> None:
        save_prefs(theme=self.theme)

    def on_unmount(self) -> None:
        self.client.close()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action in the command palette, beside Textual's own (themes, quit…)."""
        yield from super().get_system_commands(screen)
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            return
        for title, help_text, action in [
            ("Search", "Full-text search (/)", main.action_search),
            ("New watch", "Follow a query in its own sidebar entry (w)", main.action_new_watch),
            ("Explain", "Which watches match this article (e)", main.action_explain),
            ("Refresh", "Read new and changed files (r)", main.action_refresh),
            ("Next unread", "Open the next unread article (n)", main.action_next_unread),
            (
                "Previous unread",
                "Open the previous unread article (p)",
                main.action_previous_unread,
            ),
            ("Toggle read", "Mark the article read or unread (m)", main.action_toggle_read),
            ("Toggle star", "Star or unstar the article (s)", main.action_toggle_star),
            ("Open in browser", "Open the article's web page (o)", main.action_open_browser),
            ("Full text", "Fetch and keep the article's page (f)", main.action_full_text),
            ("Copy link", "Copy the article's link (c)", main.action_copy_link),
            ("Sort", "Newest, oldest or by title (S)", main.action_cycle_sort),
            ("Show muted", "Show or hide muted articles (M)", main.action_toggle_muted),
            ("Toggle sidebar", "Show or hide the sections (ctrl+b)", main.action_toggle_sidebar),
            ("Help", "All keys (?)", self.action_help),
        ]:
            yield SystemCommand(title, help_text, action)
