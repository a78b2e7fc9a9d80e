"""Modal dialogs the main screen opens; each returns its answer through `dismiss`.

search    a query to search for (checked as it is typed in)
watch     a new watch's name and query
confirm   yes or no, before anything is removed
explain   why an article shows: each watch and mute in words
help      every key, from the one table in `tui/bindings.py`
links     the open article's links, to pick one to open
messages  the session's messages, with their times
"""

from newsreader.tui.screens.dialogs.confirm import ConfirmDialog
from newsreader.tui.screens.dialogs.explain import ExplainDialog
from newsreader.tui.screens.dialogs.help import HelpDialog
from newsreader.tui.screens.dialogs.links import LinksDialog
from newsreader.tui.screens.dialogs.messages import MessagesDialog
from newsreader.tui.screens.dialogs.search import SearchDialog
from newsreader.tui.screens.dialogs.watch import WatchDialog

__all__ = [
    "ConfirmDialog",
    "ExplainDialog",
    "HelpDialog",
    "LinksDialog",
    "MessagesDialog",
    "SearchDialog",
    "WatchDialog",
]
