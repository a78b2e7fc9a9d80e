"""Adding a feed: an address and a section. A web page is looked through for its feeds
(off the event loop, by the library); with several, the reader picks one from a list
here. What is no feed is refused with the reason, and the dialog stays to fix it."""

from __future__ import annotations

import re

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.core import AddResult, FeedCandidate
from newsreader.errors import NewsreaderError
from newsreader.sanitize import shown
from newsreader.tui.client import LibraryClient

Added = tuple[AddResult, str | None]
"""What was added, and the feed's title when it is known."""

_PATH_START = re.compile(r"[/~.]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def targets_of(text: str) -> list[str]:
    """What the reader typed, as addresses to try or a path: "example.org/news" is
    tried as https://example.org/news, then as http://, as a browser would; "/x", "~/x",
    "./x" are paths."""
    text = text.strip()
    if not text or _SCHEME.match(text) or _PATH_START.match(text):
        return [text]
    return ["https://" + text, "http://" + text]


def _is_web(target: str) -> bool:
    return re.match(r"https?://", target, re.IGNORECASE) is not None


class AddFeedDialog(ModalScreen[Added | None]):
    """An address (or a path) and a section; dismissed with what was added."""

    DEFAULT_CSS = """
    AddFeedDialog {
        align: center middle;
        background: $background 60%;
    }
    #add-box {
        width: 80;
        max-width: 95%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $accent;
        background: $surface;
    }
    #add-message {
        height: auto;
        margin: 1 0 0 0;
    }
    #add-message.-error {
        color: $text-error;
    }
    #add-choices {
        height: auto;
        max-height: 8;
        display: none;
    }
    #add-choices.-shown {
        display: block;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, client: LibraryClient, sections: list[str], section: str) -> None:
        super().__init__()
        self.client = client
        self.sections = sections
        self.section = section
        self.candidates: tuple[FeedCandidate, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(id="add-box"):
            yield Static(Text("Add a feed", style="bold"))
            yield Static(Text("Address of a feed or of a web page (or a file or folder)"))
            yield Input(placeholder="https://…", id="add-url")
            yield Static(Text("Section"))
            yield Input(
                self.section,
                placeholder="section",
                suggester=SuggestFromList(self.sections, case_sensitive=False),
                id="add-section",
            )
            yield OptionList(id="add-choices", markup=False)
            yield Static(Text("enter: add   escape: cancel", style="dim"), id="add-message")

    @property
    def message(self) -> Static:
        return self.query_one("#add-message", Static)

    def say(self, text: str, *, error: bool = False) -> None:
        """Plain text only: addresses, titles and reasons come from the web."""
        self.message.set_class(error, "-error")
        self.message.update(Text(text))

    @on(Input.Submitted, "#add-url")
    def on_url_submitted(self) -> None:
        self.query_one("#add-section", Input).focus()
        if self.query_one("#add-section", Input).value.strip():
            self.start()

    @on(Input.Submitted, "#add-section")
    def on_section_submitted(self) -> None:
        self.start()

    @on(Input.Changed)
    def on_changed(self) -> None:
        """A new address or section: the page's feeds listed before are for the old one."""
        self._show_choices(())

    def start(self) -> None:
        targets = targets_of(self.query_one("#add-url", Input).value)
        section = self.query_one("#add-section", Input).value.strip()
        if not targets[0]:
            self.say("Type the address of a feed or of a web page.", error=True)
            self.query_one("#add-url", Input).focus()
            return
        if not section:
            self.say("Name the section to add it to.", error=True)
            self.query_one("#add-section", Input).focus()
            return
        self.say(f"Looking at {shown(targets[0])}…")  # a pasted page can be long
        self.look(targets, section)

    @work(exclusive=True, group="add-feed", exit_on_error=False)
    async def look(self, targets: list[str], section: str) -> None:
        """Find the feed (a page's, if need be) and add it; or say why not."""
        try:
            await self._look(targets, section)
        except Exception as exc:  # a bug of ours: said, not a dialog stuck on "Looking at…"
            self._failed(exc)

    def _failed(self, exc: Exception) -> None:
        self.say(f"Not added: something went wrong ({type(exc).__name__}: {exc})", error=True)

    async def _look(self, targets: list[str], section: str) -> None:
        library = self.client.library
        try:
            if not _is_web(targets[0]):
                result = await self.client.call(library.add, targets[0], section)
                self._done(result, None)
                return
            found = await self.client.call_long(library.discover, targets[0])
            for target in targets[1:]:
                if found.candidates:
                    break
                again = await self.client.call_long(library.discover, target)
                found = again if again.candidates else found
        except NewsreaderError as exc:
            self.say(exc.message, error=True)
            return
        if not found.candidates:
            self.say(f"Not added: {found.problem}", error=True)
            return
        if len(found.candidates) == 1:
            await self._add(found.candidates[0], section)
            return
        self._show_choices(found.candidates)
        self.say(f"This page links to {len(found.candidates)} feeds: pick one (enter).")

    def _show_choices(self, candidates: tuple[FeedCandidate, ...]) -> None:
        choices = self.query_one("#add-choices", OptionList)
        if not candidates and not self.candidates:
            return
        self.candidates = candidates
        choices.clear_options()
        for candidate in candidates:
            prompt = Text(candidate.title or "(untitled)", style="bold")
            items = f"{candidate.items} article{'s' if candidate.items != 1 else ''}"
            prompt.append(f"  {items}\n", style="dim")
            prompt.append(candidate.url, style="dim")
            choices.add_option(Option(prompt))
        choices.set_class(bool(candidates), "-shown")
        if candidates:
            choices.highlighted = 0
            choices.focus()

    @on(OptionList.OptionSelected, "#add-choices")
    def on_choice(self, event: OptionList.OptionSelected) -> None:
        section = self.query_one("#add-section", Input).value.strip()
        self.add_choice(self.candidates[event.option_index], section)

    @work(exclusive=True, group="add-feed", exit_on_error=False)
    async def add_choice(self, candidate: FeedCandidate, section: str) -> None:
        try:
            await self._add(candidate, section)
        except Exception as exc:  # as in `look`
            self._failed(exc)

    async def _add(self, candidate: FeedCandidate, section: str) -> None:
        try:
            result = await self.client.call(self.client.library.add_feed, candidate.url, section)
        except NewsreaderError as exc:
            self.say(exc.message, error=True)
            return
        self._done(result, candidate.title)

    def _done(self, result: AddResult, title: str | None) -> None:
        if not result.added:
            self.say(f"{result.target} is in your config already.", error=True)
            return
        self.dismiss((result, title))

    def action_cancel(self) -> None:
        self.dismiss(None)
