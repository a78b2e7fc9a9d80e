"""Where newsreader's files live: the bundled samples now; config and data later.

Small functions, so tests can point them elsewhere through the environment.
"""

from __future__ import annotations

from pathlib import Path


def sample_feeds_dir() -> Path:
    """The bundled `sample_feeds/` folder, in an installed wheel or in a source checkout."""
    packaged = Path(__file__).parent / "sample_feeds"
    if packaged.is_dir():
        return packaged
    # Editable installs and source checkouts: the folder sits at the top of the repository.
    return Path(__file__).resolve().parents[2] / "sample_feeds"
