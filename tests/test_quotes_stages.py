"""Each attribution stage on its own: what it finds around one quote, and what it leaves to the
stages after it (None)."""

from __future__ import annotations

import pytest

from tui_reader.library.quotes import find_spans
from tui_reader.library.quotes.mentions import Context
from tui_reader.library.quotes.speakers import (
    FALLBACKS,
    Attribution,
    Previous,
    attribute,
    continues_previous,
    last_resort,
    paragraph_subject,
    sentence_before,
    sentence_mention,
    signed_after,
)
from tui_reader.library.quotes.stages import (
    STAGES,
    Site,
    Stage,
    clause_subject,
    colon_paragraph,
    colon_subject,
    cue_after,
    cue_before,
    cue_later,
    first_candidate,
    participle_subject,
    passive_by,
    relative_subject,
    reported_by,
    sentence_cue,
)


def site(text: str, n: int = -1) -> Site:
    spans = find_spans(text)
    assert spans, text
    return Site.of(Context(text, spans), spans, n % len(spans))


CASES: list[tuple[Stage, str, str | None]] = [
    (passive_by, 'The play was called "a small miracle" by the critic Ivo Lind.', "Ivo Lind"),
    (passive_by, 'The play was "a small miracle," said Ivo Lind.', None),
    (
        reported_by,
        '"Cuts are coming," the judge said, according to the Valley Herald.',
        "the Valley Herald",
    ),
    (reported_by, '"Cuts are coming," the judge said on Monday.', None),
    (reported_by, '"Cuts are coming," the judge said, according to the local press.', None),
    (cue_after, '"We will win," said Jane Doe.', "Jane Doe"),
    (cue_after, '"We will win," the minister said.', "the minister"),
    (cue_after, '"We will win," said one party activist.', "one party activist"),
    (cue_after, '"We will win," said her campaign manager Rob Tate.', "Rob Tate"),
    (cue_after, '"We will win." Jane Doe then left the room.', None),
    (cue_before, 'Jane Doe told reporters: "We will win."', "Jane Doe"),
    (cue_before, 'In the words of the SVR, "it is a betrayal."', "the SVR"),
    (cue_before, 'The affidavit said the driver was "known to officers."', "The affidavit"),
    (cue_before, 'The driver was "known to officers."', None),
    (cue_before, 'Jane Doe described Tom Hale as "a fine man."', "Jane Doe"),
    # a description in apposition to a name before it: the name speaks
    (
        cue_before,
        'State Sen. Tom Hale (R), another early supporter, said the vote was "rigged."',
        "State Sen. Tom Hale",
    ),
    (cue_before, 'Another early supporter said the vote was "rigged."', "Another early supporter"),
    # a subject before the verb: "said the same thing" is no inverted "said the minister"
    (cue_before, 'All week he\'s said much the same in each town hall: "We will win."', None),
    (cue_before, 'Lately she has told the same story at every stop: "We will win."', "she"),
    (
        cue_later,
        '"A fine plan" is how the proposal was described by few, Jane Doe said.',
        "Jane Doe",
    ),
    (cue_later, '"A fine plan" is how nobody described it.', None),
    (cue_later, 'Ada Price called it "a plan" and said Tom Hale should quit.', None),
    (
        participle_subject,
        'Mayor Ana Kovač denied the report, calling it "nonsense."',
        "Mayor Ana Kovač",
    ),
    (
        participle_subject,
        'The bid failed, with club president Ernesto Vidal describing it as "an insult."',
        "Ernesto Vidal",
    ),
    (
        relative_subject,
        'The mayor thanked Ivo Kent, who declared, "The park is saved."',
        "Ivo Kent",
    ),
    (relative_subject, 'The plan, which the board called "a mess," failed.', None),
    (participle_subject, 'Mayor Ana Kovač denied the report and called it "nonsense."', None),
    (
        colon_subject,
        'Chief financial officer Ama Boateng was cautious: "Costs are volatile."',
        "Ama Boateng",
    ),
    (
        colon_subject,
        'Chief financial officer Ama Boateng was cautious. "Costs are volatile."',
        None,
    ),
    (
        colon_paragraph,
        'Ida Marsh left.\n\nThe Valley Herald confirmed it, reporting:\n\n"Costs are volatile."',
        "The Valley Herald",
    ),
    (
        colon_paragraph,
        'Ida Marsh left.\n\nIn a 1963 speech, he declared:\n\n"Costs are volatile."',
        "he",
    ),
    (colon_paragraph, 'Ida Marsh left.\n\nWait, it gets better:\n\n"Costs are volatile."', None),
    (colon_paragraph, 'The Valley Herald confirmed it, reporting: "Costs are volatile."', None),
    (colon_paragraph, 'The Valley Herald confirmed it.\n\n"Costs are volatile."', None),
    (sentence_cue, 'My aunt, Rosa, leaned over and whispered, "Not again."', "Rosa"),
    (sentence_cue, 'Rosa leaned over, "Not again."', None),
    (clause_subject, 'Kelly Moss charged that the plan was "a giveaway."', "Kelly Moss"),
    (clause_subject, 'Some protesters chanted "Hale out!" at the gate.', "Some protesters"),
    (
        clause_subject,
        'One such memo, obtained by the Herald, includes a "no-comment" rule.',
        "One such memo, obtained by the Herald",
    ),
    (clause_subject, '"Hale out!" rang across the square.', None),
    (clause_subject, 'In 2019, Ipsala found that "most tenants" paid late.', "Ipsala"),
    (clause_subject, 'Good plans need "a lot of luck," as ever.', None),
    (
        clause_subject,
        'Mia Lee calls him "the boss," while Tom Hale calls her "the brain."',
        "Tom Hale",
    ),
    (clause_subject, "Rosa Diaz left early; her parting remark was “see you in court.”", "she"),
]


