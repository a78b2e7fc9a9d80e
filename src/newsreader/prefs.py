"""Small UI preferences (the chosen theme) remembered between runs, in the data folder.

Kept out of the config on purpose: the config is the user's hand-written file, and a
key press should not rewrite it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsreader.paths import data_dir, write_atomically


def prefs_file() -> Path:
    return data_dir() / "ui.json"


def load_prefs() -> dict[str, Any]:
    """The saved preferences; an unreadable file counts as none (it is only a nicety)."""
    try:
        data = json.loads(prefs_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_prefs(**changes: Any) -> None:
    """Merge `changes` into the saved preferences, atomically; failures are ignored."""
    data = load_prefs()
    data.update(changes)
    try:
        write_atomically(prefs_file(), json.dumps(data))
    except OSError:
        pass
