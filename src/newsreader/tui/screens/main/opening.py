"""`newsreader PATH...`: the app opens on the "Opened" section (the paths given), reads
those files before anything else, and with one file, opens its article."""

from __future__ import annotations

from textual import work

from newsreader.errors import NewsreaderError
from newsreader.tui.entries import Entry, EntryKind
from newsreader.tui.screens.main.reading import ReadingActions


class OpeningActions(ReadingActions):
    """Starting on a section other than All."""

    def start_on_section(self, name: str) -> None:
        section = self.library.config.section(name)
        if section is None:  # not in the config after all: All, as usual
            self.start_section = None
            self.load_list()
            self.load_counts()
            if self.scan_on_start:
                self.action_refresh()
            return
        self.entry = Entry(EntryKind.SECTION, section.name, section=section.name)
        self.sidebar.select_key(self.entry.key)
        self.load_list()  # what the library holds of it already
        self.load_counts()
        self.read_start_section(self.entry)

    @work(group="opening", exit_on_error=False)
    async def read_start_section(self, start: Entry) -> None:
        """Read the given files first (a refresh fetches feeds too, which can take long),
        then show them, open the one file's article, and refresh the rest."""
        try:
            await self.client.call_long(self.library.scan)
        except NewsreaderError as exc:
            self.status.show(exc.message, error=True)
        if self.entry == start:  # the reader has not gone elsewhere meanwhile
            self.load_list()
            self.load_counts()
            if self.open_first and self.reader.article is None:
                rows = await self.client.call(self.library.articles, self._query(limit=1))
                if rows and self.entry == start and self.reader.article is None:
                    self.open_row(rows[0])
        if self.scan_on_start:
            self.action_refresh()