@pytest.mark.parametrize(("stage", "text", "surface"), CASES)
def test_stage(stage: Stage, text: str, surface: str | None) -> None:
    found = stage(site(text))
    assert (found.surface if found else None) == surface


def test_stages_run_in_a_readers_order() -> None:
    assert STAGES[:4] == (passive_by, reported_by, cue_after, cue_before)
    assert STAGES[-1] is clause_subject
    # a cue right after the closing mark wins over the subject of a colon introduction
    found = first_candidate(site('Tom Hale read it aloud: "We will win," said Jane Doe.', 0))
    assert found is not None and found.surface == "Jane Doe"
    found = first_candidate(site('"We will win," said Jane Doe as Tom Hale nodded.'))
    assert found is not None and found.surface == "Jane Doe"


def previous(text: str) -> tuple[Site, Previous]:
    """The last quote's site, with the attributions of the quotes before it."""
    spans = find_spans(text)
    results, ctx = attribute(text, spans)
    n = len(spans) - 1
    return Site.of(ctx, spans, n), Previous(spans, results[:n], n)


def test_continues_previous_in_the_same_or_next_paragraph() -> None:
    here, prev = previous('"We lost," said coach Mia Berg. "But we will be back."')
    assert continues_previous(here, prev) == Attribution("Mia Berg", None)
    here, prev = previous('"We lost," said coach Mia Berg.\n\n"Next year is ours."')
    assert continues_previous(here, prev) == Attribution("Mia Berg", None)
    here, prev = previous('"We lost," said Mia Berg.\n\nRain fell.\n\nIt was "a mess."')
    assert continues_previous(here, prev) is None


def test_sentence_before_names_who_the_quote_is_from() -> None:
    here, prev = previous('Tom Hale spoke. Dana Ruiz agreed. "We cannot wait any longer."')
    assert sentence_before(here, prev) == Attribution("Dana Ruiz", None)
    here, prev = previous('"We lost," said Mia Berg. "But we will be back."')
    assert sentence_before(here, prev) is None  # that sentence has a quote of its own
    here, prev = previous('Dana Ruiz agreed.\n\n"We cannot wait any longer."')
    assert sentence_before(here, prev) is None  # another paragraph


def test_signed_after_a_quote_paragraph() -> None:
    here, prev = previous(
        'Tom Hale spoke.\n\n"We cannot wait any longer."\n\n— Dana Ruiz, at the pier.'
    )
    assert signed_after(here, prev) == Attribution("Dana Ruiz", None)
    here, prev = previous('Tom Hale spoke.\n\n"We cannot wait any longer."\n\n-Mayor Dana Ruiz.')
    assert signed_after(here, prev) == Attribution("Mayor Dana Ruiz", None)  # the title stays
    here, prev = previous('Tom Hale spoke of "the long wait."\n\n— Dana Ruiz, at the pier.')
    assert signed_after(here, prev) is None  # the quote does not open its paragraph
    here, prev = previous('Tom Hale spoke.\n\n"We cannot wait any longer."\n\nDana Ruiz left.')
    assert signed_after(here, prev) is None  # no dash: a new paragraph, not a signature
    assert FALLBACKS[0] is signed_after


def test_sentence_mention_after_the_quote() -> None:
    here, prev = previous('"It was a long week," Rhea Banks, in a blue sash, sighed and left.')
    assert sentence_mention(here, prev) == Attribution("Rhea Banks", None)
    here, prev = previous('"It was a long week" at the harbour.')
    assert sentence_mention(here, prev) is None


def test_paragraph_subject_for_a_quote_standing_alone() -> None:
    here, prev = previous(
        "Hemi Walker has already sent 400 ewes to the sale yards.\n\n"
        '"We cannot feed them through another dry winter."'
    )
    assert paragraph_subject(here, prev) == Attribution("Hemi Walker", None)
    here, prev = previous('Rain fell all week.\n\n"We cannot feed them."')
    assert paragraph_subject(here, prev) is None
    # a paragraph telling of a statement issued: its issuer, not the person it names
    here, prev = previous(
        "The Valley Party issued a statement thanking Tom Hale for the emails.\n\n"
        '"We are sorry for what was said."'
    )
    assert paragraph_subject(here, prev) == Attribution("The Valley Party", None)


def test_last_resort_is_the_latest_near_speaker_or_the_person_last_written_about() -> None:
    here, prev = previous('"We lost," said Mia Berg.\n\nThe "long road" is next.')
    assert last_resort(here, prev) == Attribution("Mia Berg", None)
    here, prev = previous('Tom Hale arrived at noon.\n\nThe "long road" is next.')
    assert last_resort(here, prev) == Attribution("Tom Hale", None)
    assert FALLBACKS[-1] is last_resort
