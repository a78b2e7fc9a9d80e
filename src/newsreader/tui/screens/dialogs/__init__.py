"""Modal dialogs the main screen opens; each returns its answer through `dismiss`.

search    a query to search for (checked as it is typed in)
watch     a new watch's name and query
confirm   yes or no, before anything is removed
explain   why an article shows: each watch and mute in words
help      every key, from the one table in `tui/bindings.py`
add_feed  a feed's or a web page's address (its feeds found), and a section
feed_edit a feed's title; another section for a feed or path
errors    the failing sources, each with its last error and next try
links     the open article's links, to pick one to open
messages  the session's messages, with their times
"""

from newsreader.tui.screens.dialogs.add_feed import AddFeedDialog
from newsreader.tui.screens.dialogs.confirm import ConfirmDialog
from newsreader.tui.screens.dialogs.errors import ErrorsDialog
from newsreader.tui.screens.dialogs.explain import ExplainDialog
from newsreader.tui.screens.dialogs.feed_edit import RenameDialog, SectionDialog
from newsreader.tui.screens.dialogs.help import HelpDialog
from newsreader.tui.screens.dialogs.links import LinksDialog
from newsreader.tui.screens.dialogs.messages import MessagesDialog
from newsreader.tui.screens.dialogs.search import SearchDialog
from newsreader.tui.screens.dialogs.watch import WatchDialog

__all__ = [
    "AddFeedDialog",
    "ConfirmDialog",
    "ErrorsDialog",
    "ExplainDialog",
    "HelpDialog",
    "RenameDialog",
    "SearchDialog",
    "SectionDialog",
    "LinksDialog",
    "MessagesDialog",
    "WatchDialog",
]
