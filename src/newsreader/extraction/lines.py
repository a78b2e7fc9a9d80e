"""Lines of a plain-text page and what each one looks like (byline, date, share bar...).

A text copy of a news page is the article plus the page's furniture: masthead, date
strip, breadcrumbs, kicker, share buttons, photo caption, editor credit, "Most Viewed"
lists. `Line` gives each unit of the page the features that tell these apart. They
are computed on first use and kept in slots: `functools.cached_property` takes a lock
on every access on Python 3.11, which made a megabyte of short lines take a minute.
"""

from __future__ import annotations

import re
from typing import Final

from newsreader.extraction.dates import MONTH, FoundDate, find_date, is_date_line
from newsreader.query.scripts import UNSPACED_RANGES, is_unspaced

# --- patterns ---------------------------------------------------------------------

BYLINE = re.compile(
    r"^(?:(?:by|written by|words by|reported by|par|por|von)\s+"
    r"|(?:authors?|作者|文)\s*[:：]\s*|记者\s*[:：]?\s*)"
    r"(?=\S)",
    re.I,
)
STAMP_LABEL = re.compile(
    r"^(?P<label>published|posted|updated|last updated|first published|modified|date|"
    r"publié|mis à jour|publicado|actualizado|veröffentlicht|aktualisiert|pubblicato|"
    r"发布时间|发稿时间|更新时间|时间)\s*(?:on|at|le)?\s*[:：]?\s*",
    re.I,
)
UPDATED_LABELS: Final = frozenset(
    {"updated", "last updated", "modified", "更新时间", "mis à jour", "actualizado", "aktualisiert"}
)
_EDITOR = re.compile(
    r"^[(（]?\s*(?:editors?|edited by|editing by|责任编辑|编辑)\s*[:：]?\s*"
    r"(?P<names>[^()（）]+?)\s*[)）]?\s*$",
    re.I,
)
_REUTERS_CREDIT = re.compile(
    r"^\(\s*(?:reporting|writing|additional reporting)\s+by\s+(?P<reporters>[^;)]+)"
    r"(?:;[^;)]*?(?:editing|edited)\s+by\s+(?P<editors>[^)]+))?\)\s*$",
    re.I,
)
_SHARE_WORDS = re.compile(
    r"\b(?:email|e-mail|print|comments?|share|tweet|twitter|facebook|reddit|whatsapp|linkedin|"
    r"weibo|microblog|pinterest|telegram|copy link|save)\b",
    re.I,
)
_SHARE_HINTS = ("share", "mail", "print", "comment", "tweet", "twitter", "facebook", "link")
_CREDIT_PAREN = re.compile(r"\((?P<credit>[^()]{2,80})\)\s*$")
_CREDIT_WORDS = re.compile(
    r"\b(?:photo|photograph|photos|image|picture|credit|getty|file photo|pool|illustration)\b",
    re.I,
)
_CAPTION_LABEL = re.compile(
    r"(?:^(?:photo|image|caption|pictured|picture|图|图片)\s*[:：])|^图为|^media caption\b|"
    r"^(?:photo(?:graph)?|portrait|illustration|image|video|graphic|artwork)s?\s+"
    r"(?:by|credit|courtesy)\b|"
    r"(?:\b(?:photo|photograph|image|picture)\s*(?:credit)?\s*:\s*[^.]{2,60}$)|"
    r"(?:\b(?:photo|photograph|image|illustration)\s+(?:by|courtesy of)\s+(?-i:[A-Z])[^.]{2,50}$)",
    re.I,
)
_BREADCRUMB_SPLIT = re.compile(r"\s*(?:>>|»|›|>|\s/\s)\s*")
_PLACE_CAPS = (
    rf"[A-Z][A-Z.'’ -]{{1,40}}(?:,\s*[A-Z][A-Za-z.'’ ]{{1,25}})?(?:,\s*{MONTH}\s+\d{{1,2}})?"
)
_PLACE_NAME = r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}"
DATELINE = re.compile(
    r"^(?P<place>"
    + _PLACE_CAPS  # WASHINGTON, D.C., Nov. 5
    + rf"|{_PLACE_NAME}(?:,\s*[A-Z][\w.'’ ]{{1,25}}?)?,\s*{MONTH}\s+\d{{1,2}}"  # Paris, Nov. 5
    + rf"|{_PLACE_NAME}(?=\s*\()"  # London (Reuters)
    + r")\s*(?:\((?P<agency>[^()]{2,50})\))?\s*(?:--|—|–|\s-)\s+(?=\S)"
)
LIST_MARK = re.compile(r"^(?:[-+*•·▪●◦‣]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’»」』)\]]*$""")
_COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s*\d{4}|all rights reserved|版权所有)", re.I)
_NAVIGATION = re.compile(
    r"^(?:skip to (?:main )?content|skip navigation|jump to (?:navigation|search|content)|"
    r"menu|search|sign in|sign up|log in|login|subscribe|home|back to home|advertisement|"
    r"follow\b|ready to publish|toggle|close|open menu|share\b|"
    r"\d+\s*(?:min|minute)s?\s+read|编辑推荐|editor'?s'? picks?)",
    re.I,
)
CJK_DATELINE = re.compile(
    r"^(?:【(?P<place>[^】]{1,12})】|(?P<agency>新华社|中新社|本报|人民网|[\u4e00-\u9fff]{1,4}社)?"
    r"(?P<place2>[\u4e00-\u9fff]{2,8}?)?(?P<date>\d{1,2}月\d{1,2}日)电)"
)
ROLE_WORDS = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|special to|"
    r"bureau chief|senior|chief|photograph\w*|photos?|technologist|analyst|producer)\b",
    re.I,
)
# A line that says the article goes on, or points away from it, mid-article: dropped,
# and the body goes on after it ("ALSO READ: ...", "Story continues below advertisement").
_ASIDE = re.compile(
    r"^(?:also read|read also|read more|see also|related|more|watch|listen|recommended|"
    r"advertisement|sponsored|story continues below|article continues below|continue reading|"
    r"相关阅读|相关新闻|推荐阅读|延伸阅读)\b\s*[:：|»>-]",
    re.I,
)
_ASIDE_WHOLE = re.compile(
    r"^(?:story|article) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?$", re.I
)


