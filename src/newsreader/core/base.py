"""The library's frame: its config and its store, opening and closing them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Self

from newsreader.config import Config, SectionConfig, load_config
from newsreader.errors import NewsreaderError
from newsreader.paths import db_path
from newsreader.prefs import load_prefs, save_prefs
from newsreader.storage import Store
from newsreader.storage.db import read_only_reason


class LibraryBase:
    """A user's news library: their config and their store."""

    def __init__(self, config: Config, store: Store) -> None:
        self.config = config
        self._store = store
        self.read_only = read_only_reason(store.path)
        """Why the library can only be read (its file or folder is read-only), or None."""
        self.pinned_sections: tuple[SectionConfig, ...] = ()
        """Sections that are not in the config file (the paths `newsreader PATH...`
        opened): kept whenever the config is read again."""

    @classmethod
    def open(cls, config: Config | None = None, database: Path | None = None) -> Self:
        """Open with the user's config (or the samples') and the default store."""
        return cls(config or load_config(), Store(database or db_path()))

    def _use_config(self, config: Config) -> None:
        """Run on `config` (just read from the file), with the pinned sections first."""
        if self.pinned_sections:
            pinned = {s.name.casefold() for s in self.pinned_sections}
            others = tuple(s for s in config.sections if s.name.casefold() not in pinned)
            config = replace(config, sections=(*self.pinned_sections, *others))
        self.config = config

    def close(self) -> None:
        self._store.close()

    def close_thread(self) -> None:
        """Release the calling thread's connection (for a worker thread that is done)."""
        self._store.close_thread()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _writable(self, what: str) -> None:
        """A clear error before a write to a library that can only be read."""
        if self.read_only is not None:
            raise NewsreaderError(f"cannot {what}: the library is read-only ({self.read_only})")

    def preferences(self) -> dict[str, object]:
        """The reader's small UI preferences (the theme), kept between runs."""
        return load_prefs()

    def save_preferences(self, **changes: object) -> None:
        """Remember UI preferences; a failure to save is not worth an error."""
        save_prefs(**changes)
