"""One row per quoting pattern: spans, speakers and cues (table-driven), plus property tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.library.quotes import analyse, best_name, find_spans, same_entity, speaker_key
from tui_reader.library.quotes.scoring import Score, score_article

SPANS = [
    ('He said "yes" today.', ["yes"]),
    ("“Curly,” she said.", ["Curly,"]),
    ("„Guten Tag“, sagte er.", ["Guten Tag"]),
    ("« Bonjour à tous », dit-il.", ["Bonjour à tous"]),
    ("»Hallo«, rief sie.", ["Hallo"]),
    ("‹Salut›, dit-elle.", ["Salut"]),
    ("'British style,' he said.", ["British style,"]),
    ("‘Curly single,’ she said.", ["Curly single,"]),
    ("Serbia's army and that's it, in the '90s, rock 'n' roll.", []),
    ("The Joneses' house is 'quite big' now.", ["quite big"]),
    ("\"Outer 'inner' and “more” words,\" he said.", ["Outer 'inner' and “more” words,"]),
    ('"A," she said. "B."', ["A,", "B."]),
    ('A stray " mark here.\n\n"Real quote," he said.', ["Real quote,"]),
    ('"Unclosed at the end of a paragraph.\n\nNext paragraph has no reopening.', []),
    ('"First part.\n\n"Second part," he said.', ["First part.", "Second part,"]),
    ("", []),
    ('""', []),
]


@pytest.mark.parametrize(("text", "expected"), SPANS)
def test_spans(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in find_spans(text)] == expected


SPEAKERS = [
    ('"We will win," the minister said.', "minister", "the minister said"),
    ('"We will win," said Jane Doe.', "Jane Doe", "said Jane Doe"),
    ('Jane Doe told reporters: "We will win."', "Jane Doe", "Jane Doe told"),
    ('In the words of the SVR, "it is a betrayal."', "SVR", "In the words of the SVR"),
    ('According to Jane Doe, the plan is "dead."', "Jane Doe", "According to Jane Doe"),
    ('The agency says that this involves "many shells."', "agency", "The agency says"),
    ("Jane Doe arrived.\n\n“It is cold,” she added.", "Jane Doe", "she added"),
    (
        "Mayor Ana Kovač denied the report, calling it “nonsense from start to end.”",
        "Ana Kovač",
        None,
    ),
    ("'We are delighted,' said Tom Hughes, the chairman.", "Tom Hughes", "said Tom Hughes"),
    ("« Nous partons », a déclaré le ministre Jean Dupont.", "Jean Dupont", None),
    ('The sheriff\'s office said the suspect was "armed and dangerous."', "sheriff", None),
    ('"Sales are up," John Smith, the CEO, told reporters.', "John Smith", None),
    # a long apposition, and two of them
    (
        "Dr Ola Berg, a vet in Tromsø who runs the island's only animal shelter, said: "
        "'We are full.'",
        "Ola Berg",
        None,
    ),
    ('Sam Reed, 70, who lives next door, said: "It was loud."', "Sam Reed", None),
    # tabloid and evaluative verbs
    ('Kim Lowe arrived late.\n\n"Leave us alone!" she fumed.', "Kim Lowe", "she fumed"),
    ('Councillor Pat Moss blamed "years of neglect" for the flooding.', "Pat Moss", None),
    # the organization a spokesperson speaks for
    (
        "The regional water board was criticised. A spokesman for the water board said the "
        'pipes were "safe to use."',
        "water board",
        None,
    ),
    # passive: the speaker comes after "by"
    ('The film has been called "a small miracle" by the critic Ivo Lind.', "Ivo Lind", None),
    # a speech verb further back in the sentence: its subject speaks
    ('My aunt, Rosa, leaned over and whispered, "Not again."', "Rosa", None),
    # "Dr." and "St." do not end the sentence
    ('"Rest helps," said Dr. Mina Patel of St. Luke\'s Hospital.', "Mina Patel", None),
    # a document speaks for whoever issued it
    (
        "A news release from the Dover Fire Service gave details.\n\n"
        'The van "caught fire within seconds," the release said.',
        "Dover Fire Service",
        None,
    ),
    # a role named by its apposition
    ('Its treasurer, Ruth Ode, said: "We are broke."', "Ruth Ode", None),
    # a role with a capitalised modifier is still a role; it stands for the article's subject
    (
        "Mia Sol cancelled her tour on Monday.\n\n"
        '"I need rest," the 30-year-old Grammy winner wrote.',
        "Mia Sol",
        None,
    ),
    # a winger is a person: the pronoun-less role resolves to the sentence's subject
    (
        'Tom Ash, who has nine assists, laughed it off.\n\n"He owes me one," the winger said.',
        "Tom Ash",
        None,
    ),
]

CONVENTIONS = [
    # a company spokeswoman's "she" is the company
    (
        "Baltic Ferries, the island's only operator, cancelled sailings.\n\n"
        "A company spokeswoman said a new boat was coming. “We are sorry,” she said.",
        "Baltic Ferries",
    ),
    # "an FTC spokesperson ... the spokesperson said"
    (
        "The Federal Trade Commission (FTC) declined to comment. An FTC spokesperson said the "
        'agency was aware. "We do not discuss cases," the spokesperson said.',
        "FTC",
    ),
    # the statement was issued by the sentence's subject, even as a role
    (
        "The Harbour Union (HU) met on Sunday. The union said in a statement that it would "
        'strike. "Our members are ready," the statement said.',
        "Harbour Union",
    ),
    # a role named by its apposition is the subject a later "he" refers to
    (
        "The barge Marit was waiting. Its skipper, Tom Lyle, said the wind turned.\n\n"
        '"We lost steering," he said.',
        "Tom Lyle",
    ),
    # a party-and-state tag after a senator's name; a place after "outside the" never speaks
    ('"No blank checks," Sen. Ann Lowe (R-Kan.) told reporters outside the Senate.', "Ann Lowe"),
    # a question mark does not end the attribution's sentence
    ('"Sixty million for one season?" Mercer said. Tom Mercer is a pundit.', "Mercer"),
    # "according to X" makes X the subject a later pronoun means
    (
        "According to Kasa, the team will lower the orbit.\n\n"
        'Elin Kasa leads it. Other teams wait. "We are ready," she said.',
        "Elin Kasa",
    ),
    # the name right before a participle is its subject
    (
        'The bid failed, with club president Ernesto Vidal describing it as "an insult."',
        "Ernesto Vidal",
    ),
    # a document from someone speaks for them
    (
        '"Yields will fall," according to a note from analysts at Stell Securities.',
        "Stell Securities",
    ),
    # "says co-author X": a hyphenated role between verb and name
    ('"Pressure matters," says co-author Søren Holm, a biochemist.', "Søren Holm"),
    # the owner of a possessive subject is who "she" means ...
    (
        "In the hallway, Pena's son asked to go home. She nodded.\n\n"
        '"March," she said quietly. Marisol Pena left.',
        "Pena",
    ),
    # ... unless the possessive names a role that has its own name
    (
        "Amelia Cruz died in May. Amelia's brother, Dan Cruz, said the family would fight.\n\n"
        '"She did everything right," he said.',
        "Dan Cruz",
    ),
    # a participial opener is not the subject
    (
        'Asked about the Kings fans, Jalen Whit laughed.\n\n"My mom hates it," he said.',
        "Jalen Whit",
    ),
    # an official speaks for the organization named with them
    ('"Heavy rain will return," an IMD official said.', "IMD"),
    # a document's apposition names its issuer
    (
        'In a statement, the Office of Review, which runs the courts, said it had "hired more '
        'judges."',
        "Office of Review",
    ),
    # German closing marks before the attribution; a capitalised modifier on a role noun
    (
        "Minister Jürgen Kohl announced the plan.\n\n„We cannot wait“, the Green politician said.",
        "Jürgen Kohl",
    ),
    # "told X:" names who listened, not who spoke
    ("Shepherd Heike Brand told the German Press Agency: „I lost 23 sheep.“", "Heike Brand"),
    # a party or organization before a titled name
    ('"Too late," said CDU agriculture spokesman Sebastian Lohr.', "Sebastian Lohr"),
    # ø folds to o: one speaker, however the name is spelled
    (
        "Ingrid Sølvberg runs the firm. Solvberg, speaking in Oslo, said it was ready. "
        "‘We have done the work,’ she added.",
        "Ingrid Sølvberg",
    ),
    # a colon introduction: the subject speaks
    ('Chief financial officer Ama Boateng was cautious: "Costs are volatile."', "Ama Boateng"),
    # "Keystead, a lock maker," is an organization; "the company" stands for it
    (
        "Keystead, a Denver-based lock maker, found a flaw.\n\n"
        "“We got this wrong,” the company wrote.",
        "Keystead",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), CONVENTIONS)
def test_reporting_conventions(text: str, speaker: str) -> None:
    found = analyse(text).quotes
    assert found and found[-1].speaker is not None and speaker in found[-1].speaker


PLACES_ARE_NOT_SPEAKERS = [
    # a place after a preposition, a dateline and a possessive never stand for "she"/"he"
    "Elena Diaz treats patients at a clinic in Valencia.\n\n“We are exhausted,” she said.",
    "LIMA (Wire) — Elena Diaz spoke first.\n\n“We are exhausted,” she said.",
    "Elena Diaz runs Peru’s biggest clinic.\n\n“We are exhausted,” she said.",
    "QUITO, Ecuador (Wire) — Elena Diaz met Park Street traders.\n\n“We are exhausted,” she said.",
]


@pytest.mark.parametrize("text", PLACES_ARE_NOT_SPEAKERS)
def test_pronouns_skip_places(text: str) -> None:
    assert analyse(text).quotes[0].speaker == "Elena Diaz"


def test_pronoun_after_an_intervening_quote_follows_the_conversation() -> None:
    text = (
        "Judge Ana Holm told Lee Park: “You lied.”\n\n"
        "She said the plea earned credit, but added: “Not much.”"
    )
    speakers = [q.speaker for q in analyse(text).quotes]
    assert speakers == ["Ana Holm", "Ana Holm"]


@pytest.mark.parametrize(("text", "speaker", "cue"), SPEAKERS)
def test_speakers(text: str, speaker: str, cue: str | None) -> None:
    quotes = analyse(text).quotes
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and speaker in quotes[0].speaker
    if cue is not None:
        assert quotes[0].cue == cue


def test_split_quote_and_continuation_keep_the_speaker() -> None:
    text = '"We lost," said coach Mia Berg. "But we will be back."\n\n"Next year is ours."'
    speakers = [q.speaker for q in analyse(text).quotes]
    assert speakers == ["Mia Berg", "Mia Berg", "Mia Berg"]


def test_pronoun_resolves_to_the_latest_person() -> None:
    text = 'Ana Kovač met Tom Hughes on Monday. Hughes left early.\n\n"It went well," he said.'
    assert analyse(text).quotes[0].speaker == "Tom Hughes"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (["Aleksandar Vučić"], ["Vucic"], True),
        (["Serbian President Aleksandar Vučić"], ["President Vucic"], True),
        (["Russia's Foreign Intelligence Service (SVR)"], ["SVR"], True),
        (["Russia's SVR"], ["the SVR"], True),
        (["Jane Smith"], ["John Jones"], False),
        (["Smith"], ["Jones"], False),
    ],
)
def test_entities(a: list[str], b: list[str], same: bool) -> None:
    assert same_entity(a, b) is same


def test_names() -> None:
    assert speaker_key("Serbian President Aleksandar Vučić") == "aleksandar vucic"
    assert speaker_key("the SVR") == "svr"
    assert best_name(["Vucic", "Aleksandar Vučić", "President Vucic"]) == "Aleksandar Vučić"


@pytest.mark.parametrize(
    "name",
    [
        # ten articles written blind to the engine by another author; their failures were
        # later used to find general rules, so these guard against regressions
        "heldout.json",
        # eight more, measured once before any change (speaker accuracy 0.815, F1 0.994)
        "blind2.json",
    ],
)
def test_blind_articles_score(name: str) -> None:
    gold = json.loads((Path(__file__).parent / "data/quotes" / name).read_text())
    total = Score()
    for art in gold["articles"]:
        total.add(score_article(analyse(art["text"]).quotes, art["quotes"], gold["speakers"]))
    assert total.f1 >= 0.95, total.errors
    assert total.speaker_accuracy >= 0.9, total.errors


def test_own_articles_score() -> None:
    """Articles written for the project (not the seeds), scored with the same rules."""
    gold = json.loads((Path(__file__).parent / "data/quotes/articles.json").read_text())
    total = Score()
    for art in gold["articles"]:
        total.add(score_article(analyse(art["text"]).quotes, art["quotes"], gold["speakers"]))
    assert total.f1 >= 0.9, total.errors
    assert total.speaker_accuracy >= 0.9, total.errors


_QUOTEY = st.text(
    alphabet=st.sampled_from(list("ab cd'\"“”‘’„«»‹›\n,.!?SA")) | st.characters(codec="utf-8"),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(_QUOTEY)
def test_any_text_spans_are_valid(text: str) -> None:
    spans = find_spans(text)
    last = -1
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start >= last
        last = end


@settings(max_examples=200, deadline=None)
@given(_QUOTEY)
def test_any_text_analyse_is_valid(text: str) -> None:
    result = analyse(text)
    names = {s.name for s in result.speakers}
    last = -1
    for q in result.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.start >= last
        last = q.end
        assert q.speaker is None or q.speaker in names
