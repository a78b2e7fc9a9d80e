"""Recover a news article from a plain-text copy of its web page.

A text copy of a news page is the article plus the page's furniture: masthead, date
strip, breadcrumbs, kicker, share buttons, photo caption, editor credit, "Most Viewed"
lists. The approach is a small rule set over line features, not per-outlet rules:

1. Split the text into units: lines, except that hard-wrapped paragraphs are rejoined.
2. Give each unit features (`_Features`): is it a byline, a date, a breadcrumb, a share
   bar, a photo caption, an editor credit, a trailer heading, a sentence...
3. The body starts at the first unit that reads as prose (or opens with a dateline);
   a prose unit followed closely by a byline is the standfirst, not the body.
4. The header (everything before the body) yields the metadata: the title is the
   headline-like line nearest above the byline (else the longest one), the section is
   the last breadcrumb, and dates keep the most precise one seen.
5. The body ends at an editor credit or a trailer heading ("Related reading"), and
   trailing short lines (link lists) are dropped. A file with no header at all is
   body-only: then every unit is body and nothing is dropped.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from newsreader.extraction.dates import MONTH, FoundDate, find_date, is_date_line
from newsreader.extraction.page import ExtractedPage
from newsreader.models import Block, BlockKind, Run
from newsreader.query.scripts import UNSPACED_RANGES, is_unspaced
from newsreader.sanitize import clean_text, normalize_newlines

# --- line features -----------------------------------------------------------------

_BYLINE = re.compile(
    r"^(?:(?:by|written by|words by|reported by)\s+|(?:authors?|作者)\s*[:：]\s*|记者\s*[:：]?\s*)"
    r"(?=\S)",
    re.I,
)
_STAMP_LABEL = re.compile(
    r"^(?P<label>published|posted|updated|last updated|first published|modified|date|"
    r"发布时间|更新时间|时间)\s*(?:on|at)?\s*[:：]?\s*",
    re.I,
)
_UPDATED_LABELS = frozenset({"updated", "last updated", "modified", "更新时间"})
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
_CREDIT_PAREN = re.compile(r"\((?P<credit>[^()]{2,80})\)\s*$")
_CREDIT_WORDS = re.compile(
    r"\b(?:photo|photograph|photos|image|picture|credit|getty|file photo|pool|illustration)\b",
    re.I,
)
_CAPTION_LABEL = re.compile(
    r"(?:^(?:photo|image|caption|pictured|picture|图|图片)\s*[:：])|"
    r"(?:\b(?:photo|photograph|image|picture)\s*(?:credit)?\s*:\s*[^.]{2,60}$)",
    re.I,
)
_BREADCRUMB_SPLIT = re.compile(r"\s*(?:>>|»|›|>|\s/\s)\s*")
_PLACE_CAPS = (
    rf"[A-Z][A-Z.'’ -]{{1,40}}(?:,\s*[A-Z][A-Za-z.'’ ]{{1,25}})?(?:,\s*{MONTH}\s+\d{{1,2}})?"
)
_PLACE_NAME = r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}"
_DATELINE = re.compile(
    r"^(?P<place>"
    + _PLACE_CAPS  # WASHINGTON, D.C., Nov. 5
    + rf"|{_PLACE_NAME}(?:,\s*[A-Z][\w.'’ ]{{1,25}}?)?,\s*{MONTH}\s+\d{{1,2}}"  # Paris, Nov. 5
    + rf"|{_PLACE_NAME}(?=\s*\()"  # London (Reuters)
    + r")\s*(?:\((?P<agency>[^()]{2,50})\))?\s*(?:--|—|–|\s-)\s+(?=\S)"
)
_LIST_MARK = re.compile(r"^(?:[-*•·▪●◦‣]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’»」』)\]]*$""")
_COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s*\d{4}|all rights reserved|版权所有)", re.I)
_NAVIGATION = re.compile(
    r"^(?:skip to (?:main )?content|skip navigation|menu|search|sign in|log in|subscribe|"
    r"home|back to home|advertisement)\b",
    re.I,
)
_CJK_DATELINE = re.compile(
    r"^(?:【(?P<place>[^】]{1,12})】|(?P<agency>新华社|中新社|本报|人民网)?(?P<place2>[\u4e00-\u9fff]{2,8}?)?"
    r"(?P<date>\d{1,2}月\d{1,2}日)电)"
)
_ROLE_WORDS = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|special to|"
    r"bureau chief|senior|chief)\b",
    re.I,
)


