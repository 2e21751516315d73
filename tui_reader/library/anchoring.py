"""Anchoring annotations to article text so that they survive a changed re-fetch.

An annotation keeps its passage with some text before and after it (like a W3C Web Annotation
TextQuoteSelector). When the article text changes, :func:`reanchor` places it again: exact
matches of the passage first (ties broken by the surrounding text, then by closeness to the old
position), then a fuzzy match, using the prefix and suffix as landmarks or aligning the passage
itself. When nothing fits well enough it returns ``None``: the caller keeps the annotation and
flags it as orphaned, it never drops it.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32
"""How much text before and after a passage is kept with it."""

MIN_FUZZY_SCORE = 80.0
"""rapidfuzz similarity (0-100) a fuzzy placement needs."""


@dataclass(frozen=True, slots=True)
class Selector:
    """A passage with the text around it."""

    passage: str
    prefix: str
    suffix: str


def make_selector(text: str, start: int, end: int) -> Selector:
    """The selector of ``text[start:end]``."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"offsets {start}..{end} are outside the text (0..{len(text)})")
    return Selector(
        passage=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def _context_score(text: str, start: int, end: int, sel: Selector) -> float:
    from rapidfuzz import fuzz  # imported on first use: it costs the app's start-up

    before = text[max(0, start - len(sel.prefix)) : start]
    after = text[end : end + len(sel.suffix)]
    score = 0.0
    if sel.prefix:
        score += fuzz.ratio(before, sel.prefix)
    if sel.suffix:
        score += fuzz.ratio(after, sel.suffix)
    return score


def _occurrences(text: str, needle: str) -> list[int]:
    found, pos = [], text.find(needle)
    while pos != -1:
        found.append(pos)
        pos = text.find(needle, pos + 1)
    return found


def _exact(text: str, sel: Selector, hint: int) -> tuple[int, int] | None:
    starts = _occurrences(text, sel.passage)
    if not starts:
        return None
    n = len(sel.passage)
    best = max(starts, key=lambda s: (_context_score(text, s, s + n, sel), -abs(s - hint)))
    return best, best + n


def _between_landmarks(text: str, sel: Selector, hint: int) -> tuple[int, int] | None:
    from rapidfuzz import fuzz  # imported on first use: it costs the app's start-up

    """The text between the old prefix and suffix, when both are still there."""
    if len(sel.prefix) < 8 or len(sel.suffix) < 8:
        return None
    candidates: list[tuple[float, int, int, int]] = []
    limit = 2 * len(sel.passage) + 64
    for p in _occurrences(text, sel.prefix):
        start = p + len(sel.prefix)
        end = text.find(sel.suffix, start)
        if end <= start or end - start > limit:
            continue
        score = fuzz.ratio(text[start:end], sel.passage)
        if score >= MIN_FUZZY_SCORE * 0.75:
            candidates.append((score, -abs(start - hint), start, end))
    if not candidates:
        return None
    _, _, start, end = max(candidates)
    return start, end


def _aligned(text: str, sel: Selector) -> tuple[int, int] | None:
    """The best fuzzy alignment of the passage itself."""
    from rapidfuzz import fuzz

    if len(sel.passage.strip()) < 12:
        return None
    result = fuzz.partial_ratio_alignment(sel.passage, text, score_cutoff=MIN_FUZZY_SCORE)
    if result is None or result.dest_end <= result.dest_start:
        return None
    return result.dest_start, result.dest_end


def reanchor(text: str, sel: Selector, hint: int = 0) -> tuple[int, int] | None:
    """Where the passage of ``sel`` is in ``text`` now, or ``None`` when it cannot be placed.

    ``hint`` is the old start offset: among equally good places, the nearest wins.
    """
    if not sel.passage:
        return None
    return _exact(text, sel, hint) or _between_landmarks(text, sel, hint) or _aligned(text, sel)


def anchor_kind(coded: str, placed: str, *, moved: bool, before: str = "exact") -> str:
    """How a re-anchored passage sits: ``exact`` (the words as coded, where they were),
    ``moved`` (the same words elsewhere, now or after an earlier re-fetch) or ``fuzzy`` (on
    changed words)."""
    if placed != coded:
        return "fuzzy"
    if moved or before in ("moved", "fuzzy", "orphaned"):
        return "moved"
    return "exact"
