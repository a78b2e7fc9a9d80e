"""Reading the library: lists, counts, articles, search, and the reader's marks."""

from __future__ import annotations

from dataclasses import replace

from newsreader.core.base import LibraryBase
from newsreader.core.results import LibraryCounts
from newsreader.errors import NewsreaderError, QueryError
from newsreader.models import Article, ArticleRow, SearchHit, SectionCount, SourceInfo
from newsreader.prefs import load_prefs, save_prefs
from newsreader.query import ArticleQuery
from newsreader.sanitize import shown


class ReadingMixin(LibraryBase):
    """What lists, the sidebar, the reading pane and the CLI's reading commands ask for."""

    def _muted(self, query: ArticleQuery) -> ArticleQuery:
        """The query with the config's mute rules, unless it brings its own."""
        if query.mutes or not self.config.mutes:
            return query
        return replace(query, mutes=tuple((m.query, m.sections) for m in self.config.mutes))

    def muted_count(self) -> int:
        """How many articles the mute rules hide."""
        if not self.config.mutes:
            return 0
        return self._store.count(self._muted(ArticleQuery(only_muted=True)))

    def sections(self) -> list[SectionCount]:
        """Every configured section in config order, with its counts (zero if empty)."""
        counts = {c.name: c for c in self._store.section_counts(self._muted(ArticleQuery()))}
        return [counts.get(s.name, SectionCount(s.name, 0, 0)) for s in self.config.sections]

    def section_names(self, name: str) -> tuple[str, ...]:
        """The configured section called `name` (case-insensitive), or a clear error."""
        section = self.config.section(name)
        if section is None:
            known = ", ".join(s.name for s in self.config.sections) or "none"
            raise NewsreaderError(f"no section named '{shown(name)}' (sections: {known})")
        return (section.name,)

    def watch_query(self, name: str) -> str:
        """The query of the watch called `name`, or a clear error."""
        for watch in self.config.watches:
            if watch.name.casefold() == name.casefold():
                return watch.query
        known = ", ".join(w.name for w in self.config.watches) or "none"
        raise NewsreaderError(f"no watch named '{shown(name)}' (watches: {known})")

    def sources(self, section: str) -> list[SourceInfo]:
        """The feeds and files of a section, for the sidebar; muted articles are not
        counted, as they are not in the section's counts."""
        sources = self._store.sources_in_section(section)
        if not self.config.mutes or not sources:
            return sources
        counts = self._store.source_counts(section, self._muted(ArticleQuery()))
        return [
            replace(source, total=total, unread=unread)
            for source in sources
            for total, unread in [counts.get(source.id, (0, 0))]
        ]

    def watch_counts(self) -> list[tuple[str, int, int]]:
        """(watch name, unread matches, all matches) for each configured watch.

        A watch whose query does not parse counts -1, so the sidebar can mark it.
        """
        counts = []
        for watch in self.config.watches:
            try:
                total, unread = self._store.count_with_unread(
                    self._muted(ArticleQuery(text=watch.query))
                )
            except QueryError:
                total = unread = -1
            counts.append((watch.name, unread, total))
        return counts

    def counts(self) -> LibraryCounts:
        """The counts the sidebar and header show; a new watch starts with nothing new."""
        seen = _watch_seen()
        unseen = [w.name for w in self.config.watches if w.name not in seen]
        if unseen:
            last = self._store.last_article_id()
            seen.update((name, last) for name in unseen)
            save_prefs(watch_seen=seen)
        new = self.watch_new_counts(seen)
        return LibraryCounts(
            total=self.count(ArticleQuery()),
            unread=self.count(ArticleQuery(unread=True)),
            starred=self.count(ArticleQuery(starred=True)),
            saved=self.count(ArticleQuery(saved=True)),
            muted=self.muted_count(),
            sections=self.sections(),
            watches=self.watch_counts(),
            new=new,
        )

    def watch_new_counts(self, seen: dict[str, int]) -> dict[str, int]:
        """Per watch, matches added since the reader last looked (`seen`: last row id)."""
        out = {}
        for watch in self.config.watches:
            last = seen.get(watch.name)
            if last is None:
                continue
            try:
                out[watch.name] = self.count(ArticleQuery(text=watch.query, after_id=last))
            except QueryError:
                continue
        return out

    def mark_watch_seen(self, name: str) -> None:
        """The reader looked at the watch: nothing in it is new any more."""
        seen = _watch_seen()
        seen[name] = self._store.last_article_id()
        save_prefs(watch_seen=seen)

    def source_errors(self) -> list[tuple[str, str]]:
        """(source, error) for every feed and file whose last read failed."""
        return self._store.source_errors()

    def articles(self, query: ArticleQuery) -> list[ArticleRow]:
        """Rows for `query`; articles the mute rules hide are left out (or marked)."""
        return self._store.list_articles(self._muted(query))

    def count(self, query: ArticleQuery) -> int:
        return self._store.count(self._muted(query))

    def position(self, query: ArticleQuery, uid: str) -> int | None:
        """Where the article `uid` is in the list `query` gives, None if not in it."""
        return self._store.position(self._muted(query), uid)

    def article(self, uid: str, *, full: bool = True) -> Article | None:
        return self._store.get_article(uid, full=full)

    def search(
        self, text: str, *, limit: int = 50, sections: tuple[str, ...] | None = None
    ) -> list[SearchHit]:
        if not text.strip():
            raise QueryError("the query is empty", 0)
        hits = self._store.search(text, limit=limit, sections=sections)
        if self.config.mutes and hits:
            uids = tuple(h.row.uid for h in hits)
            muted = {
                r.uid
                for r in self._store.list_articles(
                    self._muted(ArticleQuery(uids=uids, only_muted=True))
                )
            }
            hits = [h for h in hits if h.row.uid not in muted]
        return hits

    def resolve_ids(self, ids: list[str]) -> list[str]:
        """Full article ids from ids or unique prefixes (at least 4 characters)."""
        resolved = []
        for given in ids:
            matches = self._store.uids_with_prefix(given.strip().lower())
            if len(given.strip()) < 4 or not matches:
                raise NewsreaderError(f"no article with id '{shown(given)}'")
            if len(matches) > 1:
                raise NewsreaderError(
                    f"id '{shown(given)}' is ambiguous ({len(matches)} articles match)"
                )
            resolved.append(matches[0])
        return resolved

    def mark(
        self,
        uids: list[str],
        *,
        read: bool | None = None,
        starred: bool | None = None,
        saved: bool | None = None,
    ) -> int:
        self._writable("mark articles")
        return self._store.set_state(uids, read=read, starred=starred, saved=saved)

    def mark_all_read(self, query: ArticleQuery) -> list[str]:
        """Mark read every unread article of the list `query` gives (all of it, not one
        page; muted ones only if the list shows them). Returns the ids it changed, so
        `mark(those, read=False)` undoes exactly this and nothing the reader read before."""
        self._writable("mark articles")
        unread = self._muted(replace(query, unread=True, limit=None, offset=0))
        uids = self._store.uids(unread)
        self._store.set_state(uids, read=True)
        return uids

    def explain(self, uid: str) -> list[str]:
        """Which watches match the article (words and fields), which mutes would hide it."""
        from newsreader.query.matcher import MatchTarget, explain_article

        article = self._store.get_article(uid, full=False)
        rows = self._store.list_articles(ArticleQuery(uids=(uid,)))
        if article is None or not rows:
            raise NewsreaderError(f"no article with id '{shown(uid)}'")
        row = rows[0]
        target = MatchTarget(
            title=article.title,
            authors="\n".join(article.authors),
            summary=article.summary or "",
            body="\n\n".join(article.paragraphs),
            source=row.source,
            site=article.site or "",
            section=row.section or "",
        )
        watches = [(w.name, w.query) for w in self.config.watches]
        mutes = [(m.query, m.sections) for m in self.config.mutes]
        return explain_article(target, watches, mutes).lines()


def _watch_seen() -> dict[str, int]:
    """Per watch, the last article row id the reader has seen under it (kept with the UI
    preferences: it is the reader's state, not the library's content)."""
    seen = load_prefs().get("watch_seen")
    return {str(k): int(v) for k, v in seen.items()} if isinstance(seen, dict) else {}
