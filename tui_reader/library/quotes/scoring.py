"""Scoring the quote engine against a gold file (the format of ``shared/seeds/gold.json``).

A predicted quote matches a gold quote when most of their words coincide (token Jaccard >= 0.6).
Gold fragments (under four words) are optional, and so are unmatched predictions under four
words: neither counts for or against F1, but a matched fragment's speaker must still be right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tui_reader.library.quotes.names import fold, same_entity

MATCH_JACCARD = 0.6


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


def jaccard(a: str, b: str) -> float:
    """Word-set overlap of two texts."""
    ta, tb = _tokens(a), _tokens(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 1.0


@dataclass(slots=True)
class Score:
    """Counts and ratios for one or more articles."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    speakers_right: int = 0
    speakers_checked: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.speakers_checked if self.speakers_checked else 1.0

    def add(self, other: Score) -> None:
        """Fold another article's counts into this one."""
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives
        self.speakers_right += other.speakers_right
        self.speakers_checked += other.speakers_checked
        self.errors.extend(other.errors)


def speaker_matches(predicted: str | None, gold_name: str, gold_aliases: Iterable[str]) -> bool:
    """Is a predicted speaker the gold speaker (by name, alias or entity)?"""
    if not predicted:
        return False
    names = [gold_name, *gold_aliases]
    if fold(predicted) in {fold(n) for n in names}:
        return True
    return same_entity([predicted], names)


def score_article(
    predicted: Sequence[Any], gold_quotes: Sequence[dict[str, Any]], speakers: dict[str, Any]
) -> Score:
    """Score predicted quotes (with .text and .speaker) against one article's gold quotes."""
    score = Score()
    used: set[int] = set()
    for g in gold_quotes:
        best, best_j = None, 0.0
        for i, p in enumerate(predicted):
            if i in used:
                continue
            j = jaccard(p.text, g["text"])
            if j > best_j:
                best, best_j = i, j
        fragment = g.get("fragment", len(g["text"].split()) < 4)
        if best is None or best_j < MATCH_JACCARD:
            if not fragment:
                score.false_negatives += 1
                score.errors.append(f"missed: {g['text'][:60]!r}")
            continue
        used.add(best)
        if not fragment:
            score.true_positives += 1
        p = predicted[best]
        if g.get("speaker") is None:
            continue  # a scare quote: no speaker to get right
        aliases = speakers.get(g["speaker"], {}).get("aliases", [])
        score.speakers_checked += 1
        if speaker_matches(p.speaker, g["speaker"], aliases):
            score.speakers_right += 1
        else:
            score.errors.append(f"speaker of {g['text'][:40]!r}: {p.speaker!r} != {g['speaker']!r}")
    for i, p in enumerate(predicted):
        if i not in used and len(p.text.split()) >= 4:
            score.false_positives += 1
            score.errors.append(f"extra: {p.text[:60]!r}")
    return score