def _trailer_phrases() -> frozenset[str]:
    phrases = """related|related reading|related articles|related stories|related news
    |related coverage|related content|related posts|read more|read also|also read|see also
    |more on this story|more from|more stories|more in|recommended|we recommend
    |recommended for you|you may also like|you might also like|you may be interested in
    |most viewed|most read|most popular|popular|popular now|trending|trending now|tags|key words
    |keywords|topics|links|share|share this article|share this|share this story|comments
    |leave a comment|leave a reply|advertisement|sponsored|newsletter|follow us|advertising
    |story continues below advertisement|continue reading|top stories|latest news|latest
    |editor's picks|editors' picks|editor's pick|more like this|in other news|next story
    |相关新闻|相关阅读|推荐阅读|延伸阅读|热门|热门推荐|最受关注|关键词|编辑推荐|关注我们|分享到"""
    return frozenset(p.strip() for p in phrases.split("|"))


TRAILERS: Final = _trailer_phrases()
_CJK_CHARS = re.compile(f"[{UNSPACED_RANGES}]")
_UNSET: Final = object()

_STOPWORDS: Final = frozenset(
    """the a an of to in and is was for on that with as it at by from he she they we his her
    their be been has have had are were not but or this which who will would said says its
    also after than more into about when there one all new can could may over up out if so
    le la les de des du un une et est en que qui dans pour pas sur au aux par avec il elle
    ce se son sa ses ont été sont
    el los las del y es que en por con para una su al lo como más pero sus fue ha
    der die das und ist ein eine nicht mit von den dem zu im auf für sich auch es des wird
    il lo gli di che è per non con una sono della nel alla anche come più
    o os as do da dos das em um uma com não por mais foi
    a v na je se že to s z do o k i by jako ale""".split()
)


