"""Case and accent folding, defined once for each of the two engines that match text.

Two rules, on purpose, because two engines must be mirrored:

- `fold` is what highlighting matches on (`query.spans`): every character folded on its
  own (NFKD without combining marks, then casefold), with a map back to the original
  offsets so a span can be drawn over the text as written. Hangul syllables are kept
  whole: NFKD would take them apart into letters (jamo) and hide every match inside a
  Korean word with a particle glued on.
- `index_tokens` is how SQLite's unicode61 tokenizer (remove_diacritics) splits and
  folds the words of the search index; `query.matcher` uses it to answer, for one
  article in memory, exactly what the store answers with its index. The CJK index is
  mirrored by `query.scripts.cjk_split`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if "\uac00" <= ch <= "\ud7af":
        return ch  # NFKD would take a Hangul syllable apart into letters (jamo)
    decomposed = unicodedata.normalize("NFKD", ch)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return (kept or ch).casefold()


def fold(text: str) -> tuple[str, list[int] | None]:
    """Text folded for highlighting, and a map from folded to original offsets.

    The map is None when folding kept every offset (the common case), which lets a
    1 MB article be folded with one `str.translate` instead of a per-character loop.
    """
    if text.isascii():
        return text.lower(), None
    table = {ord(ch): _fold_char(ch) for ch in set(text)}
    if all(len(v) == 1 for v in table.values()):
        return text.translate(table), None
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = table[ord(ch)]
        out.append(folded)
        index.extend([i] * len(folded))
    index.append(len(text))
    return "".join(out), index


_TOKEN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def _fold_token(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def index_tokens(text: str) -> list[str]:
    """Folded tokens, split the way the search index (unicode61) splits them."""
    return [_fold_token(t) for t in _TOKEN.findall(text)]
