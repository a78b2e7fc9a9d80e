"""Every source that fails, in one place: its last error, when it last worked, when it is
tried again; enter shows the source in the list."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.console import Group
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from newsreader.core import SourceProblem
from newsreader.present.listing import format_age
from newsreader.tui.widgets.ink import theme_color

ALL_FINE = "All sources are fine."


def _parse(stamp: str) -> datetime | None:
    try:
        return datetime.fromisoformat(stamp).replace(tzinfo=UTC)
    except ValueError:
        return None


def _ago(stamp: str | None, now: datetime) -> str:
    if stamp is None:
        return "never"
    age = format_age(stamp, now)  # "5m", "3h", "2d", "Nov 6", "2013", "now"
    if age in ("0m", "now"):
        return "just now"
    return f"{age} ago" if age[:-1].isdigit() and age[-1] in "mhd" else age or "?"


def _until(stamp: str, now: datetime) -> str:
    """'in 55m', 'in 3h', 'in 2d' (the store keeps UTC; the reader thinks in waits)."""
    when = _parse(stamp)
    if when is None:
        return "later"
    seconds = (when - now).total_seconds()
    if seconds < 3600:
        return f"in {max(int(seconds // 60), 1)}m"
    if seconds < 86400:
        return f"in {int(seconds // 3600)}h"
    return f"in {int(seconds // 86400)}d"


def retry_text(problem: SourceProblem, now: datetime, refresh_minutes: int) -> str:
    """When the source is read again, in words."""
    if problem.switched_off:
        return "not tried again: the feed is gone for good"
    if problem.retry_after is not None:
        return f"tried again {_until(problem.retry_after, now)} (the server asked to wait)"
    every = f"every {refresh_minutes} min, or r" if refresh_minutes > 0 else "press r"
    return f"tried again at the next refresh ({every})"


def problem_text(
    problem: SourceProblem, now: datetime, refresh_minutes: int, error: Style
) -> Group:
    """One failing source as lines of plain text (names and errors come from outside),
    the lines under its name indented, also where a long one wraps."""
    head = Text()
    head.append("⚠ ", style=error)
    head.append(problem.name, style="bold")
    head.append(f"  {problem.section}", style="dim")
    lines = [Text(problem.error, style=error)]
    if problem.where != problem.name:
        lines.append(Text(problem.where, style="dim"))
    if problem.kind == "path":
        when = "not there at the last refresh"
    else:
        worked = _ago(problem.last_success, now)
        when = (
            "never worked" if worked == "never" else f"last worked {worked}"
        ) + f" · last tried {_ago(problem.last_attempt, now)}"
    lines.append(Text(f"{when} · {retry_text(problem, now, refresh_minutes)}", style="dim"))
    return Group(head, *(Padding(line, (0, 0, 0, 2)) for line in lines))


class ErrorsDialog(ModalScreen[SourceProblem | None]):
    """The failing sources; dismissed with the one to show, or None."""

    DEFAULT_CSS = """
    ErrorsDialog {
        align: center middle;
        background: $background 60%;
    }
    #errors-box {
        width: 100;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        padding: 1 2;
        border: round $accent;
        background: $surface;
    }
    #errors-list {
        height: auto;
        max-height: 30;
    }
    #errors-title, #errors-none {
        margin: 0 0 1 0;
    }
    """

    BINDINGS = [Binding("escape,q,E", "close", "Close")]

    def __init__(self, problems: list[SourceProblem], now: datetime, refresh_minutes: int) -> None:
        super().__init__()
        self.problems = problems
        self.now = now
        self.refresh_minutes = refresh_minutes

    def compose(self) -> ComposeResult:
        error = Style(color=theme_color(self.app.current_theme.error), bold=True)
        count = len(self.problems)
        with Vertical(id="errors-box"):
            title = f"Failing sources ({count})" if count else "Failing sources"
            yield Static(Text(title, style="bold"), id="errors-title")
            if not self.problems:
                yield Static(Text(ALL_FINE), id="errors-none")
            else:
                yield OptionList(
                    *(
                        Option(problem_text(p, self.now, self.refresh_minutes, error))
                        for p in self.problems
                    ),
                    id="errors-list",
                    markup=False,
                )
            hint = "enter: show it in the list   " if self.problems else ""
            yield Static(Text(f"{hint}escape: close", style="dim"))

    def on_mount(self) -> None:
        if self.problems:
            self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def on_picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.problems[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)
