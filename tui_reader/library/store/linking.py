"""Linking an article's speakers to the library's entities, in a few queries per article.

The entities any of the article's speakers could join are read at once (their aliases, kinds and
blocked keys); the speakers are then linked one after another against that picture, which each
link keeps up to date (a new entity, the names it adds), so every speaker sees what a query of
its own would have found. The names added are written in one statement at the end, in the order
they were added. The decisions are :mod:`~tui_reader.library.speaker_links`'.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui_reader.library import speaker_links
from tui_reader.library.store.connection import StoreBase

if TYPE_CHECKING:
    from tui_reader.library.quotes import Speaker

_ENTITIES_SQL = (
    "SELECT a.speaker_id, a.alias, a.key, a.last, s.kind, s.renamed FROM speaker_aliases a "
    "JOIN speakers s ON s.id = a.speaker_id WHERE a.speaker_id IN "
    "(SELECT speaker_id FROM speaker_aliases WHERE key IN (SELECT value FROM json_each(?1)) "
    "OR last IN (SELECT value FROM json_each(?2)) OR key IN (SELECT value FROM json_each(?2))) "
    "ORDER BY a.speaker_id, a.alias"
)
_ADD_ALIAS_SQL = (
    # the blocked names and those a speaker has are left out before (in _add_names)
    "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, key, last) VALUES (?, ?, ?, ?)"
)


def _json(values: Iterable[object]) -> str:
    return json.dumps(sorted(values), ensure_ascii=False)


@dataclass(slots=True)
class _Entity:
    """A library speaker as linking sees it."""

    kind: str
    renamed: bool
    aliases: dict[str, tuple[str, str]] = field(default_factory=dict)
    """alias -> (key, last), as in speaker_aliases."""
    blocked: frozenset[str] = frozenset()

    def matches(self, keys: set[str], lasts: set[str]) -> bool:
        """What the alias index is searched by: a key, a last word, a key that is a last word."""
        return any(k in keys or la in lasts or k in lasts for k, la in self.aliases.values())


class SpeakerLinksMixin(StoreBase):
    """An article's speakers linked to the library's (inside the caller's transaction)."""

    def _link_speakers(self, speakers: Sequence[Speaker]) -> dict[str, int]:
        """The library speaker of each of the article's speakers (by name), created when new;
        the same as linking them one by one, in order."""
        looked = [speaker_links.lookup_keys([sp.name, *sp.aliases]) for sp in speakers]
        known = self._entities(
            set().union(*(keys for keys, _ in looked)), set().union(*(la for _, la in looked))
        )
        added: list[tuple[int, str, str, str]] = []
        linked = {
            sp.name: self._link_one(sp, keys, lasts, known, added)
            for sp, (keys, lasts) in zip(speakers, looked, strict=True)
        }
        if added:
            self.conn.executemany(_ADD_ALIAS_SQL, added)
        return linked

    def _entities(self, keys: set[str], lasts: set[str]) -> dict[int, _Entity]:
        """The library speakers with an alias found by these keys or last words."""
        known: dict[int, _Entity] = {}
        if not keys:
            return known
        for speaker_id, alias, key, last, kind, renamed in self.conn.execute(
            _ENTITIES_SQL, (_json(keys), _json(lasts))
        ):
            entity = known.get(speaker_id)
            if entity is None:
                entity = known[speaker_id] = _Entity(kind, bool(renamed))
            entity.aliases[alias] = (key, last)
        if known:
            blocked: dict[int, set[str]] = {}
            for speaker_id, key in self.conn.execute(
                "SELECT speaker_id, key FROM speaker_alias_blocks "
                "WHERE speaker_id IN (SELECT value FROM json_each(?))",
                (_json(known),),
            ):
                blocked.setdefault(speaker_id, set()).add(key)
            for speaker_id, keys_of in blocked.items():
                known[speaker_id].blocked = frozenset(keys_of)
        return known

    def _link_one(
        self,
        speaker: Speaker,
        keys: set[str],
        lasts: set[str],
        known: dict[int, _Entity],
        added: list[tuple[int, str, str, str]],
    ) -> int:
        names = [speaker.name, *speaker.aliases]
        found = sorted(i for i, e in known.items() if e.matches(keys, lasts)) if keys else []
        for speaker_id in found:
            entity = known[speaker_id]
            aliases = sorted(entity.aliases)  # the alias index's order (BINARY is code points)
            candidate = speaker_links.Candidate(speaker_id, aliases, entity.blocked)
            if speaker_links.choose(names, [candidate]) is None:
                continue
            _add_names(speaker_id, entity, names, added)
            if not entity.renamed:
                if entity.kind == "unknown":
                    entity.kind = speaker.kind
                self.conn.execute(
                    "UPDATE speakers SET name = ?, kind = ? WHERE id = ?",
                    (speaker_links.display_name([*aliases, *names]), entity.kind, speaker_id),
                )
            return speaker_id
        cursor = self.conn.execute(
            "INSERT INTO speakers (name, kind) VALUES (?, ?)", (speaker.name, speaker.kind)
        )
        assert cursor.lastrowid is not None
        speaker_id = cursor.lastrowid
        known[speaker_id] = entity = _Entity(speaker.kind, False)
        _add_names(speaker_id, entity, names, added)
        return speaker_id


def _add_names(
    speaker_id: int,
    entity: _Entity,
    names: Sequence[str],
    added: list[tuple[int, str, str, str]],
) -> None:
    """Names of a speaker to record, except those the user took off it or it already has."""
    for row in map(speaker_links.alias_row, names):
        if row is None or row[1] in entity.blocked or row[0] in entity.aliases:
            continue
        entity.aliases[row[0]] = (row[1], row[2])
        added.append((speaker_id, *row))
