"""How the command line prints: one console (no markup: article text is untrusted),
errors on stderr, JSON one object per line."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

PROG = "newsreader"


def user_path(raw: str) -> Path:
    """A path from the command line, `~` expanded; `~nobody/x` is a one-line error
    (`paths.user_path`, imported when needed so `--help` stays instant)."""
    from newsreader.paths import user_path as expanded

    return expanded(raw)


def make_console() -> Console:
    from rich.console import Console

    # Markup, emoji codes and auto-highlighting stay off: article text is untrusted, and
    # everything we print is already a Text object with explicit styles.
    return Console(markup=False, emoji=False, highlight=False)


def print_error(message: str) -> None:
    sys.stderr.write(f"{PROG}: {message}\n")


# Characters that end a line for some consumers but that JSON leaves raw inside strings
# (it escapes the other line ends, U+0000-001F): Python's str.splitlines, JavaScript
# before ES2019, and editors split on these.
_LINE_ENDS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_LINE_END_RE = re.compile("[\x85\u2028\u2029]")


def print_json(obj: dict[str, Any]) -> None:
    """One object per line, whatever the text in it: every character that any common
    reader takes for a line end is escaped."""
    text = json.dumps(obj, ensure_ascii=False)
    sys.stdout.write(_LINE_END_RE.sub(lambda m: _LINE_ENDS[m.group()], text) + "\n")
