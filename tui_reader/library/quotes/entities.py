"""Speaker surfaces of one article as entities: "Vučić", "President Vucic" and "Aleksandar
Vučić" are one speaker, named by its fullest name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from tui_reader.library import regexes
from tui_reader.library.quotes.mentions import is_role, kind_of
from tui_reader.library.quotes.names import (
    acronym_of,
    best_name,
    conflicting_names,
    initials,
    same_entity,
    speaker_key,
)

_POSSESSIVE = regexes.compile(r"['’]s?(?:\s|$)")
# what a person has that speaks for them but is not them: "Hale's campaign", "the Hale camp"
_OWNED_HEADS = frozenset(
    "campaign office team staff administration aides camp allies supporters lawyers attorneys "
    "family spokesman spokeswoman spokesperson".split()
)


@lru_cache(maxsize=8192)
def _owned(name: str) -> bool:
    """Is this a body someone owns ("Lowe's office", "The Lee campaign"), never the owner?"""
    key = speaker_key(name).split()
    return len(key) >= 2 and key[-1] in _OWNED_HEADS


@lru_cache(maxsize=8192)
def _full_person(name: str) -> tuple[str, ...] | None:
    """The key words of a person's full name ("Ivo Marsh"), or None for anything else."""
    if _POSSESSIVE.search(name) or " of " in name or kind_of(name) != "person":
        return None  # "Marsh’s Ohio office" is not a name of his
    key = tuple(speaker_key(name).split())
    return key if len(key) >= 2 else None


def conflicting(a_names: Iterable[str], b_names: Iterable[str]) -> bool:
    """Two people with one surname ("Ivo Marsh", "Dora Marsh"): see
    :func:`conflicting_names`."""
    return conflicting_names(a_names, b_names)


@lru_cache(maxsize=16384)
def _pair_joins(a: str, b: str) -> int:
    """Are two names one speaker? As :func:`same_entity`, except that a lone word joins a
    longer name only as its last word (a surname), its acronym, or a distinctive word of an
    organization's name; "Marsh" is not "Marsh College" when the article has a Marsh.
    2 for a join by name or surname, 1 for a weaker one, 0 for none."""
    if _owned(a) != _owned(b) or not same_entity([a], [b]):
        return 0  # "Hale's campaign" is not Hale
    ka, kb = speaker_key(a).split(), speaker_key(b).split()
    if len(ka) != 1 and len(kb) != 1:
        return 2
    (short, short_name), (long_, long_name) = sorted(
        [(ka, a), (kb, b)], key=lambda pair: len(pair[0])
    )
    if len(long_) == 1 or short[0] == long_[-1]:
        return 2
    if short_name.strip().isupper() or acronym_of(long_name) == short[0]:
        return 2  # "SVR" ~ "Foreign Intelligence Service (SVR)"
    return int(kind_of(long_name) == "organization" and kind_of(short_name) != "person")


def _joins(surface: str, group: list[str]) -> int:
    """How strongly a speaker surface belongs to a group of names (0: not at all)."""
    if conflicting([surface], group):
        return 0
    return max(_pair_joins(surface, g) for g in group)


def _is_org(group: list[str]) -> bool:
    return any(kind_of(n) == "organization" for n in group)