def _trailer_phrases() -> frozenset[str]:
    phrases = {
        "related",
        "related reading",
        "related articles",
        "related stories",
        "related news",
        "related coverage",
        "read more",
        "read also",
        "see also",
        "more on this story",
        "more from",
        "recommended",
        "we recommend",
        "recommended for you",
        "you may also like",
        "you might also like",
        "most viewed",
        "most read",
        "most popular",
        "popular",
        "trending",
        "trending now",
        "tags",
        "key words",
        "keywords",
        "topics",
        "links",
        "share",
        "share this article",
        "share this",
        "comments",
        "leave a comment",
        "advertisement",
        "sponsored",
        "newsletter",
        "follow us",
        "相关新闻",
        "相关阅读",
        "推荐阅读",
        "热门",
        "关键词",
    }
    return frozenset(phrases)


_TRAILERS = _trailer_phrases()


_CJK_CHARS = re.compile(f"[{UNSPACED_RANGES}]")


@dataclass
class _Unit:
    """One line (or rejoined paragraph) of the page and its features."""

    text: str
    chunk: int = 0
    """Which blank-line-separated block of the page the unit came from."""

    @cached_property
    def words(self) -> int:
        return len(self.text.split())

    @cached_property
    def cjk(self) -> int:
        return len(_CJK_CHARS.findall(self.text))

    @cached_property
    def weight(self) -> int:
        """Length in words, counting two CJK characters as a word."""
        return self.words + self.cjk // 2

    @cached_property
    def sentence(self) -> bool:
        return bool(_SENTENCE_END.search(self.text))

    @cached_property
    def byline(self) -> bool:
        if len(self.text) > 200 or not _BYLINE.match(self.text):
            return False
        rest = _BYLINE.sub("", self.text, count=1)
        return bool(rest) and (rest[0].isupper() or is_unspaced(rest[0]))

    @cached_property
    def stamps(self) -> list[tuple[str, FoundDate]]:
        """('published' | 'updated', date) for each labelled date on the line.

        A line may carry several, separated by bars: "Published: ... | Updated: ...".
        """
        if len(self.text) > 160:
            return []
        found = []
        for segment in re.split(r"\s*[|｜]\s*", self.text):
            m = _STAMP_LABEL.match(segment)
            date = find_date(segment) if m else None
            if m and date:
                label = m.group("label").lower()
                kind = "updated" if label in _UPDATED_LABELS else "published"
                found.append((kind, date))
        return found

    @cached_property
    def stamp(self) -> str | None:
        """'published' or 'updated' for a line that carries labelled dates."""
        return self.stamps[0][0] if self.stamps else None

    @cached_property
    def date_only(self) -> bool:
        return is_date_line(self.text)

    @cached_property
    def breadcrumb(self) -> list[str] | None:
        text = self.text
        if len(text) > 100 or "://" in text or "(" in text or self.sentence:
            return None
        parts = [p.strip() for p in _BREADCRUMB_SPLIT.split(text)]
        if len(parts) < 2 or not all(parts):
            return None
        if any(len(p.split()) > 4 or p.isdigit() or p[-1] in ",;:" for p in parts):
            return None
        return parts

    @cached_property
    def share(self) -> bool:
        if len(self.text) > 200:
            return False
        if "|" in self.text:
            parts = [p.strip() for p in self.text.split("|")]
            if len(parts) >= 2 and all(len(p.split()) <= 3 for p in parts):
                return True
        return len(_SHARE_WORDS.findall(self.text)) >= 3 and not self.sentence

    @cached_property
    def editor(self) -> list[str] | None:
        if len(self.text) > 160:
            return None
        if m := _REUTERS_CREDIT.match(self.text):
            return _split_names(m.group("editors") or "")
        if (m := _EDITOR.match(self.text)) and (
            self.text.startswith(("(", "（"))
            or ":" in self.text
            or "：" in self.text
            or " by " in self.text.lower()
        ):
            return _split_names(m.group("names"))
        return None

    @cached_property
    def caption(self) -> bool:
        if _CAPTION_LABEL.search(self.text):
            return True
        m = _CREDIT_PAREN.search(self.text)
        if not m or m.start() == 0:
            return False
        credit = m.group("credit")
        return "/" in credit or bool(_CREDIT_WORDS.search(credit))

    @cached_property
    def trailer(self) -> bool:
        key = " ".join(self.text.strip(" :：>»|").split()).casefold()
        return key in _TRAILERS or bool(_COPYRIGHT.match(self.text))

    @cached_property
    def navigation(self) -> bool:
        """Site chrome that is never a masthead or title ("Skip to main content")."""
        return bool(_NAVIGATION.match(self.text))

    @cached_property
    def dateline(self) -> re.Match[str] | None:
        return _DATELINE.match(self.text)

    @cached_property
    def list_item(self) -> bool:
        return bool(_LIST_MARK.match(self.text))

    @cached_property
    def furniture(self) -> bool:
        """Page furniture that is never body text."""
        return bool(
            self.byline
            or self.stamp
            or self.share
            or self.breadcrumb
            or self.date_only
            or self.editor is not None
            or self.caption
        )

    @cached_property
    def prose(self) -> bool:
        """Reads as article text: a real sentence, or a paragraph opening with a dateline."""
        if self.furniture or self.trailer:
            return False
        if self.dateline and self.weight >= 6:
            return True
        if self.cjk >= 30:
            return True
        return self.sentence and self.weight >= 6

    @cached_property
    def headline(self) -> bool:
        """Could be a headline: short, one line, not ending like a sentence."""
        if self.furniture or self.trailer or self.list_item or self.navigation:
            return False
        return 0 < self.weight <= 30 and not self.text.endswith((".", ",", ";", ":", "。"))


