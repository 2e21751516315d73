"""The same words in two articles: pairs of passages that report one statement.

Candidate passages are the quotes plus the clauses of the text outside quotes. Two passages are
compared by their content-word stems (crude stemming makes "stabbing" meet "stab") and by
rapidfuzz's character similarity; an inverted index of stems keeps it to pairs that share words,
so two 2,000-word articles take milliseconds. Each passage ends up in at most one pair: the best
pairs are taken first (mutual best matches).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from rapidfuzz import fuzz

from tui_reader.library import regexes
from tui_reader.library.quotes.names import fold, same_entity

STOP = set(
    """a an the of to in on at for from by with and or but as is are was were be been being it its
    this that these those their there they them he she his her we our you your i me my not no so
    such than then can could will would shall should may might must do does did have has had
    only also very just into over under about after before while which who whom whose what when
    where why how all any each some more most other same both either neither own said says say
    told tell according words statement""".split()
)
MIN_SCORE = 0.34


class QuoteLike(Protocol):
    """What :func:`same_words` needs of a quote."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def speaker(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Twin:
    """A passage of article a and a passage of article b reporting the same words."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    score: float
    kind: Literal["verbatim", "trimmed", "reworded"]
    same_speaker: bool | None


@dataclass(slots=True)
class _Passage:
    start: int
    end: int
    stems: frozenset[str]
    norm: str
    speaker: str | None
    is_quote: bool


_WORD = regexes.compile(r"\w+")
_CLAUSE = regexes.compile(
    r"(?:[^,;:.!?()\n\"“”«»„]|(?<=\d)[,.](?=\d))+"
)  # 9,000 and 3.5 stay whole


def stem(word: str) -> str:
    """A crude English stem: enough for shells/shell, stabbing/stab, peoples/people."""
    w = word
    for suffix in ("ingly", "edly", "ings", "ing", "ed", "es", "s", "ly"):
        if len(w) > len(suffix) + 2 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiousl":
        w = w[:-1]  # stabb -> stab
    return w[:7]


def _normalise(text: str) -> tuple[str, frozenset[str]]:
    words = _WORD.findall(fold(text))
    return " ".join(words), frozenset(stem(w) for w in words if w not in STOP and len(w) > 1)


def _passages(text: str, quotes: list[QuoteLike]) -> list[_Passage]:
    result = []
    spans = sorted((q.start, q.end) for q in quotes)
    for q in quotes:
        norm, stems = _normalise(q.text)
        if stems:
            result.append(_Passage(q.start, q.end, stems, norm, q.speaker, True))
    pos = 0
    outside: list[tuple[int, int]] = []
    for start, end in spans:
        if start > pos:
            outside.append((pos, start))
        pos = max(pos, end)
    outside.append((pos, len(text)))
    for lo, hi in outside:
        for m in _CLAUSE.finditer(text, lo, hi):
            start, end = m.start(), m.end()
            chunk = m.group()
            # "that" opens a clause of reported speech: "says that this involves ..."
            cut = chunk.find(" that ")
            if cut != -1:
                start += cut + 6
                chunk = chunk[cut + 6 :]
            stripped = chunk.strip()
            if len(stripped.split()) < 3:
                continue
            start += len(chunk) - len(chunk.lstrip())
            end = start + len(stripped)
            norm, stems = _normalise(stripped)
            if len(stems) >= 2:
                result.append(_Passage(start, end, stems, norm, None, False))
    return result


def _score(a: _Passage, b: _Passage) -> float:
    shared = len(a.stems & b.stems)
    dice = 2 * shared / (len(a.stems) + len(b.stems))
    containment = shared / min(len(a.stems), len(b.stems))
    chars = fuzz.token_set_ratio(a.norm, b.norm) / 100
    return 0.45 * dice + 0.25 * containment + 0.30 * chars


def _kind(a: _Passage, b: _Passage) -> Literal["verbatim", "trimmed", "reworded"]:
    if a.norm == b.norm:
        return "verbatim"
    if a.norm in b.norm or b.norm in a.norm:
        return "trimmed"
    return "reworded"


def same_words(
    text_a: str, quotes_a: list[QuoteLike], text_b: str, quotes_b: list[QuoteLike]
) -> list[Twin]:
    """Pairs of passages of a and b that report the same statement, best first."""
    pa, pb = _passages(text_a, list(quotes_a)), _passages(text_b, list(quotes_b))
    return _pair(pa, pb, _candidates(pa, pb))


def same_words_across(
    articles: Sequence[tuple[str, Sequence[QuoteLike]]],
    *,
    reported_min: float = MIN_SCORE,
) -> dict[tuple[int, int], list[Twin]]:
    """:func:`same_words` for every pair (i, j), i < j, of ``articles`` (text, quotes), at once.

    The result for each pair is what ``same_words`` gives for it, but each article's passages
    are made once (not once per pair), and only pairs with a quote on one side are ever looked
    at, through one index of the quotes of every article: a story of 30 articles costs about
    what 30 articles cost, not 435 pairs.

    ``reported_min`` leaves out the twins of a quote and a passage outside quotes that score
    under it, and spares scoring the candidates that cannot reach it. The twins scoring at least
    ``reported_min`` are still exactly those of ``same_words`` (the best pairs are taken first,
    so a weaker pair never changes a stronger one); a weaker twin of two quotes may show where a
    left-out twin had taken one of its passages.
    """
    # the score is 0.45 dice + 0.25 containment + 0.30 characters: with the characters at
    # their best, a pair under this bound of its stems alone cannot reach reported_min
    bound = reported_min - 0.30
    passages = [_passages(text, list(quotes)) for text, quotes in articles]
    quote_index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for k, found in enumerate(passages):
        for j, p in enumerate(found):
            if p.is_quote:
                for s in p.stems:
                    quote_index[s].append((k, j))
    found_pairs: dict[tuple[int, int], list[tuple[float, int, int]]] = defaultdict(list)
    for k, found in enumerate(passages):
        for i, a in enumerate(found):
            counts: dict[tuple[int, int], int] = defaultdict(int)
            # a pair of quotes is met from both sides: count it once, from the lower article
            lowest = k + 1 if a.is_quote else 0
            for s in a.stems:
                for hit in quote_index.get(s, ()):
                    if hit[0] >= lowest and hit[0] != k:
                        counts[hit] += 1
            short = len(a.stems) <= 2
            for (other, j), shared in counts.items():
                b = passages[other][j]
                if shared < 2 and not (short or len(b.stems) <= 2):
                    continue  # what _scored says, without the call: most candidates end here
                if not a.is_quote:
                    least = min(len(a.stems), len(b.stems))
                    dice = 2 * shared / (len(a.stems) + len(b.stems))
                    if 0.45 * dice + 0.25 * shared / least < bound:
                        continue
                score = _scored(a, b, shared)
                if score is None or (not a.is_quote and score < reported_min):
                    continue
                if k < other:
                    found_pairs[(k, other)].append((score, i, j))
                else:
                    found_pairs[(other, k)].append((score, j, i))
    return {
        (x, y): _pair(passages[x], passages[y], found_pairs.get((x, y), []))
        for x in range(len(articles))
        for y in range(x + 1, len(articles))
    }


def passage_kind(text_a: str, text_b: str) -> Literal["verbatim", "trimmed", "reworded"]:
    """How two passages of one statement differ: the same words (verbatim), one inside the
    other (trimmed), or other words (reworded); case, accents and punctuation do not count."""
    norm_a, _ = _normalise(text_a)
    norm_b, _ = _normalise(text_b)
    if norm_a == norm_b:
        return "verbatim"
    if norm_a in norm_b or norm_b in norm_a:
        return "trimmed"
    return "reworded"


def _scored(a: _Passage, b: _Passage, shared: int) -> float | None:
    """The score of a candidate pair sharing ``shared`` stems, or None when it is no twin."""
    if not (a.is_quote or b.is_quote):
        return None  # a twin reports a quotation on at least one side
    if shared < 2 and not (len(a.stems) <= 2 or len(b.stems) <= 2):
        return None
    score = _score(a, b)
    return score if score >= MIN_SCORE else None


def _candidates(pa: list[_Passage], pb: list[_Passage]) -> list[tuple[float, int, int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for j, p in enumerate(pb):
        for s in p.stems:
            index[s].append(j)
    scored: list[tuple[float, int, int]] = []
    for i, a in enumerate(pa):
        counts: dict[int, int] = defaultdict(int)
        for s in a.stems:
            for j in index.get(s, ()):
                counts[j] += 1
        for j, shared in counts.items():
            score = _scored(a, pb[j], shared)
            if score is not None:
                scored.append((score, i, j))
    return scored


def _pair(
    pa: list[_Passage], pb: list[_Passage], scored: list[tuple[float, int, int]]
) -> list[Twin]:
    """The best pairs first; each passage in at most one pair (mutual best matches)."""
    scored.sort(key=lambda t: (-t[0], not pa[t[1]].is_quote, not pb[t[2]].is_quote, t[1], t[2]))
    used_a: list[tuple[int, int]] = []
    used_b: list[tuple[int, int]] = []
    twins: list[Twin] = []

    def overlaps(used: list[tuple[int, int]], p: _Passage) -> bool:
        return any(s < p.end and p.start < e for s, e in used)

    for score, i, j in scored:
        a, b = pa[i], pb[j]
        if overlaps(used_a, a) or overlaps(used_b, b):
            continue
        used_a.append((a.start, a.end))
        used_b.append((b.start, b.end))
        same = None
        if a.speaker and b.speaker:
            same = same_entity([a.speaker], [b.speaker])
        twins.append(Twin(a.start, a.end, b.start, b.end, round(score, 3), _kind(a, b), same))
    return twins
