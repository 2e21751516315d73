"""Folding words for comparison: lowercase, without diacritics (Vučić = Vucic, Sølvberg =
Solvberg). Shared by the quote engine's names and coverage's terms."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# letters Unicode does not decompose into a base letter and a mark: Sølvberg = Solvberg
_UNDECOMPOSABLE = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
    }
)


def fold(text: str) -> str:
    """Lowercase without diacritics."""
    if text.isascii():
        return text.casefold()  # cheaper than a cache look-up
    return _fold_unicode(text)


@lru_cache(maxsize=16384)
def _fold_unicode(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