_PUNCTUATION = ".,;:!?\"'()«»“”"


def _cjk_count(text: str) -> int:
    if text.isascii():
        return 0
    return len(_CJK_CHARS.findall(text))


class Line:
    """One line (or rejoined paragraph) of the page and its features, computed once."""

    __slots__ = (
        "_breadcrumb",
        "_byline",
        "_caption",
        "_date_only",
        "_editor",
        "_stamps",
        "chunk",
        "cjk",
        "index",
        "sentence",
        "text",
        "weight",
        "words",
    )

    def __init__(self, text: str, chunk: int = 0, index: int = 0) -> None:
        self.text = text
        self.chunk = chunk
        """Which blank-line-separated block of the page the unit came from."""
        self.index = index
        self.words = text.count(" ") + 1
        self.cjk = _cjk_count(text)
        self.weight = self.words + self.cjk // 2
        """Length in words, counting two CJK characters as a word."""
        self.sentence = bool(_SENTENCE_END.search(text[-12:]))
        self._byline: object = _UNSET
        self._stamps: object = _UNSET
        self._date_only: object = _UNSET
        self._breadcrumb: object = _UNSET
        self._editor: object = _UNSET
        self._caption: object = _UNSET

    def __repr__(self) -> str:
        return f"Line({self.text[:40]!r})"

    @property
    def byline(self) -> bool:
        if self._byline is _UNSET:
            self._byline = _is_byline(self.text)
        return self._byline is True

    @property
    def stamps(self) -> list[tuple[str, FoundDate]]:
        """('published' | 'updated', date) for each labelled date on the line.

        A line may carry several, separated by bars: "Published: ... | Updated: ...".
        """
        if self._stamps is _UNSET:
            self._stamps = _stamps(self.text)
        return self._stamps  # type: ignore[return-value]

    @property
    def stamp(self) -> str | None:
        """'published' or 'updated' for a line that carries labelled dates."""
        stamps = self.stamps
        return stamps[0][0] if stamps else None

    @property
    def date_only(self) -> bool:
        if self._date_only is _UNSET:
            self._date_only = self.words <= 10 and len(self.text) <= 64 and is_date_line(self.text)
        return self._date_only is True

    @property
    def breadcrumb(self) -> list[str] | None:
        if self._breadcrumb is _UNSET:
            self._breadcrumb = _breadcrumb(self.text, self.sentence)
        return self._breadcrumb  # type: ignore[return-value]

    @property
    def share(self) -> bool:
        text = self.text
        if len(text) > 200:
            return False
        if "|" in text:
            parts = [p.strip() for p in text.split("|")]
            if len(parts) >= 2 and all(len(p.split()) <= 3 for p in parts):
                return True
        if self.sentence or self.words < 3:
            return False
        lower = text.lower()
        if not any(word in lower for word in _SHARE_HINTS):
            return False
        return len(_SHARE_WORDS.findall(text)) >= 3

    @property
    def editor(self) -> list[str] | None:
        if self._editor is _UNSET:
            self._editor = _editor(self.text)
        return self._editor  # type: ignore[return-value]

    @property
    def caption(self) -> bool:
        if self._caption is _UNSET:
            self._caption = _is_caption(self.text)
        return self._caption is True

    @property
    def trailer(self) -> bool:
        """A heading that opens the page's end matter ("Related reading", "Most viewed")."""
        if self.weight > 8:
            return False
        key = " ".join(self.text.strip(" :：>»|").split()).casefold()
        return key in TRAILERS or bool(_COPYRIGHT.match(self.text))

    @property
    def aside(self) -> bool:
        """A line inside the article that points away from it ("ALSO READ: ...")."""
        if self.weight > 30 or not self.text[:1].isalpha():
            return self.trailer
        if self.trailer:
            return True
        return bool(_ASIDE.match(self.text) or _ASIDE_WHOLE.match(self.text))

    @property
    def navigation(self) -> bool:
        """Site chrome that is never a masthead or title ("Skip to main content")."""
        return self.weight <= 12 and bool(_NAVIGATION.match(self.text))

    @property
    def dateline(self) -> re.Match[str] | None:
        return DATELINE.match(self.text) if self.text[:1].isupper() else None

    @property
    def list_item(self) -> bool:
        return bool(LIST_MARK.match(self.text))

    @property
    def copyright(self) -> bool:
        return bool(_COPYRIGHT.match(self.text))

    @property
    def furniture(self) -> bool:
        """Page furniture that is never body text."""
        if self.weight > 40:
            return False
        return bool(
            self.byline
            or self.stamp
            or self.share
            or self.breadcrumb
            or self.date_only
            or self.editor is not None
            or self.caption
        )

    @property
    def prose(self) -> bool:
        """Reads as article text: a real sentence, or a paragraph opening with a dateline."""
        if self.weight < 6 and self.cjk < 30:
            return False
        if self.furniture or self.trailer:
            return False
        if self.cjk >= 30 or self.sentence:
            return True
        return bool(self.dateline)

    @property
    def headline(self) -> bool:
        """Could be a headline: short, one line, not ending like a sentence."""
        text = self.text
        if not 0 < self.weight <= 30 or text.endswith((",", ";", ":", "。")):
            return False
        if text.endswith(".") and (len(text) < 2 or not text[-2].isupper()):
            return False  # a sentence; "... Underneath N.Y.C." is still a headline
        return not (self.furniture or self.aside or self.list_item or self.navigation)

    @property
    def stopwords(self) -> float:
        """Share of the words that are function words (of the languages most pages use)."""
        words = self.text[:400].lower().split()
        if not words:
            return 0.0
        return sum(1 for w in words if w.strip(_PUNCTUATION) in _STOPWORDS) / len(words)


