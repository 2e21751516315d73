"""The stages of attribution: each looks at one quote's surroundings for who said it.

Every stage takes a :class:`Site` (one quote, its sentence and the article's masked text) and
returns a :class:`Candidate` (a raw speaker surface, the cue that names it, and where it is) or
None. :data:`STAGES` lists them in the order a reader would look: a passive "by" (``called 'X'
by the critic Ivo Lind``), the outlet a report is cited from (``the judge said, according to the
Post``), a cue right after the closing mark (``," the SVR said``), a cue before the opening mark
(``Vučić told FT: "``), a cue later in the sentence, the antecedent of a "who" clause, the
subject of a reporting participle (``..., alleging that X is "..."``), the subject of a colon
introduction (in the quote's sentence, or ending the paragraph before it), a speech verb further
back in the sentence, and last the subject of the quote's own clause (``Ada Price charged that
"..."``, ``her remark that "..."``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from tui_reader.library import regexes
from tui_reader.library.quotes.lexicon import (
    ADDRESSED,
    ANY_VERB,
    BY_AFTER,
    CUE_AFTER,
    CUE_ANY,
    CUE_HINT,
    DESCRIPTION_RE,
    LOCATIVE,
    NAME,
    NAME_BEFORE,
    NP_VERBS,
    OPENER,
    PARTICIPLE,
    PASSIVE,
    PERSON_ROLES,
    PRONOUN_RE,
    ROLE_NAME,
    TITLED_NAME,
)
from tui_reader.library.quotes.mentions import (
    Context,
    clean_name,
    described,
    is_description,
    is_pronoun,
    is_role,
    kind_of,
    named_by_apposition,
)
from tui_reader.library.quotes.names import TITLES, fold


@dataclass(frozen=True, slots=True)
class Candidate:
    """A raw speaker surface (a name, role or pronoun), the cue naming it, and its offset."""

    surface: str
    cue: str
    pos: int
    stage: str = field(default="", compare=False)  # which stage found it


@dataclass(frozen=True, slots=True)
class Site:
    """One quote in its article: the quote, its sentence, and the text around it.

    ``before`` runs from the sentence start (or the previous quote) to the opening mark,
    ``after`` from the closing mark to the sentence end (or the next quote); both are masked
    (quotes replaced by \\x01), so no word inside a quote is ever taken for its speaker.
    """

    ctx: Context
    start: int
    end: int
    lo: int
    hi: int
    before: str
    before_start: int
    after: str

    @classmethod
    def of(cls, ctx: Context, spans: list[tuple[int, int]], n: int) -> Site:
        """The site of quote ``n`` of ``spans``."""
        start, end = spans[n]
        text = ctx.text
        lo, hi = ctx.sentence(start, end)
        if hi - end <= 3 and hi < len(text) and text[end - 1 : end] in ("?", "!"):
            # '"Sixty-two million?" Mercer said.': the break after "?" is not a sentence end
            hi = ctx.sentence(hi, hi)[1]
        if hi < len(text) and not ctx.masked[end:hi].strip(" ,.!?;:\x01\"”’'»›\n"):
            # '“…we will win.” Lena Ford said.': a sentence that is only the cue belongs to it
            nxt_lo, nxt_hi = ctx.sentence(hi + 1, hi + 1)
            cue = ctx.masked[nxt_lo:nxt_hi]
            cue_match = CUE_AFTER.match(cue)
            if (
                nxt_lo == hi
                and "\x01" not in cue
                and len(cue.split()) <= 12
                and cue_match is not None
                and _CLAUSE_AFTER.match(cue, cue_match.end()) is None
            ):
                hi = nxt_hi
        closing = _CLOSED_NEXT_PARAGRAPH.match(text, end)
        if closing is not None:  # '“We will win.\n\n” Lena Ford said': the cue is over there
            hi = ctx.sentence(closing.end(), closing.end())[1]
        after_stop = spans[n + 1][0] - 1 if n + 1 < len(spans) and spans[n + 1][0] < hi else hi
        after = ctx.masked[end:after_stop]
        if n + 1 < len(spans) and after_stop < hi and _JUST_AND.match(after):
            # '"a disgrace" and "a danger," Lena Ford said': one cue for both
            after = ctx.masked[
                spans[n + 1][1] : spans[n + 2][0] - 1
                if n + 2 < len(spans) and spans[n + 2][0] < hi
                else hi
            ]
        before_start = max(lo, spans[n - 1][1] + 1 if n > 0 and spans[n - 1][1] > lo else lo)
        return cls(
            ctx,
            start,
            end,
            lo,
            hi,
            ctx.masked[before_start : max(before_start, start - 1)],
            before_start,
            after,
        )

    @property
    def sentence_before(self) -> str:
        """The masked sentence from its start to the opening mark."""
        return self.ctx.masked[self.lo : self.start]


Stage = Callable[[Site], Candidate | None]

# a reported clause after a verb: "Some allies suggested that ..." is a sentence of its own,
# not the cue of the quote before it
_CLAUSE_AFTER = regexes.compile(r"[\s,]+(?:that|whether|if|how|why|what)\b")
_JUST_AND = regexes.compile(r"[\s,\"”’'»]*(?:and|or)?[\s,\"“‘'«]*$")
_CLOSED_NEXT_PARAGRAPH = regexes.compile(r"[^\S\n]*\n\s*\n\s*[”\"’»›]")
_OBJECT_NEXT = regexes.compile(r"\s+(?:a|an|the|his|her|their|its|\$?\d)\b")
_DEFINITE = regexes.compile(r"(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s")
_CLAUSE_START = regexes.compile(r"\b(?:that|because|when|after|while|since|before|although)\s")
_PARENTHESIS_END = regexes.compile(r"\s*\([^)]*\)$")
_CAPITAL_WORD = regexes.compile(r"(?:^|\s)(?!The\b)[A-Z]")
_LOWER_NEXT = regexes.compile(r"\s+[a-z]")
_POSSESSOR = {"his": "he", "her": "she", "their": "they", "its": "it"}
# the start of a clause with a subject of its own
CLAUSE_BOUNDARY = regexes.compile(
    r"(?:,\s*(?:while|but|whereas|although|though|and|as|when|because)|;|\s[—–]\s|\s--\s|"
    r"\bwhile|\bwhereas)\s+"
)
# "Reed’s motto to his staff was", "her remark that": the owner of the words
SPEECH_OWNER = regexes.compile(
    rf"(?:\b({NAME})['’]s?|\b([Hh]is|[Hh]er|[Tt]heir|[Ii]ts))\s+(?:[a-z\-]+\s+)?"
    r"(?:remark|remarks|comment|comments|words|dictum|motto|slogan|quip|line|statement|tweet|"
    r"message|advice|claim|claims|promise|pledge|warning|question|answer|response|reply|"
    r"retort|mantra|assertion|insistence|suggestion|declaration|description|catchphrase)\b"
)
_OBJECT_BEFORE = regexes.compile(r"\b(?:by|from|of|to|with|for|about|against)\s+$")
# a subject right before the verb ("he's said much the same", "she has told them"): the verb
# is no inverted cue ("said the minister"), what follows it is its object
_SUBJECT_BEFORE_VERB = regexes.compile(
    r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Ww]ho)(?:['’](?:s|ve|d)|\s+(?:has|have|had))?\s+$"
)
# a name (and its party tag) that a description after it is an apposition of: "State Sen.
# Tom Hale (R), another early supporter, said"
_NAME_BEFORE_APPOSITION = regexes.compile(rf"({NAME})(?:\s*\([^()\x01]{{1,20}}\))?,\s*$")
_REPORTS = regexes.compile(rf",\s+(?:reports|reported)\s+({NAME})\s*[.,]?\s*$")
_BARE_SUBJECT = regexes.compile(
    rf"\s*({NAME})\s+(?:[a-z]+ly\s+)?(?!(?:of|in|at|on|for|with|and|or|to|from|by|as)\b)"
    rf"[a-z]+\b"
)
# after an inverted cue ("said Jane Doe") comes punctuation, an apposition or the quote
INVERSION_END = regexes.compile(r"\s*(?:[,:;.—–\-(]|$)")


def who(match: re.Match[str]) -> str | None:
    """The speaker a cue pattern (:data:`CUE_AFTER`, :data:`CUE_ANY`) names, or None when it
    names no one ("When asked", "Thursday told")."""
    found = _who(match)
    if found is None or is_pronoun(found) or is_role(found) or is_description(found):
        return found
    return found if clean_name(found) is not None else None


_WHOLE_NAME = regexes.compile(rf"{NAME}")


def _not_a_speaker(value: str) -> bool:
    """A place or an opening phrase ("Of Hale", "In Ohio") where a subject was expected."""
    first = fold(value.split()[0]) if value.split() else ""
    return (
        kind_of(value) == "place"
        or first in LOCATIVE
        or (" " not in value.strip() and (kind_of(value) != "organization" and not value.isupper()))
    )


def _who(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    for group in ("who", "org", "who2", "who3", "who4", "who5"):
        value = groups.get(group)
        if value:
            if group == "who":
                if groups.get("tname") and kind_of(groups["tname"]) != "place":
                    value = groups["tname"]  # "Ohio delegate Rhea Banks"
                appos = groups.get("appos")
                named = named_by_apposition(value, appos)
                if named == value and appos and is_description(value):
                    return value + appos.rstrip(", ")  # "an aide, who asked not to be named,"
                if named == value and appos and _not_a_speaker(value):
                    # "Brandon, Manitoba, after the count, Mayor Clara Dunn said": the place and the
                    # opener before the name are not who spoke
                    parts = (_PARENTHESIS_END.sub("", p.strip()) for p in appos.split(","))
                    people = [
                        part
                        for part in parts
                        if _WHOLE_NAME.fullmatch(part) and kind_of(part) == "person"
                    ]
                    if people:
                        return people[-1]
                return named
            if group == "org":
                appos = groups.get("appos")
                named = named_by_apposition(match.group().split()[1], appos) if appos else ""
                if appos and named and named[:1].isupper() and kind_of(named) == "person":
                    return named  # "a spokeswoman for the hotel group, Jo Reyes, said"
            following = match.string[match.end(group) : match.end(group) + 160]
            titled = TITLED_NAME.match(following) if group in ("who2", "who3") else None
            if titled and kind_of(titled.group(1)) == "person":
                return titled.group(1)  # "said CDU agriculture spokesman Sebastian Lührs"
            if (
                group == "who2"
                and is_description(value)
                and not DESCRIPTION_RE.match(value)
                and fold(match.group("verb2")) not in NP_VERBS
            ):
                return None  # "admitted some plagiarism": an object, not a speaker
            if group == "who2":
                named = named_by_apposition(value, following)
                if named == value and _DEFINITE.match(value) and not is_role(value):
                    return None  # "to say the reverse about Hale": not a speaker
                if named == value and (is_role(value) or is_description(value)):
                    direct = ROLE_NAME.match(following)
                    if direct and kind_of(direct.group(1)) == "person":
                        return direct.group(1)  # "said her campaign manager Rob Tate"
                return (
                    described(value, following)
                    if named == value and is_description(value)
                    else named
                )
            if is_description(value):
                return described(value, following)
            return value
    return None


def _inversion_ends(text: str, m: re.Match[str]) -> bool:
    """Does an inverted cue ("explained Herald moderator Ana Ruiz:") end where its speaker
    does, at punctuation or the quote, rather than run on into a clause ("said the driver
    was")?"""
    end = m.end()
    more = TITLED_NAME.match(text, end) or ROLE_NAME.match(text, end)
    if more is not None:
        end = more.end()
    if text[end:].strip() == "":
        return m.group("who2")[:1].isupper()  # 'said Jane Doe "...' but not 'said the days'
    return INVERSION_END.match(text, end) is not None


def passive_by(site: Site) -> Candidate | None:
    """ "has been called 'X' by the novelist Edwin Marsh": the speaker comes after "by"."""
    if not PASSIVE.search(site.before[-40:]):
        return None
    by = BY_AFTER.match(site.after)
    if by is None:
        return None
    return Candidate(by.group("who"), by.group().strip(" ,.\x01"), site.end + by.start("who"))


def reported_by(site: Site) -> Candidate | None:
    """'"X," the judge said, according to the Herald': the words reach the article through the
    Herald's report, and the Herald is the source the article cites."""
    reports = _REPORTS.search(site.after)
    if reports is not None and ANY_VERB.search(site.after, 0, reports.start()):
        # '"X," said Ana Ruiz, reports the Valley Herald': the paper's report is the source
        name = clean_name(reports.group(1))
        if name is not None:
            return Candidate(name, reports.group().strip(" ,."), site.end + reports.start(1))
    if "ccording to" not in site.after:
        return None
    for m in CUE_ANY.finditer(site.after):
        if m.group("who3") and fold(m.group()).startswith("according to"):
            before = site.after[: m.start()]
            if ANY_VERB.search(before) and before.rstrip().endswith(","):
                name = who(m)
                rest = site.after[m.end() :]
                named = _CAPITAL_WORD.search(name or "")
                if name and named and not _LOWER_NEXT.match(rest):  # not "the British press"
                    return Candidate(name, m.group().strip(), site.end + m.start())
    return None


def cue_after(site: Site) -> Candidate | None:
    """'"X," the minister said', '"X," said Jane Doe': a cue right after the closing mark."""
    after = site.after
    m = CUE_AFTER.match(after)
    if m is None:
        return None
    if m.group("who2") and LOCATIVE & set(fold(after[m.end("verb2") : m.start("who2")]).split()):
        return None  # '"X," she said outside the Senate': a place, not who spoke
    if (
        m.group("verb")
        and _OBJECT_NEXT.match(after, m.end())
        and fold(m.group("verb")) not in ADDRESSED
    ):
        return None  # '"X," the club, a private course, charged a fee': a new clause
    name = who(m)
    if not name:
        return None
    cue = after[m.start() : m.end()].strip(" ,.\x01\"”’'«»“‹›")
    return Candidate(name, cue, site.end + m.start())


def cue_before(site: Site) -> Candidate | None:
    """'Jane Doe told reporters: "X"': the nearest cue before the opening mark."""
    best = None
    if not CUE_HINT.search(site.before):
        return None  # no speech verb, "according to" or "in the words of": no cue to find
    for m in CUE_ANY.finditer(site.before):
        if m.group("verb2") and not _inversion_ends(site.before, m):
            continue  # "The affidavit said the driver was": "the driver" is not the speaker
        if m.group("verb2") and _SUBJECT_BEFORE_VERB.search(site.before, 0, m.start()):
            continue  # "he's said much the same in each town hall:": an object, not who spoke
        if m.group("who") and _OBJECT_BEFORE.search(site.before, 0, m.start()):
            continue  # "a letter obtained by the Herald warns": AP is not the subject
        if who(m) and not (m.group("verb2") and fold(m.group("verb2")) in ADDRESSED):
            best = m  # ("told the German Press Agency:" names who listened, not who spoke)
    if best is None:
        return None
    name = who(best)
    assert name is not None
    named = _NAME_BEFORE_APPOSITION.search(site.before, 0, best.start())
    if named and is_description(name) and kind_of(named.group(1)) == "person":
        # "State Sen. Tom Hale (R), another early supporter, said": the name speaks
        return Candidate(named.group(1), best.group().strip(), site.before_start + named.start(1))
    return Candidate(name, best.group().strip(), site.before_start + best.start())


def cue_later(site: Site) -> Candidate | None:
    """'"X" is how the plan was described, Jane Doe said later': a cue later in the sentence."""
    if not CUE_HINT.search(site.after):
        return None
    for m in CUE_ANY.finditer(site.after):
        if m.group("verb2") and not _inversion_ends(site.after, m):
            continue  # "... and said Tom Hale should resign": not a cue
        if name := who(m):
            return Candidate(name, m.group().strip(), site.end + m.start())
        return None
    return None


def relative_subject(site: Site) -> Candidate | None:
    """ "Mia Lee, who declared at the rally, 'X'": a quote inside a "who" clause is the
    words of the person the clause is about."""
    before = site.sentence_before
    at = before.rfind(", who ")
    if at < 0 or "\x01" in before[at:] or ". " in before[at:]:
        return None
    m = NAME_BEFORE.search(before[:at])
    if m is None:
        return None
    name = clean_name(m.group(1))
    pos = site.lo + m.start(1)
    if name is None or not (site.ctx.person_like(pos, name) or kind_of(name) == "organization"):
        return None
    return Candidate(name, before[m.start(1) :].strip(), pos)


def is_person_role(role: str) -> bool:
    """ "the senator" is a person; "the court" and "the report" are not."""
    return fold(role).split()[-1] in PERSON_ROLES


def participle_subject(site: Site) -> Candidate | None:
    """ "Mayor Ana Kovač denied it, calling it 'nonsense'": the subject of the participle."""
    ctx, lo = site.ctx, site.lo
    sentence_before = site.sentence_before
    part = PARTICIPLE.search(sentence_before)
    if part is None:
        return None
    found = ctx.subject(lo, lo + part.start(), want="any")
    clause = list(_CLAUSE_START.finditer(sentence_before, 0, part.start()))
    if found is not None and found[2] == "role" and clause and not is_person_role(found[1]):
        # "The court heard that he called them, telling them ...": his telling, not the court's
        found = ctx.subject(lo + clause[-1].end(), lo + part.start(), want="any") or found
    if found is not None and found[2] == "pronoun":
        return Candidate(found[1], f"{found[1]} ... {part.group()}", found[0])
    subject = found[1] if found is not None else None
    right_before = NAME_BEFORE.search(sentence_before[: part.start()])
    if right_before and ctx.person_like(
        lo + right_before.start(1), clean_name(right_before.group(1)) or ""
    ):
        # "with club president Ernesto Vidal describing the offer as ..."
        subject = clean_name(right_before.group(1))
    if subject:
        return Candidate(subject, f"{subject} ... {part.group()}", lo)
    pronoun = PRONOUN_RE.search(sentence_before, 0, part.start())
    if pronoun:
        return Candidate(
            pronoun.group(), f"{pronoun.group()} ... {part.group()}", lo + pronoun.start()
        )
    return None


def colon_subject(site: Site) -> Candidate | None:
    """ "Park puts her philosophy simply: 'X'": the subject of a colon introduction speaks."""
    if not site.sentence_before.rstrip(" \x01\"“‘«„'").endswith(":"):
        return None
    subject = site.ctx.subject(site.lo, site.start, want="any")
    if subject is None:
        return None
    return Candidate(subject[1], site.ctx.masked[subject[0] : site.start].strip(" :"), subject[0])


OPENING = " \"“‘«„'"
"""What may stand between a line's start and a quote that opens it."""


def line_start(text: str, pos: int) -> int:
    """Where the line that ``pos`` is in starts (looking back to it, not copying the text
    before it: a stage runs for every quote)."""
    return text.rfind("\n", 0, pos) + 1


def colon_paragraph(site: Site) -> Candidate | None:
    """ "The Herald confirmed it, reporting:" and the quote as the next paragraph: the
    subject of the colon sentence speaks."""
    ctx = site.ctx
    i = line_start(ctx.text, site.start)
    if i == 0 or ctx.text[i : site.start].rstrip(OPENING):
        return None  # the quote does not open its paragraph
    end = i  # the end of what comes before the line, less its whitespace
    while end and ctx.text[end - 1].isspace():
        end -= 1
    if end == 0 or ctx.masked[end - 1] != ":":
        return None
    lo, _ = ctx.sentence(end - 1, end - 1)
    subject = ctx.subject(lo, end, want="any")
    if subject is None:
        return None
    return Candidate(subject[1], ctx.masked[subject[0] : end].strip(" :"), subject[0])


def sentence_cue(site: Site) -> Candidate | None:
    """ "Ruth Abara read it and said, 'X'": a speech verb further back in the sentence, whose
    subject speaks; and "has been called 'X' by the novelist Edwin Marsh" with the verb far
    from the quote."""
    ctx, lo = site.ctx, site.lo
    before = site.sentence_before
    if PASSIVE.search(before):
        m = BY_AFTER.match(site.after)
        if m:
            return Candidate(m.group("who"), m.group().strip(" ,.\x01"), site.end + m.start("who"))
    verbs = list(ANY_VERB.finditer(before))
    if not verbs:
        return None
    verb = verbs[-1]
    subject = ctx.subject(lo, lo + verb.start(), want="any")
    if subject is None:
        return None
    return Candidate(subject[1], f"{subject[1]} ... {verb.group()}", subject[0])


def clause_subject(site: Site) -> Candidate | None:
    """ "Ada Price charged that 'X'", "She vowed to fight 'every inch'": with no cue,
    the quote is the words of the sentence's subject (a name, a role or a pronoun)."""
    before = site.sentence_before
    if not before.strip(" \x01\"“‘«„'"):
        return None
    ctx = site.ctx
    owned = list(SPEECH_OWNER.finditer(before))
    if owned:  # "Reed’s motto was, 'X'", "her remark that 'X'": whose words they are
        owner = owned[-1]
        if owner.group(1):
            name = clean_name(owner.group(1))
            if name is not None:
                return Candidate(name, owner.group().strip(), site.lo + owner.start(1))
        else:
            pronoun = _POSSESSOR[fold(owner.group(2))]  # "her remark" is hers
            return Candidate(pronoun, owner.group().strip(), site.lo + owner.start(2))
    for boundary in reversed(list(CLAUSE_BOUNDARY.finditer(before))):
        # "Mia Lee calls him 'the boss,' while Tom Hale calls her 'the brain'": the last clause
        at = site.lo + boundary.end()
        subject = ctx.subject(at, site.start, want="any")
        if subject is not None and len(ctx.masked[at : subject[0]].split()) <= 1:
            return Candidate(subject[1], ctx.masked[subject[0] : site.start].strip(), subject[0])
        break
    subject = ctx.subject(site.lo, site.start, want="any")
    if subject is None:
        return _bare_subject(site)
    return Candidate(subject[1], ctx.masked[subject[0] : site.start].strip(), subject[0])


def _bare_subject(site: Site) -> Candidate | None:
    """ "In 2019, Gallup found that 'X'", "The charter requires 'X'": a name no rule
    vouches for, but it opens the clause and a verb follows it."""
    ctx = site.ctx
    at = site.lo
    for _ in range(3):
        opener = OPENER.match(ctx.masked, at, site.start)
        if opener is None:
            break
        at = opener.end()
    m = _BARE_SUBJECT.match(ctx.masked, at, site.start)
    if m is None:
        return None
    name = clean_name(m.group(1))
    if name is None or kind_of(name) in ("place", "thing") or ctx.people.is_place(name):
        return None
    if " " not in name and not name.isupper() and (at == site.lo or fold(name) in TITLES):
        return None  # "Good information can ...", "Justice ...": a capitalised opener
    return Candidate(name, ctx.masked[at : site.start].strip(), at + m.start(1))


STAGES: tuple[Stage, ...] = (
    passive_by,
    reported_by,
    cue_after,
    cue_before,
    cue_later,
    relative_subject,
    participle_subject,
    colon_subject,
    colon_paragraph,
    sentence_cue,
    clause_subject,
)


def first_candidate(site: Site, stages: tuple[Stage, ...] = STAGES) -> Candidate | None:
    """The candidate of the first stage that finds one."""
    for stage in stages:
        found = stage(site)
        if found is not None:
            return replace(found, stage=stage.__name__)
    return None
