"""Versions of an article: an edit keeps the earlier text, says what it did to the quotes, and
the word diff names the changed words; the reader's state (read, position, seen version)."""

from __future__ import annotations

from factories import article

from tui_reader.library.diff import as_word_diff, quote_changes, word_diff, words_changed
from tui_reader.library.quotes import analyse
from tui_reader.library.store import Store

V1 = (
    "The harbour board met on Monday.\n\n"
    '"We will rebuild the pier by spring," said Mara Quist, the board chair.\n\n'
    '"Nobody asked us," said Ole Brun, a fisherman.'
)
V2 = (
    "The harbour board met on Monday evening.\n\n"
    '"We will rebuild the pier by summer," said Mara Quist, the board chair.\n\n'
    "The fishermen were not at the meeting."
)


def save(store: Store, text: str, **meta: str) -> tuple[str, int]:
    return store.save_article(article(text, **meta), analyse(text))


def test_an_edit_keeps_the_earlier_version(store: Store) -> None:
    _, a = save(store, V1)
    assert [(v.version, v.current) for v in store.versions(a)] == [(1, True)]
    status, same = save(store, V2)
    assert (status, same) == ("updated", a)
    versions = store.versions(a)
    assert [(v.version, v.current) for v in versions] == [(1, False), (2, True)]
    assert versions[0].text == V1 and versions[1].text == V2 == store.article(a).text
    assert save(store, V2)[0] == "unchanged" and len(store.versions(a)) == 2
    save(store, V2, title="A new headline")  # a stealth edit of the title alone
    assert [v.title for v in store.versions(a)] == ["A title", "A title", "A new headline"]


def test_what_a_version_did_to_the_quotes(store: Store) -> None:
    _, a = save(store, V1)
    save(store, V2)
    changes = [c.change for c in store.quote_changes(a, 2)]
    kinds = {(c.kind, c.old_text, c.new_text) for c in changes}
    assert (
        "changed",
        "We will rebuild the pier by spring,",
        "We will rebuild the pier by summer,",
    ) in kinds
    assert ("vanished", "Nobody asked us,", None) in kinds
    changed = next(c for c in changes if c.kind == "changed")
    assert V2[changed.start : changed.end] == changed.new_text


def test_word_diff_names_the_changed_words() -> None:
    pieces = word_diff(V1, V2)
    text = as_word_diff(pieces)
    assert "[-spring-]{+summer+}" in text
    assert "Monday{+ evening+}." in text
    assert text.endswith(
        '[-"Nobody asked us," said Ole Brun, a fisherman-]'
        "{+The fishermen were not at the meeting+}."
    )
    assert words_changed(pieces) == (9, 9)  # evening, summer, 7 new; spring, 8 gone
    assert "".join(p.text for p in pieces if p.kind != "added") == V1
    assert "".join(p.text for p in pieces if p.kind != "deleted") == V2


def test_quote_changes_pairs_by_similarity() -> None:
    old = [(0, 10, "one two three four"), (20, 30, "five six seven"), (40, 50, "gone quote")]
    new = [(0, 10, "one two three four"), (20, 30, "five six eight"), (40, 50, "all new here")]
    kinds = sorted((c.kind, c.old_text, c.new_text) for c in quote_changes(old, new))
    assert kinds == [
        ("changed", "five six seven", "five six eight"),
        ("new", None, "all new here"),
        ("vanished", "gone quote", None),
    ]


def test_annotations_record_the_version_they_were_coded_on(store: Store) -> None:
    _, a = save(store, V1)
    first = store.create_annotation(a, 0, 16)
    save(store, V2)
    second = store.create_annotation(a, 0, 16)
    assert (store.annotation(first.id).version, second.version) == (1, 2)


def test_reading_state(store: Store) -> None:
    _, a = save(store, V1)
    (row,) = store.article_summaries()
    assert (row.read, row.changed) == (False, False)
    store.mark_read(a)
    store.save_position(a, 40)
    assert store.position(a) == 40
    store.save_position(a, 10**9)
    assert store.position(a) == len(V1) - 1
    (row,) = store.article_summaries()
    assert (row.read, row.changed) == (True, False)
    save(store, V2)
    (row,) = store.article_summaries()
    assert (row.read, row.changed, row.version) == (True, True, 2)
    store.mark_read(a)
    assert store.article_summaries()[0].changed is False
    store.mark_read(a, read=False)
    assert store.article_summaries()[0].read is False


def test_sorting_and_settings(store: Store) -> None:
    store.save_article(
        article("b " * 50, source="s1", title="Beta", site="Zed", published="2025-01-03")
    )
    store.save_article(
        article("a " * 10, source="s2", title="alpha", site="Ant", published="2025-01-01")
    )
    store.save_article(
        article("c " * 30, source="s3", title="Gamma", site="moth", published="2025-01-02")
    )
    titles = lambda sort: [r.title for r in store.article_summaries(sort=sort)]  # noqa: E731
    assert titles("date") == ["Beta", "Gamma", "alpha"]
    assert titles("title") == ["alpha", "Beta", "Gamma"]
    assert titles("site") == ["alpha", "Gamma", "Beta"]
    assert titles("words") == ["Beta", "Gamma", "alpha"]
    assert store.setting("library.sort", "date") == "date"
    store.set_setting("library.sort", "words")
    store.set_setting("library.sort", "title")
    assert store.setting("library.sort") == "title"


def test_story_management(store: Store) -> None:
    _, a = store.save_article(article("one", source="s1"), story="Bridge")
    _, b = store.save_article(article("two", source="s2"), story="Bridge")
    store.save_article(article("three", source="s3"), story="Other")
    assert store.story_counts() == {"Bridge": (2, 2), "Other": (1, 1)}
    store.mark_read(a)
    assert store.story_counts()["Bridge"] == (2, 1)
    assert store.rename_story("Bridge", "  The   bridge ") == "The bridge"
    assert store.remove_from_story("The bridge", [b, 999]) == 1
    assert store.story_article_ids("The bridge") == [a]
    store.rename_story("Other", "The bridge")  # onto an existing story: merged
    assert sorted(store.story_article_ids("The bridge")) == [a, 3]
    assert store.delete_story("The bridge") == 2
    assert store.stories() == [] and len(store.article_ids()) == 3
