"""The coding rules (library/coding.py) on an in-memory store: targets, tags with quick keys in
one transaction, notes, delete and restore, and the command line's annotate."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from factories import article

from tui_reader.library import coding
from tui_reader.library.models import Annotation, StoredQuote
from tui_reader.library.store import Store

TEXT = "The mayor spoke first.\n\nResidents asked about the ferry and the school."


@pytest.fixture
def mem() -> Iterator[tuple[Store, int]]:
    store = Store.memory()
    _, article_id = store.save_article(article(TEXT))
    yield store, article_id
    store.close()


def quote(start: int, end: int) -> StoredQuote:
    return StoredQuote(1, 1, start, end, TEXT[start:end], None, None, None)


def test_target_is_selection_then_annotation_then_quote(mem: tuple[Store, int]) -> None:
    store, a = mem
    ann = store.create_annotation(a, 0, 9)
    q = quote(24, 33)
    assert coding.choose_target((4, 9), ann, q) == coding.Passage(4, 9)
    assert coding.choose_target(None, ann, q) == ann
    assert coding.choose_target(None, None, q) == coding.Passage(24, 33)
    assert coding.choose_target(None, None, None) is None


def test_new_tags_take_the_first_free_quick_key(mem: tuple[Store, int]) -> None:
    store, a = mem
    store.create_tag("kept", quick_key=1)
    store.create_tag("three", quick_key=3)
    done = coding.tag(store, a, coding.Passage(0, 9), "framing")
    assert done.new_tag and done.tag.quick_key == 2
    again = coding.tag(store, a, coding.Passage(24, 33), "Framing")
    assert not again.new_tag and again.tag.id == done.tag.id
    assert coding.first_free_key([1, 2, 3, None]) == 4
    assert coding.first_free_key(range(1, 10)) is None


def test_a_new_tag_and_its_annotation_are_one_transaction(mem: tuple[Store, int]) -> None:
    store, a = mem
    with pytest.raises(coding.StoreError):
        coding.tag(store, a, coding.Passage(5, 5000), "doomed")  # offsets past the text
    assert store.tags() == [] and store.annotations(a) == []


def test_tagging_an_annotation_adds_to_its_tags(mem: tuple[Store, int]) -> None:
    store, a = mem
    first = coding.tag(store, a, coding.Passage(0, 9), "one").annotation
    second = coding.tag(store, a, first, "two").annotation
    assert second.id == first.id and second.tags == ["one", "two"]
    assert len(store.annotations(a)) == 1


def test_quick_tag(mem: tuple[Store, int]) -> None:
    store, a = mem
    with pytest.raises(coding.CodingError, match="no tag on key 4"):
        coding.quick_tag(store, a, coding.Passage(0, 9), 4)
    store.create_tag("evidence", quick_key=4)
    assert coding.quick_tag(store, a, coding.Passage(0, 9), 4).annotation.tags == ["evidence"]


def test_note_makes_or_edits(mem: tuple[Store, int]) -> None:
    store, a = mem
    made = coding.note(store, a, coding.Passage(24, 33), "who asked?")
    assert (made.start, made.end, made.note, made.tags) == (24, 33, "who asked?", [])
    edited = coding.note(store, a, made, "residents")
    assert edited.id == made.id and store.annotation(made.id).note == "residents"


def test_delete_and_restore_keep_everything(mem: tuple[Store, int]) -> None:
    store, a = mem
    made = coding.tag(store, a, coding.Passage(0, 9), "lead").annotation
    coding.note(store, a, made, "first words")
    gone = coding.delete(store, made.id)
    assert store.annotations(a) == []
    back = coding.restore(store, gone)
    assert isinstance(back, Annotation)
    assert (back.id, back.tags, back.note, back.created_at) == (
        made.id,
        ["lead"],
        "first words",
        made.created_at,
    )


def test_annotate_for_the_command_line(mem: tuple[Store, int]) -> None:
    store, a = mem
    target = coding.find_passage(TEXT, "the ferry")
    ann, made = coding.annotate(store, a, target, tags=["transport", " ", "transport"], note="n")
    assert TEXT[ann.start : ann.end] == "the ferry" and ann.tags == ["transport"]
    assert [(t.name, t.quick_key) for t in made] == [("transport", 1)]
    with pytest.raises(coding.CodingError, match="does not occur"):
        coding.find_passage(TEXT, "the bus")
    with pytest.raises(coding.CodingError, match="occurs 2 times"):
        coding.find_passage(TEXT, "the ")