def group_entities(
    surfaces: list[str], mentions: list[str]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Cluster speaker surfaces into entities, using the article's fuller mentions as bridges.

    "SVR", "the Intelligence" and "Russia" join through "Russia's Foreign Intelligence Service
    (SVR)" when the article names it; a surname joins the full name the article uses most
    ("Marsh" joins "Dora Marsh", not "Ivo Marsh", and never "Marsh Holdings"). Returns
    surface -> display name, and name -> aliases.
    """
    counts = Counter(mentions)
    full = [m for m in counts if len(m.split()) >= 2 and not is_role(m)]
    full.sort(key=lambda m: -counts[m])  # the name the article uses most bridges first

    def weight(group: list[str]) -> int:
        return sum(counts[n] for n in group)

    # only a surface of one word (its key) can be a surname, and only the keys of surfaces are
    # asked about below (surnames, alone): a full name is a person's to look at if it ends so
    single = {k for n in surfaces if " " not in (k := speaker_key(n))}

    def person(name: str) -> tuple[str, ...] | None:
        return _full_person(name) if speaker_key(name).rpartition(" ")[2] in single else None

    full_lasts = {k[-1] for m in full if (k := person(m))}
    surnames = {n for n in surfaces if " " not in (k := speaker_key(n)) and k in full_lasts}
    # a surname that two people of the article share ("Ivo Marsh", "Dora Marsh") stays a
    # speaker of its own: joining either could be wrong, the surname alone never is
    firsts: dict[str, set[str]] = {}
    for n in [*surfaces, *full]:
        if (k := person(n)) is not None:
            firsts.setdefault(k[-1], set()).add(k[0] if len(k[0]) > 1 else "")
    shared = {last for last, given in firsts.items() if len(given - {""}) > 1}

    def alone(names: list[str]) -> bool:
        keys = {speaker_key(n) for n in names}
        return len(keys) == 1 and next(iter(keys)) in shared

    known_handles: dict[str, set[str]] = {}

    def handles(name: str) -> set[str]:
        """What two names must share for :func:`same_entity` to join them: a key word, an
        acronym or initials (a cheap filter before the full comparison)."""
        if name not in known_handles:
            found = set(speaker_key(name).split()) | {initials(name)}
            acronym = acronym_of(name)
            known_handles[name] = found | {acronym} if acronym else found
        return known_handles[name]

    def group_handles(group: list[str]) -> set[str]:
        return set().union(*(handles(g) for g in group))

    groups: list[list[str]] = []
    for surface in sorted(surfaces, key=lambda s: -len(s.split())):
        if alone([surface]):
            same = [g for g in groups if alone(g) and speaker_key(g[0]) == speaker_key(surface)]
            (same[0].append(surface) if same else groups.append([surface]))
            continue
        mine = handles(surface)
        fits = [
            (strength, g)
            for g in groups
            if not alone(g) and mine & group_handles(g) and (strength := _joins(surface, g))
        ]
        if fits and max(fits, key=lambda fit: fit[0])[0] == 1 and surface in surnames:
            fits = []  # the article's Marsh, not "Marsh College"
        if fits:
            max(fits, key=lambda fit: (fit[0], weight(fit[1])))[1].append(surface)
        else:
            groups.append([surface])

    # which of the full mentions have a handle: only those can join a group that has it
    with_handle: dict[str, list[int]] = {}
    for i, m in enumerate(full):
        for handle in handles(m):
            with_handle.setdefault(handle, []).append(i)
    for group in groups:
        if alone(group):
            continue
        these = group_handles(group)
        org = _is_org(group)
        # Only a mention fuller than every name the group has is a bridge worth taking.
        longest = max(len(speaker_key(g).split()) for g in group)
        sharing = {i for handle in these for i in with_handle.get(handle, ())}
        for m in (full[i] for i in sorted(sharing)):
            if m in group or len(speaker_key(m).split()) <= longest or not same_entity([m], group):
                continue
            if _owned(m) != any(_owned(g) for g in group):
                continue  # "Lowe's office" is not bridged to "Speaker Ana Lowe"
            if not org and (_full_person(m) is None or _joins(m, group) < 2):
                continue  # a person's surname is not "Marsh College", nor "Ivo Kent"
            if not conflicting([m], group):
                group.append(m)
    merged: list[list[str]] = []
    for group in groups:
        lone, mine = alone(group), group_handles(group)  # the group does not change below
        for target in merged:
            if lone or alone(target) or not mine & group_handles(target):
                continue
            strength = max(
                max(_joins(n, target) for n in group), max(_joins(n, group) for n in target)
            )
            if conflicting(group, target):
                continue
            if strength == 2 or (strength == 1 and not any(n in surnames for n in group)):
                target.extend(g for g in group if g not in target)
                break
        else:
            merged.append(list(dict.fromkeys(group)))
    order = {surface: i for i, surface in enumerate(surfaces)}
    merged.sort(key=lambda g: min(order.get(n, len(order)) for n in g))  # as first quoted
    mapping: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    for group in merged:
        name = best_name(group)
        aliases[name] = [g for g in group if g != name]
        for surface in group:
            mapping[surface] = name
    return mapping, aliases
