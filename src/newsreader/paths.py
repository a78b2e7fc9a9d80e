"""Where newsreader's files live (config, data, the bundled samples), and how they are
written.

Small functions, read from the environment each time, so tests can point them elsewhere.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
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


MAX_LINKS = 40
"""Symbolic links followed to find the file to write, as the kernel allows (ELOOP)."""


def user_path(raw: str) -> Path:
    """A path the user typed, `~` expanded; `~nobody/x` is a NewsreaderError (one line,
    exit 2), not Python's RuntimeError from `Path.expanduser`."""
    from newsreader.errors import NewsreaderError
    from newsreader.sanitize import shown

    try:
        return expand_user(raw)
    except ValueError as exc:
        raise NewsreaderError(shown(str(exc))) from None


def final_target(path: Path) -> Path:
    """The file `path` ends at, its last component's symbolic links followed (a config
    kept in a dotfiles folder and linked into place). It need not exist yet. A loop, or
    a chain longer than the kernel would follow, is an OSError (ELOOP) naming `path`."""
    for _ in range(MAX_LINKS):
        try:
            link = os.readlink(path)
        except OSError:
            return path  # not a link, or nothing there yet (the write says what is wrong)
        path = path.parent / link
    raise OSError(errno.ELOOP, "too many levels of symbolic links (a link loop?)", str(path))


def write_atomically(path: Path, text: str, *, follow_links: bool = True) -> None:
    """Replace `path` with `text` all at once: a crash or a full disk mid-write leaves
    the old file whole (and no temporary file behind), never half of the new one.

    A symbolic link is followed to the file it names, which is the one replaced (in its
    own folder, so the rename is atomic there): the link stays a link. With
    `follow_links=False` the link itself is replaced, never written through. The file
    keeps its permission bits (and group, where allowed); a new file gets what the
    umask leaves of 0666, as a file any editor makes would.
    """
    target = final_target(path) if follow_links else path
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        old: os.stat_result | None = os.stat(target, follow_symlinks=False)
    except FileNotFoundError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        old = None  # a link not followed (its own mode means nothing), or no file
    fd, tmp = _create_temporary(target, 0o600 if old is not None else 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            if old is not None:
                with contextlib.suppress(OSError):  # another owner's group: keep ours
                    os.fchown(fh.fileno(), -1, old.st_gid)
                os.fchmod(fh.fileno(), stat.S_IMODE(old.st_mode))
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _create_temporary(beside: Path, mode: int) -> tuple[int, str]:
    """A new file next to `beside` (same folder: same filesystem), opened for writing.
    Made with os.open rather than mkstemp, whose 0600 would stick to a new file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    while True:
        tmp = str(beside.parent / f".{beside.name}-{secrets.token_hex(4)}")
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
