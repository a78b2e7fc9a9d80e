"""Which characters text handling must treat by their script, defined once.

Chinese and Japanese are written without spaces between words ("unspaced"): a line
break inside a paragraph joins without a space, and two characters weigh about a word.
Korean puts spaces between words but glues particles to them (정부는 is 정부 + 는), so
search and highlighting match Korean, like Chinese and Japanese, anywhere inside the
text ("infix"), not only as whole words.

Used by search, highlighting and page parsing (`extraction` reads the ranges too), so it
imports nothing from the package.
"""

from __future__ import annotations

import re

UNSPACED_RANGES = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
"""Kana, CJK ideographs (extension A, unified, compatibility), for regex classes."""
INFIX_RANGES = UNSPACED_RANGES + "\uac00-\ud7af"
"""The unspaced scripts and Hangul syllables: matched inside words."""


def is_unspaced(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def is_infix(ch: str) -> bool:
    return is_unspaced(ch) or "\uac00" <= ch <= "\ud7af"


_UNSPACED = re.compile(f"[{UNSPACED_RANGES}]")
_INFIX = re.compile(f"[{INFIX_RANGES}]")
# Splitting on the runs between CJK text is twice as fast as finding the runs themselves.
_NOT_INFIX = re.compile(f"[^{INFIX_RANGES}]+")


def has_unspaced(text: str) -> bool:
    """Whether text has Chinese or Japanese in it (one regex scan: a character-by-character
    test in Python cost 0.9 s of the 2 s that printing a 1 MB article took)."""
    return not text.isascii() and bool(_UNSPACED.search(text))


def has_cjk(text: str) -> bool:
    """Whether text has characters the CJK index is for (the infix scripts)."""
    return bool(_INFIX.search(text))


def cjk_split(*parts: str | None) -> str:
    """The CJK characters of `parts`, one token each, runs kept apart by a barrier token.

    This is how the store's CJK index sees text (and the in-memory matcher mirrors it):
    "政府 (AP) 网络" becomes "政 府 x 网 络", so a phrase query "政 府" matches exactly
    the text 政府, and never two characters that were not next to each other.
    """
    runs: list[str] = []
    for part in parts:
        if part and not part.isascii():
            runs.extend(run for run in _NOT_INFIX.split(part) if run)
    return " x ".join(" ".join(run) for run in runs)
