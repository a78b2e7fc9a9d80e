"""The main screen's widgets."""

from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reading_pane import ReadingPane
from newsreader.tui.widgets.sidebar import Sidebar
from newsreader.tui.widgets.status_bar import StatusBar

__all__ = ["ArticleList", "ReadingPane", "Sidebar", "StatusBar"]
