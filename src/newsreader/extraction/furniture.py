"""What the furniture of a news page looks like as a line of text: bylines, dated
stamps, editor credits, captions, breadcrumbs, share bars, datelines, asides.

Patterns and recognisers over one line's text, in the languages the pages come in;
`lines.Line` computes them once per unit and the line model and the reader's rules
use them. Kept apart from `lines` so the one place that says what a page's chrome
looks like can be read, and tested, on its own.
"""

from __future__ import annotations

import re
from typing import Final

from newsreader.extraction.dates import MONTH, FoundDate, find_date
from newsreader.query.scripts import is_unspaced

BYLINE = re.compile(
    r"^(?:(?:by|written by|words by|reported by|par|por|von)(?:\s*[:：]\s*|\s+)"
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
SHARE_WORDS = re.compile(
    r"\b(?:email|e-mail|print|comments?|share|tweet|twitter|facebook|reddit|whatsapp|linkedin|"
    r"weibo|microblog|pinterest|telegram|copy link|save)\b",
    re.I,
)
SHARE_HINTS = ("share", "mail", "print", "comment", "tweet", "twitter", "facebook", "link")
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
SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’»」』)\]]*$""")
COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s*\d{4}|all rights reserved|版权所有)", re.I)
NAVIGATION = re.compile(
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
    r"bureau chief|senior|chief|photograph\w*|photos?|technologist|analyst|producer|"
    r"engineer|developer|scientist|researcher)\b",
    re.I,
)
# A line that says the article goes on, or points away from it, mid-article: dropped,
# and the body goes on after it ("ALSO READ: ...", "Story continues below advertisement").
ASIDE = re.compile(
    r"^(?:also read|read also|read more|see also|related|more|watch|listen|recommended|"
    r"advertisement|sponsored|story continues below|article continues below|continue reading|"
    r"相关阅读|相关新闻|推荐阅读|延伸阅读)\b\s*[:：|»>-]",
    re.I,
)
ASIDE_WHOLE = re.compile(
    r"^(?:story|article) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?$", re.I
)
CALL_TO_ACTION = re.compile(
    r"(?:continue reading|read more\b|advertisement\b|story continues below|skip (?:to|ad)\b|"
    r"listen to (?:this|the) (?:article|story)|share (?:this|on)\b|click here\b|"
    r"(?:subscribe|sign up|register)\b.{0,60}\b(?:newsletter|inbox|free|today|now)\b|"
    r"(?:please )?(?:support|donate to) (?:our|us|independent|local)\b"
    r".{0,80}\b(?:donat\w*|give|contribut\w*|support\w*|journalism)\b)",
    re.I,
)
"""A call to action a page puts in its article's way, a whole short line that starts
so: above the lede of a saved page (`html`), or between paragraphs of a text copy
(`lines.Line.aside`)."""
# What a page's widgets say in the article's place: a video player's notices, a call to
# subscribe or click; and an editor's note in square brackets ("[Get X in your inbox.]").
PROMO = re.compile(
    r"\b(?:this (?:video|content) is (?:not|no longer) available|this is a modal window|"
    r"your browser does not support|click here\b|sign up (?:for|to)\b|subscribe to (?:our|the)\b|"
    r"join (?:the|our)\b.{0,40}\bnewsletter)",
    re.I,
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


def is_byline(text: str) -> bool:
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
            and not SENTENCE_END.search(rest)
        )
    return rest[0].isupper() or is_unspaced(rest[0])


_DIGIT = re.compile(r"\d")
_NAMES_END = re.compile(r"\s[—–|-]\s|\s\d|,\s*\d")
_JOINERS = frozenset("et y e und and de da van von der del la le di du".split())


def labelled_dates(text: str) -> list[tuple[str, FoundDate]]:
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


def breadcrumb_parts(text: str, sentence: bool) -> list[str] | None:
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


def editor_names(text: str) -> list[str] | None:
    if len(text) > 160 or not (text[:1] in "(（" or "编辑" in text or "dit" in text):
        return None
    if text.startswith("(") and (m := _REUTERS_CREDIT.match(text)):
        return split_names(m.group("editors") or "")
    if (m := _EDITOR.match(text)) and (
        text.startswith(("(", "（")) or ":" in text or "：" in text or " by " in text.lower()
    ):
        return split_names(m.group("names"))
    return None


_GLUED_CREDIT = re.compile(r"[.!?”\"](?:Photo |Image )?Credit")


def is_caption(text: str) -> bool:
    if len(text) > 600:
        return False
    labelled = ":" in text or "：" in text or text.startswith(("图为", "Media caption", "media"))
    labelled = labelled or (" by " in text[:30] or " courtesy" in text[:30])
    labelled = labelled or (" by " in text[-60:] and "ph" in text.lower())
    if labelled and _CAPTION_LABEL.search(text):
        return True
    if "Credit" in text and _GLUED_CREDIT.search(text):
        return True  # "... in 2023.CreditCreditJeon Heon-Kyun/EPA": a caption's credit, glued
    if not text.endswith(")"):
        return False
    m = _CREDIT_PAREN.search(text)
    if not m or m.start() == 0:
        return False
    credit = m.group("credit")
    return "/" in credit or bool(_CREDIT_WORDS.search(credit))


# "y" and "e" (and in Spanish, Portuguese, Italian) are not an initial: "Sarah E. Needleman".
_NAME_SPLIT = re.compile(
    r"\s*(?:,|;|、|，|/|&|\band\b|\bund\b|\bet\b|\by\b(?!\.)|\be\b(?!\.)|和)\s*", re.I
)


def split_names(text: str) -> list[str]:
    """Names in a list written "A, B and C" (or 、, 和, und, et...)."""
    names = []
    for part in _NAME_SPLIT.split(text):
        name = part.strip(" .:;-–—()[]")
        if name and not any(ch.isdigit() for ch in name) and len(name) <= 60:
            names.append(name)
    return names
