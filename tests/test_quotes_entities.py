"""Speakers as entities within one article and across the library: who is one person, who is
two, and which names are no one's."""

from __future__ import annotations

import pytest

from tui_reader.library.quotes import analyse, best_name, same_entity, speaker_key
from tui_reader.library.quotes.entities import group_entities
from tui_reader.library.quotes.mentions import Context, kind_of
from tui_reader.library.quotes.persons import People, pronoun_gender


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (["Ivo Marsh", "Marsh"], ["Dora Marsh", "Marsh"], False),
        (["Mr. Vance-Ory"], ["Peter Vance-Ory"], True),
        (["Rookie Dora Marsh"], ["Dora Marsh"], True),
        (["Dora J. Marsh"], ["Dora Marsh"], True),
        (["State Department"], ["Department of Justice"], False),
        (["Ivo"], ["Ivo Kent"], False),  # a first name alone is not the person
        (["Reuters"], ["Reuters News Agency"], True),
    ],
)
def test_same_entity(a: list[str], b: list[str], same: bool) -> None:
    assert same_entity(a, b) is same


def test_organizations_keep_their_leading_words() -> None:
    assert speaker_key("The State Department") == "state department"
    assert speaker_key("the Democratic National Committee") == "democratic national committee"
    assert speaker_key("Serbian President Aleksandar Vučić") == "aleksandar vucic"
    assert best_name(["Army Capt. Lee Grant"]) == "Lee Grant"
    assert best_name(["Secretary of State Ann Lowe"]) == "Ann Lowe"
    # the acronym the article also uses stays in the name
    assert best_name(["the DNC", "Democratic National Committee"]) == (
        "Democratic National Committee (DNC)"
    )


def test_a_surname_joins_the_person_not_the_building() -> None:
    mapping, _ = group_entities(["Marsh", "Marsh Tower"], ["Dora Marsh", "Marsh Tower"])
    assert mapping["Marsh"] == "Dora Marsh"
    assert mapping["Marsh Tower"] == "Marsh Tower"


def test_a_campaign_or_an_office_is_not_its_owner() -> None:
    mapping, _ = group_entities(
        ["Hale", "The Hale campaign"], ["Dora Hale", "Hale", "The Hale campaign"]
    )
    assert mapping["Hale"] == "Dora Hale" and mapping["The Hale campaign"] == "Hale campaign"
    mapping, _ = group_entities(["Lowe’s office", "Lowe"], ["Speaker Ana Lowe’s", "Lowe"])
    assert mapping["Lowe’s office"] == "Lowe’s office" and mapping["Lowe"] != "Lowe’s office"


def test_a_surname_two_people_share_stays_alone() -> None:
    mapping, _ = group_entities(
        ["Ivo Marsh", "Dora Marsh", "Marsh"], ["Ivo Marsh", "Dora Marsh", "Marsh"]
    )
    assert mapping["Ivo Marsh"] != mapping["Dora Marsh"]
    assert mapping["Marsh"] == "Marsh"


def test_two_people_with_one_surname_in_one_article() -> None:
    text = (
        '"We built this together," said Ines Varga. Her brother, Marek Varga, disagreed.\n\n'
        '"She built the website," Marek Varga said.'
    )
    speakers = [q.speaker for q in analyse(text).quotes]
    assert speakers == ["Ines Varga", "Marek Varga"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Varga Tower", "place"),
        ("Harbour Accord", "thing"),
        ("Spring Convention", "thing"),
        ("Dana Kim", "person"),
        ("Harbour Workers Union", "organization"),
    ],
)
def test_kinds_of_names(name: str, kind: str) -> None:
    assert kind_of(name) == kind


def test_gender_from_what_the_article_says() -> None:
    text = (
        "Mrs. Ellis met Jonas Berg and his wife, Lotte Berg. Pat Reyes, a mother of three, "
        "joined them. Sir Tom Lane arrived late."
    )
    people = People(Context(text, []))
    assert people.gender("Mrs. Ellis") == "f"
    assert people.gender("Jonas Berg") == "m"
    assert people.gender("Lotte Berg") == "f"
    assert people.gender("Pat Reyes") == "f"
    assert people.gender("Sir Tom Lane") == "m"
    assert people.gender("Berg") is None  # two Bergs: "Berg" may be either
    assert pronoun_gender("She") == "f" and pronoun_gender("they") is None
