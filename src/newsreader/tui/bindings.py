"""Every key of the app, defined once: the footer, the help screen and the command
palette are all built from these tables, so they cannot drift apart.

The tables only: what a `Key` holds and how it becomes Textual bindings (each with an
id, `newsreader.<action>`, that the config's `[keys]` rebinds) is `key_model.py`.
"""

from __future__ import annotations

from newsreader.tui.key_model import Key, KeyGroup, bindings

__all__ = [
    "APP",
    "ARTICLE",
    "FEEDS",
    "HELP",
    "Key",
    "KeyGroup",
    "LIST",
    "LISTS",
    "MAIN_SCREEN",
    "MOVING",
    "PAGING",
    "PANES",
    "SEARCH",
    "SIDEBAR",
    "WATCHES",
    "binding_ids",
    "bindings",
    "palette_keys",
    "rebindable_actions",
]
"""The tables, and what the widgets and screens take from `key_model` with them."""


APP = KeyGroup(
    "App",
    (
        Key("q", "quit", "Quit", "quit", footer=True),
        Key("question_mark", "help", "Help", "all keys (this screen)", footer=True, palette="Help"),
        Key(
            "ctrl+p",
            "command_palette",
            "Commands",
            "command palette: every action, and themes",
            builtin=True,
        ),
        Key(
            "exclamation_mark",
            "messages",
            "Messages",
            "messages: every one of this session, with its time (the status line shows the last)",
            palette="Messages",
        ),
    ),
)

# The main screen's groups, in the order the footer shows their keys.
ARTICLE = KeyGroup(
    "The article",
    (
        Key(
            "n",
            "next_unread",
            "Next unread",
            "open the next unread article",
            footer=True,
            palette="Next unread",
        ),
        Key(
            "p",
            "previous_unread",
            "Prev unread",
            "open the previous unread article",
            palette="Previous unread",
        ),
        Key("m", "toggle_read", "Read", "mark read / unread", footer=True, palette="Toggle read"),
        Key("s", "toggle_star", "Star", "star / unstar", footer=True, palette="Toggle star"),
        Key(
            "o",
            "open_browser",
            "Browser",
            "open the article in your browser",
            footer=True,
            palette="Open in browser",
        ),
        Key(
            "f",
            "full_text",
            "Full text",
            "full text: fetch and keep the article's page; again: the feed's version",
            footer=True,
            palette="Full text",
        ),
        Key("c", "copy_link", "Copy link", "copy the article's link", palette="Copy link"),
        Key(
            "1,2,3,4,5,6,7,8,9",
            "open_link",
            "Link",
            "open the article's link [1] … [9] in your browser",
            display="1 … 9",
            numbered=True,
        ),
        Key(
            "L",
            "links",
            "Links",
            "the article's links: pick one to open in your browser",
            palette="Links",
        ),
    ),
)

SEARCH = KeyGroup(
    "Search",
    (
        Key(
            "slash",
            "search",
            "Search",
            'search (words, "phrases", OR, -word, word*, title:…)',
            footer=True,
            palette="Search",
        ),
    ),
)

WATCHES = KeyGroup(
    "Watches",
    (
        Key(
            "w",
            "new_watch",
            "Watch",
            "new watch: name a query to follow (starts from the word last clicked in the "
            "article, or the current search)",
            footer=True,
            palette="New watch",
        ),
        Key(
            "e",
            "explain",
            "Explain",
            "explain: which watches match this article, and on which words",
            footer=True,
            palette="Explain",
        ),
        Key(
            "x",
            "remove_watch",
            "Remove watch",
            "remove the watch you are looking at (asks first; its articles stay)",
            footer=True,
            palette="Remove watch",
        ),
    ),
)

LISTS = KeyGroup(
    "Lists",
    (
        Key(
            "r",
            "refresh",
            "Refresh",
            "refresh: read the config again, rescan your files and folders, fetch feeds",
            footer=True,
            palette="Refresh",
        ),
        Key(
            "A",
            "mark_all_read",
            "All read",
            "mark every article of this list read (all of it, not only what shows)",
            palette="Mark all read",
        ),
        Key("u", "undo", "Undo", "undo the last mark all read", palette="Undo mark all read"),
        Key("S", "cycle_sort", "Sort", "sort: newest, oldest, title", footer=True, palette="Sort"),
        Key(
            "M",
            "toggle_muted",
            "Show muted",
            "show or hide muted articles (dimmed, with the rule that hid them)",
            palette="Show muted",
        ),
        Key(
            "ctrl+b",
            "toggle_sidebar",
            "Sidebar",
            "show or hide the sidebar",
            palette="Toggle sidebar",
        ),
    ),
)

