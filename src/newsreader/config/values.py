"""What a config value may be: numbers in range, names, colours, feed addresses.

One set of rules for the loader and the editor, so the editor never writes what the
loader would refuse (a refused config stops every command until it is fixed by hand).
Each check returns the normal form of a value, or raises ValueError saying what is wrong
in words the loader and the editor put after the file and line, or the value. A path
that passes is read one way by both too (`resolve_path`).
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from newsreader.paths import expand_user
from newsreader.sanitize import invisible_in, shown
from newsreader.urls import normalize_feed_url

MAX_REFRESH_MINUTES = 525_600
"""A year: a longer wait means never, and it keeps date arithmetic in range."""
RANGES: dict[str, tuple[int, int]] = {
    "refresh_minutes": (0, MAX_REFRESH_MINUTES),
    "concurrency": (1, 256),
    "per_host": (1, 64),
    # At least one: 0 used to drop every read article, which the next fetch of a feed
    # that still lists them brought back unread.
    "keep_read_per_source": (1, 10_000_000),
}
MAX_WATCH_NAME = 64
"""A watch name is a sidebar label, a preferences key and an environment value."""
MAX_SECTION_NAME = 200

# What the sanitiser keeps as white space but that breaks a one-line label: tab, the line
# ends and the line and paragraph separators. Every other character a label may not hold
# is the sanitiser's (`invisible_in`): controls, bidi marks, zero-width characters.
_LINE_BREAKS = re.compile("[\t\n\x85\u2028\u2029]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")

CSS_COLOR_NAMES = frozenset(
    """
    aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
    blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk
    crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki
    darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
    darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue
    dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite
    gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki
    lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
    lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen
    lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen
    magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen
    mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream
    mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
    palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum
    powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown
    seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen
    steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow
    yellowgreen
    """.split()
)
"""The CSS named colours (CSS Color 4), which the TUI draws (Textual knows each one)."""


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """'; did you mean 'color'?' when `word` is close to one of `known`, else ''."""
    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def whole_number(key: str, value: object, low: int, high: int) -> int:
    """`value` if it is a whole number from `low` to `high` (TOML has no other kind)."""
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"'{key}' must be a whole number from {low} to {high}")
    return value


def label(value: object, what: str, longest: int) -> str:
    """A name shown to the reader (a watch, a section): text without controls, not empty,
    at most `longest` characters; surrounding spaces are dropped."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be some text")
    text = value.strip()
    line_break = _LINE_BREAKS.search(text)
    bad = invisible_in(text) or (line_break.group() if line_break else None)
    if bad is not None:
        raise ValueError(
            f"{what} {value!r} holds a control or invisible formatting character "
            f"(U+{ord(bad):04X}): two names that look the same would be told apart by it"
        )
    if len(text) > longest:
        raise ValueError(f"{what} is {len(text)} characters long (at most {longest})")
    return text


def name_key(name: object) -> str:
    """The form in which two section or watch names are the same one: stripped,
    case-folded and in Unicode's compatibility form (NFKC), so "Cafe" with a combining
    accent, "café" and "CAFÉ" are one name. The loader's "defined twice" and the
    editor's "exists already" and "which one" all compare this."""
    text = unicodedata.normalize("NFKC", str(name).strip())
    return unicodedata.normalize("NFKC", text.casefold())


def watch_name(value: object) -> str:
    return label(value, "a watch's name", MAX_WATCH_NAME)


def section_name(value: object) -> str:
    return label(value, "a section's name", MAX_SECTION_NAME)


BUILT_IN_ENTRIES: tuple[str, ...] = ("All", "Unread", "Starred", "Saved", "Muted", "Opened")
"""The sidebar's own entries (`tui/widgets/sidebar.py`; Opened: `newsreader PATH...`),
written out here because the config must not import the UI; a test keeps the two the
same. A new section is not given one of these names: "Saved" beside Saved, with the
same path in both, would show its articles in one and none in the other."""


