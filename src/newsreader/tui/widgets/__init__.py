"""The main screen's widgets: they show what they are given and post messages up; none
of them calls the library (the screen does, through the client)."""

from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reading_pane import ReadingPane
from newsreader.tui.widgets.sidebar import Sidebar
from newsreader.tui.widgets.status_bar import StatusBar

__all__ = ["ArticleList", "ReadingPane", "Sidebar", "StatusBar"]
