"""Where newsreader's files live: config, data, and the bundled samples.

Small functions, read from the environment each time, so tests can point them elsewhere.
"""

from __future__ import annotations

import os
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
