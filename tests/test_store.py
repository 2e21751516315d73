"""The database: articles, stories, tags, annotations, two processes, a real file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from factories import article

from tui_reader.library import migrations
from tui_reader.library.store import Store, StoreError, fts_query

TEXT = (
    "The mayor opened the bridge on Monday.\n\n"
    '"It is a great day for the town," she said.\n\n'
    "Critics said the cost [bold]doubled[/bold] over two years."
)


def test_add_update_unchanged(store: Store) -> None:
    status, first = store.save_article(article(TEXT))
    assert status == "added"
    assert store.save_article(article(TEXT)) == ("unchanged", first)
    status, again = store.save_article(article(TEXT + "\n\nA new paragraph."))
    assert (status, again) == ("updated", first)
    stored = store.article(first)
    assert stored is not None and stored.text.endswith("A new paragraph.")
    assert stored.words == 30
    assert [a.id for a in store.article_summaries()] == [first]


def test_file_is_wal_with_schema_version(store: Store, db_path: Path) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version() == migrations.latest_version()
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()


def test_fts_search_over_articles_and_annotations(store: Store) -> None:
    _, a = store.save_article(article(TEXT))
    _, b = store.save_article(article("Nothing about roads here.", source="https://x.org/b"))
    assert [s.id for s in store.article_summaries(query="bridg")] == [a]  # prefix as you type
    assert [s.id for s in store.article_summaries(query="great day")] == [a]
    store.create_annotation(b, 0, 7, note="remarkable omission")
    assert [s.id for s in store.article_summaries(query="omission")] == [b]
    # What people type is never FTS syntax: quotes, operators and brackets are just words.
    assert store.article_summaries(query='"AND OR ( * -') == []
    assert len(store.article_summaries(query="   ")) == 2
    assert fts_query("a b") == '"a" "b"*'
    # sqlite-utils (and so Datasette) sees the FTS tables in its own convention.
    assert store.db["articles"].detect_fts() == "articles_fts"
    assert store.db["annotations"].detect_fts() == "annotations_fts"


def test_stories(store: Store) -> None:
    _, a = store.save_article(article(TEXT), story="Bridge")
    _, b = store.save_article(article(TEXT, source="https://x.org/b"), story="Bridge")
    store.save_article(article(TEXT, source="https://x.org/c"))
    assert store.stories() == ["Bridge"]
    assert sorted(store.story_article_ids("Bridge")) == [a, b]
    assert {s.id for s in store.article_summaries(story="Bridge")} == {a, b}


def test_annotation_crud_tags_and_undo(store: Store) -> None:
    _, a = store.save_article(article(TEXT))
    start = TEXT.index("It is")
    ann = store.create_annotation(a, start, start + 5, tags=["Praise", "mayor"], note="first")
    assert ann.passage == "It is" and ann.tags == ["mayor", "Praise"]
    assert ann.prefix == TEXT[max(0, start - 32) : start]
    updated = store.update_annotation(ann.id, note="second", add_tags=["praise", "new"])
    assert updated.note == "second" and updated.tags == ["mayor", "new", "Praise"]
    updated = store.update_annotation(ann.id, tags=["only"])
    assert updated.tags == ["only"]
    gone = store.delete_annotation(ann.id)
    assert store.annotation(ann.id) is None
    back = store.restore_annotation(gone)
    assert (back.id, back.note, back.tags, back.created_at) == (
        ann.id,
        "second",
        ["only"],
        ann.created_at,
    )
    with pytest.raises(StoreError):
        store.create_annotation(a, 5, 5)
    with pytest.raises(StoreError):
        store.create_annotation(a, 0, len(TEXT) + 1)
    with pytest.raises(StoreError):
        store.create_annotation(999, 0, 1)


def test_notes_are_cleaned_of_control_sequences(store: Store) -> None:
    _, a = store.save_article(article(TEXT))
    ann = store.create_annotation(a, 0, 3, note="\x1b[31mred\x1b[0m [bold]kept[/bold]\x07")
    assert ann.note == "red [bold]kept[/bold]"


def test_tags_rename_merge_colour_quick_keys(store: Store) -> None:
    _, a = store.save_article(article(TEXT))
    one = store.create_annotation(a, 0, 3, tags=["framing"])
    two = store.create_annotation(a, 4, 9, tags=["frame", "source"])
    store.rename_tag("framing", "Framing device")
    assert store.annotation(one.id).tags == ["Framing device"]
    store.merge_tags("frame", "Framing device")
    assert store.annotation(two.id).tags == ["Framing device", "source"]
    assert store.tag_counts() == {"Framing device": 2, "source": 1}
    store.set_quick_key("source", 1)
    store.set_quick_key("Framing device", 1)  # a key belongs to one tag at a time
    assert store.tag_for_quick_key(1).name == "Framing device"
    assert next(t for t in store.tags() if t.name == "source").quick_key is None
    store.set_tag_colour("source", "#ff8800")
    assert next(t for t in store.tags() if t.name == "source").colour == "#ff8800"
    store.rename_tag("source", "framing DEVICE")  # onto an existing name (any case): merge
    assert [t.name for t in store.tags()] == ["Framing device"]
    with pytest.raises(StoreError):
        store.set_quick_key("Framing device", 10)
    with pytest.raises(StoreError):
        store.rename_tag("nope", "x")


def test_delete_article_takes_its_annotations(store: Store) -> None:
    _, a = store.save_article(article(TEXT))
    store.create_annotation(a, 0, 3)
    store.delete_article(a)
    assert store.article(a) is None and store.annotations() == []


def test_updated_article_reanchors_or_flags_annotations(store: Store) -> None:
    _, a = store.save_article(article(TEXT))
    start = TEXT.index("great day")
    kept = store.create_annotation(a, start, start + 9, tags=["t"], note="n")
    lost = store.create_annotation(a, TEXT.index("Critics"), TEXT.index("Critics") + 7)
    new_text = "Breaking: a preface was added.\n\n" + TEXT.replace("Critics said", "People said")
    store.save_article(article(new_text))
    moved = store.annotation(kept.id)
    assert moved is not None and new_text[moved.start : moved.end] == "great day"
    assert not moved.orphaned and moved.tags == ["t"] and moved.note == "n"
    flagged = store.annotation(lost.id)
    assert flagged is not None and flagged.orphaned and flagged.passage == "Critics"


def test_open_errors_are_plain(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a tui-reader database"):
        Store.open(junk)
    with pytest.raises(StoreError, match="folder"):
        Store.open(tmp_path)


def test_newer_schema_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer"):
        Store.open(db_path)


WRITER = """
import sys
from tui_reader.library.store import Store
s = Store.open(sys.argv[1])
aid = int(sys.argv[2])
for i in range(int(sys.argv[3])):
    s.create_annotation(aid, 0, 3, note=f"{sys.argv[4]} {i}")
s.close()
"""


def test_two_processes_share_one_file(store: Store, db_path: Path) -> None:
    _, a = store.save_article(article(TEXT))
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(a), "150", name])
        for name in ("left", "right")
    ]
    for i in range(50):  # and this process writes at the same time
        store.create_annotation(a, 4, 9, note=f"main {i}")
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    assert len(store.annotations(a)) == 350
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_inner_transaction_is_a_savepoint(store: Store) -> None:
    """A failure inside a nested transaction undoes only its own writes."""
    with store.transaction():
        store.create_tag("kept")
        with pytest.raises(RuntimeError), store.transaction():
            store.create_tag("undone")
            raise RuntimeError("boom")
    assert [t.name for t in store.tags()] == ["kept"]
