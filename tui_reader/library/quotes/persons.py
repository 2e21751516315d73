"""The people of one article: which names can be a person, and whether "he" or "she" fits.

Gender comes from what the article itself says about a name, in this order: a title ("Mrs.
Lowe", "Sir Tom"), a gendered noun right before it ("his wife, Ann Lowe", "spokeswoman Ann
Lowe"), the pronouns used of it in sentences about that name alone; common given names are
the last resort. A name with no evidence fits either pronoun.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from itertools import pairwise
from typing import TYPE_CHECKING

from tui_reader.library import regexes
from tui_reader.library.quotes.alternation import alternation, longest_first
from tui_reader.library.quotes.lexicon import (
    FEMALE_GIVEN,
    FEMALE_NOUNS,
    FEMALE_TITLES,
    FEMALE_WORDS,
    MALE_GIVEN,
    MALE_NOUNS,
    MALE_TITLES,
    MALE_WORDS,
)
from tui_reader.library.quotes.names import fold, speaker_key

if TYPE_CHECKING:
    from tui_reader.library.quotes.mentions import Context

_GENDERED = regexes.compile(
    r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b"
)
_GENDERED_OPENER = regexes.compile(r"(He|She)\b")
_POSSESSIVE_AFTER = regexes.compile(r"(?:,|\s+and|\s+with)\s+(his|her)\s+[a-z]")
_APPOSITION_NOUN = regexes.compile(
    r",\s+(?:a|an|the|his|her|their)\s+(?:[\w\-]+\s+){0,2}?"
    rf"({alternation('|'.join(sorted(FEMALE_NOUNS | MALE_NOUNS, key=longest_first)))})\b"
)
_PLACE_BEFORE = {"in", "at", "near", "across", "throughout", "outside", "inside"}


def pronoun_gender(pronoun: str) -> str | None:
    """ "m" for he, "f" for she, None for the others."""
    word = fold(pronoun)
    return "m" if word in MALE_WORDS else "f" if word in FEMALE_WORDS else None


def _word_before(masked: str, start: int) -> str:
    """The folded word right before a mention ("" at the start of the text)."""
    before = masked[max(0, start - 30) : start].rsplit(None, 1)
    return fold(before[-1]).strip(",") if before else ""


class People:
    """Gender evidence and place names of one article (built once per :class:`Context`)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._votes: dict[str, Counter[str]] | None = None
        self._keys: set[str] | None = None
        self._hints: dict[str, Counter[str]] | None = None
        # "in Cedar Falls", "at Lake Tahoe": a name mostly written after "in" or "at"
        masked = ctx.masked
        after_place = Counter(
            n for at, n in ctx.mentions if _word_before(masked, at) in _PLACE_BEFORE
        )
        seen = Counter(n for _, n in ctx.mentions if n in after_place)
        self.places = {n for n, k in after_place.items() if k * 2 >= seen[n] and speaker_key(n)}

    @property
    def keys(self) -> set[str]:
        """The speaker keys of the article's names of more than one word."""
        if self._keys is None:
            self._keys = {k for _, n in self._ctx.mentions if " " in (k := speaker_key(n))}
        return self._keys

    @property
    def votes(self) -> dict[str, Counter[str]]:
        """What the article states of each name's gender, by titles and nouns, as weighted
        votes (computed when first asked: only a pronoun's referent needs them)."""
        if self._votes is not None:
            return self._votes
        self._votes = {}
        masked = self._ctx.masked
        for start, name in self._ctx.mentions:
            key = speaker_key(name)
            if not key:
                continue
            first = fold(name.split()[0]).strip(".,")
            if first in FEMALE_TITLES:
                self._vote(key, "f", 3)
            elif first in MALE_TITLES and len(name.split()) > 1:
                self._vote(key, "m", 3)
            word = _word_before(masked, start)
            if word in FEMALE_NOUNS:
                self._vote(key, "f", 2)
            elif word in MALE_NOUNS:
                self._vote(key, "m", 2)
            after = _POSSESSIVE_AFTER.match(masked, start + len(name))
            if after is not None:  # "Jonas Berg and his wife", "Ann Lowe, her voice shaking"
                self._vote(key, pronoun_gender(after.group(1)) or "", 2)
            noun = _APPOSITION_NOUN.match(masked, start + len(name))
            if noun is not None:  # "Pat Reyes, a mother of three,"
                self._vote(key, "f" if fold(noun.group(1)) in FEMALE_NOUNS else "m", 2)
        return self._votes

    @property
    def hints(self) -> dict[str, Counter[str]]:
        """Pronouns used in sentences about one name only, and at the start of the next
        sentence (computed when first asked: only pronoun resolution needs them)."""
        if self._hints is not None:
            return self._hints
        self._hints = {}
        ctx, masked = self._ctx, self._ctx.masked
        starts = [start for start, _ in ctx.mentions]
        bounds = [0, *ctx.breaks, len(masked)]
        for a, b in pairwise(bounds):
            i, j = bisect_left(starts, a), bisect_left(starts, b)
            if i == j:
                continue
            keys = {speaker_key(n) for _, n in ctx.mentions[i:j] if n not in self.places} - {""}
            if len(keys) != 1:
                continue
            key = next(iter(keys))
            for w in _GENDERED.findall(masked, ctx.mentions[i][0], b):
                self._hint(key, pronoun_gender(w) or "")
            opener = _GENDERED_OPENER.match(masked, b)
            if opener and (j >= len(starts) or starts[j] > opener.end()):
                self._hint(key, pronoun_gender(opener.group(1)) or "")
        return self._hints

    def _vote(self, key: str, gender: str, weight: int) -> None:
        assert self._votes is not None
        self._votes.setdefault(key, Counter())[gender] += weight

    def _hint(self, key: str, gender: str) -> None:
        assert self._hints is not None
        self._hints.setdefault(key, Counter())[gender] += 1

    @staticmethod
    def _decide(votes: Counter[str] | None) -> str | None:
        if not votes or votes["m"] == votes["f"]:
            return None
        return "m" if votes["m"] > votes["f"] else "f"

    def gender(self, name: str) -> str | None:
        """ "m", "f" or None (unknown) for a person's name: what the article states, then the
        given name, then the pronouns used near it."""
        key = speaker_key(name)
        if not key:
            return None
        found = self._decide(self.votes.get(key))
        if found:
            return found
        words = key.split()
        if len(words) == 1:
            # a surname: the gender of the one full name that has it
            fuller = {k for k in self.keys if k.split()[-1] == key} - {key}
            decided = {self.gender(k) for k in fuller}
            if len(decided) == 1 and None not in decided:
                return decided.pop()
            if fuller:
                return None  # Jonas and Lotte Berg: "Berg" may be either
        else:
            given = words[0]
            if given in FEMALE_GIVEN and given not in MALE_GIVEN:
                return "f"
            if given in MALE_GIVEN and given not in FEMALE_GIVEN:
                return "m"
        hints = self.hints.get(key)
        if hints and min(hints["m"], hints["f"]) == 0 and max(hints.values()) >= 2:
            return self._decide(hints)  # only pronouns that never disagree
        return None

    def stated_gender(self, name: str) -> str | None:
        """The gender the article states (a title or noun) or the given name shows."""
        key = speaker_key(name)
        found = self._decide(self.votes.get(key))
        if found or not key or " " not in key:
            return found
        given = key.split()[0]
        if given in FEMALE_GIVEN and given not in MALE_GIVEN:
            return "f"
        if given in MALE_GIVEN and given not in FEMALE_GIVEN:
            return "m"
        return None

    def fits(self, name: str, gender: str | None) -> bool:
        """Can ``name`` be the referent of a pronoun of ``gender``?"""
        if gender is None:
            return True
        found = self.gender(name)
        return found is None or found == gender

    def is_place(self, name: str) -> bool:
        """A name the article uses after "in", "at", "near": "in Cedar Falls"."""
        return name in self.places and not any(
            fold(name.split()[0]).strip(".") in t for t in (FEMALE_TITLES, MALE_TITLES)
        )
