"""Lines of a plain-text page and what each one looks like (byline, date, share bar...).

A text copy of a news page is the article plus the page's furniture: masthead, date
strip, breadcrumbs, kicker, share buttons, photo caption, editor credit, "Most Viewed"
lists. `Line` gives each unit of the page the features that tell these apart (what
each kind of furniture looks like is in `furniture`), and `split_units` cuts a page
into units. Features are computed on first use and kept in slots:
`functools.cached_property` takes a lock on every access on Python 3.11, which made a
megabyte of short lines take a minute.
"""

from __future__ import annotations

import re
from typing import Final

from newsreader.extraction.dates import FoundDate, is_date_line
from newsreader.extraction.furniture import (
    ASIDE,
    ASIDE_WHOLE,
    BYLINE,
    CALL_TO_ACTION,
    CJK_DATELINE,
    COPYRIGHT,
    DATELINE,
    LIST_MARK,
    NAVIGATION,
    PROMO,
    ROLE_WORDS,
    SENTENCE_END,
    SHARE_HINTS,
    SHARE_WORDS,
    STAMP_LABEL,
    TRAILERS,
    breadcrumb_parts,
    editor_names,
    is_byline,
    is_caption,
    labelled_dates,
    split_names,
)
from newsreader.query.scripts import UNSPACED_RANGES, is_unspaced

# Found here by the modules that read lines (meta, markdown, plaintext).
__all__ = [
    "BYLINE",
    "CJK_DATELINE",
    "DATELINE",
    "LIST_MARK",
    "ROLE_WORDS",
    "STAMP_LABEL",
    "TRAILERS",
    "Line",
    "join_wrapped",
    "split_names",
    "split_units",
]

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
        self.sentence = bool(SENTENCE_END.search(text[-12:]))
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
            self._byline = is_byline(self.text)
        return self._byline is True

    @property
    def stamps(self) -> list[tuple[str, FoundDate]]:
        """('published' | 'updated', date) for each labelled date on the line.

        A line may carry several, separated by bars: "Published: ... | Updated: ...".
        """
        if self._stamps is _UNSET:
            self._stamps = labelled_dates(self.text)
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
            self._breadcrumb = breadcrumb_parts(self.text, self.sentence)
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
        if not any(word in lower for word in SHARE_HINTS):
            return False
        return len(SHARE_WORDS.findall(text)) >= 3

    @property
    def editor(self) -> list[str] | None:
        if self._editor is _UNSET:
            self._editor = editor_names(self.text)
        return self._editor  # type: ignore[return-value]

    @property
    def caption(self) -> bool:
        if self._caption is _UNSET:
            self._caption = is_caption(self.text)
        return self._caption is True

    @property
    def trailer(self) -> bool:
        """A heading that opens the page's end matter ("Related reading", "Most viewed")."""
        if self.weight > 8:
            return False
        key = " ".join(self.text.strip(" :：>»|").split()).casefold()
        return key in TRAILERS or bool(COPYRIGHT.match(self.text))

    @property
    def aside(self) -> bool:
        """A line inside the article that points away from it ("ALSO READ: ..."), or
        that a widget put in its place (a player's notice, a call to subscribe)."""
        text = self.text
        if (
            self.weight <= 30
            and text[:1] == "["
            and text.endswith("]")
            and _EDITORS_NOTE.search(text)
        ):
            return True  # "[What you need to know: get New York Today in your inbox.]"
        if self.weight <= 25 and PROMO.search(text):
            return True  # "Unfortunately, this video is not available in your region."
        if self.weight <= 12 and CALL_TO_ACTION.match(text):
            return True  # "Continue reading the main story", "Support our journalism: donate"
        if self.weight > 30 or not text[:1].isalpha():
            return self.trailer
        if self.trailer:
            return True
        return bool(ASIDE.match(text) or ASIDE_WHOLE.match(text))

    @property
    def navigation(self) -> bool:
        """Site chrome that is never a masthead or title ("Skip to main content")."""
        return self.weight <= 12 and bool(NAVIGATION.match(self.text))

    @property
    def dateline(self) -> re.Match[str] | None:
        return DATELINE.match(self.text) if self.text[:1].isupper() else None

    @property
    def list_item(self) -> bool:
        return bool(LIST_MARK.match(self.text))

    @property
    def copyright(self) -> bool:
        return bool(COPYRIGHT.match(self.text))

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
    def code(self) -> bool:
        """Looks like a line of program code, markup or a query, or a rule of a text
        table: what a <pre> block puts on a technical article's lines."""
        return self.weight <= 40 and len(self.text) <= 400 and bool(_CODE.search(self.text))

    @property
    def stopwords(self) -> float:
        """Share of the words that are function words (of the languages most pages use)."""
        words = self.text[:400].lower().split()
        if not words:
            return 0.0
        return sum(1 for w in words if w.strip(_PUNCTUATION) in _STOPWORDS) / len(words)


# --- units ------------------------------------------------------------------------

_CHUNK_SPLIT = re.compile(r"\n[ \t\u00a0\u3000]*\n")


def split_units(text: str, *, limit: int | None = None) -> list[Line]:
    """Lines, with hard-wrapped paragraphs rejoined into one unit (and a drop cap
    rejoined to its word).

    Past `limit` units the rest is cut cheaply: blank-line blocks, each whole, and
    tiny ones merged to some 400 characters, so that a megabyte of one-character
    lines or paragraphs stays a few thousand units (a page is never that long).
    """
    text = _DROP_CAP.sub(r"\1", text)
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


_CODE = re.compile(
    r"[;{]$|^[})\]]+,?$"  # "greets: function(target) {", "return x;", "});"
    r"|^(?://|/\*|#include\b|<!--|</?[a-z][\w-]*(?:\s+[\w-]+=|\s*/?>))"  # comments, tags
    r"|\b[a-z][a-z0-9]*_[a-z0-9_]+\b"  # snake_case names
    r"|===|!==?|=>|\|\||&&|\+="
    r"|^[\w.]+(?:\[[^\]]*\])?\s*=\s*\S"  # "exports.Cow = Cow"
    r"|\w\.\w+\("  # "chai.expect(", "cow.greets("
    r"|^(?:SELECT|FROM|WHERE|JOIN|GROUP BY|ORDER BY|INSERT INTO|CREATE TABLE)\b"
    r"|[│┃║─┼]"
)
_REST_UNIT = 400
_EDITORS_NOTE = re.compile(
    r"\b(?:inbox|newsletter|sign up|subscribe|read more|watch|listen|click|download)\b", re.I
)
# A drop cap the copy put on a line of its own: "H\n\nong Kong is burning." is one word.
_DROP_CAP = re.compile(r"(?m)^([A-ZÀ-ÞА-Я])[ \t]*\n(?:[ \t]*\n)?(?=[a-zß-ÿа-я])")


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