def is_built_in_name(name: str) -> bool:
    """Whether `name` is one of the sidebar's own entries' (as `name_key` compares)."""
    return name_key(name) in {name_key(b) for b in BUILT_IN_ENTRIES}


def new_section_name(value: object) -> str:
    """`section_name`, and not one of the sidebar's own entries: for a section the
    editor makes (`add --section`, `move`); one already in the file stays usable."""
    name = section_name(value)
    if is_built_in_name(name):
        raise ValueError(
            f"'{name}' is the name of one of the sidebar's own entries "
            f"({', '.join(BUILT_IN_ENTRIES)}); give the section another name"
        )
    return name


def color(value: object) -> str:
    """A CSS colour name or #rgb/#rrggbb, in lower case: what the TUI can draw."""
    if not isinstance(value, str):
        raise ValueError("a watch's color must be a colour name or #rrggbb, in quotes")
    text = value.strip().lower()
    if text in CSS_COLOR_NAMES or _HEX_COLOR.fullmatch(text):
        return text
    raise ValueError(
        f"unknown colour {value!r} (a CSS colour name such as 'orange', or #rgb or #rrggbb)"
        + did_you_mean(text, CSS_COLOR_NAMES)
    )


def feed_url(value: object) -> str:
    """A feed's address in its normal form (see `normalize_feed_url`)."""
    normal = normalize_feed_url(value) if isinstance(value, str) else None
    if normal is None:
        given = shown(value) if isinstance(value, str) else type(value).__name__
        raise ValueError(
            f"feed URL '{given}' is not a web address newsreader can use: it must start "
            "with http:// or https:// and name a host (spaces and other characters are "
            "escaped; control characters are refused)"
        )
    return normal


