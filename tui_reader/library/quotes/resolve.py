"""From a speaker's surface to whom it stands for: pronouns, roles, documents, spokespeople.

"she" is the person the article last made the subject of a sentence; "the ministry" is the
"Ministry of Health" named before; "the statement" is whoever issued it; "a company
spokeswoman" speaks for the company.
"""

from __future__ import annotations

import re

from tui_reader.library import regexes
from tui_reader.library.quotes.lexicon import (
    ANY_VERB,
    DOCUMENTS,
    FROM_BY,
    ORG_TYPES,
    PERSON_ROLES,
    ROLE_HEADS,
    SPOKES_HEADS,
    SPOKES_OF,
)
from tui_reader.library.quotes.mentions import (
    Context,
    clean_name,
    is_description,
    is_pronoun,
    is_role,
    possessive_split,
)
from tui_reader.library.quotes.names import fold
from tui_reader.library.quotes.persons import pronoun_gender

_POSSESSIVE_NAME = regexes.compile(r"['’]s?\s+[A-Z]")
_SPEAKING_BODIES = ROLE_HEADS | ORG_TYPES


def _reporting_subject(ctx: Context, pos: int, known: list[str]) -> str | None:
    """ "The ministry said the declaration stays. 'X,' the statement said": the subject of the
    reporting sentence just before the quote issued the statement."""
    lo, _ = ctx.sentence(pos, pos)
    prev_lo, _ = ctx.sentence(max(0, lo - 2), max(0, lo - 2))
    if prev_lo >= lo or not ANY_VERB.search(ctx.masked, prev_lo, lo):
        return None
    subject = ctx.subject(prev_lo, lo, want="any")
    if subject is None or subject[2] == "pronoun":
        return None
    if subject[2] == "role":
        return resolve(ctx, subject[1], subject[0], known)
    return subject[1]


def _issuer(
    ctx: Context, document: str, pos: int, known: list[str], *, own_only: bool = False
) -> str | None:
    """Who issued "the statement" / "the release": the organization or person named where the
    document was last mentioned ("a news release from the Millbrook Police Department", "In a
    statement, An Post said")."""
    found = list(re.finditer(rf"\b{re.escape(document)}s?\b", ctx.masked[:pos]))
    if own_only:  # "according to a note from analysts at X": the role's own words say whose
        found = found[-1:]
        if not found or not FROM_BY.match(ctx.masked, found[0].end()):
            return None
    for m in reversed(found):
        lead = ctx.masked[max(0, m.start() - 20) : m.start()]
        cited = re.search(r"(?:according to|to|under)\s+(?:the|its|their|a)\s+$", lead, re.I)
        if cited and not FROM_BY.match(ctx.masked, m.end()):
            continue  # "according to the release": a source, not who issued it
        source = FROM_BY.match(ctx.masked, m.end())
        if source:  # "a news release from the Millbrook Police Department"
            return clean_name(source.group(1))
        lo, hi = ctx.sentence(m.start(), m.end())
        # "the company said in a filing", "In a statement, An Post said": who said it
        subject = ctx.subject(lo, m.start(), want="any") or ctx.subject(m.end(), hi, want="any")
        if subject is None or subject[2] == "pronoun":
            continue
        if subject[2] == "role":
            return resolve(ctx, subject[1], subject[0], known)
        return subject[1]
    return None


def _spoken_for(
    ctx: Context, surface: str, pos: int, known: list[str], *, own_only: bool = False
) -> str | None:
    """ "the spokesperson" speaks for the organization named where a spokesperson last
    appeared: "an FTC spokesperson", "a company spokeswoman", "a spokeswoman for X"."""
    window = list(SPOKES_OF.finditer(ctx.masked, max(0, pos - 3000), pos + len(surface) + 120))
    own = [m for m in window if m.start() <= pos < m.end() or pos <= m.start() < pos + 3]
    matches = own if own or own_only else [m for m in window if m.start() < pos]
    for m in reversed(matches):
        name = m.group("name") or m.group("name2")
        if name and name[:1].isupper():
            return clean_name(name)
        noun = m.group("noun") or name
        if noun and noun.split()[-1] in _SPEAKING_BODIES:
            return resolve(ctx, f"the {noun}", m.start(), known)  # "a company spokeswoman"
        if name:
            return name
    return None


def resolve(
    ctx: Context, surface: str, pos: int, known: list[str], previous_quote: int = -1
) -> str | None:
    """A pronoun or a role to the entity it stands for; a name to itself."""
    if is_pronoun(surface):
        folded = fold(surface)
        want = "person" if folded in ("he", "she", "i") else "organization"
        gender = pronoun_gender(surface)
        found = ctx.previous_mention_at(pos, want, gender)
        if found is None:
            return known[-1] if known else None
        if (
            known
            and want == "person"
            and previous_quote >= ctx.sentence(found[0], found[0])[1]
            and ctx.people.fits(known[-1], gender)
        ):
            # a quote in a later sentence came between the mention and the pronoun: the pronoun
            # follows the conversation, so that quote's speaker is meant
            return known[-1]
        if is_role(found[1]):  # "A company spokeswoman said ... 'X,' she said"
            return resolve(ctx, found[1], found[0], known)
        return found[1]
    if is_description(surface):
        # "one senior official" speaks as written; "a spokesman for X" speaks for X
        if fold(surface).split()[-1] in SPOKES_HEADS:
            return _spoken_for(ctx, surface, pos, known, own_only=True) or surface
        return surface
    if is_role(surface) and fold(surface).split()[-1] in SPOKES_HEADS:
        org = _spoken_for(ctx, surface, pos, known)
        if org is not None:
            return org
    if is_role(surface):
        head = fold(surface).split()[-1]
        role_words = {head}
        named = any(w[:1].isupper() for w in surface.split()[1:])
        if head in DOCUMENTS:
            issuer = _issuer(ctx, head, pos + 60, known, own_only=True) or (
                _reporting_subject(ctx, pos, known) or _issuer(ctx, head, pos, known)
            )
            if issuer is not None:
                return issuer
        if role_words & PERSON_ROLES:
            for start, name in reversed(ctx.mentions):
                if start < pos and not is_role(name) and set(fold(name).split()) & role_words:
                    return name
            return ctx.previous_mention(pos, "person") or surface
        if named:  # "the Madrid regional health department", "the Lee campaign"
            return clean_name(surface)
        for start, name in reversed(ctx.mentions):
            if start < pos and not is_role(name) and set(fold(name).split()) & role_words:
                return name  # "the ministry" -> "the Ministry of Health"
        for start, name in reversed(ctx.mentions):
            if start < pos and ctx.kind(name) == "organization":
                other_type = set(fold(name).split()) & (ORG_TYPES - role_words)
                if not other_type:  # "the company" may be "Lumora Energy", not "the ministry"
                    return name
        if role_words & ORG_TYPES:
            return surface
        earliest = next((name for start, name in ctx.mentions if start < pos), None)
        return earliest or surface
    name = clean_name(surface)
    if name is not None and _POSSESSIVE_NAME.search(name):
        # "Vermont’s Ella Stone said": the one who speaks is after the possessive
        _, name = possessive_split(name, 0, len(name), name)
    return name
