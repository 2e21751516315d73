"""Made-up news, deterministically: events, the outlets that cover them, and what each quoted.

Tests and benchmarks need libraries where the truth is known: which articles report the same
event, who is quoted in each, and which statements each outlet carries verbatim, trimmed,
reworded, as reported speech, or not at all. Every word here is generated from small word banks
(names from syllables, places from syllables and suffixes, statements composed of clauses
with words drawn for each), so the
data is ours and any seed gives the same library.

``python tests/storygen.py`` prints one event's coverage, to look at.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from tui_reader.library.models import ExtractedArticle

Carry = Literal["verbatim", "trimmed", "reworded", "reported", "missing"]

FIRST = (
    "Anna Boris Carla Dario Elena Farid Greta Hugo Ines Jonas Kira Luca Mara Nikolai Olga Pavel "
    "Rosa Stefan Tanja Umar Vera Walter Yara Zoran Alba Bruno Celia Dmitri Edith Filip Hana Igor "
    "Jana Karim Lena Milos Nora Oskar Petra Quentin Rada Sven Tereza Viktor Wanda Xenia Yusuf Zita"
).split()
SYLLABLES = (
    "bar ven kol mir dan tes lor vik sar pol nem rad tor gal bek fin hor jas kur lem mat nor "
    "pek ros sil tam vor zel dor kas"
).split()
NAME_ENDS = "ov ić ski sen berg ek ard ani escu ova ović mann elli oglu as".split()
PLACE_ENDS = "ford grad heim vik ovo dal burg ton sk ava mont haven".split()
OUTLETS = (
    "Harbour Gazette|Northern Ledger|Valley Times|Daily Courier|Evening Post|Metro Wire|"
    "Coast Herald|River Journal|Plains Observer|Capital Report|Lakeside News|Border Tribune"
).split("|")
ROLES = (
    "mayor|health minister|police chief|union leader|company spokeswoman|regional governor|"
    "opposition leader|court spokesman|school director|port manager|energy minister|"
    "farmers' association head"
).split("|")
NOUNS = (
    "bridge budget contract council dam election factory ferry harbour hospital inquiry law "
    "license market mine pipeline plant port railway reactor reform river school strike "
    "subsidy tariff tax tender tower treaty tunnel vaccine vote wage warehouse water wind "
    "airport archive bank border canal cargo clinic court crop debt depot dock drought engine "
    "estate fishery forest fund grain grid highway housing levy loan mill museum orchard "
    "parliament pension permit prison quarry ration refinery rent road salary sewer shipyard "
    "station steel stadium tariff terminal timber toll tram union valley vineyard well"
).split()
VERBS = (
    "approve block build close delay expand fund inspect open protect rebuild reject repair "
    "review sell stop support suspend test upgrade cancel defend finish guard measure move "
    "pay plan raise replace restore save share sign study transfer"
).split()
ADJECTIVES = (
    "new old public private regional national urgent temporary costly safe unsafe modern "
    "northern southern local foreign broken empty crowded quiet"
).split()
SYNONYMS = {
    "approve": "endorse",
    "block": "halt",
    "build": "construct",
    "close": "shut",
    "delay": "postpone",
    "expand": "enlarge",
    "fund": "finance",
    "open": "launch",
    "protect": "shield",
    "rebuild": "reconstruct",
    "reject": "refuse",
    "repair": "fix",
    "review": "examine",
    "stop": "end",
    "support": "back",
    "upgrade": "improve",
    "will": "are going to",
    "must": "have to",
    "cannot": "can not",
    "people": "residents",
    "costly": "expensive",
    "urgent": "pressing",
    "new": "fresh",
    "safe": "secure",
}
SUBJECTS = (
    "We|I|The council|Our union|The company|Nobody|The government|This office|Everyone here|"
    "Our members|The ministry|They|The board|My family|The operator|The inspectors"
).split("|")
MODALS = (
    "will|must|cannot|should|will not|have to|want to|refuse to|plan to|are ready to|"
    "promised to|never wanted to"
).split("|")
PREPOSITIONS = "before|after|without|despite|for|against|under|beyond|around|near".split("|")
CONNECTORS = "because|and|but|while|so|unless|until|although|even if|since".split("|")
SECOND = (
    "the {noun3} {verb2ed} {prep2} {place}",
    "{place} {modal2} {verb3} its {noun3}",
    "nobody {verb2ed} the {noun3}",
    "the {adj2} {noun3} is still {adj}",
    "every {noun3} in {place} is at stake",
)
FILLER = (
    "The {noun} in {place} has been {adj} for years, and the {noun2} was last {verbed} in {year}.",
    "Officials said the {noun2} would {verb} the {noun} after a review by the {noun3}.",
    "Residents of {place} have long argued over the {adj} {noun}.",
    "A {noun} near the {noun2} was {verbed} last month, according to local records.",
    "The {noun3} is expected to meet again next week to discuss the {noun}.",
)


@dataclass(slots=True)
class Person:
    first: str
    last: str
    role: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(slots=True)
class Event:
    """Something that happened: where, when, who spoke, what they said, and its topic words."""

    number: int
    place: str
    day: date
    people: list[Person]
    statements: list[tuple[int, str]]
    """(index into people, the words as said)."""
    topic: list[str]


@dataclass(slots=True)
class Quoted:
    """What one article did with one of the event's statements."""

    statement: int
    speaker: str
    carry: Carry
    text: str
    """The words the article prints (inside quote marks unless ``carry`` is "reported")."""