# --- units ------------------------------------------------------------------------


def _units(text: str) -> list[_Unit]:
    """Lines, with hard-wrapped paragraphs rejoined into one unit."""
    units: list[_Unit] = []
    for number, chunk in enumerate(re.split(r"\n[ \t\u00a0\u3000]*\n", text)):
        lines = [" ".join(line.split()) for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if _hard_wrapped(lines):
            units.append(_Unit(_join_wrapped(lines), number))
        else:
            units.extend(_Unit(line, number) for line in lines)
    return units


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    body = lines[:-1]
    longest = max(len(line) for line in body)
    if longest > 110 or longest < 30:
        return False
    if any(len(line) < 0.55 * longest for line in body) or len(lines[-1]) > longest + 5:
        return False
    probe = [_Unit(line) for line in lines]
    return not any(u.furniture or u.list_item for u in probe)


def _join_wrapped(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("-") and not out.endswith(" -") and line[:1].islower():
            out = out[:-1] + line  # re-join a word hyphenated at the wrap
        elif is_unspaced(out[-1]) and is_unspaced(line[0]):
            out += line
        else:
            out += " " + line
    return out


# --- field parsers ---------------------------------------------------------------


_NAME_SPLIT = re.compile(r"\s*(?:,|;|、|，|/|&|\band\b|\bund\b|\bet\b|和)\s*", re.I)


def _split_names(text: str) -> list[str]:
    names = []
    for part in _NAME_SPLIT.split(text):
        name = part.strip(" .:;-–—()[]")
        if name and not any(ch.isdigit() for ch in name) and len(name) <= 60:
            names.append(name)
    return names


_DATE_START = re.compile(
    rf"(?:\s[|•·–—-]\s|\||\b\d{{1,2}}[:.]\d{{2}}\b|\b{MONTH}\s+\d|\b\d{{1,2}}\s+{MONTH}|\b\d{{4}}-\d{{2}}"
    rf"|\b(?:published|updated|posted)\b|\d{{4}}年)",
    re.I,
)


@dataclass
class _Byline:
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    date: FoundDate | None = None


def _parse_byline(text: str) -> _Byline:
    rest = _BYLINE.sub("", text, count=1).strip()
    out = _Byline(date=find_date(rest))
    if m := _DATE_START.search(rest):
        names_part, tail = rest[: m.start()], rest[m.start() :]
    else:
        names_part, tail = rest, ""
    if m := re.search(r"\(([^()]{2,60})\)", names_part):
        out.outlet = m.group(1).strip()
        names_part = names_part[: m.start()] + names_part[m.end() :]
    if out.outlet is None:
        for piece in re.split(r"\s*[|•·–—]\s*", tail):
            piece = piece.strip(" -")
            if (
                piece
                and not find_date(piece)
                and not _STAMP_LABEL.match(piece)
                and not any(ch.isdigit() for ch in piece)
            ):
                out.outlet = piece
                break
    names_part = names_part.strip(" ,-–—|")
    parts = [p.strip() for p in names_part.split(",")]
    has_conjunction = bool(re.search(r"\band\b|&|和|、", names_part))
    if len(parts) >= 2 and not has_conjunction:
        # "By NAME, Agency" or "By NAME, Staff Writer": the tail is not another author.
        extra = ", ".join(parts[1:])
        if not _ROLE_WORDS.search(extra) and out.outlet is None:
            out.outlet = extra
        names_part = parts[0]
    out.authors = [
        # AP-style capitals ("By EGILL BJARNASON") read better as a name.
        string.capwords(n) if n.isupper() and len(n) > 3 else n
        for n in _split_names(names_part)
        if not _ROLE_WORDS.fullmatch(n)
    ]
    return out


def _better(current: FoundDate | None, found: FoundDate | None) -> FoundDate | None:
    if found is None:
        return current
    if current is None or found.precision > current.precision:
        return found
    return current


# --- the rule set ---------------------------------------------------------------


def _body_start(units: list[_Unit]) -> int:
    """Index of the first body unit; len(units) if there is no prose at all."""
    i = 0
    n = len(units)
    while i < n:
        if units[i].prose:
            # A prose unit with a byline or date stamp right after it is the standfirst.
            lookahead = units[i + 1 : i + 4]
            if any(u.byline or u.stamp for u in lookahead):
                i += 1
                continue
            return i
        i += 1
    return n


def parse_plaintext(raw: str) -> ExtractedPage:
    """Split a plain-text page into the article's metadata and body blocks."""
    text = unicodedata.normalize("NFC", clean_text(normalize_newlines(raw)))
    units = _units(text)
    out = ExtractedPage()
    if not units:
        return out
    start = _body_start(units)
    if start == len(units):
        # No prose anywhere: a list of lines. Keep every line; the first may be a title.
        if len(units) > 1 and units[0].headline:
            out.title = units[0].text
            units = units[1:]
        out.body = [_block(u) for u in units]
        out.language = _guess_language(text)
        return out

    header, body = units[:start], units[start:]
    masthead = _read_header(header, out)
    body_only = not header
    out.body = _read_body(body, out, keep_everything=body_only)
    out.site = out.site or masthead
    out.language = _guess_language(" ".join(b.plain for b in out.body[:20]))
    return out


def _read_header(header: list[_Unit], out: ExtractedPage) -> str | None:
    """Fill the metadata from the header units; returns the masthead, if there is one."""
    stamp_dates: dict[str, FoundDate | None] = {"published": None, "updated": None}
    loose_date: FoundDate | None = None
    byline_at: int | None = None
    plain: list[int] = []
    for i, unit in enumerate(header):
        if unit.byline and byline_at is None:
            byline_at = i
            byline = _parse_byline(unit.text)
            out.authors = byline.authors
            out.site = out.site or byline.outlet
            loose_date = _better(loose_date, byline.date)
        elif unit.stamp:
            for kind, date in unit.stamps:
                stamp_dates[kind] = _better(stamp_dates[kind], date)
        elif unit.editor is not None:
            out.editors = unit.editor
        elif unit.caption:
            out.caption = out.caption or unit.text
        elif unit.breadcrumb:
            out.section = unit.breadcrumb[-1]
        elif unit.date_only:
            loose_date = _better(loose_date, find_date(unit.text))
        elif unit.share:
            continue
        else:
            plain.append(i)

    title_at, summary_at = _choose_title(
        header, [i for i in plain if header[i].headline], byline_at
    )
    if title_at is not None:
        out.title = header[title_at].text
    if summary_at is not None:
        out.summary = header[summary_at].text
    masthead = None
    for i in plain:
        unit = header[i]
        if title_at is not None and i > title_at and unit.prose and out.summary is None:
            out.summary = unit.text
        elif i == 0 and title_at not in (None, 0) and unit.weight <= 4 and not unit.navigation:
            masthead = unit.text
    published = stamp_dates["published"] or loose_date
    updated = stamp_dates["updated"]
    # A page that only says when it was updated was at least published by then.
    first_known = published or updated
    out.published = first_known.iso if first_known else None
    out.updated = updated.iso if updated and updated != published else None
    return masthead


def _choose_title(
    header: list[_Unit], candidates: list[int], byline_at: int | None
) -> tuple[int | None, int | None]:
    """The headline's index and a standfirst's index (either may be None).

    With a byline, the headline is the nearest headline-like line above it. A headline
    directly followed, in the same block, by a longer line without a full stop is a
    headline with its standfirst (both the Guardian and many blogs lay pages out so).
    Otherwise the longest headline-like line wins.
    """
    pairs = [
        (i, j)
        for i, j in zip(candidates, candidates[1:], strict=False)
        if j == i + 1
        and header[i].chunk == header[j].chunk
        and header[i].weight >= 3
        and header[j].weight >= max(8, header[i].weight)
    ]
    if byline_at is not None:
        above = [i for i in candidates if i < byline_at]
        if above:
            for i, j in pairs:
                if j == above[-1]:
                    return i, j
            return above[-1], None
    if pairs:
        return pairs[0]
    if candidates:
        return max(candidates, key=lambda i: (header[i].weight, -i)), None
    return None, None


def _read_body(body: list[_Unit], out: ExtractedPage, *, keep_everything: bool) -> list[Block]:
    if keep_everything:
        end = len(body)
    else:
        end = next(
            (i for i, u in enumerate(body) if u.editor is not None or (i > 0 and u.trailer)),
            len(body),
        )
        if end < len(body) and body[end].editor is not None:
            out.editors = body[end].editor or out.editors
        # Trailing short lines after the last sentence are link lists and widgets.
        # A short closing sentence ("Lawless reported from London.") is still the article.
        last_text = max(
            (
                i
                for i in range(end)
                if body[i].prose or (body[i].sentence and not body[i].furniture)
            ),
            default=0,
        )
        end = min(end, last_text + 1)
        # An editor credit after the trailer headings still names the editors.
        if not out.editors:
            for unit in body[end:]:
                if unit.editor:
                    out.editors = unit.editor
                    break

    first = body[0]
    if first.dateline:
        out.dateline = first.dateline.group("place").strip(" ,")
        agency = first.dateline.group("agency")
        if agency and out.site is None:
            out.site = agency.strip()
    elif m := _CJK_DATELINE.match(first.text):
        place = m.group("place") or m.group("place2")
        out.dateline = " ".join(p for p in (place, m.group("date")) if p) or None
        if m.group("agency") and out.site is None:
            out.site = m.group("agency")

    blocks: list[Block] = []
    for i, unit in enumerate(body[:end]):
        if not keep_everything:
            if unit.share or unit.byline or (unit.stamp and i < 3):
                continue
            if unit.caption and not unit.prose and out.caption is None:
                out.caption = unit.text
                continue
            if unit.caption and out.caption == unit.text:
                continue
        blocks.append(_block(unit, next_is_prose=i + 1 < end and body[i + 1].prose))
    return blocks


def _block(unit: _Unit, *, next_is_prose: bool = False) -> Block:
    text = unit.text
    if unit.list_item:
        m = _LIST_MARK.match(text)
        assert m is not None
        marker = m.group(0).strip()
        ordinal = int(marker[:-1]) if marker[:-1].isdigit() else 0
        return Block(BlockKind.LIST_ITEM, (Run(text[m.end() :]),), ordinal=ordinal)
    if next_is_prose and unit.headline and not unit.sentence and unit.weight <= 12:
        return Block(BlockKind.HEADING, (Run(text),), level=2)
    if unit.caption and not unit.prose:
        return Block(BlockKind.PARAGRAPH, (Run(text, italic=True),))
    return Block(BlockKind.PARAGRAPH, (Run(text),))


def _guess_language(text: str) -> str | None:
    """A script-based guess, only where the script decides it (Chinese, Japanese, Korean)."""
    sample = text[:4000]
    kana = sum(1 for ch in sample if "\u3040" <= ch <= "\u30ff")
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    hangul = sum(1 for ch in sample if "\uac00" <= ch <= "\ud7af")
    letters = sum(1 for ch in sample if ch.isalpha()) or 1
    if kana and (kana + han) / letters > 0.3:
        return "ja"
    if han / letters > 0.3:
        return "zh"
    if hangul / letters > 0.3:
        return "ko"
    return None
