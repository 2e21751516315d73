"""The salient terms of an article: the names it uses and the words it is about, with weights.

Coverage finding (:mod:`~tui_reader.library.coverage`) compares articles by these terms through an
inverted index filled when an article is stored, so a query never reads the library's texts.
Names are capitalised words inside a sentence (``Vučić``, ``Serbia``, ``SVR``), folded so that
spellings meet (Vučić = Vucic); words are the other content words, crudely stemmed. How common a
term is in the library (its inverse document frequency) is weighed at query time, not here: the
library changes, an article's terms do not.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from tui_reader.library.folding import fold

TERMS_VERSION = 1
"""Bump when the terms of an article change: articles indexed by an older version are indexed
again the next time coverage is asked for."""

MAX_NAMES = 25
MAX_WORDS = 25

TermKind = Literal["name", "word"]

# Function words of the languages news comes in most, so that they do not take the places of an
# article's content words (how common the rest are is judged against the library at query time).
STOP = frozenset(
    """
    a about above after again against all also although always am among an and another any are
    around as at away back be because been before being below between both but by can could did
    do does doing done down during each either even ever every few for from further had has have
    having he her here hers herself him himself his how however i if in into is it its itself
    just last least less like made make many may me might more most much must my myself near
    neither never new next no nor not now of off often on once one only or other our ours out
    over own per rather said same says say she should since so some still such than that the
    their theirs them themselves then there these they this those though through thus to too
    told under until up upon us very was we well were what when where whether which while who
    whom whose why will with within without would yet you your yours year years week weeks day
    days time times first two three according including told monday tuesday wednesday thursday
    friday saturday sunday january february march april june july august september october
    november december
    aber alle als also am an auch auf aus bei bis das dass dem den der des die dies diese doch
    durch ein eine einem einen einer eines er es für hat hatte ich ihr im in ist jetzt kann mit
    nach nicht noch nur oder sein seine sich sie sind so über um und uns von vor war wie wir wird
    wurde zu zum zur zwei
    au aux avec ce ces dans de des du elle en est et il ils la le les leur mais ne nous ou par
    pas pour qu que qui sa se ses son sont sur un une vous été être
    al con del el en es la las los lo más para pero por que se su sus un una y
    di il che non per una della dei delle gli nel sono alla
    als bij dat de een het in is met niet op te van voor zijn
    się nie na jest to że do jak ale od za po przez tak już oraz lub ich jej jego
    """.split()
)

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_PIECES = re.compile(r"(\W*)(\w+(?:['’]\w+)*)")
_OPENS = re.compile(r"[.!?:;“„«—–\n]|\"$")
"""What, between two words, makes the second the start of a sentence (or of a quotation)."""


@dataclass(frozen=True, slots=True)
class Term:
    """A salient term of one article and how much the article is about it."""

    term: str
    kind: TermKind
    weight: float


def stem(word: str) -> str:
    """A crude stem (English suffixes), enough for shipments/shipment and arming/arms: the
    first of -ings, -ing, -ed, -es, -s that leaves more than three letters, cut (at most eight
    letters are kept)."""
    last = word[-1:]  # the suffixes end in s, g or d: one test for most words
    if last == "s":
        if len(word) > 7 and word.endswith("ings"):
            return word[:-4][:8]
        if len(word) > 5 and word.endswith("es"):
            return word[:-2][:8]
        if len(word) > 4:
            return word[:-1][:8]
    elif last == "g":
        if len(word) > 6 and word.endswith("ing"):
            return word[:-3][:8]
    elif last == "d" and len(word) > 5 and word.endswith("ed"):
        return word[:-2][:8]
    return word[:8]


@lru_cache(maxsize=1024)
def _weight(count: int, in_title: bool) -> float:
    return round(1 + math.log(count) + (1.0 if in_title else 0.0), 3)


@lru_cache(maxsize=1 << 16)
def _token_term(token: str) -> tuple[TermKind, str] | None:
    """What a word of the text counts for: a name (folded), a content word (its stem), or
    nothing (a function word, a number, a short word)."""
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    if len(token) < 2 or token.isdigit() or token in STOP:
        return None
    if token[0].isupper():
        folded = fold(token)
        return None if folded in STOP else ("name", folded)
    return ("word", stem(fold(token))) if len(token) >= 4 else None


def salient_terms(title: str | None, text: str) -> list[Term]:
    """The names and content words of an article, the most used first (ties: the first seen
    first), with weights ``1 + ln(count)`` (+1 when the title has them too)."""
    # counts by term, in the order first seen (plain dicts: a Counter's missing keys cost a call)
    names: dict[str, int] = {}
    initials: dict[str, int] = {}
    words: dict[str, int] = {}
    # one pass in C over (what is between words, the word), counted in C: each distinct pair is
    # looked at once, in the order first seen (so the counters keep the order of first use)
    for (gap, token), count in Counter(_PIECES.findall(text)).items():
        found = _token_term(token)
        if found is None:
            continue
        kind, term = found
        if kind == "word":
            words[term] = words.get(term, 0) + count
        else:
            # a capital that opens a sentence (the text, a paragraph, a quotation) may be any
            # word: it is a name only if seen inside a sentence too
            opens = not gap or (gap != " " and _OPENS.search(gap) is not None)
            counts = initials if opens else names
            counts[term] = counts.get(term, 0) + count
    for name in names:
        names[name] += initials.get(name, 0)
        # a word written both ways (a German noun, a name at a sentence start) counts once, as
        # a name
        words.pop(stem(name), None)
    in_title = {fold(t.removesuffix("'s").removesuffix("’s")) for t in _TOKEN.findall(title or "")}
    title_stems = {stem(t) for t in in_title}

    def top(counts: dict[str, int], limit: int) -> list[str]:
        return sorted(counts, key=counts.__getitem__, reverse=True)[
            :limit
        ]  # stable: ties first seen first

    terms = [Term(n, "name", _weight(names[n], n in in_title)) for n in top(names, MAX_NAMES)]
    terms += [Term(w, "word", _weight(words[w], w in title_stems)) for w in top(words, MAX_WORDS)]
    return terms
