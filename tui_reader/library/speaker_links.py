"""Linking an article's speakers to the library's entities (one speaker across articles).

Pure decisions; the store runs the queries. An article speaker ("Vucic", with its aliases) joins
the library entity whose aliases name the same person ("Aleksandar Vučić"), unless the user took
that name off the entity (a blocked key); otherwise it becomes a new entity.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Candidate:
    """A library entity that might be the article's speaker."""

    speaker_id: int
    aliases: Sequence[str]
    blocked: frozenset[str]
    """Keys the user took off this entity."""


def lookup_keys(names: Iterable[str]) -> tuple[set[str], set[str]]:
    """The folded keys of ``names`` and their last words (what the alias index is searched by)."""
    from tui_reader.library.quotes import speaker_key  # the engine loads on first use

    keys = {k for k in (speaker_key(n) for n in names) if k}
    return keys, {k.split()[-1] for k in keys}


def key_of(name: str) -> str:
    """A name's folded key ("" for a name with none): how aliases are looked up and blocked."""
    from tui_reader.library.quotes import speaker_key

    return speaker_key(name)


def alias_row(name: str) -> tuple[str, str, str] | None:
    """``(alias, key, last)`` for the alias index, or None for a name with no key."""
    from tui_reader.library.quotes import speaker_key

    key = speaker_key(name)
    return (name, key, key.split()[-1]) if key else None


def choose(names: Sequence[str], candidates: Iterable[Candidate]) -> Candidate | None:
    """The first candidate that is the same entity as ``names`` and does not block any of them."""
    from tui_reader.library.quotes import same_entity

    keys, _ = lookup_keys(names)
    for candidate in candidates:
        if keys & candidate.blocked:
            continue
        if same_entity(names, candidate.aliases):
            return candidate
    return None


def display_name(aliases: Iterable[str]) -> str:
    """The name an entity is shown by: the fullest of its aliases."""
    from tui_reader.library.quotes import best_name

    return best_name(aliases)


def corrected_quote(
    correction: dict[str, Any], quotes: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """Where a user's correction goes among an article's fresh quotes: the quote at the same
    place with the same words, else the nearest with the same words, else the one holding at
    least 60% of its words (None: the words are gone; the correction waits)."""
    same_place = [
        q
        for q in quotes
        if (q["start"], q["end"]) == (correction["start"], correction["end"])
        and q["text"] == correction["text"]
    ]
    if same_place:
        return same_place[0]
    same_words = [q for q in quotes if q["text"] == correction["text"]]
    if same_words:
        return min(same_words, key=lambda q: abs(q["start"] - correction["start"]))
    words = set(correction["text"].split())
    if len(words) < 3:
        return None
    best, best_share = None, 0.0
    for q in quotes:
        share = len(words & set(q["text"].split())) / len(words)
        if share > best_share:
            best, best_share = q, share
    return best if best_share >= 0.6 else None
