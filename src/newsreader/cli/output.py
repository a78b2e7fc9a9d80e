"""How the command line prints: one console (no markup: article text is untrusted),
errors on stderr, JSON one object per line."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

PROG = "newsreader"


def make_console() -> Console:
    from rich.console import Console

    # Markup, emoji codes and auto-highlighting stay off: article text is untrusted, and
    # everything we print is already a Text object with explicit styles.
    return Console(markup=False, emoji=False, highlight=False)


def print_error(message: str) -> None:
    sys.stderr.write(f"{PROG}: {message}\n")


def print_json(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