@dataclass(slots=True)
class Generated:
    """An article, the event it reports, and what it quoted."""

    article: ExtractedArticle
    event: Event
    quoted: list[Quoted] = field(default_factory=list)


def _name_part(rng: random.Random) -> str:
    return (rng.choice(SYLLABLES) + rng.choice(SYLLABLES)[:2] + rng.choice(NAME_ENDS)).title()


def _place(rng: random.Random) -> str:
    return (rng.choice(SYLLABLES) + rng.choice(SYLLABLES)[:1] + rng.choice(PLACE_ENDS)).title()


IRREGULAR = {"build": "built", "rebuild": "rebuilt", "sell": "sold", "pay": "paid"}


def _past(verb: str) -> str:
    if verb in IRREGULAR:
        return IRREGULAR[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if verb in ("stop", "plan"):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def _fill(template: str, rng: random.Random, topic: list[str], place: str) -> str:
    nouns = rng.sample(topic, 3)
    return template.format(
        noun=nouns[0],
        noun2=nouns[1],
        noun3=nouns[2],
        verb=rng.choice(VERBS),
        verbed=_past(rng.choice(VERBS)),
        verb2ed=_past(rng.choice(VERBS)),
        adj=rng.choice(ADJECTIVES),
        place=place,
        year=rng.randint(1990, 2024),
    )


def _statement(rng: random.Random, topic: list[str], place: str) -> str:
    """Something a person said: a clause about the event's topic, a connector and another
    clause, with words drawn afresh (so that two events' statements share little but grammar)."""
    nouns = rng.sample(topic, 3)
    first = (
        f"{rng.choice(SUBJECTS)} {rng.choice(MODALS)} {rng.choice(VERBS)} the "
        f"{rng.choice(ADJECTIVES)} {nouns[0]} {rng.choice(PREPOSITIONS)} the {nouns[1]}"
    )
    second = rng.choice(SECOND).format(
        noun3=nouns[2],
        verb2ed=_past(rng.choice(VERBS)),
        prep2=rng.choice(PREPOSITIONS),
        place=place,
        modal2=rng.choice(["will", "must", "cannot", "should"]),
        verb3=rng.choice(VERBS),
        adj=rng.choice(ADJECTIVES),
        adj2=rng.choice(ADJECTIVES),
    )
    return f"{first} {rng.choice(CONNECTORS)} {second}"


def make_event(rng: random.Random, number: int, start: date = date(2025, 1, 1)) -> Event:
    """A new event with three or four speakers and six statements."""
    place = _place(rng)
    people = [Person(rng.choice(FIRST), _name_part(rng), rng.choice(ROLES)) for _ in range(4)]
    people = people[: rng.randint(3, 4)]
    topic = rng.sample(NOUNS, 10)
    statements = [(k % len(people), _statement(rng, topic, place)) for k in range(6)]
    return Event(
        number, place, start + timedelta(days=rng.randint(0, 700)), people, statements, topic
    )


def trim(words: str) -> str:
    """A shorter piece of the same words: the first clause, or the words after the first few."""
    parts = words.split(" ")
    if len(parts) < 7:
        return words
    return " ".join(parts[: max(5, len(parts) * 2 // 3)]).rstrip(",")


def reword(words: str) -> str:
    """The same statement in other words (another translation, a paraphrase)."""
    out = [SYNONYMS.get(w, w) for w in words.split(" ")]
    return " ".join(out)


def _speaker_paragraph(
    rng: random.Random, person: Person, words: str, carry: Carry, first: bool, outlet: str
) -> str:
    who = f"{person.name}, the {person.role}," if first else person.last
    if carry == "reported":
        lead = person.name if first else person.last
        return f"{lead} said that {words[0].lower()}{words[1:]}."
    style = rng.randrange(3)
    if style == 0:
        return f"“{words},” {who} said."
    if style == 1:
        name = person.name if first else person.last
        return f"{name} told the {outlet}: “{words}.”"
    return f"“{words},” said {person.name if first else person.last}."


def write_article(
    rng: random.Random,
    event: Event,
    outlet: str,
    carries: list[Carry],
    *,
    source: str,
    filler: int = 4,
    day_offset: int = 0,
) -> Generated:
    """One outlet's report of ``event``; ``carries[k]`` says what it does with statement k."""
    paragraphs = [
        _fill(
            "{place} — The {adj} {noun} at the centre of a dispute over the {noun2} was {verbed} "
            "on Monday, officials said.",
            rng,
            event.topic,
            event.place,
        )
    ]
    quoted: list[Quoted] = []
    introduced: set[int] = set()
    for k, ((who, said), carry) in enumerate(zip(event.statements, carries, strict=True)):
        if carry == "missing":
            continue
        person = event.people[who]
        words = {"trimmed": trim, "reworded": reword}.get(carry, lambda w: w)(said)
        paragraphs.append(
            _speaker_paragraph(rng, person, words, carry, who not in introduced, outlet)
        )
        introduced.add(who)
        quoted.append(Quoted(k, person.name, carry, words))
        if rng.random() < 0.5:
            paragraphs.append(_fill(rng.choice(FILLER), rng, event.topic, event.place))
    for _ in range(filler):
        paragraphs.append(_fill(rng.choice(FILLER), rng, event.topic, event.place))
    title = _fill("{place} {noun} to be {verbed}, {noun2} says", rng, event.topic, event.place)
    article = ExtractedArticle(
        source=source,
        text="\n\n".join(paragraphs),
        url=source,
        title=title[0].upper() + title[1:],
        site=outlet,
        published=(event.day + timedelta(days=day_offset)).isoformat(),
        language="en",
        fetched_at="2026-01-01T00:00:00+00:00",
    )
    return Generated(article, event, quoted)


def coverage_of(
    rng: random.Random,
    event: Event,
    outlets: int,
    *,
    prefix: str = "story",
    filler: tuple[int, int] = (4, 8),
) -> list[Generated]:
    """``outlets`` reports of one event: each carries most statements, some trimmed, reworded,
    reported or left out, within a few days of each other."""
    found = []
    names = rng.sample(OUTLETS, min(outlets, len(OUTLETS)))
    for n in range(outlets):
        carries: list[Carry] = [
            rng.choices(
                ["verbatim", "trimmed", "reworded", "reported", "missing"],
                weights=[5, 2, 2, 1, 2],
            )[0]
            for _ in event.statements
        ]
        if n == 0:
            carries = ["verbatim"] * len(carries)  # the first report quotes everything as said
        outlet = names[n % len(names)]
        found.append(
            write_article(
                rng,
                event,
                outlet,
                carries,
                source=f"https://{prefix}.example/{event.number}/{n}",
                filler=rng.randint(*filler),
                day_offset=rng.randint(0, 2),
            )
        )
    return found


def sequels(rng: random.Random, event: Event, n: int, *, first: int = 900) -> list[Generated]:
    """Other events with ``event``'s people and place, months later (the hard negatives of
    coverage): the same names, other statements."""
    found = []
    for k in range(n):
        other = make_event(rng, first + k)
        other.statements = [
            (who % len(event.people), said.replace(other.place, event.place))
            for who, said in other.statements
        ]
        other.people, other.place = event.people, event.place
        other.day = event.day + timedelta(days=60 + 30 * k)
        carries: list[Carry] = ["verbatim"] * len(other.statements)
        found.append(
            write_article(
                rng, other, rng.choice(OUTLETS), carries, source=f"https://sequel.example/{k}"
            )
        )
    return found


def library(
    seed: int,
    unrelated: int,
    story_outlets: int = 0,
    *,
    start: int = 0,
    filler: tuple[int, int] = (4, 8),
    story_filler: tuple[int, int] | None = None,
) -> tuple[list[Generated], list[Generated]]:
    """(unrelated articles, the story's articles): ``unrelated`` reports of as many different
    events, and ``story_outlets`` reports of one more event; each article has ``filler``
    (lowest, highest) paragraphs of background (the story's ``story_filler``, if given)."""
    rng = random.Random(seed)
    others = []
    for n in range(start, start + unrelated):
        event = make_event(rng, n)
        outlet = rng.choice(OUTLETS)
        carries: list[Carry] = [rng.choice(["verbatim", "missing"]) for _ in event.statements]
        carries[0] = "verbatim"
        others.append(
            write_article(
                rng,
                event,
                outlet,
                carries,
                source=f"https://other.example/{n}",
                filler=rng.randint(*filler),
            )
        )
    story: list[Generated] = []
    if story_outlets:
        event = make_event(rng, start + unrelated)
        story = coverage_of(rng, event, story_outlets, filler=story_filler or filler)
    return others, story


if __name__ == "__main__":
    _, story = library(1, 0, 3)
    for g in story:
        print(f"--- {g.article.site} {g.article.published}: {g.article.title}")
        print(g.article.text)
        for q in g.quoted:
            print(f"    [{q.carry}] {q.speaker}: {q.text}")