def _is_byline(text: str) -> bool:
    if len(text) > 200 or not BYLINE.match(text):
        return False
    rest = BYLINE.sub("", text, count=1)
    if not rest:
        return False
    if text[:3].lower() in ("par", "por", "von"):
        # "Par Marie Dupont — 24 novembre 2017": names up to a dash, bar or digit; not
        # "Par ailleurs, ..."
        names = _NAMES_END.split(rest, maxsplit=1)[0].split()
        return (
            0 < len(names) <= 8
            and all(w[:1].isupper() or w in _JOINERS for w in names)
            and names[0][:1].isupper()
            and not _SENTENCE_END.search(rest)
        )
    return rest[0].isupper() or is_unspaced(rest[0])


_DIGIT = re.compile(r"\d")
_NAMES_END = re.compile(r"\s[—–|-]\s|\s\d|,\s*\d")
_JOINERS = frozenset("et y e und and de da van von der del la le di du".split())


def _stamps(text: str) -> list[tuple[str, FoundDate]]:
    if len(text) > 160 or not (text[:1].isalpha() or "|" in text) or not _DIGIT.search(text):
        return []
    found = []
    for segment in re.split(r"\s*[|｜]\s*", text):
        m = STAMP_LABEL.match(segment)
        date = find_date(segment) if m else None
        if m and date:
            label = m.group("label").lower()
            kind = "updated" if label in UPDATED_LABELS else "published"
            found.append((kind, date))
    return found


def _breadcrumb(text: str, sentence: bool) -> list[str] | None:
    if len(text) > 100 or "://" in text or "(" in text or sentence:
        return None
    if not any(sep in text for sep in (">", "»", "›", " / ")):
        return None
    parts = [p.strip() for p in _BREADCRUMB_SPLIT.split(text)]
    if len(parts) < 2 or not all(parts):
        return None
    if any(len(p.split()) > 4 or p.isdigit() or p[-1] in ",;:" for p in parts):
        return None
    return parts