def local_path(value: object) -> str:
    """A file or folder path as written; NUL cannot be in a path (the OS refuses it)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a path must be some text")
    if "\x00" in value:
        raise ValueError(f"the path {value!r} holds a NUL character")
    if _SURROGATES.search(value):
        raise ValueError("a path whose name is not UTF-8 cannot be written in the config")
    return value


_LEADING_VARIABLE = re.compile(r"\$(?:\{\w+\}|\w+)")


def resolve_path(raw: str, base: Path) -> Path:
    """A configured path as the loader reads it: a `$NAME` or `${NAME}` that begins it
    expanded, then `~`; a relative one taken from the config file's folder (`base`).

    One rule for what a `$` means, so what the editor writes reads back as the same
    path: only a variable at the very start is one (`$HOME/notes`); a `$` anywhere else
    is part of a name (`/tmp/$HOME.txt`, which `add` writes as it is, absolute).

    A `~nobody/...` (no such user) is read as a path of that name, relative to `base`:
    like any path that is not there, the scan reports it and the rest of the library
    still opens, rather than one line stopping every command and the app.
    """
    match = _LEADING_VARIABLE.match(raw)
    if match:
        raw = os.path.expandvars(match.group()) + raw[match.end() :]
    try:
        path = expand_user(raw)
    except ValueError:
        path = Path(raw)
    return path if path.is_absolute() else (base / path).resolve()


ACTIONS: tuple[str, ...] = (
    "cursor_down",
    "cursor_up",
    "page_down_rows",
    "page_up_rows",
    "first",
    "last",
    "open",
    "next_unread",
    "previous_unread",
    "toggle_read",
    "toggle_star",
    "open_browser",
    "full_text",
    "copy_link",
    "open_link_1",
    "open_link_2",
    "open_link_3",
    "open_link_4",
    "open_link_5",
    "open_link_6",
    "open_link_7",
    "open_link_8",
    "open_link_9",
    "links",
    "page_down",
    "page_up",
    "next_match",
    "previous_match",
    "back",
    "search",
    "new_watch",
    "explain",
    "remove_watch",
    "refresh",
    "mark_all_read",
    "undo",
    "cycle_sort",
    "toggle_muted",
    "toggle_sidebar",
    "add_feed",
    "remove_source",
    "rename_source",
    "move_source",
    "show_errors",
    "zoom",
    "list_narrower",
    "list_wider",
    "expand",
    "collapse",
    "select_cursor",
    "quit",
    "help",
    "messages",
)
"""The actions `[keys]` may rebind: the TUI's binding ids (`tui/bindings.py`), written
out here because the config must not import the UI; a test keeps the two the same. So
`list`, `add` and every other command refuse an unknown action as the TUI does."""

MODIFIERS = ("ctrl", "alt", "shift", "meta", "super", "hyper")
NAMED_KEYS = frozenset(
    """
    up down left right home end pageup pagedown insert delete backspace tab enter escape
    space
    """.split()
) | {f"f{n}" for n in range(1, 25)}
"""Keys with names (the terminal's, as Textual spells them); other keys are characters."""


def _names_a_character(name: str) -> bool:
    """Whether `name` is how Textual names a key that is not a letter or digit:
    the character's Unicode name in lower case with underscores (`question_mark`)."""
    try:
        char = unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return len(char) == 1 and not char.isalnum() and char.isprintable()


def _character_key(char: str) -> str:
    """A character's key as Textual names it: itself if a letter or digit, else its
    Unicode name (`?` is `question_mark`, `,` is `comma`, ` ` is `space`)."""
    if char.isalnum():
        return char
    return unicodedata.name(char, char).lower().replace(" ", "_").replace("-", "_")


def key_name(value: str) -> str:
    """One key in Textual's spelling: a character (`j`, `A`; `?` becomes `question_mark`),
    a key's name (`enter`, `pagedown`, `f5`), with modifiers before it (`ctrl+r`)."""
    key = value if value == " " else value.strip()
    if len(key) == 1:
        if key.isprintable():
            return _character_key(key)
        raise ValueError(f"the key {value!r} is a control character")
    if not key:
        raise ValueError('a key is empty (write keys as "j", "ctrl+r" or "pagedown")')
    *modifiers, base = key.split("+")
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            raise ValueError(
                f"unknown modifier {modifier!r} in the key {key!r}"
                + did_you_mean(modifier, MODIFIERS)
                + f" (modifiers: {', '.join(MODIFIERS)})"
            )
    if len(base) == 1 and base.isprintable():
        return "+".join([*modifiers, _character_key(base)])
    if base in NAMED_KEYS or _names_a_character(base):
        return key
    raise ValueError(
        f"{key!r} is not a key{did_you_mean(base, NAMED_KEYS)} (a key is one character "
        "such as j or ?, or a name such as enter, pagedown, f5 or question_mark, with "
        "ctrl+, alt+ or shift+ before it if need be)"
    )


def key_list(value: object) -> str:
    """Keys for one action: "j", "j,down" or ["j", "down"]; comma-separated, checked."""
    if isinstance(value, str):
        keys = [","] if value.strip() == "," else value.split(",")
    elif isinstance(value, list) and all(isinstance(k, str) for k in value):
        keys = list(value)
    else:
        raise ValueError('keys are written "j", "j,down" or ["j", "down"]')
    if not keys:
        raise ValueError("give at least one key")
    return ",".join(key_name(k) for k in keys)


def command(value: object, what: str) -> tuple[str, ...]:
    """A program and its arguments, run without a shell: ["firefox", "-P", "x"], or one
    string split into words as a shell would ("firefox --new-tab", as $BROWSER is written),
    unless it is the path of a file."""
    words: object = value
    if isinstance(value, str) and os.path.isfile(os.path.expanduser(value)):
        words = [value]  # "/opt/My Browser/browser": a program's path, spaces and all
    elif isinstance(value, str):
        try:
            words = shlex.split(value)
        except ValueError as exc:  # an unclosed quote
            raise ValueError(f"{what} cannot be split into words: {exc}") from None
    if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
        raise ValueError(f"{what} must be a program, or a list of a program and its arguments")
    if not words[0].strip():
        raise ValueError(f"{what} names no program")
    if any("\x00" in w for w in words):
        raise ValueError(f"{what} holds a NUL character")
    return tuple(words)
