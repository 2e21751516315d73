"""Who said it: attribution cues around each quote, pronouns, continuations, entities.

Context is searched in the text with the quotes' own words masked out (so a name inside a quote
is never its speaker), within the quote's sentence: first a cue right after the closing mark
(``," the SVR said``), then the nearest cue before the opening mark (``Vučić told FT: "``,
``In the words of the SVR, "``), then a cue later in the sentence, then the sentence's subject
when the quote hangs on a reporting participle (``..., alleging that X is "..."``), and last the
speaker of the previous quote when the quote continues without a new cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui_reader.library.quotes.lexicon import (
    _ADDRESSED,
    _BY_AFTER,
    _FROM_BY,
    _LOCATIVE,
    _NAME_BEFORE,
    _ORG_TYPES,
    _PASSIVE,
    _ROLE_HEADS,
    _SPOKES_HEADS,
    _SPOKES_OF,
    _TITLED_NAME,
    _VERB,
    CUE_AFTER,
    CUE_ANY,
    DOCUMENTS,
    PARTICIPLE,
    PERSON_ROLES,
    PRONOUN_RE,
)
from tui_reader.library.quotes.mentions import (
    Context,
    _named,
    clean_name,
    is_pronoun,
    is_role,
    kind_of,
)
from tui_reader.library.quotes.names import best_name, fold, same_entity


@dataclass(slots=True)
class Attribution:
    """The raw result for one quote before entities are merged."""

    surface: str | None
    cue: str | None


def _who(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    for group in ("who", "org", "who2", "who3", "who4"):
        value = groups.get(group)
        if value:
            if group == "who":
                return _named(value, groups.get("appos"))
            following = match.string[match.end(group) : match.end(group) + 80]
            titled = _TITLED_NAME.match(following) if group in ("who2", "who3") else None
            if titled and kind_of(titled.group(1)) == "person":
                return titled.group(1)  # "said CDU agriculture spokesman Sebastian Lührs"
            if group == "who2":
                return _named(value, following)
            return value
    return None


def _sentence_cue(
    ctx: Context, lo: int, start: int, end: int, after: str
) -> tuple[str, str, int] | None:
    """Last resorts: "has been called 'X' by the novelist Edwin Marsh", and a speech verb
    further back in the sentence ("Ruth Abara read it and said, 'X'"), whose subject speaks."""
    before = ctx.masked[lo:start]
    if _PASSIVE.search(before):
        m = _BY_AFTER.match(after)
        if m:
            return m.group("who"), m.group().strip(" ,.\x01"), end + m.start("who")
    verbs = list(_VERB.finditer(before))
    if not verbs:
        return None
    verb = verbs[-1]
    candidates = [(s, name) for s, name in ctx.mentions if lo <= s < lo + verb.start()]
    for s, name in candidates:
        if ctx.person_like(s, name):
            return name, f"{name} ... {verb.group()}", s
    for s, name in candidates:
        if kind_of(name) == "organization":
            return name, f"{name} ... {verb.group()}", s
    return None


def _reporting_subject(ctx: Context, pos: int, known: list[str]) -> str | None:
    """ "The ministry said the declaration stays. 'X,' the statement said": the subject of the
    reporting sentence just before the quote issued the statement."""
    lo, _ = ctx.sentence(pos, pos)
    prev_lo, _ = ctx.sentence(max(0, lo - 2), max(0, lo - 2))
    if prev_lo >= lo or not _VERB.search(ctx.masked, prev_lo, lo):
        return None
    subject = ctx.subject(prev_lo, lo, want="any")
    if subject is None or subject[2] == "pronoun":
        return None
    if subject[2] == "role":
        return _resolve(ctx, subject[1], subject[0], known)
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
        if not found or not _FROM_BY.match(ctx.masked, found[0].end()):
            return None
    for m in reversed(found):
        lead = ctx.masked[max(0, m.start() - 20) : m.start()]
        cited = re.search(r"(?:according to|to|under)\s+(?:the|its|their|a)\s+$", lead, re.I)
        if cited and not _FROM_BY.match(ctx.masked, m.end()):
            continue  # "according to the release": a source, not who issued it
        source = _FROM_BY.match(ctx.masked, m.end())
        if source:  # "a news release from the Millbrook Police Department"
            return clean_name(source.group(1))
        lo, hi = ctx.sentence(m.start(), m.end())
        # "the company said in a filing", "In a statement, An Post said": who said it
        subject = ctx.subject(lo, m.start(), want="any") or ctx.subject(m.end(), hi, want="any")
        if subject is None or subject[2] == "pronoun":
            continue
        if subject[2] == "role":
            return _resolve(ctx, subject[1], subject[0], known)
        return subject[1]
    return None


def _spoken_for(ctx: Context, surface: str, pos: int, known: list[str]) -> str | None:
    """ "the spokesperson" speaks for the organization named where a spokesperson last
    appeared: "an FTC spokesperson", "a company spokeswoman", "a spokeswoman for X"."""
    window = list(_SPOKES_OF.finditer(ctx.masked, max(0, pos - 3000), pos + len(surface) + 120))
    own = [m for m in window if m.start() <= pos < m.end() or pos <= m.start() < pos + 3]
    matches = own or [m for m in window if m.start() < pos]
    for m in reversed(matches):
        name = m.group("name") or m.group("name2")
        if name and name[:1].isupper():
            return clean_name(name)
        noun = m.group("noun") or name
        if noun and noun.split()[-1] in _ROLE_HEADS | _ORG_TYPES:
            return _resolve(ctx, f"the {noun}", m.start(), known)  # "a company spokeswoman"
        if name:
            return name
    return None


def _resolve(
    ctx: Context, surface: str, pos: int, known: list[str], previous_quote: int = -1
) -> str | None:
    """A pronoun or a role to the entity it stands for; a name to itself."""
    if is_pronoun(surface):
        folded = fold(surface)
        want = "person" if folded in ("he", "she", "i") else "organization"
        found = ctx.previous_mention_at(pos, want)
        if found is None:
            return known[-1] if known else None
        if known and want == "person" and previous_quote >= ctx.sentence(found[0], found[0])[1]:
            # a quote in a later sentence came between the mention and the pronoun: the pronoun
            # follows the conversation, so that quote's speaker is meant
            return known[-1]
        if is_role(found[1]):  # "A company spokeswoman said ... 'X,' she said"
            return _resolve(ctx, found[1], found[0], known)
        return found[1]
    if is_role(surface) and fold(surface).split()[-1] in _SPOKES_HEADS:
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
        for start, name in reversed(ctx.mentions):
            if start < pos and not is_role(name) and set(fold(name).split()) & role_words:
                return name  # "the ministry" -> "the Ministry of Health"
        if named:  # "the Madrid regional health department" names itself
            return clean_name(surface)
        for start, name in reversed(ctx.mentions):
            if start < pos and ctx.kind(name) == "organization":
                other_type = set(fold(name).split()) & (_ORG_TYPES - role_words)
                if not other_type:  # "the company" may be "Lumora Energy", not "the ministry"
                    return name
        if role_words & _ORG_TYPES:
            return surface
        earliest = next((name for start, name in ctx.mentions if start < pos), None)
        return earliest or surface
    return clean_name(surface)


def attribute(text: str, spans: list[tuple[int, int]]) -> tuple[list[Attribution], Context]:
    """A raw speaker surface and cue for every span (None when no one can be found)."""
    ctx = Context(text, spans)
    result: list[Attribution] = []
    known: list[str] = []
    for n, (start, end) in enumerate(spans):
        lo, hi = ctx.sentence(start, end)
        if hi - end <= 3 and hi < len(text) and text[end - 1 : end] in ("?", "!"):
            # '"Sixty-two million?" Mercer said.': the break after "?" is not a sentence end
            hi = ctx.sentence(hi, hi)[1]
        after_stop = spans[n + 1][0] - 1 if n + 1 < len(spans) and spans[n + 1][0] < hi else hi
        before_start = max(lo, spans[n - 1][1] + 1 if n > 0 and spans[n - 1][1] > lo else lo)
        after = ctx.masked[end:after_stop]
        before = ctx.masked[before_start : max(before_start, start - 1)]
        found: tuple[str, str, int] | None = None
        if _PASSIVE.search(before[-40:]) and (by := _BY_AFTER.match(after)):
            # "has been called 'X' by the novelist Edwin Marsh"
            found = (by.group("who"), by.group().strip(" ,.\x01"), end + by.start("who"))
        m = CUE_AFTER.match(after) if found is None else None
        if (
            m
            and m.group("who2")
            and _LOCATIVE & set(fold(after[m.end("verb2") : m.start("who2")]).split())
        ):
            m = None
        if m and (who := _who(m)):
            found = (who, after[m.start() : m.end()].strip(" ,.\x01\"”’'«»“‹›"), end + m.start())
        if found is None:
            best = None
            for m in CUE_ANY.finditer(before):
                if _who(m) and not (m.group("verb2") and fold(m.group("verb2")) in _ADDRESSED):
                    best = m  # ("told the German Press Agency:" names who listened, not who spoke)
            if best is not None:
                who = _who(best)
                assert who is not None
                found = (who, best.group().strip(), before_start + best.start())
        if found is None:
            m2 = CUE_ANY.search(after)
            if m2 and (who := _who(m2)):
                found = (who, m2.group().strip(), end + m2.start())
        if found is None:
            sentence_before = ctx.masked[lo:start]
            part = PARTICIPLE.search(sentence_before)
            if part:
                subject = next(
                    (
                        name
                        for s, name in ctx.mentions
                        if lo <= s < lo + part.start()
                        and (ctx.person_like(s, name) or kind_of(name) == "organization")
                    ),
                    None,
                )
                pronoun = PRONOUN_RE.search(sentence_before, 0, part.start())
                right_before = _NAME_BEFORE.search(sentence_before[: part.start()])
                if right_before and ctx.person_like(
                    lo + right_before.start(1), clean_name(right_before.group(1)) or ""
                ):
                    # "with club president Ernesto Vidal describing the offer as ..."
                    subject = clean_name(right_before.group(1))
                if subject:
                    found = (subject, f"{subject} ... {part.group()}", lo)
                elif pronoun:
                    found = (
                        pronoun.group(),
                        f"{pronoun.group()} ... {part.group()}",
                        lo + pronoun.start(),
                    )
        if found is None and ctx.masked[lo:start].rstrip(" \x01\"“‘«„'").endswith(":"):
            # "Park puts her philosophy simply: '...'": the sentence's subject speaks
            subject = ctx.subject(lo, start, want="any")
            if subject is not None:
                found = (subject[1], ctx.masked[subject[0] : start].strip(" :"), subject[0])
        if found is None:
            found = _sentence_cue(ctx, lo, start, end, after)
        surface = None
        cue = None
        if found is not None:
            previous = spans[n - 1][0] if n > 0 else -1
            surface = _resolve(ctx, found[0], found[2], known, previous)
            cue = found[1]
        if surface is None and n > 0 and result[-1].surface is not None:
            prev_para = ctx.paragraph_index(spans[n - 1][0])
            here = ctx.paragraph_index(start)
            if here == prev_para or (
                here == prev_para + 1 and text[lo:start].strip(" \"“‘«„'") == ""
            ):
                surface = result[-1].surface
        if surface is None and text[lo:start].strip(" \"“‘«„'") == "" and lo > 0:
            # a quote that is a paragraph of its own, after a paragraph about someone (and not
            # after one of their quotes): "Hēnare has already sent 400 ewes ... / 'We're ...'"
            last = max(0, len(text[:lo].rstrip()) - 1)
            prev_lo, _ = ctx.sentence(last, last)
            quoted_there = n > 0 and spans[n - 1][1] > prev_lo
            subject = None if quoted_there else ctx.subject(prev_lo, lo)
            if subject is not None and subject[2] == "name":
                surface, cue = subject[1], None
        if surface:
            known.append(surface)
        result.append(Attribution(surface, cue))
    return result, ctx


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
