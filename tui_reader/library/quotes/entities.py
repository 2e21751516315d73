"""Speaker surfaces of one article as entities: "Vučić", "President Vucic" and "Aleksandar
Vučić" are one speaker, named by its fullest name."""

from __future__ import annotations

from tui_reader.library.quotes.mentions import is_role
from tui_reader.library.quotes.names import best_name, same_entity


def group_entities(
    surfaces: list[str], mentions: list[str]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Cluster speaker surfaces into entities, using the article's fuller mentions as bridges.

    "SVR", "the Intelligence" and "Russia" join through "Russia's Foreign Intelligence Service
    (SVR)" when the article names it. Returns surface -> display name, and name -> aliases.
    """
    full = [m for m in dict.fromkeys(mentions) if len(m.split()) >= 2 and not is_role(m)]
    groups: list[list[str]] = []
    for surface in surfaces:
        for group in groups:
            if same_entity([surface], group):
                group.append(surface)
                break
        else:
            groups.append([surface])
    for group in groups:
        bridges = [m for m in full if m not in group and same_entity([m], group)]
        # Only a mention fuller than every name the group has is a bridge worth taking.
        longest = max(len(g.split()) for g in group)
        group.extend(m for m in bridges if len(m.split()) > longest)
    merged: list[list[str]] = []
    for group in groups:
        for target in merged:
            if same_entity(group, target):
                target.extend(g for g in group if g not in target)
                break
        else:
            merged.append(list(dict.fromkeys(group)))
    mapping: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    for group in merged:
        name = best_name(group)
        aliases[name] = [g for g in group if g != name]
        for surface in group:
            mapping[surface] = name
    return mapping, aliases
