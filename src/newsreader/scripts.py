"""Which characters text handling must treat by their script, defined once.

Chinese and Japanese are written without spaces between words ("unspaced"): a line
break inside a paragraph joins without a space, and two characters weigh about a word.
Korean puts spaces between words but glues particles to them (정부는 is 정부 + 는), so
search and highlighting match Korean, like Chinese and Japanese, anywhere inside the
text ("infix"), not only as whole words. Leaf module.
"""

from __future__ import annotations

UNSPACED_RANGES = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
"""Kana, CJK ideographs (extension A, unified, compatibility), for regex classes."""
INFIX_RANGES = UNSPACED_RANGES + "\uac00-\ud7af"
"""The unspaced scripts and Hangul syllables: matched inside words."""


def is_unspaced(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def is_infix(ch: str) -> bool:
    return is_unspaced(ch) or "\uac00" <= ch <= "\ud7af"