def _editor(text: str) -> list[str] | None:
    if len(text) > 160 or not (text[:1] in "(（" or "编辑" in text or "dit" in text):
        return None
    if text.startswith("(") and (m := _REUTERS_CREDIT.match(text)):
        return split_names(m.group("editors") or "")
    if (m := _EDITOR.match(text)) and (
        text.startswith(("(", "（")) or ":" in text or "：" in text or " by " in text.lower()
    ):
        return split_names(m.group("names"))
    return None


def _is_caption(text: str) -> bool:
    if len(text) > 600:
        return False
    labelled = ":" in text or "：" in text or text.startswith(("图为", "Media caption", "media"))
    labelled = labelled or (" by " in text[:30] or " courtesy" in text[:30])
    labelled = labelled or (" by " in text[-60:] and "ph" in text.lower())
    if labelled and _CAPTION_LABEL.search(text):
        return True
    if not text.endswith(")"):
        return False
    m = _CREDIT_PAREN.search(text)
    if not m or m.start() == 0:
        return False
    credit = m.group("credit")
    return "/" in credit or bool(_CREDIT_WORDS.search(credit))


_NAME_SPLIT = re.compile(r"\s*(?:,|;|、|，|/|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|和)\s*", re.I)


def split_names(text: str) -> list[str]:
    """Names in a list written "A, B and C" (or 、, 和, und, et...)."""
    names = []
    for part in _NAME_SPLIT.split(text):
        name = part.strip(" .:;-–—()[]")
        if name and not any(ch.isdigit() for ch in name) and len(name) <= 60:
            names.append(name)
    return names


# --- units ------------------------------------------------------------------------

_CHUNK_SPLIT = re.compile(r"\n[ \t\u00a0\u3000]*\n")


def split_units(text: str, *, limit: int | None = None) -> list[Line]:
    """Lines, with hard-wrapped paragraphs rejoined into one unit.

    Past `limit` units the rest is cut cheaply: blank-line blocks, each whole, and
    tiny ones merged to some 400 characters, so that a megabyte of one-character
    lines or paragraphs stays a few thousand units (a page is never that long).
    """
    units: list[Line] = []
    pending: list[str] = []
    pending_size = 0
    number = 0
    for number, chunk in enumerate(_CHUNK_SPLIT.split(text)):
        room = limit - len(units) if limit is not None else -1
        if limit is not None and room <= 0:
            joined = " ".join(chunk.split())
            if joined:
                pending.append(joined)
                pending_size += len(joined)
            if pending_size >= _REST_UNIT:
                units.append(Line(" ".join(pending), number, len(units)))
                pending, pending_size = [], 0
            continue
        parts = chunk.split("\n", room) if room > 0 else chunk.split("\n")
        rest = parts.pop() if room > 0 and len(parts) > room else None
        lines = [" ".join(line.split()) for line in parts]
        lines = [line for line in lines if line]
        if rest is not None and (joined := " ".join(rest.split())):
            lines.append(joined)
        if not lines:
            continue
        if _hard_wrapped(lines):
            units.append(Line(join_wrapped(lines), number, len(units)))
        else:
            for line in lines:
                units.append(Line(line, number, len(units)))
    if pending:
        units.append(Line(" ".join(pending), number, len(units)))
    return units


_REST_UNIT = 400


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2 or len(lines) > 400:
        return False
    body = lines[:-1]
    longest = max(len(line) for line in body)
    if longest > 110 or longest < 30:
        return False
    if any(len(line) < 0.55 * longest for line in body) or len(lines[-1]) > longest + 5:
        return False
    probe = [Line(line) for line in lines]
    return not any(u.furniture or u.list_item for u in probe)


def join_wrapped(lines: list[str]) -> str:
    """Lines of one hard-wrapped paragraph as one line (a hyphenated word made whole)."""
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("-") and not out.endswith(" -") and line[:1].islower():
            out = out[:-1] + line  # re-join a word hyphenated at the wrap
        elif is_unspaced(out[-1]) and is_unspaced(line[0]):
            out += line
        else:
            out += " " + line
    return out
