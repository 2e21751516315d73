"""Who is mentioned where: names, roles and pronouns in an article, and sentence subjects.

:class:`Context` holds the article with its quotes masked out, its sentences and paragraphs,
and its mentions; it answers "what could this mention be" (a person, an organization, a
place) and "who is the subject of this sentence" for the attribution in :mod:`speakers`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from tui_reader.library import regexes
from tui_reader.library.quotes.alternation import alternation, longest_first
from tui_reader.library.quotes.lexicon import (
    ABBREVIATION,
    ADDRESSED,
    APPOSITION_NAME,
    DATELINE,
    DESCRIPTION,
    DESCRIPTION_NOUN_PATTERN,
    DESCRIPTION_NOUNS,
    DOCUMENTS,
    FEMALE_GIVEN,
    GROUP_SUBJECT,
    INDEFINITE_START,
    LOCATIVE,
    MALE_GIVEN,
    MENTION,
    NAME,
    NOT_SPEAKERS,
    OPENER,
    ORG_APPOSITION_TAIL,
    ORG_TYPES,
    ORG_WORDS,
    OWNED_ROLE,
    PARA_BREAK,
    PERSON_ROLES,
    PLACE_HEADS,
    PLACE_WORDS,
    POST_MODIFIER,
    PRONOUN_RE,
    REGION_PREFIXES,
    ROLE_HEADS,
    ROLE_NOUNS,
    SENTENCE_END,
    SPOKES_HEADS,
    SPOKES_ROLE,
    STOP_WORDS,
    THING_HEADS,
    TITLED_NAME,
    VERB_OR_PARTICIPLE_PATTERN,
    VERB_PATTERN,
    VERBS,
)
from tui_reader.library.quotes.names import TITLES, fold
from tui_reader.library.quotes.persons import People

# a question's auxiliary before a name is no part of it ("Was Szlachta satisfied?", "Don't
# Republicans risk it?"); "Will" and "Can" may be given names, so they stay
_QUESTION_AUXILIARIES = frozenset(
    "was is were are did does do has have had should could would don't doesn't didn't isn't "
    "wasn't aren't weren't hasn't haven't".split()
)


@lru_cache(maxsize=8192)
def clean_name(raw: str) -> str | None:
    """A mention without leading stop words, or None when nothing name-like is left."""
    stripped = raw.strip(" ,.;:")
    if stripped in NOT_SPEAKERS:
        return None
    words = stripped.split()
    while (
        words
        and fold(words[0]).strip(".,:") in STOP_WORDS
        and not (words[0] in ("The", "the") and len(words) > 1 and words[1][:1].isupper())
    ):
        words.pop(0)
    if len(words) > 1 and fold(words[0]).replace("’", "'") in _QUESTION_AUXILIARIES:
        words.pop(0)
    if not words or len(words) > 12:
        return None
    if len(words) >= 3 and sum(1 for w in words if w.isupper() and len(w.strip(".,")) > 1) >= 3:
        return None  # "MARKETS RALLY AS RATES FALL": a headline, not a name
    name = " ".join(words)
    if "(" in name:
        name = PARTY_TAG.sub("", name)  # "Maria Blake (D-Ore.)"
    left, of, _ = name.partition(" of ")
    if (
        of
        and len(left.split()) >= 2
        and kind_of(left) == "person"
        and sum(1 for w in left.split() if fold(w).strip(".,") not in TITLES) >= 2
    ):
        name = left  # "Omar Haddad of the Institute for Fiscal Studies"
    for word in name.split():
        if fold(word).strip(".,'’s") not in STOP_WORDS:
            return name  # a core word: a name
    return None


def is_pronoun(text: str) -> bool:
    """he, she, they, it, we, I."""
    return fold(text) in {"he", "she", "they", "it", "we", "i"}


@lru_cache(maxsize=8192)
def is_role(text: str) -> bool:
    """A role phrase like "the president", "the ministry" or "the 29-year-old Grammy winner"
    (no capitalised name in it, or a role noun at its head)."""
    words = text.split()
    return (
        len(words) >= 2
        and fold(words[0]) in {"the", "a", "an", "his", "her", "their", "its", "one"}
        and (
            all(not w[:1].isupper() for w in words[1:])
            or (words[-1].islower() and words[-1].strip(".,") in ROLE_HEADS)
        )
    )


_WORDS = regexes.compile(r"[\w']+")
_POSSESSIVE_END = regexes.compile(r"['’]s$")
_ACRONYM_IN = regexes.compile(r"\([A-Z]{2,}\)")
_ACRONYM_ONLY = regexes.compile(r"(?:the\s+)?[A-Z]{2,8}")
_ACRONYM_WORD = regexes.compile(r"(?:^|\s)[A-Z]{3,6}(?:\s|$)")


@lru_cache(maxsize=8192)
def kind_of(name: str) -> str:
    """person, organization, place, thing or unknown, from the words of a name."""
    parts = name.split()
    # a title after the first word with two words after it: four words at least
    titled = (
        [i for i, w in enumerate(parts) if fold(w).strip(".,") in TITLES] if len(parts) > 3 else []
    )
    if titled and titled[-1] < len(parts) - 1 and titled[-1] > 0:
        # "Police Chief Dana Whitfield": what follows the title decides
        rest = " ".join(parts[titled[-1] + 1 :])
        if len(rest.split()) >= 2 and not set(fold(rest).split()) & ORG_WORDS:
            return "person"
    folded = fold(name)
    words = set(_WORDS.findall(folded))
    parts_folded = folded.split()
    last = parts_folded[-1] if parts_folded else ""
    if last.endswith(("'s", "’s")):
        last = last[:-2]
    if last in PLACE_WORDS and not words & ORG_WORDS:
        return "place"  # "Elm Street", "Central Asia" (the head noun decides)
    if len(parts_folded) == 2 and parts_folded[0] in REGION_PREFIXES:
        return "place"  # "Lower Saxony", "Northern Ireland", "West Bengal"
    if ("(" in name and _ACRONYM_IN.search(name)) or _ACRONYM_ONLY.fullmatch(name):
        return "organization"
    if _ACRONYM_WORD.search(name):  # "BBC Sport", "NHS England"
        return "organization"
    if words & ORG_WORDS:
        return "organization"
    if len(parts) > 1 and is_role(name):  # (a role has two words at least)
        return "person" if words & PERSON_ROLES else "organization"
    if len(parts_folded) >= 3 and set(parts_folded[1:]) & PLACE_HEADS:
        return "place"  # "Varga Tower Lisbon"
    if last in THING_HEADS or last in PLACE_HEADS:
        # "Varga Tower", "Harbour Accord", "Spring Convention": never anyone
        return "place" if last in PLACE_HEADS else "thing"
    if len(parts) > 1 and sum(1 for w in parts if w[:1].isupper()) >= 2:
        return "person"
    return "unknown"


SPEECH_AFTER = regexes.compile(rf",?\s+(?:\w+ly\s+)?(?:{VERB_PATTERN})\b")
# a sentence that reports someone's words at its end: "Hale won the crowds, Okoro said." or
# "..., said Jo Reyes, a professor at X." (not "..., said Trump will win"): the one who reports
# is who "he" or "she" goes on as
# "As for Hale, he said": the topic the sentence opens with is who the pronoun after it is
_TOPIC_OPENER = regexes.compile(
    rf"\s*(?:(?:[Aa]nd|[Bb]ut)\s+)?(?:[Aa]s\s+(?:for|to))\s+({NAME}),\s*$"
)
_SPEAKING_FIRST = alternation("|".join(v for v in VERBS.split("|") if v not in ADDRESSED))
_REPORTED_BY = regexes.compile(
    rf",\s+(?:({NAME})\s+(?:{VERB_PATTERN})|(?:{_SPEAKING_FIRST})\s+({NAME}))\b"
    r"(?=\s*(?:[.,;:]|(?:in|on|at|during|last|this|after|before)\b|$))(?=[^\x01]{0,160}$)"
)
PLACE_PREPOSITIONS = {"in", "at", "near", "across", "throughout", "outside", "inside", "around"}


_TITLE_NOUNS = TITLES - {
    "the",
    "of",
    "state",
    "health",
    "foreign",
    "finance",
    "interior",
    "defence",
    "defense",
    "acting",
    "former",
    "head",
    "member",
    "union",
    "general",
    "major",
    "vice",
    "deputy",
    "opposition",
}
# the words between a name and a person's name that make it a role ("Herald columnist X")
_PERSON_NOUNS = [w for w in DESCRIPTION_NOUNS.split("|") if w not in DOCUMENTS]
_ROLE_WORDS = "|".join([ROLE_NOUNS, *_PERSON_NOUNS, *sorted(_TITLE_NOUNS, key=longest_first)])
ROLE_WORDS_RE = regexes.compile(rf"\b(?:{alternation(_ROLE_WORDS)})\b")
# "the bank's chief economist, Rosa Diaz,"
OWNED_NAME = regexes.compile(rf"\s+(?:[a-z][\w\-]*\s+){{0,5}}?[a-z][\w\-]*,\s+({NAME})\s*,")
PERSON_GROUP = regexes.compile(
    r"\s+(?:supporters|voters|aides|officials|allies|fans|critics|backers|loyalists|delegates|"
    r"staffers|advisers|advisors|lawyers|attorneys|campaign|loyalists|followers|donors)\b"
)
OWNED_BODY = regexes.compile(
    r"\s+(?:campaign|office|team|staff|administration|government|aides|lawyers|attorneys|"
    r"camp|allies|supporters|foundation|company|party)\b(?!,\s+[A-Z])"
)
_NP_REST = regexes.compile(
    r"(?:\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|He|She|It|"
    r"They|We|I)\b)[A-Z][\w’'\-]*)+"
    rf"(?:\s+(?:{DESCRIPTION_NOUN_PATTERN})(?:e?s)?\b)?"
)
PARTY_TAG = regexes.compile(r"\s*\((?:[RDI]|[RDI]-[A-Z][A-Za-z.\s]{1,12})\)")
DESCRIPTION_AT = regexes.compile(rf"\s*{DESCRIPTION}")
_APPOSITION = regexes.compile(r",\s+[^,\x01\"“”]{1,100},")
_HEAD_END = regexes.compile(r"\s+(?:who|which|that|with|of|for|at|in|from|on)\b|,")
_COMMA = regexes.compile(r",\s")
_NOT_BEFORE_SUBJECT = LOCATIVE | {"with", "by"}  # "In a statement, ...", "with Transport Canada"
_PERSON_WORDS_BEFORE = PERSON_ROLES | TITLES  # "my uncle Dariush", "coach Mia"
_ISSUERS = DOCUMENTS | ORG_TYPES  # heads whose apposition may name an organization
# a lone capitalised word opening a sentence, then a past-tense verb or ", who" ("Brankov
# dodged the question", "Meanwhile Zarela, who was honoured, spoke"): who "he" or "she" is
# when the sentence has no fuller subject
_BARE_PERSON = regexes.compile(
    r"\s*(?:(?:[Mm]eanwhile|[Tt]hen|[Ll]ater|[Bb]ut|[Aa]nd)\s+)?([A-Z][a-z][\w\-]*)(?!['’\w])"
    r"(?:,\s+who\b|\s+(?:[a-z]+ly\s+)?[a-z]+ed\b)"
)
_DESCRIPTION_NOUN_SET = set(DESCRIPTION_NOUNS.split("|"))
# a description, a few words of its own, then the name it stands for: "One pastor backing the
# mayor, Tom Hale of Grace Church, said", "A possible deputy mayor pick, Hale is"
_TAIL_APPOSITION = regexes.compile(
    rf"(?:\s+[^\s,;:\x01\"“”()]+){{0,5}}?,\s+({NAME})(?=\s*,|\s+of\s|\s+(?:is|was|has|had)\s)"
)


def _cited(before: list[str]) -> bool:
    """Do the words before a name end with "according to" (a source, not a place)?"""
    return [fold(w) for w in before[-2:]] == ["according", "to"]


def is_dateline(text: str, pos: int) -> bool:
    """Does a dateline ("MADRID (Reuters) —") start at ``pos``? (Only a line can start one.)"""
    return (pos == 0 or text[pos - 1] == "\n") and DATELINE.match(text, pos) is not None


def _person_words(names: set[str]) -> set[str]:
    """The words of the fuller person names, without titles and stop words: a lone "Kulkarni"
    is the surname of the article's Sunita Kulkarni."""
    found = set()
    for name in names:
        words = name.split()
        if len(words) > 1 and kind_of(name) == "person":
            for word in words:
                folded = fold(word)
                if folded.strip(".") not in TITLES and folded not in STOP_WORDS:
                    found.add(_POSSESSIVE_END.sub("", folded.strip(".,")))
    return found


