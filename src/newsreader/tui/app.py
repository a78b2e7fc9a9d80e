"""The Textual application: owns the library client, the theme, and global keys."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.content import Content
from textual.markup import MarkupError
from textual.notifications import SeverityLevel
from textual.screen import Screen

from newsreader.core import Library
from newsreader.tui.bindings import APP, bindings, palette_keys
from newsreader.tui.client import LibraryClient
from newsreader.tui.keymap import keymap, taken
from newsreader.tui.message_log import MessageLog
from newsreader.tui.screens.dialogs import HelpDialog, MessagesDialog
from newsreader.tui.screens.main import MainScreen

STYLES = Path(__file__).parent / "styles"
NOTIFY_SECONDS = 4.0
"""The longest a notification covers the list; its text stays in the message log."""


class NewsReaderApp(App[None]):
    """newsreader's terminal user interface."""

    CSS_PATH = [STYLES / "app.tcss"]
    TITLE = "newsreader"
    BINDINGS = bindings(APP)
    NOTIFICATION_TIMEOUT = NOTIFY_SECONDS

    def __init__(
        self,
        library: Library,
        *,
        clock: Callable[[], datetime] | None = None,
        scan_on_start: bool = True,
        remember_theme: bool = True,
        start_section: str | None = None,
        open_first: bool = False,
    ) -> None:
        super().__init__()
        self.client = LibraryClient(library)
        self.clock = clock
        self.scan_on_start = scan_on_start
        self.remember_theme = remember_theme
        self.start_section = start_section
        self.open_first = open_first
        self.message_log = MessageLog(clock)
        """Every status message and notification of the session (`!` shows them)."""
        self.rebound = keymap(library.config.keys)
        """Binding id -> keys, from the config's `[keys]`."""

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(
            self.client,
            clock=self.clock,
            scan_on_start=self.scan_on_start,
            start_section=self.start_section,
            open_first=self.open_first,
        )

    def on_mount(self) -> None:
        if self.rebound:
            self.set_keymap(self.rebound)
            for problem in taken(self.rebound):
                self.notify(problem, title="Keys", severity="warning", markup=False)
        if self.remember_theme:
            theme = self.client.library.preferences().get("theme")
            if isinstance(theme, str) and theme in self.available_themes:
                self.theme = theme
            self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: object) -> None:
        self.client.library.save_preferences(theme=self.theme)

    def on_unmount(self) -> None:
        self.client.close()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog(self.rebound))

    def action_messages(self) -> None:
        if not isinstance(self.screen, MessagesDialog):
            self.push_screen(MessagesDialog(self.message_log.entries))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notification that goes after a few seconds, its text kept in the message log."""
        plain = message
        if markup:
            with contextlib.suppress(MarkupError):  # Textual reports bad markup itself
                plain = Content.from_markup(message).plain
        self.message_log.add(f"{title}: {plain}" if title else plain, error=severity == "error")
        timeout = NOTIFY_SECONDS if timeout is None else min(timeout, NOTIFY_SECONDS)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action in the command palette, beside Textual's own (themes, quit…)."""
        yield from super().get_system_commands(screen)
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            return
        for key in palette_keys():
            target = self if hasattr(self, f"action_{key.action}") else main
            if target.check_action(key.action, ()) is False:
                continue  # not here: "Remove watch" away from a watch
            yield SystemCommand(
                key.palette,
                f"{key.help} ({key.shown_in(self.rebound)})",
                partial(target.run_action, key.action),
            )