PANES = KeyGroup(
    "Panes",
    (
        Key(
            "z",
            "zoom",
            "Zoom",
            "zoom: the focused pane alone on the screen; again (or escape): back",
            palette="Zoom pane",
        ),
        Key(
            "less_than_sign",
            "list_narrower",
            "Narrower list",
            "the list narrower, the article wider (remembered)",
            palette="Narrower list",
        ),
        Key(
            "greater_than_sign",
            "list_wider",
            "Wider list",
            "the list wider, the article narrower (remembered)",
            palette="Wider list",
        ),
    ),
)

FEEDS = KeyGroup(
    "Feeds and paths",
    (
        Key(
            "a",
            "add_feed",
            "Add feed",
            "add a feed: its address, or a web page's (its feeds are found); or a file or folder",
            footer=True,
            palette="Add feed",
        ),
        Key(
            "D",
            "remove_source",
            "Remove",
            "remove the feed or path picked in the sidebar (asks first; starred and "
            "saved articles stay)",
            palette="Remove feed or path",
        ),
        Key(
            "R",
            "rename_source",
            "Rename",
            "rename the feed picked in the sidebar",
            palette="Rename feed",
        ),
        Key(
            "V",
            "move_source",
            "Move",
            "move the feed or path picked in the sidebar to another section",
            palette="Move feed to section",
        ),
        Key(
            "E",
            "show_errors",
            "Errors",
            "failing sources: each one's last error, when it last worked and when it is "
            "tried again",
            palette="Failing sources",
        ),
    ),
)

PAGING = KeyGroup(
    "In the reading pane",
    (
        Key(
            "space",
            "page_down",
            "Page",
            "page the article down; at its end, open the next unread article",
        ),
        Key("b", "page_up", "Page up", "page the article up"),
        Key(
            "right_square_bracket",
            "next_match",
            "Next match",
            "next highlighted match in the article",
            footer=True,
        ),
        Key(
            "left_square_bracket",
            "previous_match",
            "Previous match",
            "previous highlighted match in the article",
        ),
        Key(
            "escape",
            "back",
            "Back",
            "back: leave search results or the full-screen article",
            footer=True,
        ),
    ),
)

LIST = KeyGroup(
    "Article list",
    (
        Key("j,down", "cursor_down", "Down", "next article"),
        Key("k,up", "cursor_up", "Up", "previous article"),
        Key("pagedown", "page_down_rows", "Page down", "a page of articles down"),
        Key("pageup", "page_up_rows", "Page up", "a page of articles up"),
        Key("home", "first", "First", "first article"),
        Key("end", "last", "Last", "last article"),
        Key("enter", "open", "Open", "open the article", footer=True),
    ),
)

SIDEBAR = KeyGroup(
    "Sidebar",
    (
        Key("j", "cursor_down", "Down", "next entry"),
        Key("k", "cursor_up", "Up", "previous entry"),
        Key("l,right", "expand", "Expand", "show a section's feeds and files"),
        Key("h,left", "collapse", "Collapse", "hide a section's feeds and files"),
        Key("enter", "select_cursor", "Show", "show the entry's articles"),
    ),
)

MOVING = KeyGroup(
    "Moving around",
    (
        Key(
            "tab,shift+tab",
            "focus_next",
            "Next pane",
            "go to the next / previous pane",
            builtin=True,
        ),
    ),
)

MAIN_SCREEN = (ARTICLE, SEARCH, WATCHES, LISTS, FEEDS, PANES, PAGING)
"""The main screen's own keys."""
HELP = (LIST, ARTICLE, PAGING, SEARCH, WATCHES, LISTS, FEEDS, PANES, SIDEBAR, MOVING, APP)
"""Everything the help screen lists, in order."""


def binding_ids() -> list[str]:
    """Every binding id the config's `[keys]` may rebind, as the help screen orders them."""
    ids = [i for group in HELP for key in group.keys if not key.builtin for i in key.ids]
    return list(dict.fromkeys(ids))


def rebindable_actions() -> list[str]:
    """The names the config's `[keys]` takes: each binding id without `newsreader.`."""
    return [i.removeprefix("newsreader.") for i in binding_ids()]


def palette_keys() -> list[Key]:
    """The keys the command palette offers, as the help screen orders them."""
    return [key for group in HELP for key in group.keys if key.palette]