class Context:
    """The article text with quotes masked, and where its sentences and paragraphs are."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        pieces, pos = [], 0
        for start, end in sorted(spans):
            stop = end - 1 if end - start > 1 and text[end - 1] in ".!?," else end
            if start < pos or stop <= start:
                continue
            pieces.append(text[pos:start])
            pieces.append("\x01" * (stop - start))
            pos = stop
        pieces.append(text[pos:])
        self.text = text
        self.masked = "".join(pieces)
        self.breaks = [
            m.end()
            for m in SENTENCE_END.finditer(self.masked)
            # "Dr. Nwosu": only a period can end an abbreviation
            if self.masked[m.start()] != "."
            or not ABBREVIATION.search(self.masked, max(0, m.start(1) - 8), m.start(1))
        ]
        self.paras = [m.start() for m in PARA_BREAK.finditer(text)]
        # Names only: role phrases ("the company") are what needs resolving, not antecedents.
        found = [
            (m.start(), m.end(), name)
            for m in MENTION.finditer(self.masked)
            if not is_role(raw := m.group())
            and (name := clean_name(raw)) is not None
            and not is_dateline(self.masked, m.start())
        ]
        # the names as written join speakers' names ("Russia's Foreign Intelligence Service");
        # the mentions are who is meant ("Hale’s Westside office" is about Hale)
        self.names = [name for _, _, name in found]
        self.mentions = [
            possessive_split(
                self.masked, start + max(0, self.masked.find(name, start, end) - start), end, name
            )
            for start, end, name in found
        ]
        self._break_set = set(self.breaks)
        self._people: People | None = None
        self.org_names = {
            name
            for _, end, name in found
            if ORG_APPOSITION_TAIL.match(self.masked, end)
            or self.masked.startswith((", which ", ", whose shares"), end)
        }
        self._mention_starts = [start for start, _ in self.mentions]
        self.person_words = _person_words({name for _, name in self.mentions})

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence (within its paragraph) around start..end."""
        i = bisect_right(self.breaks, start - 1)
        lo = self.breaks[i - 1] if i else 0
        lo = max(lo, self._para_start(start))
        j = bisect_right(self.breaks, end)
        hi = self.breaks[j] if j < len(self.breaks) else len(self.text)
        return lo, min(hi, self._para_end(end))

    def _para_start(self, pos: int) -> int:
        i = bisect_left(self.paras, pos)
        if not i:
            return 0
        m = PARA_BREAK.match(self.text, self.paras[i - 1])
        return m.end() if m else self.paras[i - 1]

    def _para_end(self, pos: int) -> int:
        i = bisect_left(self.paras, pos)
        return self.paras[i] if i < len(self.paras) else len(self.text)

    def paragraph_index(self, pos: int) -> int:
        """Which paragraph ``pos`` is in."""
        return bisect_left(self.paras, pos)

    def kind(self, name: str) -> str:
        """:func:`kind_of`, knowing the article's "X, a smart-lock maker," organizations."""
        return "organization" if name in self.org_names else kind_of(name)

    def subject(self, lo: int, hi: int, *, want: str = "person") -> tuple[int, str, str] | None:
        """The first candidate subject in text[lo:hi]: ``(start, surface, what)`` with what
        "pronoun", "role" or "name"; names that cannot be a person (or, for want="any", an
        organization) are skipped."""
        after = lo
        for _ in range(3):  # "On Monday, after a long silence, Hale spoke"
            opener = OPENER.match(self.masked, after, hi)
            if opener is None:
                break
            after = opener.end()
        if after > lo:
            found = self._subject(after, hi, want)
            if found is not None:
                return found
        return self._subject(lo, hi, want)

    def _subject(self, lo: int, hi: int, want: str) -> tuple[int, str, str] | None:
        group = self._described_subject(lo, hi)
        if group is not None:
            return group
        found: list[tuple[int, str, str]] = []
        for m in MENTION.finditer(self.masked, lo, hi):
            raw = m.group()
            before = self.masked[max(lo, m.start() - 14) : m.start()].split()
            if before and fold(before[-1]) in _NOT_BEFORE_SUBJECT and not _cited(before):
                continue  # "In a statement, ...", "with Transport Canada": not the subject
            if fold(raw.split()[0]) in LOCATIVE:
                continue  # "At Tshwane House, ..." (the capitalised preposition is in the match)
            if is_role(raw):
                head = fold(raw).split()[-1]
                if want == "person" and (
                    head in DOCUMENTS or (head not in PERSON_ROLES and head not in SPOKES_HEADS)
                ):
                    continue  # "The court heard that he ...": he is not the court
                named = named_by_apposition(raw, self.masked[m.end() : m.end() + 80])
                tail = _TAIL_APPOSITION.match(self.masked, m.end(), hi)
                if named != raw:  # "Its skipper, Tomas Reilly, said"
                    found.append((m.start(), named, "name"))
                elif tail and is_description(raw) and self._named_here(_tail_name(tail)):
                    found.append((tail.start(1), _tail_name(tail), "name"))  # "One pastor ..., X"
                elif is_description(raw) and head not in SPOKES_HEADS:
                    # "an army of Hale supporters": the description with what belongs to it
                    found.append((m.start(), described(raw, self.masked[m.end() : hi]), "role"))
                else:
                    found.append((m.start(), raw, "role"))
                break
            name = clean_name(raw)
            if name is None or is_dateline(self.masked, m.start()):
                continue
            at, name = possessive_split(self.masked, m.start(), m.end(), name)
            owner = _POSSESSIVE_END.sub("", name)
            if owner != name and (body := OWNED_BODY.match(self.masked, m.end(), hi)):
                # "Lowe's campaign hit back": the campaign, not Lowe herself
                found.append((at, f"{name}{body.group()}", "name"))
                break
            if owner != name:
                owned = OWNED_NAME.match(self.masked, m.end(), hi)
                if owned is not None and kind_of(owned.group(1)) == "person":
                    # "Hale's pollster, Dana Ruiz, says": the pollster speaks
                    found.append((owned.start(1), owned.group(1), "name"))
                    break
            if owner != name and want == "person":
                role = OWNED_ROLE.match(self.masked, m.end())
                named = (
                    named_by_apposition(
                        f"the {role.group(1)}", self.masked[role.end() : role.end() + 80]
                    )
                    if role
                    else ""
                )
                if role and not named.startswith("the "):
                    found.append((at, named, "name"))  # "Amelia's brother, Daniel Nunez,"
                    break
                if self.person_like(at, owner):
                    found.append((at, owner, "name"))  # "Pena's younger son asked ..."
                    break
            elif owner != name and self.person_like(at, owner):
                found.append((at, owner, "name"))  # "Mrs. Lowe's plans ... 'X'"
                break
            titled = TITLED_NAME.match(self.masked, m.end(), hi)
            if (
                titled is not None
                and kind_of(titled.group(1)) == "person"
                and ROLE_WORDS_RE.search(self.masked, m.end(), titled.start(1))
            ):
                # "Valley Herald columnist Ana Ruiz": the columnist, not the paper
                found.append((titled.start(1), titled.group(1), "name"))
                break
            group = PERSON_GROUP.match(self.masked, m.end(), hi)
            if group is not None and self.person_like(at, name):
                # "Hale supporters chanted 'four more'": the supporters, not Hale
                found.append((at, f"{name}{group.group()}", "description"))
                break
            if self.person_like(at, name) or (want == "any" and self.kind(name) == "organization"):
                found.append((at, name, "name"))
                break
        p = PRONOUN_RE.search(self.masked, lo, hi)
        if p is not None and fold(p.group()) in ("he", "she"):
            found.append((p.start(), p.group(), "pronoun"))
        spokes = SPOKES_ROLE.search(self.masked, lo, hi)
        if spokes is not None:  # "A company spokeswoman" (the role regex stops at "company")
            found.append((spokes.start(), spokes.group(), "role"))
        return min(found) if found else None

    def _described_subject(self, lo: int, hi: int) -> tuple[int, str, str] | None:
        """A clause that opens with a description or a group ("One such memo, obtained by
        the Herald, includes", "Some fans chanted", "Local traders note")."""
        m = DESCRIPTION_AT.match(self.masked, lo, hi) or GROUP_SUBJECT.match(self.masked, lo, hi)
        if m is None or not m.group().strip():
            return None
        start = lo + len(m.group()) - len(m.group().lstrip())
        text = m.group().strip()
        rest = self.masked[m.end() : hi]
        appos = _APPOSITION.match(rest)
        if appos is not None and is_description(text):
            named = named_by_apposition(text, appos.group())
            if named != text:
                return start, named, "name"  # "another user, Jo Reyes, wrote"
            text += appos.group().rstrip(",")
        elif is_description(text):
            tail = _TAIL_APPOSITION.match(self.masked, m.end(), hi)
            if tail is not None and self._named_here(_tail_name(tail)):
                return tail.start(1), _tail_name(tail), "name"
            text = described(text, rest)
        return start, text, "description"

    def _named_here(self, name: str) -> bool:
        """Could this capitalised apposition be a person's name (not a place, a group or an
        organization, nor a capitalised common word)?"""
        words = name.split()
        return (
            fold(words[0]) not in STOP_WORDS
            and fold(words[-1]) not in TITLES
            and not self._no_person(name, kind_of(name))
            and not name.isupper()
        )

    def _no_person(self, name: str, kind: str) -> bool:
        """Is ``name``, of this kind, a place, an organization or a thing, never a person?"""
        return kind in ("place", "organization", "thing") or self.people.is_place(name)

    def person_like(self, start: int, name: str) -> bool:
        """Could this mention be a person? Not a place ("in Valencia"), a dateline ("MADRID"),
        a possessive ("Spain's"), a bare title ("Dr") or a capitalised sentence opener; a lone
        word counts when it is part of a fuller person name in the article ("Quinlan")."""
        if is_role(name):
            return False
        kind = self.kind(name)
        if kind == "organization" or name.endswith(("’s", "'s")):
            return False
        words = name.split()
        before = self.masked[max(0, start - 40) : start].split()
        # "in Cedar Falls", "in Brandon, Manitoba", "across Wiltshire and Gloucestershire"
        places = LOCATIVE if len(words) == 1 else PLACE_PREPOSITIONS
        if before and fold(before[-1]) in places and not _cited(before):
            return False
        if len(words) == 1 and fold(name).strip(".") in self.person_words:
            return True  # "Back in Baner, Kulkarni's society": Sunita Kulkarni's surname
        if (
            len(words) == 1
            and len(before) >= 2
            and before[-1].endswith(",")
            and before[-1][:1].isupper()
            and fold(before[-2]) in PLACE_PREPOSITIONS
        ):
            return False  # "in Brandon, Manitoba"
        if len(before) >= 3 and fold(before[-1]) in ("and", "or") and fold(before[-3]) in places:
            return False
        if self.people.is_place(name):
            return False  # a name the article writes as a place
        if kind == "person":
            return not all(fold(w).strip(".") in TITLES for w in words[:-1]) or len(words) > 1
        if len(words) != 1:
            return False
        word = fold(name).strip(".")
        if len(word) < 2 or word in TITLES or (name.isupper() and len(name) > 1):
            return False
        if word in self.person_words or word in FEMALE_GIVEN or word in MALE_GIVEN:
            return True  # a surname of a fuller name, or a given name ("Bob")
        if before and fold(before[-1]).strip(",") in _PERSON_WORDS_BEFORE:
            return True  # "my uncle Dariush", "coach Mia"
        # a lone capitalised word that no fuller name explains ("Canadian", "Rather") is a
        # person only when a speech verb follows it ("Moby said")
        return (
            not self._sentence_start(start)
            and SPEECH_AFTER.match(self.masked, start + len(name)) is not None
        )

    def _reporter(self, lo: int, hi: int, gender: str | None) -> tuple[int, str] | None:
        """The person a sentence ends by citing ("..., Okoro said."), if "he" or "she"
        can be them."""
        last = None
        for m in _REPORTED_BY.finditer(self.masked, lo, hi):
            last = m
        if last is None:
            return None
        at = last.start(1) if last.group(1) else last.start(2)
        name = clean_name(last.group(1) or last.group(2))
        if name is None or not self.person_like(at, name) or not self.people.fits(name, gender):
            return None
        return at, name

    def _topic(self, lo: int, hi: int, gender: str | None) -> tuple[int, str] | None:
        """ "As for Hale, " right before ``hi``: Hale, if "he" or "she" can be them."""
        m = _TOPIC_OPENER.match(self.masked, lo, hi)
        name = clean_name(m.group(1)) if m is not None else None
        if m is None or name is None:
            return None
        if self._no_person(name, self.kind(name)) or not self.people.fits(name, gender):
            return None  # ("for" before the name: person_like would take it for a place)
        return m.start(1), name

    def _bare_person(self, lo: int, hi: int) -> tuple[int, str] | None:
        """ "Brankov dodged the question": a lone word no rule vouches for, opening the
        sentence before a past-tense verb (or ", who"), and neither a place, a group, an
        organization nor a common opening word."""
        m = _BARE_PERSON.match(self.masked, lo, hi)
        if m is None:
            return None
        word = m.group(1)
        folded = fold(word)
        if (
            folded in STOP_WORDS
            or folded in TITLES
            or folded.rstrip("s") in _DESCRIPTION_NOUN_SET
            or self._no_person(word, kind_of(word))
        ):
            return None
        return m.start(1), word

    def _sentence_start(self, pos: int) -> bool:
        head = self.masked[max(0, pos - 3) : pos]
        return pos == 0 or pos in self._break_set or head.endswith(("\n", "\x01 ", "\x01"))

    def previous_mention(self, pos: int, want: str) -> str | None:
        """The person a pronoun before ``pos`` stands for (the subject of the nearest sentence
        with a person in it), or the nearest organization."""
        found = self.previous_mention_at(pos, want)
        return found[1] if found else None

    @property
    def people(self) -> People:
        """Gender evidence and place names of the article (computed when first asked)."""
        if self._people is None:
            self._people = People(self)
        return self._people

    def previous_mention_at(
        self, pos: int, want: str, gender: str | None = None
    ) -> tuple[int, str] | None:
        """:meth:`previous_mention` with where the mention is; for a person, one that a
        pronoun of ``gender`` ("m", "f") can stand for."""
        if want == "person":
            # the subject of the nearest sentence that has one; "she" there continues the chain
            lo, _ = self.sentence(pos, pos)
            for _ in range(5):
                reporter = self._reporter(lo, pos, gender) or self._topic(lo, pos, gender)
                if reporter is not None:
                    return reporter
                subject = self.subject(lo, pos)
                if subject is not None and subject[2] == "pronoun":
                    topic = self._topic(lo, subject[0], gender)
                    if topic is not None:  # "As for Hale, he said he is not worried."
                        return topic
                if (
                    subject is not None
                    and subject[2] != "pronoun"
                    and (subject[2] != "name" or self.people.fits(subject[1], gender))
                    and not (subject[2] == "description" and _plural(subject[1]))
                    and not self.people.is_place(subject[1])
                ):
                    return subject[0], subject[1]
                if subject is not None and subject[2] == "name":
                    # the subject cannot be "she": another person in that sentence who can
                    # ("Prince Harry greeted Queen Anne ... she said")
                    for start, name in self.mentions:
                        if (
                            lo <= start < pos
                            and start != subject[0]
                            and self.people.stated_gender(name) == gender
                            and self.person_like(start, name)
                        ):
                            return start, name
                bare = self._bare_person(lo, pos) if subject is None else None
                if bare is not None:
                    return bare
                if lo == 0:
                    break
                pos = lo
                lo, _ = self.sentence(max(0, lo - 2), max(0, lo - 2))
            return None
        for start, name in reversed(self.mentions):
            if start >= pos or is_role(name):
                continue
            if self.kind(name) == want:
                return start, name
        return None


