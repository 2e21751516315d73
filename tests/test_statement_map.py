"""The statement map: the engine's twins for a whole story at once, grouped into statements
without chaining two into one, checked against what a generator wrote."""

from __future__ import annotations

import random

import pytest
import storygen

from tui_reader.library.ledger import build_ledger
from tui_reader.library.quotes import analyse, passage_kind, same_words, same_words_across
from tui_reader.library.statements import differences, word_diff
from tui_reader.library.store import Store


@pytest.fixture(scope="module")
def story() -> list[storygen.Generated]:
    rng = random.Random(5)
    return storygen.coverage_of(rng, storygen.make_event(rng, 1), 8, filler=(3, 6))


def test_across_a_story_gives_what_each_pair_gives(story: list[storygen.Generated]) -> None:
    docs = [(g.article.text, analyse(g.article.text).quotes) for g in story]
    across = same_words_across(docs)
    assert set(across) == {(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs))}
    for (i, j), twins in across.items():
        assert twins == same_words(docs[i][0], docs[i][1], docs[j][0], docs[j][1]), (i, j)
    assert sum(map(len, across.values())) > len(docs)  # a story: there is something to find
    # leaving out the weak reported twins changes none of the strong ones
    strong = same_words_across(docs, reported_min=0.45)
    for pair, twins in across.items():
        assert [t for t in strong[pair] if t.score > 0.451] == [t for t in twins if t.score > 0.451]
        quotes = [{(q.start, q.end) for q in docs[k][1]} for k in pair]
        for t in strong[pair]:
            both = (t.a_start, t.a_end) in quotes[0] and (t.b_start, t.b_end) in quotes[1]
            assert both or t.score >= 0.45


def test_passage_kind() -> None:
    assert passage_kind("We will, rebuild it.", "we will rebuild it") == "verbatim"
    assert passage_kind("We will rebuild it by June", "rebuild it") == "trimmed"
    assert passage_kind("We will rebuild it", "They plan to restore it") == "reworded"


def test_word_diff_marks_what_differs_in_reading_order() -> None:
    assert word_diff("Their only obvious purpose", "Their only clear purpose") == [
        ("Their only", "same"),
        ("obvious", "dropped"),
        ("clear", "added"),
        ("purpose", "same"),
    ]
    assert differences("Vučić said no.", "Vucic said no") == ([], [])  # accents, case, marks


@pytest.fixture
def stored(store: Store, story: list[storygen.Generated]) -> tuple[Store, dict[str, int]]:
    ids = {}
    for g in story:
        ids[g.article.source] = store.save_article(
            g.article, analyse(g.article.text), story="Made up"
        )[1]
    return store, ids


def test_statements_follow_what_the_generator_wrote(
    stored: tuple[Store, dict[str, int]], story: list[storygen.Generated]
) -> None:
    store, ids = stored
    statements = build_ledger(store, "Made up").statements
    for s in statements:  # one version per article: two statements never chain into one
        assert len(s.versions) == len(story)
        assert len({v.article_id for v in s.versions}) == len(story)
    said = {q.statement: (g, q.text) for g in story for q in g.quoted if q.carry == "verbatim"}
    cells = right = 0
    for number, (where, words) in said.items():
        found = [
            s
            for s in statements
            if (v := s.version(ids[where.article.source]))
            and v.kind != "missing"
            and words.startswith(v.text.rstrip(",."))
        ]
        assert len(found) == 1, words  # each statement of the event is one statement of the map
        assert words.startswith(found[0].text.rstrip(",."))  # in the words most outlets quote
        for g in story:
            want = next((q.carry for q in g.quoted if q.statement == number), "missing")
            version = found[0].version(ids[g.article.source])
            assert version is not None
            cells += 1
            right += (version.kind == "missing") == (want == "missing")
            if want in ("verbatim", "trimmed") and version.kind != "missing":
                assert version.quoted
    assert right >= 0.9 * cells, f"{right} of {cells} cells right"


def test_a_quote_nobody_else_carries_is_missing_elsewhere(store: Store) -> None:
    texts = [
        "The mill closed.\n\n“We had no choice at all,” said Ada Kern.",
        "The mill shut on Monday.\n\n“Nobody warned the workers,” said Piet Vos.",
    ]
    for n, text in enumerate(texts):
        page = storygen.ExtractedArticle(source=f"/t/{n}", text=text, site=f"S{n}")
        store.save_article(page, analyse(text), story="Mill")
    statements = build_ledger(store, "Mill").statements
    assert [(s.speaker, [v.kind for v in s.versions]) for s in statements] == [
        ("Ada Kern", ["verbatim", "missing"]),
        ("Piet Vos", ["missing", "verbatim"]),
    ]
