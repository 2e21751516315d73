"""Schema versions: a file from the first version upgrades on open, with its data intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlite_utils
from factories import article

from tui_reader.library import migrations
from tui_reader.library.store import Store


def make_v1(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrations.migrate(conn, target=1) == 1
    conn.execute(
        "INSERT INTO articles (id, source, url, title, text, words, content_hash, fetched_at) "
        "VALUES (1, 'https://example.org/a', 'https://example.org/a', 'Old', "
        "'Some old text about a bridge.', 6, 'x', '2024-01-01T00:00:00+00:00')"
    )
    conn.execute(
        'INSERT INTO annotations (id, article_id, start, "end", passage, prefix, suffix, note, '
        "created_at, updated_at) VALUES (7, 1, 5, 8, 'old', 'Some ', ' text', 'a careful note', "
        "'2024-01-01', '2024-01-01')"
    )
    conn.execute("INSERT INTO tags (id, name, created_at) VALUES (3, 'history', '2024-01-01')")
    conn.execute("INSERT INTO annotation_tags VALUES (7, 3)")
    conn.close()


def test_migrations_are_numbered_and_shipped() -> None:
    assert [v for v, _ in migrations.migrations()] == list(
        range(1, migrations.latest_version() + 1)
    )
    assert migrations.schema_dir().name == "db"


def test_upgrade_from_first_version_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    make_v1(path)
    with Store.open(path) as store:
        assert store.schema_version() == migrations.latest_version()
        ann = store.annotation(7)
        assert ann is not None
        assert (ann.passage, ann.note, ann.tags, ann.orphaned) == (
            "old",
            "a careful note",
            ["history"],
            False,
        )
        # Annotation search exists after the upgrade and covers rows made before it.
        assert [s.id for s in store.article_summaries(query="careful")] == [1]
        assert [s.id for s in store.article_summaries(query="bridge")] == [1]
        assert store.quotes(1) == [] and store.stories() == []


def test_opening_twice_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Store.open(path).close()
    with Store.open(path) as store:
        assert store.schema_version() == migrations.latest_version()


def test_statements_keep_triggers_whole() -> None:
    script = migrations.migrations()[0][1]
    statements = migrations._statements(script)
    assert any(
        s.startswith('CREATE TRIGGER "articles_au"') and s.endswith("END;") for s in statements
    )


def test_schema_as_sqlite_utils_sees_it(tmp_path: Path) -> None:
    """The tables, columns and full-text search a user's tools (sqlite-utils, Datasette) find."""
    path = tmp_path / "x.db"
    with Store.open(path) as store:
        store.save_article(article("The swing bridge stayed shut after the barge struck it."))
    db = sqlite_utils.Database(path)
    try:
        tables = set(db.table_names())
        assert {
            "articles",
            "quotes",
            "speakers",
            "speaker_aliases",
            "speaker_corrections",
            "speaker_alias_blocks",
            "stories",
            "story_articles",
            "tags",
            "annotations",
            "annotation_tags",
        } <= tables
        assert db["articles"].detect_fts() == "articles_fts"
        assert db["annotations"].detect_fts() == "annotations_fts"
        assert {"id", "url", "title", "author", "site", "published", "language", "text"} <= set(
            db["articles"].columns_dict
        )
        assert {"passage", "prefix", "suffix", "note", "anchor", "coded_passage"} <= set(
            db["annotations"].columns_dict
        )
        assert {"speaker_id", "speaker_name", "corrected"} <= set(db["quotes"].columns_dict)
        assert db["quotes"].foreign_keys and db["annotations"].foreign_keys
        ranked = list(db["articles"].search("barge", include_rank=True))
        assert [(r["title"], r["text"]) for r in ranked] == [
            ("A title", "The swing bridge stayed shut after the barge struck it.")
        ]
        assert isinstance(ranked[0]["rank"], float)
        assert list(db["articles"].search("ferry")) == []
    finally:
        db.close()


def schema_of(path: Path) -> dict[str, Any]:
    """What sqlite-utils (and so Datasette) sees of a database file's schema."""
    db = sqlite_utils.Database(path)
    try:
        return {
            "tables": {
                name: {
                    "columns": db[name].columns_dict,
                    "indexes": sorted(
                        (i.name, i.unique, i.origin, i.partial, tuple(i.columns))
                        for i in db[name].indexes
                    ),
                    "foreign_keys": sorted(db[name].foreign_keys),
                }
                for name in db.table_names()
            },
            "triggers": sorted((t.name, t.table, " ".join(t.sql.split())) for t in db.triggers),
            "fts": {name: db[name].detect_fts() for name in ("articles", "annotations")},
        }
    finally:
        db.close()


def test_a_file_upgraded_from_the_first_version_has_a_fresh_files_schema(tmp_path: Path) -> None:
    old, fresh = tmp_path / "v1.db", tmp_path / "fresh.db"
    make_v1(old)
    Store.open(old).close()
    Store.open(fresh).close()
    upgraded, made = schema_of(old), schema_of(fresh)
    assert made["fts"] == {"articles": "articles_fts", "annotations": "annotations_fts"}
    assert [name for name, _, _ in made["triggers"]] == [
        *("annotations_ad", "annotations_ai", "annotations_au"),
        *("articles_ad", "articles_ai", "articles_au"),
    ]
    assert set(upgraded["tables"]) == set(made["tables"])
    for name, table in made["tables"].items():
        assert upgraded["tables"][name] == table, name
    assert upgraded["triggers"] == made["triggers"]
    assert upgraded["fts"] == made["fts"]