def _tail_name(m: re.Match[str]) -> str:
    """The name of a :data:`_TAIL_APPOSITION` without what it is of ("Tom Hale of Grace
    Church" is Tom Hale)."""
    return m.group(1).split(" of ")[0]


_POSSESSIVE_WORD = regexes.compile(r"[’']s?$")
_NOUN_AFTER = regexes.compile(
    rf"\s+(?!(?:{VERB_OR_PARTICIPLE_PATTERN}|and|or|of|in|at|on|for|with|to|who|whose|has|had|have|"
    rf"is|was|will|would|also|then|later)\b|[a-z]+ed\b)[a-z]"
)


def possessive_split(text: str, start: int, end: int, name: str) -> tuple[int, str]:
    """ "Hale’s Westside office": the owner is who is meant; "Vermont’s Ella Stone
    said": the name after the possessive is. Returns where the meant name starts, and it."""
    if "'" not in name and "’" not in name:
        return start, name
    words = name.split()
    inner = [i for i, w in enumerate(words[:-1]) if _POSSESSIVE_WORD.search(w) and w[:1].isupper()]
    if not inner:
        return start, name
    i = inner[0]
    owner = " ".join([*words[:i], _POSSESSIVE_WORD.sub("", words[i])])
    rest = " ".join(words[i + 1 :])
    if _NOUN_AFTER.match(text, end) or not rest[:1].isupper():
        return start, owner  # the possessive modifies a thing: "Lowe’s Westside team"
    offset = text.find(rest, start, end)
    return (offset if offset >= 0 else start), rest


