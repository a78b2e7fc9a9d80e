"""The TOML config: sections (feeds and paths), watches, mutes and settings.

The config is the source of truth for subscriptions; the store only holds articles and
their state. Reading uses stdlib `tomllib` with strict validation: a mistake is reported
with the file, the line and what is wrong. Writing back (`add`, `import-opml`) goes
through tomlkit so the user's comments and layout survive.

    model       the Config and its parts (frozen records, with the defaults)
    values      the rules for each value, one set for the loader and the editor
    loading     load_config: the file's text, TOML syntax errors with file and line
    validation  the tables checked one by one: unknown keys, types, ranges, queries
    lines       which line of the file an error points at
    editor      write-back (tomlkit) that never writes what would not load
"""

from newsreader.config.editor import ConfigEditor
from newsreader.config.loading import load_config
from newsreader.config.model import (
    DEFAULT_CONCURRENCY,
    DEFAULT_KEEP_READ,
    DEFAULT_PER_HOST,
    DEFAULT_REFRESH_MINUTES,
    OPENED_SECTION,
    Config,
    FeedSpec,
    MuteConfig,
    SectionConfig,
    Settings,
    WatchConfig,
)

__all__ = [
    "DEFAULT_CONCURRENCY",
    "DEFAULT_KEEP_READ",
    "DEFAULT_PER_HOST",
    "DEFAULT_REFRESH_MINUTES",
    "OPENED_SECTION",
    "Config",
    "ConfigEditor",
    "FeedSpec",
    "MuteConfig",
    "SectionConfig",
    "Settings",
    "WatchConfig",
    "load_config",
]
