"""Reading the config: the file's text, stdlib tomllib, then strict validation.

Every error names the file, and the line where it can: tomllib's own position for a
syntax error (said here in the file:line:column form the rest of the errors use), the
line validation.py finds for a value it refuses.

A file that starts with a UTF-8 byte order mark (some Windows editors write one) is read
without it; the editor writes the file back without it too, since other TOML readers
(Python's tomllib among them) refuse a BOM.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from pathlib import Path

from newsreader.config.model import Config
from newsreader.config.validation import Validator
from newsreader.errors import ConfigError
from newsreader.paths import config_file, sample_config_file

BOM = "\ufeff"


def load_config(path: Path | None = None, *, actions: Collection[str] | None = None) -> Config:
    """The user's config, or the bundled samples' config when the user has none.

    `actions`: the names `[keys]` may rebind; None is `values.ACTIONS`, the TUI's
    (which the config cannot import), kept equal to them by a test.
    """
    if path is None:
        path = config_file()
        if not path.exists():
            return _load(sample_config_file(), is_sample=True, actions=actions)
    return _load(path, is_sample=False, actions=actions)


def read_text(path: Path) -> str:
    """The config file's text (without a BOM), or a ConfigError naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: {getattr(exc, 'strerror', None) or exc}") from None
    return text.removeprefix(BOM)


def _load(path: Path, *, is_sample: bool, actions: Collection[str] | None = None) -> Config:
    return parse_text(read_text(path), path, is_sample=is_sample, actions=actions)


def parse_text(
    text: str, path: Path, *, is_sample: bool = False, actions: Collection[str] | None = None
) -> Config:
    """The config written in `text`; `path` names it in errors and anchors relative paths."""
    text = text.removeprefix(BOM)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if m:
            where = f"{path}:{m.group(1)}:{m.group(2)}"
        elif "at end of document" in message:
            where = f"{path}:{max(len(text.splitlines()), 1)}"
        else:
            where = str(path)
        reason = re.sub(r" ?[(]at (line|end of document).*", "", message)
        raise ConfigError(f"{where}: {reason}") from None
    return Validator(path, text, actions).config(data, is_sample=is_sample)