def _plural(description: str) -> bool:
    """ "Some fans", "Hale delegates": a group, which "he" or "she" cannot be."""
    head = _HEAD_END.split(description)[0]
    words = head.split()
    return bool(words) and words[-1].endswith("s") and not words[-1].endswith(("ss", "'s", "’s"))


def is_description(text: str) -> bool:
    """An indefinite description ("one senior official", "a friend", "someone"): it speaks
    as written, never as the nearest name."""
    return INDEFINITE_START.match(text) is not None and not is_pronoun(text)


def described(value: str, following: str) -> str:
    """A description with what follows it and belongs to it ("a Mexican official who was not
    authorized to speak")."""
    rest = _NP_REST.match(following)
    if rest is not None and rest.group().strip():
        # "a senior Green Party organizer who asked not to be named"
        value, following = value + rest.group(), following[rest.end() :]
    m = POST_MODIFIER.match(following)
    if m is None:
        return value
    more = m.group()
    if fold(value).split()[-1] in DOCUMENTS:
        more = _COMMA.split(more)[0]  # "a note from analysts at X, who ...": X's note
    return f"{value}{more.rstrip()}"


def named_by_apposition(value: str, following: str | None) -> str:
    """ "Its director, Gloria Abernathy, said": a role or pronoun named by its apposition."""
    if following and (is_role(value) or is_pronoun(value) or is_description(value)):
        m = APPOSITION_NAME.match(following)
        head = fold(value).split()[-1]
        given = fold(m.group(1)) if m else ""
        if m and (
            kind_of(m.group(1)) == "person"
            or m.group(1).startswith("@")
            or (head in PERSON_ROLES and (given in FEMALE_GIVEN or given in MALE_GIVEN))
            or (head in _ISSUERS and kind_of(m.group(1)) == "organization")
        ):
            return m.group(1)
    return value
