"""The Textual application: owns the library client, the theme, and global keys."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.color import Color, ColorParseError
from textual.content import Content
from textual.markup import MarkupError
from textual.notifications import SeverityLevel
from textual.screen import Screen

from newsreader.core import Library
from newsreader.tui.bindings import APP, bindings, palette_keys
from newsreader.tui.client import LibraryClient
from newsreader.tui.contrast import BODY, readable
from newsreader.tui.keymap import keymap, taken
from newsreader.tui.message_log import MessageLog
from newsreader.tui.screens.dialogs import HelpDialog, MessagesDialog
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.widgets.ink import use_color_system

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
        # NO_COLOR means no colour at all, as in the CLI: Textual's own answer to it is
        # shades of grey, unless ANSI colours are asked for, when it strips every colour
        # (the list then tells rows apart by bold, dim and reverse alone).
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
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
        if not self.is_headless:  # (tests draw in full colour, whatever the terminal)
            use_color_system(self.console.color_system)
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

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, the footer's keys and labels made to read on the footer:
        some themes draw them at under 2:1 (atom-one-light, catppuccin-latte)."""
        variables = super().get_css_variables()
        fixes = footer_colours(variables)
        if fixes:
            variables = {**variables, **fixes}
            self.theme_variables = variables
        return variables

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title and sub-title (what the list shows, and the counts), the
        sub-title not dimmed: Textual's dim makes it about 2.5:1 in light themes."""
        if not sub_title:
            return Content(title)
        return Content.assemble(Content(title), " — ", Content(sub_title))

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


def footer_colours(variables: dict[str, str]) -> dict[str, str]:
    """The footer's key and description colours moved to 4.5:1 on the footer where they
    are short of it, when its colours are the theme's own (the terminal's ANSI ones are
    unknown here)."""
    fixes = {}
    for ink, under in (
        ("footer-key-foreground", "footer-key-background"),
        ("footer-description-foreground", "footer-description-background"),
    ):
        try:
            background = Color.parse(variables["background"])
            footer = background + Color.parse(variables["footer-background"])
            cell = footer + Color.parse(variables.get(under, "transparent"))
            colour = cell + Color.parse(variables[ink])
        except (KeyError, ColorParseError):
            continue
        if any(c.ansi is not None for c in (background, footer, cell, colour)):
            continue
        fixed = readable(colour.rgb, cell.rgb, BODY)
        if fixed != colour.rgb:
            fixes[ink] = Color(*fixed).hex
    return fixes
