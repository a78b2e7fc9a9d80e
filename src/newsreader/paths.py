"""Where newsreader's files live (config, data, the bundled samples), and how they are
written.

Small functions, read from the environment each time, so tests can point them elsewhere.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

APP = "newsreader"


def sample_feeds_dir() -> Path:
    """The bundled `sample_feeds/` folder, in an installed wheel or in a source checkout."""
    packaged = Path(__file__).parent / "sample_feeds"
    if packaged.is_dir():
        return packaged
    # Editable installs and source checkouts: the folder sits at the top of the repository.
    return Path(__file__).resolve().parents[2] / "sample_feeds"


def sample_config_file() -> Path:
    """The config that describes the bundled samples, used when the user has none."""
    return sample_feeds_dir() / "config.toml"


def config_file() -> Path:
    """`$NEWSREADER_CONFIG`, else `$XDG_CONFIG_HOME/newsreader/config.toml`."""
    override = os.environ.get("NEWSREADER_CONFIG")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False) / "config.toml"


def data_dir() -> Path:
    """`$XDG_DATA_HOME/newsreader/` (created on demand by the store)."""
    override = os.environ.get("NEWSREADER_DATA")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


def db_path() -> Path:
    """The SQLite library file."""
    return data_dir() / "library.db"


def expand_user(raw: str) -> Path:
    """`raw` with a leading `~` or `~user` expanded, as the shell would.

    A `~name` for which there is no such user (or no home at all) is a ValueError
    saying so, in words for the person who typed it: Python's own RuntimeError would
    otherwise reach them as a traceback. Callers turn it into their own error (a
    NewsreaderError for a command's argument, a file:line ConfigError, or a missing
    path for a configured one)."""
    try:
        return Path(raw).expanduser()
    except RuntimeError:
        user = raw.split("/", 1)[0]
        if user == "~":  # no HOME and no entry in the password database
            raise ValueError("~: no home folder to expand (HOME is not set)") from None
        raise ValueError(f"{user}: no such user, so no home folder to expand") from None


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` all at once: a crash or a full disk mid-write leaves
    the old file whole (and no temporary file behind), never half of the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
